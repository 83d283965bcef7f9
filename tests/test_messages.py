"""Interface strings: the template holds every string the code and templates
use, and each language translates every one of them, keeping the placeholders."""

from __future__ import annotations

import re

import pytest

from checker.i18n import TRANSLATED, from_environment, locale
from checker.i18n.catalogs import TEMPLATE, extract, read
from checker.i18n.locale import catalog_file

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _ids(catalog) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def test_template_lists_every_string_the_code_uses():
    """Fails when a string was added or changed without `make messages`."""
    stale = _ids(extract()) ^ _ids(read(TEMPLATE))
    assert not stale, f"run `make messages`; out of step: {sorted(stale, key=str)[:10]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_string_is_translated(lang):
    template, catalog = read(TEMPLATE), read(catalog_file(lang), lang)
    problems = []
    for m in template:
        if not m.id:
            continue
        t = catalog.get(m.id, context=m.context)
        strings = t.string if t is not None else None
        texts = list(strings) if isinstance(strings, (list, tuple)) else [strings]
        if t is None or not all(texts):
            problems.append(f"missing: {m.id!r}")
        elif t.fuzzy:
            problems.append(f"fuzzy (English changed, translation not checked): {m.id!r}")
        else:
            wanted = set(PLACEHOLDER.findall(" ".join(m.id if isinstance(m.id, tuple) else [m.id])))
            for text in texts:
                if set(PLACEHOLDER.findall(text)) != wanted:
                    problems.append(f"placeholders differ: {m.id!r} -> {text!r}")
    assert not problems, f"{catalog_file(lang).name}: " + "; ".join(problems[:15])


@pytest.mark.parametrize(("env", "lang"), [
    ({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LC_ALL": "es_HN.UTF-8", "LANG": "fr_FR"}, "es"),
    ({"LANGUAGE": "de:es", "LANG": "de_DE.UTF-8"}, "es"), ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"), ({}, "en")])
def test_the_language_follows_the_locale(env, lang):
    assert from_environment(env) == lang


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "2 December 2026"), ("fr", "2 décembre 2026"), ("es", "2 de diciembre de 2026")])
def test_dates_read_as_in_the_language(lang, text):
    assert locale(lang).date("2026-12-02") == text
    assert locale(lang).date("not a date") == "not a date"


def test_french_writes_the_first_of_the_month_as_an_ordinal():
    assert locale("fr").date("2026-07-01") == "1er juillet 2026"
    assert locale("fr").date("2026-07-11") == "11 juillet 2026"
    assert locale("es").date("2026-07-01") == "1 de julio de 2026"
