"""`gapcheck publish`: every page is there, user text is escaped, nothing comes
from the network, and the same input builds the same bytes."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_gapcheck

from checker.reports import collection
from checker.site.build import build_site

EXAMPLES = ROOT / "profiles"


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_gapcheck("publish", str(EXAMPLES), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def coll():
    return collection.load([EXAMPLES])


def test_every_page_is_built(site: Path, coll):
    expected = ["index.html", "method.html", "matrix.html", "downloads.html",
                "report/index.html", "requirements/index.html", "standards/index.html",
                "reference/ontology.html", "reference/profile-format.html",
                "requirements/PRO-03.html", "standards/palermo.html", "standards/c189.html",
                "downloads/knowledge-base.ttl", "downloads/knowledge-base.jsonld",
                "downloads/all-results.csv", "downloads/profile-context.jsonld"]
    expected += [f"report/{pid}/index.html" for pid in coll.reports]
    expected += [f"downloads/{pid}.{ext}" for pid in coll.reports for ext in ("json", "csv", "ttl")]
    expected += [f"bill/{bid}/index.html" for bid in coll.bills]
    expected += [f"regions/{g.group}.html" for g in coll.rollups()]
    missing = [p for p in expected if not (site / p).is_file()]
    assert not missing


def test_home_carries_the_disclaimer(site: Path):
    html = (site / "index.html").read_text()
    assert "Not legal advice" in html and "fictional" in html


def test_a_gap_report_links_each_source_to_its_provision(site: Path, coll):
    pid, report = next((p, r) for p, r in coll.reports.items() if r.by_status("gap"))
    html = (site / "report" / pid / "index.html").read_text()
    gap = report.by_status("gap")[0]
    src = gap.requirement.sources[0]
    slug = str(src.instrument).rsplit("/", 1)[-1]
    anchor = str(src.provision).rsplit("#", 1)[-1]
    assert f'href="../../standards/{slug}.html#{anchor}"' in html
    target = (site / "standards" / f"{slug}.html").read_text()
    assert f'id="{anchor}"' in target


def test_nothing_is_loaded_from_the_network(site: Path):
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"(https?:)?//", html), page
        assert "fonts.googleapis" not in html and "unpkg.com" not in html


def test_matrix_gives_symbols_as_well_as_colours(site: Path):
    html = (site / "matrix.html").read_text()
    assert "gc-gap" in html and "✗" in html and "✓" in html


def test_same_input_builds_the_same_bytes(site: Path, tmp_path: Path):
    again = tmp_path / "again"
    result = run_gapcheck("publish", str(EXAMPLES), "--out", str(again))
    assert result.returncode == 0, result.stderr
    assert digest(site) == digest(again)


def test_one_process_builds_the_same_bytes(site: Path, tmp_path: Path, monkeypatch):
    """Without forked helpers (the PDFs and downloads, every second report page's
    Markdown: checker/site/shared_markdown.py) the site is the same, byte for byte."""
    monkeypatch.setenv("GAPCHECK_NO_FORK", "1")
    result = run_gapcheck("publish", str(EXAMPLES), "--out", str(tmp_path / "alone"))
    assert result.returncode == 0, result.stderr
    assert digest(site) == digest(tmp_path / "alone")


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_what_profile_authors_wrote_is_escaped(tmp_path: Path):
    src = ROOT / "tests" / "fixtures" / "profiles"
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name in ("qxa-2026.yaml", "qxa-bill-opens.yaml"):
        shutil.copy(src / name, folder)
    base = folder / "qxa-2026.yaml"
    text = base.read_text()
    text = text.replace("title: Republic of Qxa (fictional) — framework as of 1 March 2026",
                        f"title: 'Qxa {HOSTILE}'")
    text = text.replace("name: Republic of Qxa}", "name: 'Qxa <b>bold</b>'}")
    text = text.replace("title: Trafficking in Persons Act 2012", f"title: 'Act {HOSTILE}'")
    text = text.replace("section: s. 21(2)", "section: 's. 21(2) [x](javascript:alert(1))'")
    text = text.replace("url: https://example.org/qxa/tip-act", "url: 'https://example.org/\"><script>x</script>'")
    base.write_text(text)
    out = tmp_path / "site"
    result = run_gapcheck("publish", str(folder), "--out", str(out))
    if result.returncode == 2:  # a bad url is refused at load, which is also safe
        assert "not a web address" in result.stderr
        base.write_text(text.replace("url: 'https://example.org/\"><script>x</script>'",
                                     "url: https://example.org/qxa/tip-act"))
        result = run_gapcheck("publish", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    for page in out.rglob("*.html"):
        assert_no_injected_markup(page)
    report = (out / "report" / "qxa-2026" / "index.html").read_text()
    assert "&lt;script&gt;alert" in report  # shown as text, not run


def assert_no_injected_markup(page: Path) -> None:
    """Parse the page as a browser would: no script of ours, no event handler,
    no javascript: link, no element an author wrote."""
    from lxml import html as lhtml

    tree = lhtml.fromstring(page.read_bytes())
    for script in tree.iter("script"):
        if script.get("type") == "application/json":  # data, never run; no tag can close it
            assert "<" not in (script.text or ""), page
            continue
        assert "alert" not in (script.text or ""), page
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert not any(a.startswith("on") for a in el.attrib), (page, el.tag, dict(el.attrib))
        assert not el.get("href", "").strip().lower().startswith("javascript"), page
        assert el.tag not in ("b", "img") or el.get("src") != "x", page
    assert not tree.xpath("//b[text()='bold']"), page


def test_failed_build_leaves_the_old_site(tmp_path: Path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("old")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yaml").write_text("id: [\n")
    result = run_gapcheck("publish", str(bad), "--out", str(out))
    assert result.returncode == 2
    assert (out / "keep.txt").read_text() == "old"


def test_build_site_refuses_to_replace_the_source_folder(coll):
    from checker.errors import InputError

    with pytest.raises(InputError):
        build_site(coll, ROOT / "site")


def test_evidence_links_to_the_cited_text_of_the_act(site: Path):
    act = site / "acts" / "qba-2026" / "victims-act.html"
    assert act.is_file()
    html = act.read_text()
    assert 'id="sec_9__subsec_2"' in html and "gc-cited" in html
    report = (site / "report" / "qba-2026" / "index.html").read_text()
    assert 'href="../../acts/qba-2026/victims-act.html#sec_9__subsec_2"' in report
