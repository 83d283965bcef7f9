"""Markdown gap reports (for `--format md` and for the site). Everything a
profile author wrote is escaped: no HTML or Markdown from a profile reaches
the page as markup."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ...engine.findings import Evidence, Report
from ...engine.status import GAP, SEVERITIES
from ...kb.requirements import Source
from ..compare import CLOSES, OPENS, REMAINS, SHOWN, Comparison
from ..escape import code, md, safe_id, url
from ..names import instrument_name

SUFFIX = ".md"


def _finalize(value: object) -> object:
    """Every {{ value }} of a Markdown template is escaped, unless it is Markup:
    a fragment our own code built from escaped parts."""
    if value is None:
        return ""
    if isinstance(value, Markup) or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    return md(value)


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("checker.reports", "templates"), autoescape=False,
                      finalize=_finalize, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md
    env.filters["code"] = code
    env.filters["url"] = url
    env.filters["pct"] = lambda x: f"{x:.0%}"
    env.globals.update(SEVERITIES=SEVERITIES, GAP=GAP, CHANGES_SHOWN=SHOWN, CLOSES=CLOSES,
                       OPENS=OPENS, REMAINS=REMAINS)
    return env


def helpers(links: dict | None = None) -> dict:
    """The template functions that write Markdown markup around escaped values.
    links: the site's link functions (each returns a Markup URL), or none for
    plain Markdown; with links["anchor"], findings get a stable {: #ID } anchor."""
    links = links or {}

    def evidence(e: Evidence) -> Markup:
        target = url(e.url)
        doc = md(e.document or e.url)
        out = f"[{doc}]({target})" if target else str(doc)
        if e.section:
            page = links["evidence"](e) if "evidence" in links else None
            out += f", [{md(e.section)}]({page})" if page else f", {md(e.section)}"
        if e.eid:
            out += f" ({md(e.eid)})"
        if e.quote:
            out += f": “{md(e.quote)}”"
        if e.role != "supports":
            out += f" — {md(e.role)}"
        if e.provision_status and e.provision_status != "in-force":
            out += f" ({md(e.provision_status)} in the source)"
        return Markup(out)

    def source_link(s: Source) -> Markup:
        text = f"{md(s.instrument_name)} {md(s.citation)}"
        return Markup(f"[{text}]({links['provision'](s)})" if "provision" in links else text)

    def requirement_link(ident: str) -> Markup:
        return Markup(f"[{md(ident)}]({links['requirement'](ident)})" if "requirement" in links
                      else md(ident))

    def anchor(ident: str) -> Markup:
        return Markup(f" {{: #{ident} }}" if links.get("anchor") and safe_id(ident) else "")

    return {"links": links, "instrument_name": instrument_name, "evidence": evidence,
            "source_link": source_link, "requirement_link": requirement_link, "anchor": anchor}


def render_report(report: Report, links: dict | None = None) -> str:
    return environment().get_template("report.md.j2").render(r=report, **helpers(links))


def render_comparison(c: Comparison, links: dict | None = None) -> str:
    return environment().get_template("comparison.md.j2").render(c=c, **helpers(links))


def render(result: Report | Comparison, color: bool = False) -> str:
    return render_comparison(result) if isinstance(result, Comparison) else render_report(result)
