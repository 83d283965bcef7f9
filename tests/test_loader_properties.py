"""Property-based tests of the profile loader (hypothesis): any YAML document
either loads into a profile that round-trips through Turtle unchanged, with
every fact it states, or is refused as bad input: never a crash, never a
dropped fact."""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic
from ruamel.yaml import YAML

from checker.engine.engine import engine
from checker.errors import InputError
from checker.profile import fastyaml
from checker.profile import format as schema
from checker.profile import load as profile

SCHEMA = schema.load()
SETTINGS = settings(max_examples=100, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
ODD = st.one_of(st.text(max_size=12), st.integers(-5, 200), st.booleans(), st.none(),
                st.floats(allow_nan=False, allow_infinity=False, width=32),
                st.lists(st.text(max_size=5), max_size=3), st.just("silent"),
                st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))


def fact_value(fact: schema.Fact):
    if fact.scheme is not None:
        one = st.sampled_from(sorted(fact.values))
        good = st.lists(one, min_size=1, max_size=4, unique=True) if fact.multiple else one
    elif fact.datatype.endswith("boolean"):
        good = st.booleans()
    elif fact.datatype.endswith("integer"):
        good = st.integers(0, 120)
    else:
        good = st.one_of(st.integers(0, 100), st.decimals(0, 100, places=1).map(float))
    return st.one_of(good, good, good, st.just("silent"), ODD)


@st.composite
def profiles(draw):
    doc = {"gapcheck": 1, "id": "prop-test", "state": {"code": "QPT", "name": "Test"},
           "fictional": True, "as_of": "2026-01-01"}
    for key in draw(st.lists(st.sampled_from(sorted(SCHEMA.measures)), max_size=6, unique=True)):
        measure = SCHEMA.measures[key]
        if draw(st.integers(0, 9)) == 0:
            doc[key] = "silent"
            continue
        facts = draw(st.lists(st.sampled_from(sorted(measure.facts)), min_size=1, max_size=5,
                              unique=True))
        body = {f: draw(fact_value(measure.facts[f])) for f in facts}
        if draw(st.integers(0, 14)) == 0:  # now and then a misspelt key
            body[facts[0] + "x"] = True
        doc[key] = body
    if draw(st.integers(0, 9)) == 0:
        doc[draw(st.text(min_size=1, max_size=8))] = draw(ODD)
    return doc


def dump(doc: dict) -> str:
    out = io.StringIO()
    YAML(typ="safe").dump(doc, out)
    return out.getvalue()


def stated_facts(doc: dict) -> set[tuple[str, str]]:
    out = set()
    for key, body in doc.items():
        if key not in SCHEMA.measures:
            continue
        facts = SCHEMA.measures[key].facts
        out |= {(key, f) for f in (facts if body == "silent" else body)}
    return out


@SETTINGS
@given(doc=profiles())
def test_a_profile_loads_whole_or_is_refused(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("p") / "prop-test.yaml"
    path.write_text(dump(doc), encoding="utf-8")
    try:
        prof = profile.load(path)
    except InputError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)
        return
    # never a dropped fact: each stated fact is in the graph
    g = prof.graph
    for measure_key, fact_key in stated_facts(doc):
        measure = SCHEMA.measures[measure_key]
        node = g.value(prof.iri, measure.prop)
        assert node is not None and g.value(node, measure.facts[fact_key].prop) is not None, (
            f"{measure_key}.{fact_key} was dropped")
    # round trip through Turtle: the same graph, and well-formed as RDF too
    ttl = path.with_suffix(".ttl")
    ttl.write_text(g.serialize(format="turtle"), encoding="utf-8")
    again = profile.load(ttl)
    assert isomorphic(g, again.graph)
    engine().check_wellformed(again)


@SETTINGS
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_is_a_profile_or_bad_input(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("t") / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        profile.load(path)
    except InputError as exc:
        assert exc.problems


@SETTINGS
@given(doc=profiles())
def test_the_fast_reader_reads_what_the_full_reader_reads(doc):
    text = dump(doc)
    fast = fastyaml.load(text)
    if fast is not None:
        assert fast == YAML(typ="safe").load(text)


@SETTINGS
@given(scalar=st.one_of(st.from_regex(r"[-+]?[0-9_]{1,6}(\.[0-9]{0,3})?([eE][-+]?[0-9]{1,2})?",
                                      fullmatch=True),
                        st.sampled_from(["yes", "no", "on", "off", "y", "n", "True", "FALSE",
                                         "~", "null", "1:30", "0o17", "0x1f", "2026-02-30",
                                         "2026-01-01", ".inf", ".nan", "017"])))
def test_scalars_read_the_same_in_both_readers(scalar):
    text = f"a: {scalar}\n"
    fast = fastyaml.load(text)
    try:
        full = YAML(typ="safe").load(text)
    except Exception:  # the full reader refuses it: the loader reports it from there
        return
    if fast is not None:
        if isinstance(full["a"], float) and full["a"] != full["a"]:
            assert fast["a"] != fast["a"]  # nan
        else:
            assert fast == full, (scalar, fast, full)
