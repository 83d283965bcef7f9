"""`gapcheck check` as a drafter uses it: the acceptance scenario, severities,
bills against their baselines, output formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, run_gapcheck
from rdflib import Graph, URIRef

from checker import api
from checker.engine.engine import engine
from checker.engine.status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED
from checker.reports.compare import CLOSES, OPENS, REMAINS, UNCHANGED, Comparison

PROFILES = ROOT / "tests" / "fixtures" / "profiles"
QXA = PROFILES / "qxa-2026.yaml"
SCHEMA = json.loads((ROOT / "checker" / "reports" / "schemas" / "report.schema.json").read_text())


def test_acceptance_the_three_gaps_users_come_for():
    """Reflection period tied to police cooperation, passports held with the worker's
    consent, recruitment fees charged to workers."""
    report = api.check(QXA)
    gaps = {f.ident: f for f in report.by_status(GAP)}
    assert {"PRO-03", "LAB-03", "LAB-07"} <= set(gaps)
    # binding where the state ratified a binding source, standard where not
    assert gaps["PRO-03"].severity == "binding" and gaps["PRO-03"].party_to == ("CETS 197",)
    assert gaps["LAB-03"].severity == "binding" and gaps["LAB-03"].party_to == ("ICRMW",)
    assert gaps["LAB-07"].severity == "standard" and gaps["LAB-07"].party_to == ()
    # each cites its provisions and the profile's evidence
    pro03 = gaps["PRO-03"]
    assert "CETS 197" in {s.instrument_name for s in pro03.requirement.sources}
    assert [s.citation for s in pro03.requirement.sources if s.instrument_name == "CETS 197"] == [
        "Art. 13(1)"]
    fact = next(v for v in pro03.facts if v.fact == "conditional_on_cooperation")
    assert fact.values == ("true",)
    assert [(e.document, e.section, e.eid) for e in fact.evidence] == [
        ("Trafficking in Persons Act 2012", "s. 21(2)", "sec_21__subsec_2")]
    lab07 = next(v for v in gaps["LAB-07"].facts if v.fact == "worker_fees")
    assert lab07.evidence[0].section == "s. 12"
    assert {s.citation for s in gaps["LAB-07"].requirement.sources} >= {"Art. 7(1)"}


def test_severity_follows_the_ratifications(tmp_path: Path):
    text = QXA.read_text().replace("  - {instrument: cets197, date: 2014-09-30}\n", "")
    text = text.replace("  - {instrument: icrmw, date: 2016-06-15}\n", "")
    text = text.replace("ratifications:\n", "ratifications:\n  - {instrument: c181}\n")
    path = tmp_path / "qxa-2026.yaml"
    path.write_text(text)
    report = api.check(path)
    assert report.finding("PRO-03").severity == "standard"
    assert report.finding("LAB-03").severity == "standard"
    assert report.finding("LAB-07").severity == "binding"


def test_statuses_and_dependencies():
    report = api.check(QXA)
    assert report.finding("PRO-01").status == MET
    assert report.finding("DEF-01").status == NOT_ASSESSED
    assert 0 < report.coverage < 1


def test_dependency_makes_not_applicable(tmp_path: Path):
    text = QXA.read_text().replace("employer_retention: prohibited-except-with-consent",
                                   "employer_retention: permitted")
    path = tmp_path / "qxa-2026.yaml"
    path.write_text(text)
    report = api.check(path)
    assert report.finding("LAB-01").status == GAP
    assert report.finding("LAB-02").status == NOT_APPLICABLE
    # since the legal audit LAB-03 (consent) no longer depends on LAB-01: a law that
    # lets employers keep documents outright allows it with consent too
    assert report.finding("LAB-03").status == GAP


def test_cli_exit_codes_follow_fail_on():
    assert run_gapcheck("check", str(QXA)).returncode == 1  # binding gaps
    assert run_gapcheck("check", str(QXA), "--fail-on", "never").returncode == 0
    assert run_gapcheck("check", str(QXA), "--fail-on", "any").returncode == 1
    result = run_gapcheck("check", str(QXA), "--fail-on", "regression")
    assert result.returncode == 2 and "needs a bill or --baseline" in result.stderr


def test_cli_table_names_requirement_sources_and_evidence():
    result = run_gapcheck("check", str(QXA))
    out = result.stdout
    assert "✗ PRO-03" in out and "gap (binding)" in out
    assert ("CETS 197 Art. 13(1) — obligation — party since 30 September 2014, in force for the "
            "state since 1 January 2015") in " ".join(out.split())
    assert "Trafficking in Persons Act 2012 s. 21(2)" in out
    assert "\x1b[" not in out  # no colour when not writing to a terminal


def changes(c: Comparison) -> dict[str, str]:
    return {ch.ident: ch.change for ch in c.changes}


def test_bill_that_closes_gaps():
    c = api.check(PROFILES / "qxa-bill-closes.yaml")
    assert isinstance(c, Comparison)
    ch = changes(c)
    assert ch["PRO-03"] == CLOSES and ch["LAB-07"] == CLOSES
    assert ch["LAB-03"] == REMAINS
    assert not c.by_change(OPENS)
    assert c.amended.finding("PRO-03").status == MET
    # the bill's own section is cited for what it changes
    fact = next(v for v in c.amended.finding("LAB-07").facts if v.fact == "worker_fees")
    assert [e.section for e in fact.evidence] == ["cl. 9"]
    result = run_gapcheck("check", str(PROFILES / "qxa-bill-closes.yaml"))
    assert result.returncode == 0, result.stdout


def test_bill_that_opens_a_binding_regression():
    c = api.check(PROFILES / "qxa-bill-opens.yaml")
    assert changes(c)["PRO-04"] == OPENS
    assert c.amended.finding("PRO-04").severity == "binding"
    assert changes(c)["PRO-01"] == UNCHANGED
    result = run_gapcheck("check", str(PROFILES / "qxa-bill-opens.yaml"))
    assert result.returncode == 1
    assert "Opens (regressions): 1" in result.stdout and "cl. 2" in result.stdout


def test_bill_amending_a_bill_is_applied_in_order():
    c = api.check(PROFILES / "qxa-bill-chain.yaml")
    assert c.baseline.profile.ident == "qxa-bill-closes"
    assert changes(c)["INS-03"] == CLOSES
    assert c.amended.finding("PRO-03").status == MET  # from the bill it builds on


def test_explicit_baseline_for_two_frameworks(tmp_path: Path):
    later = tmp_path / "qxa-2027.yaml"
    later.write_text(QXA.read_text().replace("id: qxa-2026", "id: qxa-2027")
                     .replace("worker_fees: permitted", "worker_fees: prohibited"))
    c = api.check(later, baseline=QXA)
    assert changes(c)["LAB-07"] == CLOSES


def test_bill_whose_baseline_is_missing(tmp_path: Path):
    shutil.copy(PROFILES / "qxa-bill-opens.yaml", tmp_path)
    result = run_gapcheck("check", str(tmp_path / "qxa-bill-opens.yaml"))
    assert result.returncode == 2
    assert "amends 'qxa-2026', but there is no qxa-2026.yaml" in result.stderr
    assert f"{tmp_path / 'qxa-bill-opens.yaml'}:6:" in result.stderr  # the amends line


def test_bills_amending_each_other_are_refused(tmp_path: Path):
    for a, b in (("qa", "qb"), ("qb", "qa")):
        (tmp_path / f"{a}.yaml").write_text(f"kind: bill\nid: {a}\namends: {b}\n")
    result = run_gapcheck("check", str(tmp_path / "qa.yaml"))
    assert result.returncode == 2 and "cycle" in result.stderr and "Traceback" not in result.stderr


def test_explicit_baseline_that_does_not_exist():
    result = run_gapcheck("check", str(QXA), "--baseline", "nowhere.yaml")
    assert result.returncode == 2 and "nowhere.yaml: no such file" in result.stderr


@pytest.mark.parametrize("profile", ["qxa-2026.yaml", "qxa-bill-opens.yaml"])
def test_json_output_follows_its_schema(profile):
    result = run_gapcheck("check", str(PROFILES / profile), "--format", "json", "--fail-on", "never")
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    if profile.startswith("qxa-2026"):
        pro03 = next(f for f in data["findings"] if f["requirement"] == "PRO-03")
        assert pro03["status"] == "gap" and pro03["severity"] == "binding"
        assert any(s["party"] and s["citation"] == "Art. 13(1)" for s in pro03["sources"])
    else:
        assert data["summary"]["changes"]["opens"] == 1


def test_csv_output_has_one_row_per_requirement():
    result = run_gapcheck("check", str(QXA), "--format", "csv", "--fail-on", "never")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(engine().catalogue.requirements)
    row = next(r for r in rows if r["requirement"] == "LAB-03")
    assert row["status"] == "gap" and row["severity"] == "binding" and "s. 33(1)" in row["evidence"]


def test_turtle_output_is_the_profile_plus_findings():
    result = run_gapcheck("check", str(QXA), "--format", "ttl", "--fail-on", "never")
    g = Graph().parse(data=result.stdout, format="turtle")
    gcr = "https://w3id.org/gapcheck/ontology/report#"
    finding = URIRef("https://w3id.org/gapcheck/profile/qxa-2026/report/PRO-03")
    assert (finding, URIRef(gcr + "status"), URIRef("https://w3id.org/gapcheck/concept#status-gap")) in g
    assert (finding, URIRef(gcr + "severity"),
            URIRef("https://w3id.org/gapcheck/concept#severity-binding")) in g


def test_markdown_output_escapes_what_authors_wrote(tmp_path: Path):
    text = QXA.read_text().replace(
        "quote: only where the person agrees to assist the police in the investigation",
        "quote: \"<script>alert(1)</script> [x](javascript:alert(1))\"")
    path = tmp_path / "qxa-2026.yaml"
    path.write_text(text)
    out = run_gapcheck("check", str(path), "--format", "md", "--fail-on", "never").stdout
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "[x](javascript" not in out
    assert "### PRO-03" in out


def test_output_file_is_written_whole(tmp_path: Path):
    out = tmp_path / "report.json"
    result = run_gapcheck("check", str(QXA), "--format", "json", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    assert json.loads(out.read_text())["profile"]["id"] == "qxa-2026"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_no_output_file_is_left_on_bad_input(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [\n")
    out = tmp_path / "report.json"
    assert run_gapcheck("check", str(bad), "--output", str(out)).returncode == 2
    assert not out.exists()


def test_same_input_gives_the_same_bytes():
    for fmt in ("table", "json", "csv", "ttl", "md"):
        a = run_gapcheck("check", str(QXA), "--format", fmt, "--fail-on", "never").stdout
        b = run_gapcheck("check", str(QXA), "--format", fmt, "--fail-on", "never").stdout
        assert a == b, fmt


def test_knowledge_base_and_shapes_are_parsed_once_per_process(monkeypatch):
    from checker.kb import base as kb

    engine()
    calls = []
    monkeypatch.setattr(kb, "parse_turtle", lambda *a, **k: calls.append(a))
    api.check(QXA)
    api.check(PROFILES / "qxa-bill-opens.yaml")
    assert calls == []
