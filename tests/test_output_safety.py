"""Output integrity (issue 11, classes 5, 7 and 8): hostile text never acts in
any output format; outputs never overwrite an input, never land under a file or
in /proc, and are readable by others (0644 under umask 022); Turtle with blank
nodes is the same bytes on every run; a site built with settings and a profile
marked `fictional: false` carries none of the example wording."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, run_gapcheck
from rdflib import Graph

from checker.cli import main
from checker.reports.escape import cell, clean, md

CORPUS = ROOT / "tests" / "corpus"
HOSTILE = sorted(CORPUS.glob("out-*.yaml"))
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_there_are_hostile_cases():
    assert len(HOSTILE) >= 6


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json", "ttl"])
def test_hostile_text_is_neutralised_in_every_format(path: Path, fmt: str):
    result = run("check", str(path), "--format", fmt, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert not RAW_CONTROL.search(out), repr(RAW_CONTROL.search(out).group())
    if fmt == "md":
        for line in out.split("\n"):
            assert not re.match(r"\s*(!!!|\?\?\?|===|<div|<script)", line), line
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1 and len(rows) == 67
        for row in rows[1:]:
            for value in row:
                assert value.lstrip()[:1] not in ("=", "+", "-", "@") or value.startswith("'"), value
    if fmt == "ttl":
        Graph().parse(data=out, format="turtle")


def test_escapers():
    assert clean("a\x1b[2Jb\rc\x9b31md") == "ab cd"
    assert "\r" not in md("x\r!!! danger") and not str(md("!!! x")).startswith("!")
    assert cell("\r=1+2") == "' =1+2" and cell("@SUM(A1)") == "'@SUM(A1)" and cell("ok") == "ok"


def test_turtle_with_blank_nodes_is_the_same_bytes_every_run():
    runs = {run_gapcheck("check", str(CORPUS / "out-blank-nodes.ttl"), "--format", "ttl",
                         "--fail-on", "never").stdout for _ in range(2)}
    # the profile reader names every node after its place in the profile, so the blank
    # nodes of the input never reach the output
    assert len(runs) == 1 and "_:" not in runs.pop()


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "qxa-2026.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml", path)
    return path


def test_output_never_overwrites_its_input(profile: Path):
    before = profile.read_bytes()
    result = run("check", str(profile), "--output", str(profile))
    assert result.exit_code == 2 and "input" in result.stderr
    assert profile.read_bytes() == before


@pytest.mark.parametrize("where", ["under-a-file", "proc", "sys"])
def test_output_in_an_impossible_place_is_exit_2(profile: Path, where: str):
    target = {"under-a-file": str(profile) + "/out.json", "proc": "/proc/gapcheck-out.json",
              "sys": "/sys/gapcheck-out.json"}[where]
    result = run("check", str(profile), "--format", "json", "--output", target)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_outputs_are_readable_by_colleagues(profile: Path, tmp_path: Path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "report.json"
        assert run("check", str(profile), "--format", "json", "--output", str(out),
                   "--fail-on", "never").exit_code == 0
        assert out.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(old)


def test_publish_into_proc_or_under_a_file_is_exit_2(profile: Path):
    for out in ("/proc/gapcheck-site", str(profile) + "/site"):
        result = run_gapcheck("publish", str(profile), "--out", out)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr


def test_a_real_publishers_site_says_what_the_publisher_set(tmp_path: Path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    text = (ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml").read_text()
    text = text.replace("fictional: true", "fictional: false").replace(" (fictional)", "")
    (folder / "qxa-2026.yaml").write_text(text)
    settings = tmp_path / "site.yaml"
    settings.write_text("title: Meridian Dialogue gap report\norganisation: Meridian secretariat\n"
                        "introduction: |\n  Our members' frameworks, held against the standards.\n"
                        "disclaimer: Not legal advice. Prepared by the secretariat.\n"
                        "licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}\n"
                        "contact: {email: secretariat@example.org}\nlanguages: [en, fr]\n")
    out = tmp_path / "site"
    result = run_gapcheck("publish", str(folder), "--out", str(out), "--settings", str(settings))
    assert result.returncode == 0, result.stderr
    # two languages: a folder each, the root picks one
    assert "Meridian Dialogue gap report" in (out / "index.html").read_text()
    for lang in ("en", "fr"):
        home = (out / lang / "index.html").read_text()
        assert "Meridian Dialogue gap report" in home and "Meridian secretariat" in home
        assert "CC BY 4.0" in home and "secretariat@example.org" in home
    for page in out.rglob("*.html"):
        if "reference" in page.parts:
            continue  # the format's own key `fictional` is documented there
        body = page.read_text().lower()
        for word in ("fictional", "example states", "in the example profiles", "fictif", "fictive"):
            assert word not in body, (page, word)
    for lang in ("en", "fr"):
        assert (out / lang / "downloads" / "qxa-2026.pdf").read_bytes().startswith(b"%PDF-")
        assert (out / lang / "downloads" / "gap-reports.xlsx").stat().st_size > 1000
    mode = out.stat().st_mode & 0o777
    assert mode & 0o055 == 0o055  # others can read the published folder


def test_bad_settings_are_exit_2_with_the_line(tmp_path: Path, profile: Path):
    settings = tmp_path / "site.yaml"
    settings.write_text("title: x\nlicense: CC BY\n")
    result = run_gapcheck("publish", str(profile), "--out", str(tmp_path / "s"), "--settings", str(settings))
    assert result.returncode == 2 and f"{settings}:2:" in result.stderr and "licence" in result.stderr
