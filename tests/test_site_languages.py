"""`gapcheck publish --languages en,fr,es`: one site, a folder per language with
the same page paths, a switcher on every page leading to the same page in the
other languages, a search index per language, the theme's own strings and the
<html lang> in the language, the knowledge base's texts in the language with
their review status, and no interface string left in English."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, run_gapcheck
from rdflib import Literal

from checker.i18n import TRANSLATED, locale
from checker.kb import base as kb_base
from checker.site import languages
from checker.site.settings import parse_languages

EXAMPLES = ROOT / "profiles"
LANGS = ("en", "fr", "es")
# Material's search placeholder in each language (its own translations)
SEARCH_PLACEHOLDER = {"en": "Search", "fr": "Rechercher", "es": "Búsqueda"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("multi") / "site"
    result = run_gapcheck("publish", str(EXAMPLES), "--out", str(out), "--languages", ",".join(LANGS))
    assert result.returncode == 0, result.stderr
    return out


def pages(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_each_language_has_the_same_pages_under_its_folder(site: Path):
    assert (site / "index.html").is_file()  # the root picks a language
    en = pages(site / "en")
    assert "report/qba-2026/index.html" in en and "requirements/PRO-01.html" in en
    for lang in LANGS[1:]:
        assert pages(site / lang) == en, lang
    root = (site / "index.html").read_text()
    for lang in LANGS:
        assert f'href="{lang}/index.html"' in root


def test_every_page_switches_to_the_same_page_in_each_language(site: Path):
    for lang in LANGS:
        folder = site / lang
        for rel in pages(folder):
            page = (folder / rel).read_text()
            links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"[^>]*class="md-select__link gc-lang"',
                                    page))
            targets = {code: href for href, code in links.items()}
            assert set(targets) == set(LANGS), (lang, rel)
            for code, href in targets.items():
                if rel == "404.html":  # served for any address: to each language's home
                    assert href == f"../{code}/index.html"
                    continue
                target = (folder / rel).parent / href
                assert target.resolve() == (site / code / rel).resolve(), (lang, rel, href)
                assert target.is_file()


def test_html_lang_and_the_themes_own_strings_are_in_the_language(site: Path):
    for lang in LANGS:
        for rel in ("index.html", "report/qba-2026/index.html", "requirements/PRO-01.html"):
            page = (site / lang / rel).read_text()
            assert re.search(rf'<html lang="{lang}"', page), (lang, rel)
            assert f'placeholder="{SEARCH_PLACEHOLDER[lang]}"' in page, (lang, rel)


def search_text(site: Path, lang: str) -> tuple[dict, str]:
    index = json.loads((site / lang / "search" / "search_index.json").read_text())
    return index, " ".join(d["title"] + " " + d["text"] for d in index["docs"])


def test_search_is_per_language_and_holds_the_languages_words(site: Path):
    kb = kb_base.load()
    from rdflib import RDFS

    from checker.kb import requirements as reqmod
    from checker.kb.translations import Texts

    req = reqmod.load(kb).requirements["PRO-01"]
    texts = Texts(kb.graph, kb.translations)
    for lang in LANGS:
        index, words = search_text(site, lang)
        assert index["config"]["lang"] == [lang]
        title = texts.get(req.iri, RDFS.label, lang).value
        title = re.split(r"\s?: ", title, maxsplit=1)[-1]
        assert title in words, (lang, title)
        for other in LANGS:
            if other != lang:
                other_title = re.split(r"\s?: ", texts.get(req.iri, RDFS.label, other).value, maxsplit=1)[-1]
                assert other_title not in words, (lang, other, other_title)


def test_knowledge_base_texts_show_their_review_status(site: Path):
    page = (site / "fr" / "requirements" / "PRO-01.html").read_text()
    assert "Délai de rétablissement et de réflexion" in page
    mark = re.search(r'<sup class="gc-tr gc-tr-(\w+)" title="([^"]+)">([^<]+)</sup>', page)
    assert mark and mark.group(1) in ("reviewed", "unreviewed")
    fr = locale("fr")
    assert mark.group(3) in (fr._("not reviewed"), fr._("reviewed"))
    assert "gc-tr" not in (site / "en" / "requirements" / "PRO-01.html").read_text()


def test_a_text_without_translation_is_english_and_marked_so():
    from checker.site.kbtext import KbValue, mark

    out = mark(KbValue("Untranslated <text>", "en", "missing"), "fr", html=True)
    assert '<span lang="en">Untranslated &lt;text&gt;</span>' in out and "gc-tr-missing" in out


def test_permalinks_are_the_same_in_every_language(site: Path):
    for lang in LANGS:
        page = (site / lang / "report" / "qba-2026" / "index.html").read_text()
        for ident in ("PRO-01", "PRO-02", "DEF-01"):
            assert f'id="{ident}"' in page, (lang, ident)


def test_pages_not_translated_say_so_in_the_navigation_and_the_page(site: Path):
    for lang in TRANSLATED:
        loc = locale(lang)
        home = (site / lang / "index.html").read_text()
        assert loc._("%(title)s (in English)", title=loc._("Architecture")) in text_of(home)
        arch = (site / lang / "architecture.html").read_text()
        assert loc._("This page exists in English only.") in text_of(arch) and '<div lang="en">' in arch
        method = (site / lang / "method.html").read_text()  # translated by hand
        assert "<h1" in method and loc._("Method") in text_of(method)
        assert loc._("This page exists in English only.") not in method


NOT_WORDS = re.compile(r"^[\W\d_]*$")
# the same in every language: formats and names
NEUTRAL = {"PDF", "JSON", "CSV", "Turtle", "JSON-LD", "XLSX", "ZIP", "SHACL", "YAML", "gapcheck"}


def interface_strings(page: str) -> list[str]:
    """Navigation titles, headings of level 2 and table headers of a page: the
    interface strings a reader meets first (what profiles say comes as data)."""
    found = re.findall(r'class="md-ellipsis">\s*([^<]+?)\s*<', page)
    found += re.findall(r"<h2[^>]*>(.*?)<", page)
    found += re.findall(r'<th(?: scope="col")?>([^<]*)<', page)
    return [html.unescape(s).strip() for s in found]


def test_no_interface_string_is_left_in_english(site: Path):
    """Compared page by page with the English site: a navigation title, heading or
    column that reads the same must be data (a name, a code) or a string the
    catalogue translates as the same word (e.g. "Instrument")."""
    from checker.i18n import catalogs

    data = set(NEUTRAL)
    # texts of the knowledge base: their fallback to English is marked on the page
    # and counted by the translation audit (tests/test_translations.py), not here
    data.update(str(o) for o in kb_base.load().graph.objects() if isinstance(o, Literal))
    for folder in (site / "en" / "report", site / "en" / "acts", site / "en" / "bill"):
        for p in folder.rglob("*.html"):  # what the example profiles say: data
            data.update(interface_strings(p.read_text()))
    for lang in TRANSLATED:
        catalog = catalogs.read(ROOT / "checker" / "i18n" / "messages" / f"{lang}.po", lang)
        same = {m.string for m in catalog if m.id and m.string == m.id}
        offenders = set()
        for rel in ("index.html", "matrix.html", "compare.html", "downloads.html", "report/index.html",
                    "requirements/index.html", "requirements/PRO-01.html", "standards/index.html",
                    "standards/palermo.html", "regions/index.html", "bill/index.html"):
            en = set(interface_strings((site / "en" / rel).read_text()))
            other = set(interface_strings((site / lang / rel).read_text()))
            for s in en & other:
                if NOT_WORDS.match(s) or s in same or s in data or re.fullmatch(r"[A-Z]{2,4}(-\d+)?\b.*", s):
                    continue
                offenders.add((rel, s))
        assert not offenders, (lang, sorted(offenders))


def test_languages_are_checked():
    assert parse_languages("en, FR,es,fr") == ("en", "fr", "es")
    for bad in ("de", "", "en,xx"):
        with pytest.raises(Exception) as err:
            parse_languages(bad)
        assert "language" in str(err.value)
    assert languages.folder("fr", ("en",)) == "" and languages.folder("fr", ("en", "fr")) == "fr"


def test_an_unknown_language_is_exit_2(tmp_path: Path):
    result = run_gapcheck("publish", str(EXAMPLES / "qba-2026.yaml"), "--out", str(tmp_path / "s"),
                          "--languages", "en,de")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "unknown language 'de'" in result.stderr


def test_three_languages_build_the_same_bytes(site: Path, tmp_path: Path):
    again = tmp_path / "again"
    result = run_gapcheck("publish", str(EXAMPLES), "--out", str(again), "--languages", ",".join(LANGS))
    assert result.returncode == 0, result.stderr

    def digest(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
                if p.is_file()}

    first, second = digest(site), digest(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
