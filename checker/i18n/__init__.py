"""The languages gapcheck speaks and the interface strings in each.

English is the source language: interface strings are written in English in
the code and templates (`_("...")`), extracted into `messages/gapcheck.pot`
(`make messages`) and translated in `messages/<lang>.po`. Knowledge-base texts
are not here: they live in the Turtle files (see checker.kb.translations).

Placeholders are `%(name)s`, the style Babel checks and Jinja's i18n extension
fills, so a translation that drops or renames one fails the message test."""

from __future__ import annotations

import os

from .locale import Locale, locale

SOURCE_LANGUAGE = "en"
TRANSLATED = ("fr", "es")
LANGUAGES = (SOURCE_LANGUAGE, *TRANSLATED)
# each language named in English and in itself (for the site's language switcher)
LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish"}
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
# GNU gettext's order: LANGUAGE's list of preferences first, then the locale
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def from_environment(environ: dict[str, str] | None = None) -> str:
    """The first language the user's locale settings ask for that gapcheck
    speaks; English when none does."""
    env = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = env.get(name, "")
        if not value:
            continue
        for candidate in value.split(":"):
            code = candidate.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
    return SOURCE_LANGUAGE


__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "Locale", "NATIVE_NAMES", "SOURCE_LANGUAGE",
           "TRANSLATED", "from_environment", "locale"]
