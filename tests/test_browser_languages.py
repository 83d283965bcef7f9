"""A real browser on a site published in English, French and Spanish: the root
opens the reader's language; on a gap report the language switcher lands on the
same report in French; a finding's permalink works there; switching again keeps
the finding in view. Needs Chromium (as tests/test_browser.py)."""

from __future__ import annotations

import pytest
from test_browser import WIDTHS, browser, new_page, playwright_api, served_site, shot  # noqa: F401

from checker.i18n import locale


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    yield from served_site(tmp_path_factory, "browser-lang", "--languages", "en,fr,es")


def switch_to(page, lang: str) -> None:
    """Open the header's language menu and choose `lang`."""
    page.locator(".gc-languages button").hover()
    link = page.locator(f"a.gc-lang[hreflang={lang}]")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


def test_the_root_opens_the_readers_language(browser, base_url):  # noqa: F811 - the fixture
    context = browser.new_context(locale="es-ES", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}/index.html")
    page.wait_for_url(f"{base_url}/es/index.html")
    assert page.locator("html").get_attribute("lang") == "es"
    context.close()


def test_switching_language_on_a_report_keeps_the_page_and_the_finding(browser, base_url):  # noqa: F811
    fr = locale("fr")
    page = new_page(browser, base_url, WIDTHS["desktop"])
    page.goto(f"{base_url}/en/report/qba-2026/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    switch_to(page, "fr")
    assert page.url == f"{base_url}/fr/report/qba-2026/index.html"
    assert page.locator("html").get_attribute("lang") == "fr"
    assert fr._("Gaps, most severe first") in page.locator("article").inner_text()
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Rechercher"
    shot(page, "lang-1-report-fr")

    # a finding's permalink, followed from the report's table of all requirements
    page.locator("table.gc-findings a[href='#PRO-03']").click()
    assert page.url.endswith("/fr/report/qba-2026/index.html#PRO-03")
    target = page.locator("#PRO-03")
    assert target.is_visible() and target.bounding_box()["y"] < WIDTHS["desktop"][1]
    assert fr.p_("status", "gap") in target.inner_text()
    shot(page, "lang-2-permalink-fr")

    # the switcher carries the finding along: the same anchor in Spanish
    switch_to(page, "es")
    assert page.url == f"{base_url}/es/report/qba-2026/index.html#PRO-03"
    target = page.locator("#PRO-03")
    assert target.is_visible() and target.bounding_box()["y"] < WIDTHS["desktop"][1]
    assert locale("es").p_("status", "gap") in target.inner_text()
    shot(page, "lang-3-permalink-es")
    page.context.close()
