"""The scan patterns (checker/akn/patterns.yaml): every example behaves as
labelled, every pattern points at a real requirement and a loadable profile
fragment, and scanning the fictional acts flags exactly the passages it should.
Recall and precision on real acts are measured in tests/test_akn_real_law.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from checker.akn import draft, reader, scan
from checker.errors import InputError
from checker.kb import base as kb
from checker.kb import requirements
from checker.profile import load as profile
from checker.profile.format import load as format_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "akn"
PATTERNS = scan.patterns(scan.PATTERNS)


def _examples(kind: str) -> list:
    return [pytest.param(p, text, id=f"{p.ident}-{i}")
            for p in PATTERNS for i, text in enumerate(getattr(p, kind))]


@pytest.mark.parametrize(("pattern", "text"), _examples("match"))
def test_match_examples_match(pattern: scan.Pattern, text: str) -> None:
    assert scan.reads(pattern, text) is not None, f"{pattern.ident} should flag: {text}"


@pytest.mark.parametrize(("pattern", "text"), _examples("no_match"))
def test_no_match_examples_do_not_match(pattern: scan.Pattern, text: str) -> None:
    assert scan.reads(pattern, text) is None, f"{pattern.ident} should not flag: {text}"


def test_patterns_are_well_formed() -> None:
    raw = YAML(typ="safe").load(scan.PATTERNS.read_text(encoding="utf-8"))
    assert set(raw) == {"shared", "patterns"}
    ids = [p["id"] for p in raw["patterns"]]
    assert len(ids) == len(set(ids)), "pattern ids must be unique"
    for p in raw["patterns"]:
        # a misspelt `none` would silently drop the exclusions: the loader refuses it
        assert set(p) <= scan.KEYS, f"{p['id']}: unknown keys {sorted(set(p) - scan.KEYS)}"
        assert set(p.get("examples", {})) <= {"match", "no_match"}, p["id"]
    for p in PATTERNS:
        assert p.all, f"{p.ident}: a pattern needs at least one regex in `all`"
        assert p.confidence in scan.CONFIDENCE, p.ident
        assert len(p.match) >= 3 and len(p.no_match) >= 3, f"{p.ident}: at least 3 examples each"
        assert p.fragment or p.collect, f"{p.ident}: a pattern must suggest a profile fragment"
        if any(v == scan.NUMBER for facts in p.fragment.values() for v in (facts or {}).values()):
            assert p.number is not None and p.number.groups == 1, p.ident
        if not any(facts for facts in p.fragment.values()) and not p.collect:
            assert p.note, f"{p.ident}: a fragment without facts needs a note saying what to check"


def test_collected_facts_are_facts_of_the_format() -> None:
    # the scan sits below the profile format and does not read it: hold it to the format here
    schema = format_of(kb.load())
    for p in PATTERNS:
        for measure, fact, multiple, _ in p.collect:
            known = schema.measures.get(measure)
            assert known is not None and fact in known.facts, f"{p.ident}: {measure}.{fact} is no fact"
            assert known.facts[fact].multiple == multiple, (
                f"{p.ident}: {measure}.{fact} takes "
                f"{'a list' if known.facts[fact].multiple else 'one value (name it in collect_one)'}")


def test_a_misspelt_key_is_refused(tmp_path: Path) -> None:
    text = scan.PATTERNS.read_text(encoding="utf-8").replace("    none: [*spared, *repealed]",
                                                             "    nnoe: [*spared, *repealed]", 1)
    path = tmp_path / "patterns.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="unknown keys"):
        scan.patterns(path)


def test_the_patterns_reach_most_requirements(catalogue: requirements.Catalogue) -> None:
    covered = {p.requirement for p in PATTERNS}
    # requirements whose national wording varies too much for a pattern: silence
    # (e.g. no reflection period at all) cannot be flagged, only read
    assert len(covered) >= 55, sorted(set(catalogue.requirements) - covered)


@pytest.fixture(scope="module")
def catalogue() -> requirements.Catalogue:
    return requirements.load()


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.ident for p in PATTERNS])
def test_requirement_exists(pattern: scan.Pattern, catalogue: requirements.Catalogue) -> None:
    assert pattern.requirement in catalogue.requirements


def sample(p: scan.Pattern) -> dict:
    """The fragment a pattern suggests, with every value it can collect and a number
    in its range."""
    number = max(p.number_min or 0, min(14, (p.number_below or 99) - 1))
    found = scan.Match(0, 0, number, {(m, f): [v for v, _ in values] for m, f, _, values in p.collect})
    return p.facts(found)


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.ident for p in PATTERNS])
def test_fragment_is_a_valid_profile(pattern: scan.Pattern, tmp_path: Path) -> None:
    data = {"gapcheck": 1, "id": "t", "state": {"code": "QAA"}, "as_of": "2026-01-01",
            **{k: v for k, v in sample(pattern).items() if v}}
    path = tmp_path / "t.yaml"
    yaml = YAML()
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    profile.load(path)  # raises InputError on an unknown key or value


# -- scanning whole documents ------------------------------------------------------

# (element, requirement, suggested facts): what a careful reader of the fictional
# Foreign Employment Act takes from each passage, gaps and compliance alike
LABOUR_ACT_HITS = {
    ("sec_4__subsec_1", "LAB-08", "recruitment.licensing=True"),  # no recruiting without a licence
    ("sec_5__subsec_1", "LAB-07", "recruitment.worker_fees=permitted"),  # placement fee and travel
    ("sec_5__subsec_2", "LAB-07", "recruitment.worker_fees=capped"),  # not exceeding a month's wage
    ("sec_5__subsec_3", "LAB-07", "recruitment.worker_fees=prohibited"),  # none for seasonal work
    ("sec_6__subsec_1", "LAB-10", "migrant_workers.written_terms_before_departure=True"),
    ("sec_7__subsec_2", "LAB-04", "work_permit.change_employer_needs_consent=True"),
    ("sec_8__subsec_1", "LAB-05", "work_permit.exit_needs_employer_permission=True"),
    ("sec_9__subsec_1", "LAB-01", "document_retention.employer_retention=prohibited"),
    ("sec_9__subsec_2", "LAB-03",
     "document_retention.employer_retention=prohibited-except-with-consent"),
    ("sec_9__subsec_3", "LAB-01", "document_retention.employer_retention=permitted"),
    ("sec_10__subsec_2", "LAB-07", "recruitment.worker_fees=prohibited"),  # no deduction of fees
    ("sec_14__subsec_1", "DOM-01", "domestic_work.covered_by_labour_law=False"),
    ("sec_14__subsec_2", "DOM-03", "domestic_work.minimum_wage_applies=False"),
    ("sec_14__subsec_3", "LAB-07", "recruitment.worker_fees=permitted"),  # agency fee from wages
    ("sec_14__subsec_3", "DOM-10", "domestic_work.agency_fee_deductions_allowed=True"),
    ("sec_14__subsec_4", "DOM-06", "domestic_work.keep_own_documents=True"),
    ("sec_15__subsec_1", "CHI-01", "child_labour.minimum_age=13"),
    ("sec_15__subsec_2", "CHI-03", "child_labour.hazardous_work_minimum_age=18"),
    ("sec_15__subsec_3", "CHI-06", "child_labour.light_work_limited=True"),
    ("sec_15__subsec_3", "CHI-06", "child_labour.light_work_minimum_age=12"),
    ("sec_16__subsec_1", "RES-01", "residence_permit.provided=True"),
    ("sec_16__subsec_1", "RES-02", "residence_permit.grounds=['cooperation']"),
    ("sec_16__subsec_2", "PRO-05", "assistance.conditional_on_cooperation=False"),
    ("sec_17__subsec_1", "LAB-02", "document_retention.penalty=True"),
    ("sec_17__subsec_2", "LAB-09", "recruitment.penalties_for_abuse=True"),
}
# passages a reader passes over: nothing to suggest
LABOUR_ACT_QUIET = {
    "sec_2__para_a",     # a definition
    "sec_7__subsec_3",   # transfer allowed without the employer's consent
    "sec_8__subsec_2",   # no employer shall require consent to leave
    "sec_10__subsec_1",  # wages of foreign workers monthly (not domestic work)
    "sec_12__subsec_1",  # weekly rest of foreign workers generally
    "sec_18",            # regulations
}


def _facts(path: Path) -> set[tuple[str, str, str]]:
    return {(h.eid, h.pattern.requirement, f"{m}.{k}={v}")
            for h in scan.scan(reader.read(path)) for m, facts in h.facts.items()
            for k, v in facts.items()}


def _hits(path: Path) -> set[tuple[str, str]]:
    return {(h.eid, h.pattern.requirement) for h in scan.scan(reader.read(path))}


def test_labour_act_suggests_what_each_passage_says() -> None:
    assert _facts(FIXTURES / "labour-act-3.0.xml") == LABOUR_ACT_HITS


def test_labour_act_quiet_passages_are_not_flagged() -> None:
    doc = reader.read(FIXTURES / "labour-act-3.0.xml")
    assert set(doc.by_eid()) >= LABOUR_ACT_QUIET, "the quiet passages must exist"
    assert not {h.eid for h in scan.scan(doc)} & LABOUR_ACT_QUIET


def test_a_prohibition_never_suggests_a_permission() -> None:
    facts = _facts(FIXTURES / "labour-act-3.0.xml")
    for eid in ("sec_5__subsec_3", "sec_9__subsec_1", "sec_10__subsec_2", "sec_16__subsec_2"):
        assert not {f for f in facts if f[0] == eid} & {
            (eid, "LAB-07", "recruitment.worker_fees=permitted"),
            (eid, "LAB-01", "document_retention.employer_retention=permitted"),
            (eid, "PRO-05", "assistance.conditional_on_cooperation=True")}


def test_victims_act_flags_protection_tied_to_cooperation() -> None:
    facts = _facts(ROOT / "profiles" / "akn" / "qba-victims-act.xml")
    assert {("sec_9__subsec_1", "PRO-01", "reflection_period.days=20"),
            ("sec_9__subsec_2", "PRO-03", "reflection_period.conditional_on_cooperation=True"),
            ("sec_9__subsec_4", "PRO-04", "reflection_period.expulsion_possible=False"),
            ("sec_11__subsec_1", "PRO-06", "assistance.starts_on=formal-identification"),
            ("sec_11__subsec_3", "PRO-05", "assistance.conditional_on_cooperation=True"),
            ("sec_16__subsec_1", "RES-02", "residence_permit.grounds=['cooperation']"),
            ("sec_32", "INS-01", "institutions.coordinating_body_or_plan=True"),
            } <= facts
    assert not {f for f in facts if f[2].endswith("conditional_on_cooperation=False")}


def test_border_bill_flags_only_the_compensation_fund() -> None:
    assert _hits(ROOT / "profiles" / "akn" / "qba-border-bill.xml") == {
        ("sec_8__subsec_1", "RES-05")}


def test_a_list_is_read_whole_for_values_spread_over_its_items(tmp_path: Path) -> None:
    """The means of trafficking listed one per item: no item names three, the
    subsection does."""
    hits = [h for h in scan.scan(reader.read(FIXTURES / "cite-3.0.xml"))]
    assert hits  # the fixture of the citation tests is scanned without error
    act = (FIXTURES / "trafficking-3.0.xml")
    found = {(h.eid, h.pattern.ident): h for h in scan.scan(reader.read(act))}
    means = found[("sec_3__subsec_1", "trafficking-means")]
    assert means.facts == {"trafficking_offence": {"means": [
        "abduction", "coercion", "deception", "fraud", "threat"]}}


def test_the_draft_cites_and_quotes_exactly(tmp_path: Path) -> None:
    doc = reader.read(FIXTURES / "labour-act-3.0.xml")
    fragment = draft.draft_fragment(scan.scan(doc), "fea", {"title": "FEA", "akn": "act.xml"})
    evidence = fragment["recruitment"]["evidence"]
    first = evidence[0]
    assert first["section"] == "s. 4(1)" and first["eid"] == "sec_4__subsec_1"
    assert first["quote"] in doc.by_eid()["sec_4__subsec_1"].text
    # two passages suggest different fee rules: the first is kept and the others noted
    assert fragment["recruitment"]["worker_fees"] == "permitted"
    assert "suggests worker_fees: capped" in fragment["recruitment"]["notes"]


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
