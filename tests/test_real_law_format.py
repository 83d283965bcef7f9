"""The format holds what real statutes say (issue 13): every mechanism can be
written, changes the finding where it should, and is shown in every output
format. Each test states the law of a fictional state and asserts the finding a
careful reader would give."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rdflib import Graph
from ruamel.yaml import YAML

from checker import api
from checker.engine.status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, PARTIAL
from checker.errors import InputError
from checker.profile import load as profile
from checker.reports.renderers import render
from checker.site import format_reference

HEAD = """gapcheck: 2
id: qra-2026
title: Republic of Qra (fictional)
state: {code: QRA, name: Republic of Qra}
fictional: true
as_of: 2026-01-01
documents:
  - {id: act, title: Offences Act 2010}
  - {id: rules, title: Recruitment Rules 2019}
  - {id: penal-code, title: Penal Code 1860, in_corpus: false}
"""


def check(tmp_path: Path, body: str, name: str = "qra-2026.yaml"):
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return api.check(path)


def refuse(tmp_path: Path, body: str) -> str:
    path = tmp_path / "qra-2026.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        profile.load(path)
    return str(err.value)


# --- 1. scope qualifiers ----------------------------------------------------------------

def test_a_narrowed_scope_makes_a_met_partial(tmp_path):
    plain = check(tmp_path, "recruitment: {licensing: true}\n")
    assert plain.finding("LAB-08").status == MET
    report = check(tmp_path, "recruitment:\n  licensing:\n    value: true\n"
                   "    scope: {threshold: {min: 20, unit: workers}}\n")
    f = report.finding("LAB-08")
    assert f.status == PARTIAL and f.severity is not None
    assert any("only from 20 workers employed" in e for e in f.explanations)
    fact = next(v for v in f.facts if v.fact == "licensing")
    assert fact.values == ("true",) and any(q.weakens and q.kind == "scope" for q in fact.qualifiers)


def test_a_narrowed_scope_is_a_gap_where_the_standard_requires_general_coverage(tmp_path):
    report = check(tmp_path, "trafficking_offence:\n  exists: {value: true, scope: {who: [children]}}\n")
    assert report.finding("DEF-01").status == GAP
    assert "general coverage" in report.finding("DEF-01").explanations[0]


def test_a_scope_naming_the_facts_own_population_does_not_narrow(tmp_path):
    report = check(tmp_path, "child_victims:\n  best_interests: {value: true, scope: {who: [children]}}\n"
                   "  presumption_of_minority: true\n  guardian_for_unaccompanied: true\n")
    assert report.finding("PRO-13").status == MET
    narrower = check(tmp_path, "child_victims:\n  best_interests: {value: true, scope: {who: [girls]}}\n"
                     "  presumption_of_minority: true\n  guardian_for_unaccompanied: true\n")
    assert narrower.finding("PRO-13").status == PARTIAL


def test_a_qualifier_that_does_not_carry_the_requirement_changes_nothing(tmp_path):
    # legal-assistance is not one of the services PRO-07 needs: its discretion is shown, not counted
    report = check(tmp_path, "assistance:\n  services: [safe-housing, medical-care, psychological-care, "
                   "information-in-own-language, {value: legal-assistance, modality: may}]\n")
    assert report.finding("PRO-07").status == MET


# --- 2. contrary rules ------------------------------------------------------------------------

CONTRARY = """non_punishment:
  immigration_offences:
    value: true
    contrary:
      - kind: punishes
        who: [foreign-nationals]
        summary: staying beyond the visa is an offence with no exception for victims
        evidence: [{document: act, section: s. 14}]
  all_compelled_offences: true
"""


def test_a_contrary_rule_makes_a_gap_whatever_the_value(tmp_path):
    without = check(tmp_path, "non_punishment: {immigration_offences: true, all_compelled_offences: true}\n")
    assert without.finding("PRO-09").status == MET
    f = check(tmp_path, CONTRARY).finding("PRO-09")
    assert f.status == GAP
    assert any("punishes foreign nationals" in e and "Offences Act 2010, s. 14" in e
               for e in f.explanations)


def test_a_contrary_rule_alone_is_a_gap_not_a_hole(tmp_path):
    report = check(tmp_path, "non_punishment:\n  immigration_detention_permitted:\n    contrary:\n"
                   "      - {kind: detains, summary: rescued persons are kept in a home for a year}\n")
    assert report.finding("PRO-10").status == GAP


# --- 3. partial coverage inside a list ---------------------------------------------------------

def test_an_item_only_implied_makes_the_list_partial(tmp_path):
    full = "trafficking_offence:\n  acts: [recruitment, transportation, transfer, harbouring, receipt]\n"
    assert check(tmp_path, full).finding("DEF-02").status == MET
    implied = ("trafficking_offence:\n  acts: [recruitment, transportation, "
               "{value: transfer, coverage: implicit}, harbouring, receipt]\n")
    f = check(tmp_path, implied).finding("DEF-02")
    assert f.status == PARTIAL and "transfer: only implied" in f.explanations[0]


# --- 4. values with conditions and numbers -------------------------------------------------------

def test_a_fine_only_alternative_weakens_the_penalty(tmp_path):
    report = check(tmp_path, "trafficking_offence:\n  max_penalty_years: {value: 7, minimum: 3, "
                   "conditions: [fine-only-alternative]}\n")
    f = report.finding("DEF-09")
    assert f.status == PARTIAL
    quals = [q.text for q in f.facts[0].qualifiers]
    assert "from 3 to 7" in quals and "a fine alone may be imposed" in quals


def test_a_condition_that_does_not_weaken_is_shown_only(tmp_path):
    report = check(tmp_path, "trafficking_offence:\n"
                   "  max_penalty_years: {value: 7, conditions: [court-ordered]}\n")
    assert report.finding("DEF-09").status == MET
    assert report.finding("DEF-09").facts[0].qualifiers[0].text == "on a court's order"


def test_a_cap_in_delegated_rules_is_recorded_without_forcing_an_amount(tmp_path):
    report = check(tmp_path, "recruitment:\n  worker_fees:\n    value: capped\n"
                   "    set_by: {kind: delegated-rules, citation: Recruitment Rules 2019, "
                   "in_corpus: false}\n")
    f = report.finding("LAB-07")
    assert f.status == GAP
    assert "set by delegated rules (Recruitment Rules 2019), not in the corpus" in [
        q.text for q in f.facts[0].qualifiers]


def test_a_minimum_above_the_value_is_refused(tmp_path):
    assert "the minimum 9 is above the value 7" in refuse(
        tmp_path, "trafficking_offence:\n  max_penalty_years: {value: 7, minimum: 9}\n")


# --- 5. discretion ---------------------------------------------------------------------------------

def test_may_is_not_shall(tmp_path):
    report = check(tmp_path, "proceedings:\n  privacy_protected: {value: true, modality: may}\n")
    f = report.finding("PRO-12")
    assert f.status == PARTIAL and "at discretion (may)" in f.explanations[0]
    assert check(tmp_path, "proceedings:\n  privacy_protected: {value: true, modality: shall}\n"
                 ).finding("PRO-12").status == MET


# --- 6. not applicable ----------------------------------------------------------------------------

def test_not_applicable_is_a_fourth_value_with_a_reason(tmp_path):
    report = check(tmp_path, "residence_permit:\n"
                   "  not_applicable: no foreign victims stay in an origin state\n")
    for ident in ("RES-01", "RES-02"):
        f = report.finding(ident)
        assert f.status == NOT_APPLICABLE
    assert "no foreign victims stay" in report.finding("RES-01").explanations[0]
    assert report.finding("RES-01").facts[0].values == ("not-applicable",)
    silent = check(tmp_path, "residence_permit: silent\n")
    assert silent.finding("RES-01").status == GAP
    absent = check(tmp_path, "")
    assert absent.finding("RES-01").status == NOT_ASSESSED


def test_not_applicable_needs_a_reason(tmp_path):
    assert "without a reason" in refuse(tmp_path, "residence_permit:\n  provided: not-applicable\n")
    assert "say why" in refuse(tmp_path, "residence_permit: not-applicable\n")


# --- 7. evidence roles, provenance, corpus ------------------------------------------------------------

def test_evidence_roles_are_carried_and_a_repealed_provision_supports_nothing(tmp_path):
    report = check(tmp_path, "forced_labour:\n  sanction: silent\n  evidence:\n"
                   "    - {document: act, section: s. 10, role: context, provision_status: repealed}\n"
                   "    - {document: penal-code, section: s. 374, role: pointer}\n")
    roles = sorted((e.role, e.provision_status) for e in report.finding("DEF-11").facts[0].evidence)
    assert roles == [("context", "repealed"), ("pointer", None)]
    assert "cannot support a value" in refuse(
        tmp_path, "forced_labour:\n  sanction: criminal\n  evidence:\n"
        "    - {document: act, section: s. 10, provision_status: repealed}\n")


def test_an_assumed_ratification_makes_no_gap_binding(tmp_path):
    body = "reflection_period: {provided: false}\n"
    confirmed = check(tmp_path, "ratifications: [{instrument: cets197, date: 2010-01-01}]\n" + body)
    assumed = check(tmp_path, "ratifications: [{instrument: cets197, assumed: true}]\n" + body)
    assert confirmed.finding("PRO-01").severity == "binding"
    f = assumed.finding("PRO-01")
    assert f.severity == "standard"
    assert any("assumed ratification of CETS 197" in e for e in f.explanations)


def test_silence_is_scoped_to_the_corpus(tmp_path):
    report = check(tmp_path, "corpus: {name: two acts of 2010}\nreflection_period: silent\n")
    f = report.finding("PRO-01")
    assert f.status == GAP and any(e.startswith("silent in two acts of 2010") for e in f.explanations)
    assert report.profile.corpus == "two acts of 2010"


# --- shown in every output format ------------------------------------------------------------------

def test_every_format_shows_qualifiers_contrary_rules_and_explanations(tmp_path):
    report = check(tmp_path, CONTRARY + "recruitment:\n  licensing:\n    value: true\n"
                   "    scope: {threshold: {min: 20, unit: workers}}\n")
    table = render(report, "table")
    assert "◐ LAB-08" in table and "only from 20 workers employed" in table
    assert "contrary rule: punishes foreign nationals" in table
    md = render(report, "md")
    assert "## Met only in part" in md and "contrary rule: punishes foreign nationals" in md
    data = json.loads(render(report, "json"))
    lab08 = next(f for f in data["findings"] if f["requirement"] == "LAB-08")
    assert lab08["status"] == "partial" and lab08["facts"][0]["qualifiers"][0]["weakens"] is True
    pro09 = next(f for f in data["findings"] if f["requirement"] == "PRO-09")
    assert pro09["facts"][1]["contrary"][0]["kind"] == "punishes" or pro09["facts"][0]["contrary"]
    rows = {r["requirement"]: r for r in csv.DictReader(io.StringIO(render(report, "csv")))}
    assert rows["LAB-08"]["status"] == "partial" and "only from 20" in rows["LAB-08"]["qualifiers"]
    assert "contrary rule" in rows["PRO-09"]["qualifiers"]
    g = Graph().parse(data=render(report, "ttl"), format="turtle")
    texts = {str(o) for o in g.objects(None, None)}
    assert any("met only in part" in t for t in texts)
    assert "staying beyond the visa is an offence with no exception for victims" in texts


# --- the reference page: every example on it loads --------------------------------------------------

def _blocks(page: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", page, re.S)


def test_every_example_on_the_format_page_loads(tmp_path):
    page = format_reference.render()
    blocks = _blocks(page)
    assert len(blocks) >= 8
    for i, block in enumerate(blocks):
        data = YAML(typ="safe").load(block)
        if "id" not in data:  # a fragment: give it a head, and the documents it cites
            head = YAML(typ="safe").load(HEAD)
            cited = set(re.findall(r"document: ([a-z0-9-]+)", block))
            listed = {d["id"] for d in head["documents"]} | {d["id"] for d in data.get("documents", [])}
            head["documents"] += [{"id": c, "title": c} for c in sorted(cited - listed)]
            if "documents" in data:
                head["documents"] = [d for d in head["documents"]
                                     if d["id"] not in {x["id"] for x in data["documents"]}]
                head["documents"] += data.pop("documents")
            data = {**head, **data}
        path = tmp_path / f"example-{i}.yaml"
        out = io.StringIO()
        YAML(typ="safe").dump(data, out)
        path.write_text(out.getvalue(), encoding="utf-8")
        api.check(path)  # loads and checks, or raises InputError naming the example
