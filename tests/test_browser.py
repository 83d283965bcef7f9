"""A real browser on the built site, as an advocate would use it, at desktop
(1400 px) and phone (390 px) widths: home -> matrix (every state visible, filter
by severity) -> compare two states -> a gap report (first gap in the first
screen on desktop) -> a finding's permalink -> the bill page (before and after)
-> the report's PDF; then the search names the state.

Needs Chromium (Debian's `chromium`; `.ci/run` installs it when missing).
Screenshots are kept as test artefacts in out/screenshots/ (git-ignored)."""

from __future__ import annotations

import functools
import os
import shutil
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import ROOT, run_gapcheck

CHROMIUM = os.environ.get("GAPCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")
SHOTS = ROOT / "out" / "screenshots"
WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed; .ci/run should have installed it",
                    pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


def served_site(tmp_path_factory, name: str, *publish_args: str):  # noqa: ANN001, ANN201
    """Publish the example profiles and serve the site over HTTP; yields its address."""
    site = tmp_path_factory.mktemp(name) / "site"
    result = run_gapcheck("publish", str(ROOT / "profiles"), "--out", str(site), *publish_args)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    yield from served_site(tmp_path_factory, "browser")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def new_page(browser, base_url, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    # the site must not need the network: refuse every request that is not ours
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(base_url) else route.abort())
    return context.new_page()


def shot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_an_advocates_walk_through_the_site(browser, base_url, width):
    page = new_page(browser, base_url, WIDTHS[width])
    page.goto(f"{base_url}/index.html")
    assert "Not legal advice" in page.content()
    assert page.locator("svg.gc-chart").count() >= 1  # the summary comes first, as charts
    shot(page, f"{width}-1-home")

    # the matrix: every state is a named column, visible (or paged, with a label)
    page.goto(f"{base_url}/matrix.html")
    heads = page.locator("table.gc-matrix thead th.gc-state")
    n_states = heads.count()
    assert n_states == 8
    visible = [h for h in heads.all() if h.is_visible()]
    if width == "desktop":
        assert len(visible) == n_states
        for h in visible:  # inside the viewport, not behind a horizontal scroll
            box = h.bounding_box()
            assert box["x"] + box["width"] <= WIDTHS[width][0]
    else:
        label = page.locator("[data-gc-page-label]")
        assert label.is_visible() and f"of {n_states}" in label.inner_text()
        page.locator("[data-gc-next]").click()
        assert f"of {n_states}" in label.inner_text()
    assert "Belmora" in page.locator("table.gc-matrix thead").inner_text()
    page.select_option("select[name=sev]", "binding")
    rows = page.locator("table.gc-matrix tbody tr:not(.gc-area-row):not(.gc-hidden)")
    assert 0 < rows.count() < 66
    assert "sev=binding" in page.url
    for row in rows.all()[:5]:
        assert row.locator("td.gc-sev-binding").count() >= 1
    shot(page, f"{width}-2-matrix-binding")

    # compare two states, chosen on the page; the address keeps the choice
    page.goto(f"{base_url}/compare.html")
    page.select_option("select[name=s0]", "qba-2026")
    page.select_option("select[name=s1]", "qca-2026")
    assert "states=qba-2026,qca-2026" in page.url
    table = page.locator("table.gc-compare-table")
    assert "Belmora" in table.locator("thead").inner_text()
    assert table.locator("tbody tr").count() == 66
    shot(page, f"{width}-3-compare")
    shared = page.url
    page.goto(f"{base_url}/index.html")
    page.goto(shared)
    assert page.locator("select[name=s1]").input_value() == "qca-2026"

    # a gap report: the first gap in the first screen on a desktop
    page.goto(f"{base_url}/report/qba-2026/index.html")
    first_gap = page.locator("h2:has-text('Gaps, most severe first') ~ h3").first
    if width == "desktop":
        assert first_gap.bounding_box()["y"] < WIDTHS[width][1]
    shot(page, f"{width}-4-report")

    # a finding's permalink: stable, by requirement id only
    page.goto(f"{base_url}/report/qba-2026/index.html#PRO-03")
    target = page.locator("#PRO-03")
    assert target.is_visible() and "binding" in target.inner_text()
    assert target.bounding_box()["y"] < WIDTHS[width][1]
    shot(page, f"{width}-5-permalink")

    # the bill page: each change, before and after, with the bill's clause
    page.goto(f"{base_url}/bill/qba-bill-border-2026/index.html")
    text = page.locator("article").inner_text()
    assert "false → true" in text and "cl. 2" in text and "subsection (4) of section 9 is repealed" in text
    shot(page, f"{width}-6-bill")

    # the report's PDF, linked from the report page, opens as a PDF
    page.goto(f"{base_url}/report/qba-2026/index.html")
    href = page.locator("a:has-text('PDF')").first.get_attribute("href")
    pdf_url = f"{base_url}/report/qba-2026/{href}"
    with urllib.request.urlopen(pdf_url) as response:  # noqa: S310 - our local server
        body = response.read()
    assert body.startswith(b"%PDF-") and b"/Type /Page" in body
    page.goto(pdf_url)  # Chromium opens it in its viewer, without an error page
    shot(page, f"{width}-7-pdf")
    page.context.close()


def test_search_names_the_state(browser, base_url):
    page = new_page(browser, base_url, WIDTHS["desktop"])
    page.goto(f"{base_url}/index.html", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    # the search index loads in a web worker; on a busy machine it takes a while
    results = page.locator(".md-search-result__item")
    for _ in range(3):
        box.fill("")
        box.type("Belmora reflection", delay=20)
        try:
            results.first.wait_for(timeout=20_000)
            break
        except playwright_api.TimeoutError:
            continue
    assert results.count() > 0
    text = page.locator(".md-search-result").inner_text()
    assert "Belmora" in text
    shot(page, "desktop-8-search")
    page.context.close()


# A4 landscape at Chromium's 96 px per inch, less the 14 mm margins of the print CSS
A4_LANDSCAPE_CONTENT = round((297 - 2 * 14) / 25.4 * 96)
A4_PORTRAIT_CONTENT = round((210 - 2 * 14) / 25.4 * 96)
PRINTED_PAGES = ["index.html", "matrix.html", "compare.html", "report/qba-2026/index.html",
                 "bill/qba-bill-border-2026/index.html", "regions/index.html",
                 "requirements/PRO-03.html", "method.html"]


@pytest.mark.parametrize("path", PRINTED_PAGES)
def test_every_page_prints_without_losing_content(browser, base_url, path):
    """Printed (Chromium's print media, A4), no page is wider than the paper,
    the site's chrome is gone, and Chromium writes it to a PDF."""
    landscape = path == "matrix.html"
    width = A4_LANDSCAPE_CONTENT if landscape else A4_PORTRAIT_CONTENT
    page = new_page(browser, base_url, (width, 1000))
    page.goto(f"{base_url}/{path}")
    page.emulate_media(media="print")
    overflow = page.evaluate("""() => {
        const wide = [];
        for (const el of document.querySelectorAll('article *')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > window.innerWidth + 1 && getComputedStyle(el).position !== 'fixed')
                wide.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
        }
        return wide.slice(0, 5);
    }""")
    assert not overflow, f"{path} is wider than the printed page: {overflow}"
    assert not page.locator(".md-header").is_visible()
    if landscape:  # every state's column is printed, with its name
        heads = page.locator("table.gc-matrix thead th.gc-state")
        assert heads.count() == 8
        assert all(h.is_visible() for h in heads.all())
        assert "Belmora" in page.locator("table.gc-matrix thead").inner_text()
    pdf = page.pdf(format="A4", landscape=landscape, print_background=True)
    assert pdf.startswith(b"%PDF-") and pdf.count(b"/Type /Page") >= 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"print-{path.replace('/', '-')}.pdf").write_bytes(pdf)
    page.context.close()
