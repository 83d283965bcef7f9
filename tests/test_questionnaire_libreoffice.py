"""The questionnaire opens in LibreOffice Calc (Debian's libreoffice-calc, which
CI installs): a headless conversion of every sheet to CSV succeeds, and a
workbook LibreOffice saved again imports to the same profile."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from rdflib.compare import isomorphic

from checker.profile import load as profile
from checker.profile import questionnaire as q
from checker.profile.questionnaire_export import export
from checker.profile.questionnaire_import import to_yaml

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None:
    pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc)",
                allow_module_level=True)

# CSV of every sheet (the last field, -1), UTF-8 (76), comma-separated (44), quoted (34)
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice(tmp_path: Path, target: str, source: Path, out: Path) -> subprocess.CompletedProcess:
    # a private user profile, so that runs in parallel or as root do not collide
    return subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo-user",
                           "--headless", "--norestore", "--convert-to", target,
                           "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=240)


def test_every_sheet_converts(tmp_path: Path) -> None:
    book = tmp_path / "qba.xlsx"
    book.write_bytes(export(str(ROOT / "profiles" / "qba-2026.yaml"), None, str(book)))
    done = soffice(tmp_path, ALL_SHEETS_CSV, book, tmp_path / "csv")
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    for sheet in q.load().sheets:
        csv = tmp_path / "csv" / f"qba-{sheet.name}.csv"
        assert csv.is_file(), (sheet.name, done.stdout)
    pro = (tmp_path / "csv" / "qba-PRO.csv").read_text(encoding="utf-8")
    assert "reflection_period.days,\"The minimum length" in pro


def test_saved_by_libreoffice_imports_to_the_same_profile(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    source = tmp_path / "profiles" / "qaa-2026.yaml"
    book = tmp_path / "in" / "qaa.xlsx"
    book.parent.mkdir()
    book.write_bytes(export(str(source), None, str(book)))
    done = soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", book, tmp_path / "saved")
    assert done.returncode == 0, done.stderr
    saved = tmp_path / "saved" / "qaa.xlsx"
    out = tmp_path / "profiles" / "qaa-again.yaml"
    out.write_text(to_yaml(saved, out), encoding="utf-8")
    assert isomorphic(profile.load(source).graph, profile.load(out).graph)


def test_record_sheets_open_and_come_back_from_libreoffice(tmp_path: Path) -> None:
    """The Contrary and Tiers sheets (and the hidden Lists sheet their drop-downs
    read) convert, and a workbook LibreOffice saved again keeps every record."""
    source = tmp_path / "qzz-records.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "questionnaire" / source.name, source)
    book = tmp_path / "in" / "rec.xlsx"
    book.parent.mkdir()
    book.write_bytes(export(str(source), None, str(book)))
    done = soffice(tmp_path, ALL_SHEETS_CSV, book, tmp_path / "csv")
    assert done.returncode == 0, done.stderr
    contrary = (tmp_path / "csv" / "rec-Contrary.csv").read_text(encoding="utf-8")
    assert "trafficking_offence.acts,transfer,permits," in contrary
    tiers = (tmp_path / "csv" / "rec-Tiers.csv").read_text(encoding="utf-8")
    assert "trafficking_offence.child_age_limit,16,child" in tiers
    assert (tmp_path / "csv" / f"rec-{q.LISTS}.csv").is_file()
    done = soffice(tmp_path, "xlsx:Calc MS Excel 2007 XML", book, tmp_path / "saved")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "again.yaml"
    out.write_text(to_yaml(tmp_path / "saved" / "rec.xlsx", out), encoding="utf-8")
    assert isomorphic(profile.load(source).graph, profile.load(out).graph)
