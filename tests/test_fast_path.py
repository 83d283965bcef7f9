"""The fast path (the C YAML reader, shapes prepared once, results read as
records, worker processes, whichever engine is chosen) gives exactly the findings of the obvious path
(the line-keeping YAML reader, pyshacl.validate per profile with the ontology
mixed in and RDFS inference)."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from pyshacl import validate

from checker.engine import results as resmod
from checker.engine.engine import engine
from checker.kb import base as kb
from checker.profile import format as schema
from checker.profile.model import Profile
from checker.profile.yaml_reader import YamlReader
from checker.profile.yaml_syntax import read_yaml
from checker.reports import collection


def slow_report(path: Path):
    reader = YamlReader(path, schema.load())
    node, ident, kind, amends = reader.read(read_yaml(path, path.read_text()))
    prof = Profile(path, node, ident, kind, reader.graph, amends, reader.lines)
    eng = engine()
    _conforms, results, _text = validate(prof.graph, shacl_graph=eng.catalogue.shapes_graph,
                                         ont_graph=kb.load().graph, inference="rdfs",
                                         allow_infos=True, allow_warnings=True)
    return eng.findings(prof, resmod.from_report(results))


def summary(report):
    return [(f.ident, f.status, f.severity, f.messages, f.facts) for f in report.findings]


def test_fast_and_obvious_paths_agree_on_every_example():
    fast = collection.load([ROOT / "profiles"], workers=2)
    frameworks = sorted((ROOT / "profiles").glob("q??-2026.yaml"))
    assert len(frameworks) == len(fast.reports) >= 8
    for path in frameworks:
        slow = slow_report(path)
        assert summary(fast.reports[slow.profile.ident]) == summary(slow), path.name
