"""YAML, Turtle and JSON-LD are the same data: YAML maps to RDF through the one
published JSON-LD context, and the generated files are current."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import ROOT
from rdflib.compare import isomorphic
from ruamel.yaml import YAML

from checker import api
from checker.profile import context
from checker.profile import load as profile
from checker.site import format_reference

sys.path.insert(0, str(ROOT / "bench"))
from generate import as_jsonld  # noqa: E402 - the generated benchmark profiles use it too

QXA = ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml"


def test_yaml_and_jsonld_give_the_same_graph(tmp_path: Path):
    data = YAML(typ="safe").load(QXA.read_text())
    path = tmp_path / "qxa-2026.jsonld"
    path.write_text(json.dumps(as_jsonld(data), indent=1))
    a, b = profile.load(QXA).graph, profile.load(path).graph
    assert len(a) > 50
    assert isomorphic(a, b)


def test_silent_is_the_same_in_yaml_and_jsonld(tmp_path: Path):
    y = tmp_path / "s.yaml"
    y.write_text("id: s\nstate: {code: QAA}\nas_of: 2026-01-01\ninstitutions: {ngo_cooperation: silent}\n")
    j = tmp_path / "s.jsonld"
    j.write_text(json.dumps({"@context": context.CONTEXT_URL, "id": "s", "kind": "framework",
                             "state": {"id": "QAA", "code": "QAA"}, "as_of": "2026-01-01",
                             "institutions": {"id": "s/institutions", "ngo_cooperation": "silent"}}))
    assert isomorphic(profile.load(y).graph, profile.load(j).graph)


def test_turtle_round_trip_gives_the_same_findings(tmp_path: Path):
    prof = profile.load(QXA)
    path = tmp_path / "qxa-2026.ttl"
    path.write_text(prof.graph.serialize(format="turtle"))
    again = profile.load(path)
    assert isomorphic(prof.graph, again.graph)
    a, b = api.check(QXA), api.check(path)
    assert [(f.ident, f.status, f.severity) for f in a.findings] == [
        (f.ident, f.status, f.severity) for f in b.findings]


def test_published_context_is_current():
    published = (ROOT / "ontology" / "profile-context.jsonld").read_text()
    assert published == context.text(), (
        "ontology/profile-context.jsonld is stale: run `make generated`")


def test_profile_format_reference_lists_every_key():
    """The page is written at publish time from the format: every measure and fact is on it."""
    from checker.profile import format as schemamod

    page = format_reference.render()
    for key, measure in schemamod.load().measures.items():
        assert f"### `{key}`" in page
        for fkey in measure.facts:
            assert f"| `{fkey}` |" in page, f"{key}.{fkey}"


def test_every_fact_of_the_ontology_is_read_by_a_requirement():
    from checker.kb import requirements as reqmod
    from checker.profile import format as schemamod

    read = {fp.fact_prop for paths in reqmod.load().fact_paths.values() for fp in paths}
    unread = [f"{m.key}.{f.key}" for m in schemamod.load().measures.values()
              for f in m.facts.values() if f.prop not in read]
    assert unread == []
