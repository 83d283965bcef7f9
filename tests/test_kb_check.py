"""`gapcheck kb check`: the knowledge base passes its meta-shapes, and each kind
of breakage is reported with the file, line and thing to fix."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import run_gapcheck

from checker.kb import base as kb
from checker.kb.metacheck import check


def test_knowledge_base_passes_its_meta_shapes():
    failures = check(kb.load())
    assert failures == [], "\n".join(map(str, failures))


def test_cli_kb_check_passes():
    result = run_gapcheck("kb", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "complete" in result.stdout


def test_removing_a_paraphrase_names_that_provision(kb_copy: Path):
    path = kb_copy / "instruments" / "palermo.ttl"
    text = path.read_text()
    block = re.search(r"palermo:A3-b a gc:Provision ;.*?\n\n", text, re.S).group(0)
    broken = re.sub(r'\n    gc:paraphrase "[^"]*"@en ;', "", block)
    assert broken != block
    path.write_text(text.replace(block, broken))

    result = run_gapcheck("kb", "check", home=kb_copy)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "paraphrase" in line]
    assert len(lines) == 1, result.stdout
    line_no = text[: text.index("palermo:A3-b a gc:Provision")].count("\n") + 1
    assert f"instruments/palermo.ttl:{line_no}: Palermo Protocol, Art. 3(b)" in lines[0]


def test_requirement_citing_a_missing_provision_fails(kb_copy: Path):
    path = kb_copy / "shapes" / "requirements" / "catalogue.ttl"
    text = path.read_text()
    assert "palermo:A3-b" in text
    path.write_text(text.replace("palermo:A3-b", "palermo:A3-z", 1))
    result = run_gapcheck("kb", "check", home=kb_copy)
    assert result.returncode == 1
    assert "DEF-05" in result.stdout and "must exist in the knowledge base" in result.stdout


def test_turtle_syntax_error_names_file_and_line_without_traceback(kb_copy: Path):
    path = kb_copy / "instruments" / "c189.ttl"
    lines = path.read_text().splitlines()
    target = next(i for i, line in enumerate(lines) if line.startswith("c189:A7 "))
    lines[target] = lines[target].replace(" a gc:Provision ;", " a gc:Provision ;;;; ]")
    path.write_text("\n".join(lines) + "\n")
    result = run_gapcheck("kb", "check", home=kb_copy)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert re.search(r"instruments/c189\.ttl:\d+: Turtle syntax error", result.stderr), result.stderr
    reported = int(re.search(r"c189\.ttl:(\d+)", result.stderr).group(1))
    assert abs(reported - (target + 1)) <= 1


def test_kb_show_prints_a_provision_and_who_cites_it():
    result = run_gapcheck("kb", "show", "cets197:A13-1")
    assert result.returncode == 0
    assert "CETS 197, Art. 13(1)" in result.stdout
    assert "cited by requirement: PRO-01" in result.stdout


def test_kb_show_unknown_id_is_bad_input():
    result = run_gapcheck("kb", "show", "palermo:A99")
    assert result.returncode == 2
    assert "no instrument, provision or requirement is called 'palermo:A99'" in result.stderr


def test_kb_stats_counts_statuses():
    result = run_gapcheck("kb", "stats")
    assert result.returncode == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("R203"))
    assert row.split()[-4:] == ["0", "0", "1", "1"]
