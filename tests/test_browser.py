"""A real browser on the built site: home -> a profile's gap report -> a gap's
source -> the provision on the instrument page; then the search box.

Needs Chromium (Debian's `chromium`; `.ci/run` installs it when missing).
Screenshots go to out/screenshots/."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import ROOT, run_gapcheck

CHROMIUM = os.environ.get("GAPCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")
SHOTS = ROOT / "out" / "screenshots"

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed; .ci/run should have installed it",
                    pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

playwright_api = pytest.importorskip("playwright.sync_api")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser") / "site"
    result = run_gapcheck("publish", str(ROOT / "profiles"), "--out", str(site))
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def page(base_url):
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        # the site must not need the network: refuse every request that is not ours
        context.route("**/*", lambda route: route.continue_()
                      if route.request.url.startswith(base_url) else route.abort())
        pg = context.new_page()
        yield pg
        browser.close()


def test_from_home_to_a_gap_and_its_source(page, base_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{base_url}/index.html")
    assert "Not legal advice" in page.content()
    page.get_by_role("link", name="Republic of Belmora (fictional)").first.click()
    page.wait_for_url("**/profiles/qba-2026.html")
    gap = page.locator("h3", has_text="PRO-03")
    assert gap.count() == 1 and "gap (binding)" in gap.inner_text()
    page.screenshot(path=str(SHOTS / "gap-report.png"), full_page=False)
    # the first source listed under that gap: CETS 197 Art. 13(1)
    source = page.locator("h3:has-text('PRO-03') ~ ul a[href*='standards/']").first
    assert "CETS 197" in source.inner_text()
    source.click()
    page.wait_for_url("**/standards/cets197.html#A13-1")
    target = page.locator("#A13-1")
    assert target.is_visible()
    assert "reflection" in page.locator("#A13-1 ~ p").first.inner_text().lower()
    page.screenshot(path=str(SHOTS / "provision.png"))


def test_search_finds_a_requirement(page, base_url):
    page.goto(f"{base_url}/index.html", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    # the search index loads in a web worker; on a busy machine it takes a while
    results = page.locator(".md-search-result__item")
    for _ in range(3):
        box.fill("")
        box.type("reflection period", delay=20)
        try:
            results.first.wait_for(timeout=20_000)
            break
        except playwright_api.TimeoutError:
            continue
    assert results.count() > 0
    text = page.locator(".md-search-result").inner_text().lower()
    assert "reflection" in text
    page.screenshot(path=str(SHOTS / "search.png"))
