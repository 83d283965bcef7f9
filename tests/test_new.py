"""`gapcheck new`: a starting profile with every key of the format explained,
which loads and checks as it is, with every requirement not assessed."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from conftest import ROOT, run_gapcheck

from checker import api
from checker.engine.status import GAP, NOT_ASSESSED
from checker.kb import base
from checker.profile import format as schemamod
from checker.profile import load as profile
from checker.profile.starter import Starter, render
from checker.reports.compare import REMAINS, UNCHANGED, Comparison

DAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def framework_text() -> str:
    return render(base.load(), Starter("QAA", DAY))


def test_the_starter_loads_and_checks_with_nothing_assessed(tmp_path, framework_text):
    path = tmp_path / "qaa-2026.yaml"
    path.write_text(framework_text, encoding="utf-8")
    report = api.check(path)
    assert report.profile.ident == "qaa-2026" and report.profile.fictional
    assert len(report.findings) > 60
    assert {f.status for f in report.findings} == {NOT_ASSESSED}
    assert report.coverage == 0


def test_a_real_state_is_not_marked_fictional(tmp_path):
    path = tmp_path / "ken.yaml"
    path.write_text(render(base.load(), Starter("KEN", DAY)), encoding="utf-8")
    report = api.check(path)
    assert not report.profile.fictional and report.profile.state_code == "KEN"
    assert {f.status for f in report.findings} == {NOT_ASSESSED}


def test_every_key_of_the_format_is_in_the_starter(framework_text):
    schema = schemamod.load()
    for key, measure in schema.measures.items():
        assert f"\n# {key}:\n" in framework_text, key
        block = framework_text.split(f"\n# {key}:\n", 1)[1].split("\n# ──", 1)[0]
        for fkey in measure.facts:
            assert f"\n#   {fkey}:\n" in block, f"{key}.{fkey}"
    for key in ("gapcheck", "id", "kind", "title", "state", "fictional", "as_of", "groups",
                "ratifications", "documents", "notes"):
        assert re.search(rf"^(# )?{key}:", framework_text, re.M), key


def test_each_fact_names_the_requirements_that_read_it(framework_text):
    assert re.search(r"#   # value: true or false, or silent\. Read by: [A-Z]{3}-\d\d", framework_text)
    block = framework_text.split("\n# reflection_period:\n", 1)[1].split("\n# ──", 1)[0]
    assert "PRO-03" in block


def test_an_uncommented_key_is_read(tmp_path, framework_text):
    """The commented keys are the real ones: uncommenting one makes it count."""
    text = framework_text.replace("\n# reflection_period:\n", "\nreflection_period: silent\n")
    path = tmp_path / "qaa-2026.yaml"
    path.write_text(text, encoding="utf-8")
    report = api.check(path)
    readers = {f.ident for f in report.findings if any(v.measure == "reflection_period" for v in f.facts)}
    assert "PRO-03" in readers
    assert any(report.finding(ident).status == GAP for ident in readers)
    others = [f for f in report.findings if f.ident not in readers and not f.requirement.depends_on]
    assert others and all(f.status == NOT_ASSESSED for f in others)


def test_a_bill_starter_checks_against_its_baseline(tmp_path):
    shutil.copy(ROOT / "profiles" / "qaa-2026.yaml", tmp_path / "qaa-2026.yaml")
    result = run_gapcheck("new", "QAA", "--bill", "--amends", "qaa-2026", "--as-of", "2026-05-01",
                          "--out", str(tmp_path / "qaa-bill-2026.yaml"))
    assert result.returncode == 0, result.stderr
    bill = profile.load(tmp_path / "qaa-bill-2026.yaml")
    assert bill.kind == "bill" and bill.amends == "qaa-2026"
    comparison = api.check(tmp_path / "qaa-bill-2026.yaml")
    assert isinstance(comparison, Comparison)
    # the bill changes nothing: it opens and closes no gap
    assert {c.change for c in comparison.changes} <= {UNCHANGED, REMAINS}
    assert all(c.before.status == c.after.status for c in comparison.changes)
    checked = run_gapcheck("check", str(tmp_path / "qaa-bill-2026.yaml"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_same_arguments_give_the_same_bytes():
    assert render(base.load(), Starter("QBA", DAY)) == render(base.load(), Starter("QBA", DAY))


def test_new_never_writes_over_a_file(tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    result = run_gapcheck("new", "QAA", "--out", str(target))
    assert result.returncode == 2 and "never writes over" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize(("args", "words"), [
    (("qaa",), "not an ISO 3166 alpha-3"),
    (("QAA", "--bill"), "needs --amends"),
    (("QAA", "--amends", "qaa-2026"), "--amends is for a bill"),
    (("QAA", "--bill", "--amends", "Bad Id"), "not a profile id"),
])
def test_bad_arguments_are_exit_2(args, words):
    result = run_gapcheck("new", *args)
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr
