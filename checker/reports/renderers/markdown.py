"""Markdown gap reports (for `--format md` and for the site). Everything a
profile author wrote is escaped: no HTML or Markdown from a profile reaches
the page as markup."""

from __future__ import annotations

import html
import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from ...engine.findings import Report
from ...engine.status import GAP, SEVERITIES
from ..compare import CLOSES, SHOWN, Comparison

SUFFIX = ".md"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~<>])")


def md(text: object) -> str:
    """Escape text for Markdown: HTML entities first, then Markdown punctuation."""
    if text is None:
        return ""
    escaped = html.escape(str(text), quote=False)  # text, never an attribute
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    return re.sub(r"\s*\n\s*", " ", escaped)


def url(text: object) -> str:
    """A link target: only http(s) addresses pass, escaped for Markdown."""
    value = str(text or "")
    if not re.match(r"^https?://[^\s<>\"'()]+$", value):
        return ""
    return value


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("checker.reports", "templates"), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["md"] = md
    env.filters["url"] = url
    env.filters["pct"] = lambda x: f"{x:.0%}"
    env.globals.update(SEVERITIES=SEVERITIES, GAP=GAP, CHANGES_SHOWN=SHOWN, CLOSES=CLOSES)
    return env


def render_report(report: Report, links: dict | None = None) -> str:
    """links: optional functions for the site, e.g. provision -> page URL."""
    return environment().get_template("report.md.j2").render(r=report, links=links or {})


def render_comparison(c: Comparison, links: dict | None = None) -> str:
    return environment().get_template("comparison.md.j2").render(c=c, links=links or {})


def render(result: Report | Comparison, color: bool = False) -> str:
    return render_comparison(result) if isinstance(result, Comparison) else render_report(result)
