"""The scan patterns (checker/akn/patterns.yaml): every example behaves as
labelled, every pattern points at a real requirement and a loadable profile
fragment, and scanning the fictional acts flags exactly the passages it should."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from checker.akn import reader, scan
from checker.errors import InputError
from checker.kb import requirements
from checker.profile import load as profile

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "akn"
PATTERNS = scan.patterns(scan.PATTERNS)
KEYS = {"id", "requirement", "description", "confidence", "all", "none", "number",
        "number_below", "fragment", "examples"}


def _examples(kind: str) -> list:
    return [pytest.param(p, text, id=f"{p.ident}-{i}")
            for p in PATTERNS for i, text in enumerate(getattr(p, kind))]


@pytest.mark.parametrize(("pattern", "text"), _examples("match"))
def test_match_examples_match(pattern: scan.Pattern, text: str) -> None:
    assert pattern.matches(text) is not None, f"{pattern.ident} should flag: {text}"


@pytest.mark.parametrize(("pattern", "text"), _examples("no_match"))
def test_no_match_examples_do_not_match(pattern: scan.Pattern, text: str) -> None:
    assert pattern.matches(text) is None, f"{pattern.ident} should not flag: {text}"


def test_patterns_are_well_formed() -> None:
    raw = YAML(typ="safe").load(scan.PATTERNS.read_text(encoding="utf-8"))
    ids = [p["id"] for p in raw]
    assert len(ids) == len(set(ids)), "pattern ids must be unique"
    for p in raw:
        # scan.py ignores unknown keys: a misspelt `none` would silently drop the exclusions
        assert set(p) <= KEYS, f"{p['id']}: unknown keys {sorted(set(p) - KEYS)}"
        assert set(p.get("examples", {})) <= {"match", "no_match"}, p["id"]
    for p in PATTERNS:
        assert p.all, f"{p.ident}: a pattern needs at least one regex in `all`"
        assert p.confidence in scan.CONFIDENCE, p.ident
        assert len(p.match) >= 3 and len(p.no_match) >= 3, f"{p.ident}: at least 3 examples each"
        assert p.fragment, f"{p.ident}: a pattern must suggest a profile fragment"
        if p.number is not None:
            assert p.number_below is not None and p.number.groups == 1, p.ident


@pytest.fixture(scope="module")
def catalogue() -> requirements.Catalogue:
    return requirements.load()


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.ident for p in PATTERNS])
def test_requirement_exists(pattern: scan.Pattern, catalogue: requirements.Catalogue) -> None:
    assert pattern.requirement in catalogue.requirements


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.ident for p in PATTERNS])
def test_fragment_is_a_valid_profile(pattern: scan.Pattern, tmp_path: Path) -> None:
    data = {"gapcheck": 1, "id": "t", "state": {"code": "QAA"}, "as_of": "2026-01-01",
            **pattern.fragment}
    path = tmp_path / "t.yaml"
    yaml = YAML()
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    profile.load(path)  # raises InputError on an unknown key or value


# -- scanning whole documents ------------------------------------------------------

LABOUR_ACT_HITS = {
    ("sec_5__subsec_1", "LAB-07"),   # agency may charge a placement fee and travel costs
    ("sec_5__subsec_2", "LAB-07"),   # ... a service fee not exceeding one month's wage
    ("sec_7__subsec_2", "LAB-04"),   # no transfer without the current employer's consent
    ("sec_8__subsec_1", "LAB-05"),   # exit permit only on the employer's request
    ("sec_9__subsec_2", "LAB-03"),   # passport held with the worker's written consent
    ("sec_9__subsec_3", "LAB-01"),   # agent may hold travel documents
    ("sec_14__subsec_1", "DOM-01"),  # hours, rest and leave do not apply to domestic workers
    ("sec_14__subsec_2", "DOM-03"),  # nor the minimum wage
    ("sec_14__subsec_3", "DOM-10"),  # agency fee deducted from a domestic worker's wages
    ("sec_14__subsec_3", "LAB-07"),  # ... which is also a fee charged to the worker
    ("sec_15__subsec_1", "CHI-01"),  # no child under 13 shall be employed
    ("sec_16__subsec_1", "RES-02"),  # permit only while the worker cooperates
}
# prohibitions and near misses that must stay quiet
LABOUR_ACT_QUIET = {
    "sec_4__subsec_1",   # no recruitment without a licence
    "sec_5__subsec_3",   # no fee for seasonal agricultural workers
    "sec_7__subsec_3",   # transfer allowed without the employer's consent
    "sec_8__subsec_2",   # no employer shall require consent to leave
    "sec_9__subsec_1",   # no employer shall hold passports
    "sec_10__subsec_2",  # no deduction for recruitment fees
    "sec_12__subsec_1",  # weekly rest
    "sec_14__subsec_4",  # domestic worker keeps own passport
    "sec_15__subsec_2",  # minimum age 18 for hazardous work
    "sec_15__subsec_3",  # light work at 12
    "sec_16__subsec_2",  # assistance not conditional on cooperation
    "sec_17__subsec_1",  # offence of holding passports
    "sec_17__subsec_2",  # offence of charging fees
}


def _hits(path: Path) -> set[tuple[str, str]]:
    return {(h.eid, h.pattern.requirement) for h in scan.scan(reader.read(path))}


def test_labour_act_flags_each_family_exactly() -> None:
    assert _hits(FIXTURES / "labour-act-3.0.xml") == LABOUR_ACT_HITS


def test_labour_act_prohibitions_are_not_flagged() -> None:
    doc = reader.read(FIXTURES / "labour-act-3.0.xml")
    eids = doc.by_eid()
    assert set(eids) >= LABOUR_ACT_QUIET, "the quiet passages must exist"
    flagged = {h.eid for h in scan.scan(doc)}
    assert not flagged & LABOUR_ACT_QUIET


def test_labour_act_minimum_age_pattern_names_the_age() -> None:
    hits = [h for h in scan.scan(reader.read(FIXTURES / "labour-act-3.0.xml"))
            if h.pattern.requirement == "CHI-01"]
    assert [h.pattern.fragment for h in hits] == [{"child_labour": {"minimum_age": 13}}]


def test_victims_act_flags_protection_tied_to_cooperation() -> None:
    hits = _hits(ROOT / "profiles" / "akn" / "qba-victims-act.xml")
    assert ("sec_9__subsec_2", "PRO-03") in hits
    assert hits == {("sec_9__subsec_2", "PRO-03"), ("sec_11__subsec_3", "PRO-05"),
                    ("sec_16__subsec_1", "RES-02")}


def test_border_bill_has_nothing_to_flag() -> None:
    assert _hits(ROOT / "profiles" / "akn" / "qba-border-bill.xml") == set()


# -- the documents themselves ------------------------------------------------------

def test_victims_act_reads() -> None:
    doc = reader.read(ROOT / "profiles" / "akn" / "qba-victims-act.xml")
    assert (doc.version, doc.doc_type, doc.name) == ("3.0", "act", "act")
    assert doc.work == "/akn/qba/act/2014/7/!main"
    assert doc.title == "Victims of Trafficking (Protection) Act 2014"
    sections = [p for p in doc.provisions if p.kind == "section"]
    assert 40 <= len(sections) <= 60
    eids = doc.by_eid()
    assert "who has declared a willingness to cooperate with the police" in eids["sec_9__subsec_2"].text
    assert eids["sec_9__subsec_2"].parent == "sec_9"
    assert eids["sec_9"].parent == "part_2__chp_1"


def test_border_bill_reads() -> None:
    doc = reader.read(ROOT / "profiles" / "akn" / "qba-border-bill.xml")
    assert (doc.version, doc.doc_type) == ("3.0", "bill")
    assert doc.work == "/akn/qba/bill/2026/14/!main"
    eids = doc.by_eid()
    assert "subsection (4) of section 9 is repealed" in eids["sec_2"].text
    assert "on the application of the prosecutor after conviction" in eids["sec_7"].text


def test_akn_2_0_act_reads() -> None:
    doc = reader.read(FIXTURES / "act-2.0.xml")
    assert doc.version == "2.0"
    assert doc.title == "Seasonal Workers Act 2011"
    assert doc.dates == []  # every FRBRdate is empty
    assert "sec5-sub1" in doc.by_eid()
    assert 5 <= sum(p.kind == "section" for p in doc.provisions) <= 10
    assert _hits(FIXTURES / "act-2.0.xml") == {("sec5-sub1", "LAB-01")}


def test_profiles_cite_eids_that_exist() -> None:
    for name in ("qba-2026.yaml", "qba-bill-border-2026.yaml"):
        profile.load(ROOT / "profiles" / name)  # verifies every cited eId


@pytest.mark.parametrize("name", ["xxe.xml", "billion-laughs.xml", "external-dtd.xml",
                                  "wrong-namespace.xml", "xhtml.xml", "malformed.xml",
                                  "not-xml.xml", "no-document.xml"])
def test_hostile_and_foreign_files_are_refused(name: str) -> None:
    with pytest.raises(InputError):
        reader.read(FIXTURES / name)
