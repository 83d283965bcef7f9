"""The example profiles: fictional, they load, and between them every
requirement is met somewhere and a gap somewhere."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, run_gapcheck

from checker.engine.engine import engine
from checker.engine.status import GAP, MET, NOT_ASSESSED
from checker.reports import collection
from checker.reports.compare import CLOSES, OPENS

EXAMPLES = ROOT / "profiles"


@pytest.fixture(scope="module")
def coll():
    return collection.load([EXAMPLES])


def test_there_are_enough_examples(coll):
    assert len(coll.reports) >= 8
    assert len(coll.bills) >= 2


def test_every_example_is_a_fictional_state(coll):
    for pid, report in coll.reports.items():
        p = report.profile
        assert p.fictional, pid
        assert re.fullmatch(r"Q[A-Z]{2}|X[A-Z]{2}", p.state_code), pid
        assert "fictional" in p.title.lower(), pid


def test_every_requirement_is_met_somewhere_and_a_gap_somewhere(coll):
    reports = list(coll.reports.values()) + [c.amended for c in coll.bills.values()]
    for ident in engine().catalogue.requirements:
        statuses = {r.finding(ident).status for r in reports}
        assert MET in statuses, f"{ident} is met in no example"
        assert GAP in statuses, f"{ident} is a gap in no example"


def test_regional_groups_have_three_members_or_more(coll):
    rollups = coll.rollups()
    assert len([g for g in rollups if len(g.members) >= 3]) >= 2


def test_one_bill_closes_gaps_and_one_opens_a_regression(coll):
    assert any(c.by_change(CLOSES) and not c.by_change(OPENS) for c in coll.bills.values())
    assert any(c.by_change(OPENS) for c in coll.bills.values())


def test_one_example_leaves_whole_areas_not_assessed(coll):
    def area_unassessed(report, area):
        return all(f.status == NOT_ASSESSED for f in report.findings if f.requirement.area == area)

    assert any(sum(area_unassessed(r, a) for a in ("RES", "LAB", "DOM", "CHI")) >= 2
               for r in coll.reports.values())


def test_every_example_has_evidence_for_what_it_states(coll):
    for pid, report in coll.reports.items():
        for f in report.findings:
            for fact in f.facts:
                if fact.values:
                    assert fact.evidence, f"{pid}: {fact.path} has no evidence"


def test_the_main_command_checks_all_examples():
    result = run_gapcheck("matrix", str(EXAMPLES))
    assert result.returncode == 0, result.stderr
    for code in ("QAA", "QBA", "QFA"):
        assert code in result.stdout


def test_the_examples_readme_gives_the_dates_gapcheck_computes(coll):
    table = {}
    for line in (EXAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"q[a-z]{2}-2026", cells[0]):
            table[(cells[0], cells[1])] = cells[2:]
    computed = {(pid, b.name): [str(b.ratified or "—"), str(b.in_force or "—"),
                                str(b.denounced or "—"), "yes" if b.bound else "no"]
                for pid, r in coll.reports.items() for b in r.profile.bindings}
    assert table == computed


def test_the_examples_show_time_and_bases(coll):
    qca = coll.reports["qca-2026"]
    assert not qca.profile.binding("c189").bound  # registered 2025-10-01, in force 2026-10-01
    assert qca.finding("DOM-07").severity == "standard"
    assert qca.profile.binding("c97").bound and qca.profile.binding("c97").ends is not None
    qaa = coll.reports["qaa-2026"].finding("LAB-04")
    assert set(qaa.failing_shapes) == {"EmployerTiedPermitShape", "EmployerChangeRestrictionPeriodShape"}
    qba = coll.reports["qba-2026"].finding("PRO-11")
    assert qba.severity == "binding"
