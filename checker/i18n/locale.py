"""One language's interface strings and formats: `Locale("fr")._("Gap")`,
`.date(d)`, `.number(n)`, `.percent(x)`. Catalogs are the `.po` files, read
with Babel and compiled in memory once per process (no build step, no .mo in git)."""

from __future__ import annotations

import datetime as dt
import gettext
import io
from functools import cache
from pathlib import Path

from babel import Locale as BabelLocale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

MESSAGES = Path(__file__).resolve().parent / "messages"
DOMAIN = "gapcheck"


def catalog_file(lang: str) -> Path:
    return MESSAGES / f"{lang}.po"


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    path = catalog_file(lang)
    if lang == "en" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)  # a fuzzy (unchecked) string is never shown
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class Locale:
    """Strings, dates and numbers of one language. Every method is pure, so a
    Locale can be shared by any number of reports."""

    def __init__(self, lang: str):
        self.lang = lang
        self._t = _translations(lang)
        self._babel = BabelLocale.parse(lang)

    def _(self, message: str, **values) -> str:
        """The message in this language, `%(name)s` placeholders filled."""
        text = self._t.gettext(message)
        return text % values if values else text

    def n_(self, singular: str, plural: str, count: int, **values) -> str:
        """Singular or plural by the language's rule; `%(count)s` is filled too."""
        text = self._t.ngettext(singular, plural, count)
        return text % {"count": self.number(count), **values}

    def p_(self, context: str, message: str, **values) -> str:
        """A message whose English is ambiguous, told apart by its context
        (e.g. "gap" as a status vs. as a count heading)."""
        text = self._t.pgettext(context, message)
        return text % values if values else text

    # Jinja's i18n extension calls these names
    def gettext(self, message: str) -> str:
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._t.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        return self._t.pgettext(context, message)

    def date(self, value: dt.date | str | None, style: str = "long") -> str:
        """A date as readers of this language write it ("1 December 2026",
        "1 décembre 2026", "1 de diciembre de 2026"); a text that is not a
        date is given back unchanged."""
        if value is None:
            return ""
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value[:10])
            except ValueError:
                return value
        if self.lang == "en" and style == "long":
            return format_date(value, "d MMMM y", locale="en_GB")  # day-month-year: the UN's style
        text = format_date(value, style, locale=self._babel)
        if self.lang == "fr" and style == "long" and value.day == 1:
            text = "1er" + text[1:]  # French writes the first of the month as an ordinal
        return text

    def number(self, value: float | int) -> str:
        return format_decimal(value, locale=self._babel)

    def percent(self, value: float) -> str:
        return format_percent(value, locale=self._babel)

    def join(self, items: list[str], style: str = "standard") -> str:
        """"a, b and c" / "a, b et c" / "a, b y c"."""
        return format_list(list(items), style=style, locale=self._babel) if items else ""

    def install(self, env) -> None:  # noqa: ANN001 - a jinja2.Environment
        """Give a Jinja environment this language's `_`, `ngettext`, `pgettext`."""
        if "jinja2.ext.InternationalizationExtension" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(self.gettext, self.ngettext, newstyle=True,
                                      pgettext=self.pgettext)


@cache
def locale(lang: str) -> Locale:
    return Locale(lang)
