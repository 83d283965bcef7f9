"""HTML fragments of the site's pages (matrix, compare, summaries, tables):
Jinja with autoescape on, so every value is HTML-escaped unless it is Markup
(a fragment our own code built). Control characters are cleaned first. Each
fragment is one block with no blank line, so Markdown leaves it whole."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..i18n import locale
from ..reports.escape import clean
from .kbtext import mark


def _finalize(value: object) -> object:
    if value is None:
        return ""
    return value if isinstance(value, Markup | int | float) else clean(value)


@cache
def html_environment(lang: str = "en") -> Environment:
    env = Environment(loader=PackageLoader("checker.site", "templates"), autoescape=True,
                      finalize=_finalize, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    locale(lang).install(env)  # autoescape: _() gives Markup, its placeholders escaped
    env.policies["ext.i18n.trimmed"] = True  # as the catalogs are extracted
    env.filters["trh"] = lambda value: mark(value, lang, html=True)
    return env


def fragment(template: str, lang: str = "en", **kw: object) -> Markup:
    """A rendered fragment as one HTML block: no blank line inside (a blank line
    would end the HTML block and let Markdown read the rest)."""
    text = html_environment(lang).get_template(template).render(lang=lang, **kw)
    return Markup(re.sub(r"\n\s*\n+", "\n", text).strip())
