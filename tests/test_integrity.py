"""Integrity of input (issue 11): nothing a profile says is fetched or read from
elsewhere, nothing outside a profile's own root gets into its graph, and a
profile gets the same findings alone and in any batch."""

from __future__ import annotations

import builtins
import io
import json
import os
import shutil
import socket
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

from checker.engine.engine import engine
from checker.errors import InputError
from checker.kb import base
from checker.profile import load as profile
from checker.profile import writers

HOSTILE = {
    "import.jsonld": {"@context": {"@import": "http://127.0.0.1:9/ctx.jsonld"}, "id": "qaa-h"},
    "remote.jsonld": {"@context": "http://127.0.0.1:9/ctx.jsonld", "id": "qaa-h"},
    "file.jsonld": {"@context": "file:///etc/passwd", "id": "qaa-h"},
    "list.jsonld": {"@context": ["https://w3id.org/gapcheck/context/profile.jsonld",
                                 "http://127.0.0.1:9/x.jsonld"], "id": "qaa-h"},
    "nested.jsonld": {"@context": "https://w3id.org/gapcheck/context/profile.jsonld", "id": "qaa-h",
                      "kind": "framework", "institutions": {"@context": "http://127.0.0.1:9/y"}},
}
TURTLE = {
    "imports.ttl": ("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                    "<https://w3id.org/gapcheck/profile/qaa-h> a "
                    "<https://w3id.org/gapcheck/ontology/profile#Framework> ;\n"
                    "    owl:imports <http://127.0.0.1:9/evil.ttl> .\n"),
    "base.ttl": ("@base <http://127.0.0.1:9/> .\n<qaa-h> a "
                 "<https://w3id.org/gapcheck/ontology/profile#Framework> .\n"),
    "relative.ttl": ("<https://w3id.org/gapcheck/profile/qaa-h> a "
                     "<https://w3id.org/gapcheck/ontology/profile#Framework> ;\n"
                     "    <https://w3id.org/gapcheck/ontology/profile#document> <../../etc/passwd> .\n"),
}


def test_no_profile_makes_gapcheck_open_a_connection_or_another_file(tmp_path, monkeypatch):
    base.load()  # the knowledge base is read before, as every command does
    engine()
    paths: list[Path] = []
    for name, doc in HOSTILE.items():
        (tmp_path / name).write_text(json.dumps(doc), encoding="utf-8")
        paths.append(tmp_path / name)
    for name, text in TURTLE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def no_network(*_a, **_k):
        raise AssertionError("a profile made gapcheck open a network connection")

    def watch_open(file, *a, **k):
        opened.append(str(file))
        return real_open(file, *a, **k)

    def watch_os_open(file, *a, **k):
        opened.append(str(file))
        return real_os_open(file, *a, **k)

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(builtins, "open", watch_open)
    monkeypatch.setattr(io, "open", watch_open)
    monkeypatch.setattr(os, "open", watch_os_open)
    for path in paths:
        opened.clear()
        with pytest.raises(InputError):
            profile.load(path)
        assert {Path(p).resolve() for p in opened} <= {path.resolve()}, (path.name, opened)


def _profiles(tmp_path: Path) -> list:
    """Frameworks of several states, some with qualifiers, two of the same state."""
    out = [profile.load(p) for p in sorted((ROOT / "profiles").glob("q??-2026.yaml"))]
    twin = tmp_path / "qaa-twin.yaml"
    text = (ROOT / "profiles" / "qaa-2026.yaml").read_text(encoding="utf-8")
    twin.write_text(text.replace("id: qaa-2026", "id: qaa-twin")
                    .replace("  licensing: true", "  licensing:\n    value: true\n"
                             "    scope: {threshold: {min: 20, unit: workers}}"), encoding="utf-8")
    out.append(profile.load(twin))
    return out


def _summary(report) -> list:
    return [(f.ident, f.status, f.severity, f.messages, f.explanations) for f in report.findings]


def test_a_batch_gives_each_profile_exactly_the_findings_it_gets_alone(tmp_path):
    profiles = _profiles(tmp_path)
    eng = engine()
    alone = {p.ident: _summary(eng.check(p)) for p in profiles}
    for size in range(2, len(profiles) + 1):  # every profile is validated on its own graph
        for report in eng.check_many(profiles[:size]):
            assert _summary(report) == alone[report.profile.ident], (size, report.profile.ident)


def test_a_profile_graph_holds_only_its_own_nodes(tmp_path):
    for prof in _profiles(tmp_path):
        own = f"{prof.iri}/"
        for s in set(prof.graph.subjects()):
            assert s == prof.iri or str(s).startswith(own), (prof.ident, s)


def test_turtle_output_re_emits_only_the_profile(tmp_path):
    """A Turtle profile that tried to state something about the knowledge base is refused,
    and a valid one comes back out holding only its own nodes."""
    prof = profile.load(ROOT / "profiles" / "qba-2026.yaml")
    folder = tmp_path / "p"
    shutil.copytree(ROOT / "profiles", folder)
    path = folder / "qba-2026.ttl"
    (folder / "qba-2026.yaml").unlink()
    path.write_text(writers.to_turtle(prof) + "<https://w3id.org/gapcheck/requirement/PRO-03> "
                    "<http://www.w3.org/2000/01/rdf-schema#label> \"met\" .\n", encoding="utf-8")
    with pytest.raises(InputError, match="knowledge-base term"):
        profile.load(path)
