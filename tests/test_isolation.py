"""One profile, one result: a set of profiles gives exactly the findings each
profile gets alone — in one process or in workers, whatever the size of the
tasks handed to a worker, with reports in memory or spooled to disk — even
when some profiles state triples about another profile's nodes."""

from __future__ import annotations

import gc
import json
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from rdflib import RDF, Literal, URIRef
from ruamel.yaml import YAML

from checker import api
from checker.engine.engine import engine
from checker.errors import InputError
from checker.profile import format as schemamod
from checker.profile import load as profmod
from checker.profile.model import Profile
from checker.reports import collection

sys.path.insert(0, str(ROOT / "bench"))
from generate import as_jsonld  # noqa: E402

VICTIMS = ["qaa-2026.yaml", "qba-2026.yaml", "qca-2026.yaml", "qda-2026.yaml"]


def summary(report) -> list[tuple]:
    return [(f.ident, f.status, f.severity, f.failing_shapes, f.messages, f.facts, f.party_to)
            for f in report.findings]


def flipped(value: object) -> object:
    return (not value) if isinstance(value, bool) else value


def hostile_graph(victim: Profile, own: Profile, ill_typed: bool = False):
    """`own`'s graph plus everything the victim states (its booleans flipped, and an
    ill-typed number if asked), except the victim's type: one profile node speaking
    for another."""
    from rdflib.namespace import XSD  # not a module global: pytest would probe its attributes

    graph = own.graph
    for s, p, o in victim.graph:
        if s == victim.iri and p == RDF.type:
            continue
        if isinstance(o, Literal) and o.datatype == XSD.boolean:
            o = Literal(flipped(o.toPython()))
        graph.add((s, p, o))
    if ill_typed:
        schema = schemamod.load()
        days = schema.measures["reflection_period"].facts["days"].prop
        for measure in schema.measures.values():
            for node in victim.graph.objects(victim.iri, measure.prop):
                graph.add((node, days, Literal("many", datatype=XSD.integer)))
    return graph


def hostile_jsonld(victim_yaml: Path, own: str, code: str) -> dict:
    """A JSON-LD profile of its own state whose measures are the victim's nodes (by
    their ids), with the victim's booleans flipped."""
    data = YAML(typ="safe").load(victim_yaml.read_text(encoding="utf-8"))
    victim = data["id"]
    data.update(id=own, state={"code": code, "name": "Intruder"}, title="Intruder")
    doc = as_jsonld(data)
    for key, value in doc.items():
        if isinstance(value, dict) and str(value.get("id", "")).startswith(f"{own}/"):
            value["id"] = f"{victim}/{key}"
            for fact, v in value.items():
                value[fact] = flipped(v)
    return doc


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[Path]]:
    """The victims as YAML, and two profiles that speak for them (Turtle, JSON-LD)."""
    out = tmp_path_factory.mktemp("set")
    victims = [Path(shutil.copy(ROOT / "profiles" / name, out / name)) for name in VICTIMS]
    shutil.copytree(ROOT / "profiles" / "akn", out / "akn")
    own = profmod.load(ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml")
    ttl = out / "intruder-ttl.ttl"
    ttl.write_text(hostile_graph(profmod.load(victims[0]), own).serialize(format="turtle"),
                   encoding="utf-8")
    jsonld = out / "intruder-jsonld.jsonld"
    jsonld.write_text(json.dumps(hostile_jsonld(victims[1], "intruder-jsonld", "XZZ"), default=str),
                      encoding="utf-8")
    return out, victims, [ttl, jsonld]


@pytest.fixture(scope="module")
def alone(folder: tuple[Path, list[Path], list[Path]]) -> dict[str, list[tuple]]:
    _out, victims, _hostile = folder
    return {r.profile.ident: summary(r) for r in (api.check(p) for p in victims)}


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("task_size", [1, 2, 3, 100])
def test_a_set_gives_what_each_profile_gets_alone(folder, alone, workers: int, task_size: int,
                                                   monkeypatch: pytest.MonkeyPatch):
    _out, victims, hostile = folder
    monkeypatch.setattr(collection, "TASK_SIZE", task_size)
    files = sorted(victims + hostile)
    try:
        coll = collection.load(files, workers=workers)
    except InputError as exc:  # the readers may refuse a profile that speaks for another
        assert {p.file for p in exc.problems} <= {str(h) for h in hostile}, exc
        coll = collection.load(sorted(victims), workers=workers)
    else:
        assert set(coll.reports) == set(alone) | {"qxa-2026", "intruder-jsonld"}
    for ident, expected in alone.items():
        assert summary(coll.reports[ident]) == expected, ident
        assert coll.summary(ident).statuses == tuple(f[1] for f in expected)


def test_the_engine_never_lets_one_profile_reach_another():
    """Below the readers: profiles handed to the engine as graphs, one of them stating
    (and mis-typing) the facts of another; each is still checked on its own."""
    eng = engine()
    victims = [profmod.load(ROOT / "profiles" / name) for name in VICTIMS]
    own = profmod.load(ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml")
    intruder = Profile(None, own.iri, own.ident, "framework",
                       hostile_graph(victims[0], own, ill_typed=True), checked=True)
    expected = [summary(eng.check(v)) for v in victims]
    for order in (victims + [intruder], [intruder] + victims, victims[::-1] + [intruder]):
        got = {r.profile.ident: summary(r) for r in eng.check_many(order)}
        assert [got[v.ident] for v in victims] == expected


def test_spooled_reports_are_the_same_and_cleaned_up(folder, alone, monkeypatch: pytest.MonkeyPatch):
    _out, victims, _hostile = folder
    monkeypatch.setattr(collection, "SPOOL_FROM", 0)
    coll = collection.load(sorted(victims), workers=2)
    spools = {e.path.parent for e in coll.reports._entries.values()}
    assert len(spools) == 1 and next(iter(spools)).is_dir()
    for ident, expected in alone.items():
        assert summary(coll.reports[ident]) == expected
    del coll
    gc.collect()
    assert not next(iter(spools)).exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_checking_bills_never_unpickles_a_baseline_in_the_parent(workers: int,
                                                                  monkeypatch: pytest.MonkeyPatch):
    """A bill's baseline goes to the bill's worker as it is stored (a spool place):
    asking whether the framework is in the set must not read and keep its report,
    which held every baseline in the parent and sent each whole to a worker."""
    monkeypatch.setattr(collection, "SPOOL_FROM", 0)
    names = ["qaa-2026.yaml", "qaa-bill-labour-2026.yaml", "qba-2026.yaml",
             "qba-bill-border-2026.yaml"]
    coll = collection.load([ROOT / "profiles" / n for n in names], workers=workers)
    assert len(coll.bills) == 2
    stored = coll.reports._entries
    assert set(stored) == {"qaa-2026", "qba-2026"}
    assert all(type(e).__name__ == "_Spooled" for e in stored.values()), stored
    assert "qaa-2026" in coll.reports and "nobody" not in coll.reports
    assert all(type(e).__name__ == "_Spooled" for e in stored.values()), "`in` read a report"
    for bill in coll.bills.values():  # and the bills were compared with those baselines
        assert bill.baseline.profile.ident in stored


def test_findings_travel_with_their_requirement_by_id():
    eng = engine()
    report = eng.check(profmod.load(ROOT / "profiles" / "qba-2026.yaml"))
    data = pickle.dumps(report)
    for req in eng.catalogue.requirements.values():
        assert req.statement.encode() not in data, "a requirement was copied by value"
    again, twice = pickle.loads(data), pickle.loads(data)
    # the receiver's own catalogue objects, shared by every report it unpickles
    assert all(a.requirement is b.requirement for a, b in zip(again.findings, twice.findings,
                                                              strict=True))
    assert summary(again) == summary(report)


def test_a_requirement_not_in_the_catalogue_still_pickles():
    """A finding made by hand (not from a registered catalogue) travels by value."""
    eng = engine()
    report = eng.check(profmod.load(ROOT / "profiles" / "qba-2026.yaml"))
    finding = report.findings[0]
    req = finding.requirement
    moved = type(req)(**{**req.__dict__, "iri": URIRef(str(req.iri) + "-copy")})
    by_hand = type(finding)(**{**finding.__dict__, "requirement": moved})
    assert pickle.loads(pickle.dumps(by_hand)).requirement == moved
