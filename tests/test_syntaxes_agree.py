"""YAML, Turtle and JSON-LD accept and refuse exactly the same profiles, and give
the same graph and the same findings when they accept (hypothesis). Every
profile tree drawn here, valid or not, is written in the three syntaxes; the
three loads must agree.

What RDF cannot say is left out of the draws, by design: a list with an item
twice, an empty list, a one-item list where one value is due (RDF has sets of
values, not lists). The YAML and JSON-LD readers refuse those; the corpus holds
them."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from ruamel.yaml import YAML

from checker.engine.engine import engine
from checker.errors import InputError
from checker.kb.namespaces import GCC, GCP, INST, PROFILE
from checker.profile import format as schemamod
from checker.profile import load as profile
from checker.profile.context import CONTEXT_URL
from checker.profile.format import Key

SCHEMA = schemamod.load()
# open namespaces, for the terms a bad profile invents (the project's own are closed)
ANY_GCP = Namespace(str(GCP._NS))
ANY_GCC = Namespace(str(GCC._NS))
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
QV = SCHEMA.records[GCP.QualifiedValue]
ODD = st.one_of(st.text(alphabet="abc -", min_size=1, max_size=6), st.integers(-5, 200), st.booleans(),
                st.floats(allow_nan=False, allow_infinity=False, min_value=-1e25, max_value=1e25),
                st.just("silent"), st.just(1e23), st.just(30.5), st.just(-1),
                st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)))


def good(key: Key):
    if key.scheme is not None:
        return st.sampled_from(sorted(key.values))
    if key.datatype == XSD.boolean:
        return st.booleans()
    if key.datatype == XSD.integer:
        return st.integers(0, 120)
    if key.datatype == XSD.decimal:
        return st.one_of(st.integers(0, 100), st.decimals(0, 100, places=1).map(float))
    if key.datatype == XSD.date:
        return st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1))
    return st.text(alphabet="abcdef ", min_size=1, max_size=8).filter(str.strip)


@st.composite
def qualified(draw, fact: Key):
    out: dict = {}
    if draw(st.integers(0, 5)):
        out["value"] = draw(st.one_of(good(fact), good(fact), ODD, st.just("not-applicable")))
    if out.get("value") == "not-applicable" and draw(st.booleans()):
        out["reason"] = "the state is a country of origin"
        return out
    choice = draw(st.integers(0, 7))
    if choice == 0:
        out["scope"] = {"who": [draw(st.sampled_from(sorted(SCHEMA.records[GCP.Scope]["who"].values)))]}
    elif choice == 1:
        out["scope"] = {"threshold": {"min": draw(st.integers(0, 50)), "unit": "workers"}}
    elif choice == 2:
        out["coverage"] = draw(st.sampled_from([*QV["coverage"].values, "nearly"]))
    elif choice == 3:
        out["modality"] = draw(st.sampled_from(sorted(QV["modality"].values)))
    elif choice == 4:
        out["conditions"] = [draw(st.sampled_from(sorted(QV["conditions"].values)))]
    elif choice == 5:
        out["contrary"] = [{"kind": draw(st.sampled_from(["punishes", "detains", "pays"])),
                            "summary": "the law punishes it"}]
    elif choice == 6:
        out["notes"] = draw(st.one_of(st.just("a note"), st.integers(0, 3)))
    return out


@st.composite
def fact_value(draw, fact: Key):
    kind = draw(st.integers(0, 9))
    if kind <= 4:
        if fact.multiple:
            return draw(st.lists(good(fact), min_size=1, max_size=3, unique=True))
        return draw(good(fact))
    if kind == 5:
        return "silent"
    if kind == 6:
        return draw(ODD) if not fact.multiple else draw(st.lists(st.text(alphabet="xyz", min_size=1,
                                                                      max_size=3), min_size=1,
                                                             max_size=2, unique=True))
    if fact.multiple:
        items = draw(st.lists(good(fact), min_size=1, max_size=3, unique=True))
        return [dict(draw(qualified(fact)), value=items[0])] + items[1:]
    return draw(qualified(fact))


@st.composite
def trees(draw):
    doc = {"gapcheck": 2, "id": "qsy-2026", "kind": "framework",
           "state": {"code": "QSY", "name": "Test"}, "fictional": True, "as_of": "2026-01-01"}
    if draw(st.integers(0, 4)) == 0:
        doc["corpus"] = {"name": "three acts"}
    if draw(st.integers(0, 3)) == 0:
        doc["ratifications"] = [{"instrument": draw(st.sampled_from(["palermo", "cets197", "palermo2"])),
                                 "assumed": draw(st.booleans())}]
    for key in draw(st.lists(st.sampled_from(sorted(SCHEMA.measures)), min_size=1, max_size=4, unique=True)):
        measure = SCHEMA.measures[key]
        if draw(st.integers(0, 12)) == 0:
            doc[key] = {"not_applicable": "not for this kind of framework"}
            continue
        facts = draw(st.lists(st.sampled_from(sorted(measure.facts)), min_size=1, max_size=3, unique=True))
        doc[key] = {f: draw(fact_value(measure.facts[f])) for f in facts}
        if draw(st.integers(0, 15)) == 0:
            doc[key][facts[0] + "x"] = True
    return doc


# --- the three syntaxes -------------------------------------------------------------------------


def as_yaml(tree: dict) -> str:
    out = io.StringIO()
    YAML(typ="safe").dump({k: v for k, v in tree.items() if k != "kind"}, out)
    return out.getvalue()


def as_jsonld(tree: dict) -> str:
    return json.dumps({"@context": CONTEXT_URL, **tree}, default=str)


class TurtleWriter:
    """The tree as Turtle, key by key through the format (test code: it writes bad
    values as the nearest RDF term, so that the Turtle reader has to refuse them)."""

    def __init__(self, tree: dict):
        self.g = Graph()
        self.root = URIRef(PROFILE + tree["id"])
        self.g.add((self.root, RDF.type, GCP.Framework))
        self.record(self.root, {k: v for k, v in tree.items() if k not in ("id", "kind")},
                    SCHEMA.records[GCP.Profile], None)

    def literal(self, value, key: Key):
        if value == "silent":
            return GCP.silent
        if value == "not-applicable":
            return GCP.notApplicable
        if key.scheme is not None and isinstance(value, str):
            return key.values.get(value) or ANY_GCC["unknown-" + quote(value, safe="")]
        if isinstance(value, bool):
            return Literal(value)
        if isinstance(value, int):
            return Literal(value)
        if isinstance(value, float):
            return Literal(Decimal(str(value)), datatype=XSD.decimal) if abs(value) < 1e15 else Literal(value)
        if isinstance(value, dt.date):
            return Literal(value)
        if key.datatype == XSD.date and isinstance(value, str):
            return Literal(value, datatype=XSD.date)
        return Literal(value)

    def record(self, node, mapping: dict, keys: dict[str, Key], measure) -> None:
        for k, value in mapping.items():
            key = keys.get(k)
            if key is None or key.prop is None:  # an unknown key: a property the format lacks
                self.g.add((node, ANY_GCP[k.replace("_", "")], self.literal(value, Key(k, None, "", ""))))
                continue
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                self.item(node, k, key, item, i, measure)

    def item(self, node, k: str, key: Key, item, i: int, measure) -> None:
        if key.prop in SCHEMA.measure_by_prop:
            m = SCHEMA.measure_by_prop[key.prop]
            child = URIRef(f"{node}/{k}")
            self.g.add((node, key.prop, child))
            self.record(child, item, {**m.facts, **SCHEMA.records[GCP.Measure]}, m)
        elif measure is not None and k in measure.facts and isinstance(item, dict):
            q = URIRef(f"{node}/{k}/{i}")
            self.g.add((node, key.prop, q))
            for qk, qv in item.items():
                if qk == "value":
                    self.g.add((q, GCP.value, self.literal(qv, key)))
                else:
                    qkey = QV.get(qk)
                    if qkey is None:
                        self.g.add((q, ANY_GCP[qk], Literal(str(qv))))
                    else:
                        for j, sub in enumerate(qv if isinstance(qv, list) else [qv]):
                            self.item(q, qk, qkey, sub, j, None)
        elif key.record is not None and isinstance(item, dict):
            child = URIRef(f"{node}/{k}/{i}")
            self.g.add((node, key.prop, child))
            self.record(child, item, SCHEMA.records[key.record], None)
        elif key.reference is not None:
            target = (URIRef(INST + item) if key.prop == GCP.instrument
                      else URIRef(PROFILE + str(item)))
            self.g.add((node, key.prop, target))
        else:
            self.g.add((node, key.prop, self.literal(item, key)))

    def text(self) -> str:
        return self.g.serialize(format="turtle")


def outcome(path: Path):
    try:
        prof = profile.load(path)
    except InputError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)
        return None
    report = engine().check(prof)
    return prof.graph, [(f.ident, f.status, f.severity, f.explanations) for f in report.findings]


@SETTINGS
@given(tree=trees())
def test_yaml_turtle_and_jsonld_accept_and_refuse_the_same(tmp_path_factory, tree):
    folder = tmp_path_factory.mktemp("s")
    results = {}
    for suffix, text in ((".yaml", as_yaml(tree)), (".jsonld", as_jsonld(tree)),
                         (".ttl", TurtleWriter(tree).text())):
        path = folder / f"qsy-2026{suffix}"
        path.write_text(text, encoding="utf-8")
        results[suffix] = outcome(path)
    accepted = {s: r is not None for s, r in results.items()}
    assert len(set(accepted.values())) == 1, (accepted, tree)
    if results[".yaml"] is not None:
        graph, findings = results[".yaml"]
        for suffix in (".jsonld", ".ttl"):
            assert isomorphic(graph, results[suffix][0]), (suffix, tree)
            assert findings == results[suffix][1], (suffix, tree)


@SETTINGS
@given(tree=trees())
def test_a_loaded_profile_round_trips_through_every_syntax(tmp_path_factory, tree):
    """Whatever loads comes back whole from the writers: never a dropped fact."""
    from checker.profile import writers

    folder = tmp_path_factory.mktemp("r")
    path = folder / "qsy-2026.yaml"
    path.write_text(as_yaml(tree), encoding="utf-8")
    try:
        prof = profile.load(path)
    except InputError:
        return
    for suffix, write in ((".ttl", writers.to_turtle), (".jsonld", writers.to_jsonld),
                          (".yml", writers.to_yaml)):
        again = folder / f"again{suffix}"
        again.write_text(write(prof), encoding="utf-8")
        assert isomorphic(prof.graph, profile.load(again).graph), suffix


def test_a_json_ld_processor_reads_the_same_graph_with_the_published_context(tmp_path):
    """The context is generated from the same definition as the reader: rdflib's
    JSON-LD processor, given the context, makes the graph the reader makes (the
    string "silent" of a true/false fact aside, which the reader reads as silence)."""
    from checker.profile import context, writers

    text = (as_yaml({"gapcheck": 2, "id": "qsy-2026", "state": {"code": "QSY"}, "as_of": "2026-01-01",
                     "documents": [{"id": "act", "title": "Act"}],
                     "ratifications": [{"instrument": "palermo", "assumed": True}],
                     "corpus": {"name": "one act"},
                     "trafficking_offence": {
                         "exists": {"value": True, "scope": {"who": ["children"],
                                                             "threshold": {"min": 20, "unit": "workers"}}},
                         "acts": ["recruitment", {"value": "transfer", "coverage": "implicit"}],
                         "max_penalty_years": {"value": 7.5, "minimum": 3,
                                               "conditions": ["fine-only-alternative"]},
                         "evidence": [{"document": "act", "section": "s. 3", "role": "pointer",
                                       "about": ["exists"]}]},
                     "non_punishment": {"immigration_offences": {
                         "value": "silent",
                         "contrary": [{"kind": "punishes", "who": ["foreign-nationals"],
                                       "summary": "overstay is punished",
                                       "evidence": [{"document": "act", "section": "s. 14"}]}]}},
                     "residence_permit": {"not_applicable": "an origin state"}}))
    path = tmp_path / "qsy-2026.yaml"
    path.write_text(text, encoding="utf-8")
    prof = profile.load(path)
    doc = json.loads(writers.to_jsonld(prof))
    doc["@context"] = context.build(SCHEMA)["@context"]
    graph = Graph().parse(data=json.dumps(doc), format="json-ld")
    for s, p, o in list(graph):
        if o == Literal("silent"):
            graph.remove((s, p, o))
            graph.add((s, p, GCP.silent))
    assert isomorphic(graph, prof.graph)
