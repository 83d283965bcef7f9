"""Markdown gap reports (for `--format md` and for the site). Everything a
profile author wrote is escaped: no HTML or Markdown from a profile reaches
the page as markup."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ...engine.findings import Evidence, Report
from ...engine.status import GAP, SEVERITIES
from ...i18n import SOURCE_LANGUAGE, Locale, locale
from ...kb.requirements import Source
from ..compare import CLOSES, OPENS, REMAINS, SHOWN, Comparison
from ..escape import code, md, safe_id, url
from ..names import instrument_name
from ..wording import (
    ENGLISH,
    basis_word,
    change_title,
    change_word,
    citation_note,
    provision_status_word,
    role_word,
    severity_word,
    status_label,
    status_word,
    values_text,
)
from .terminal import kind_word

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
def environment(lang: str = SOURCE_LANGUAGE) -> Environment:
    """The Markdown templates with `_()` in `lang` (the words of helpers(loc=...)
    must be in the same language)."""
    env = Environment(loader=PackageLoader("checker.reports", "templates"), autoescape=False,
                      finalize=_finalize, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True,
                      extensions=["jinja2.ext.i18n"])
    locale(lang).install(env)
    env.filters["md"] = md
    env.filters["code"] = code
    env.filters["url"] = url
    env.filters["pct"] = lambda x: f"{x:.0%}"  # the site's pages (English) still use it
    env.globals.update(SEVERITIES=SEVERITIES, GAP=GAP, CHANGES_SHOWN=SHOWN, CLOSES=CLOSES,
                       OPENS=OPENS, REMAINS=REMAINS)
    return env


def helpers(links: dict | None = None, loc: Locale | None = None, author_lang: str | None = None
            ) -> dict:
    """The template functions that write Markdown markup around escaped values.
    links: the site's link functions (each returns a Markup URL), or none for
    plain Markdown; with links["anchor"], findings get a stable {: #ID } anchor.
    loc: the Locale of the words (statuses, bases, dates); author_lang: the
    language the profile's author wrote in, marked on the site where it differs."""
    links = links or {}
    loc = loc or ENGLISH

    def author(text: object) -> Markup:
        """What the profile's author wrote: as written, never translated; on the site
        marked with its language when that is not the page's."""
        escaped = md(text)
        if links and author_lang and author_lang != loc.lang and escaped:
            return Markup(f'<span lang="{author_lang}">{escaped}</span>')
        return escaped

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
            out += f" — {md(role_word(e.role, loc))}"
        if e.provision_status and e.provision_status != "in-force":
            out += " (" + md(loc._("%(status)s in the source",
                                   status=provision_status_word(e.provision_status, loc))) + ")"
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
            "source_link": source_link, "requirement_link": requirement_link, "anchor": anchor,
            "author": author, "date": lambda d: loc.date(d) if d else loc._("undated"),
            "pct": loc.percent, "num": loc.number,
            "status": lambda st: status_word(st, loc), "status_label": lambda st: status_label(st, loc),
            "severity": lambda sev: severity_word(sev, loc), "basis": lambda b: basis_word(b, loc),
            "citation_note": lambda st: citation_note(st, loc),
            "values": lambda vs: values_text(vs, loc), "change_word": lambda k: change_word(k, loc),
            "change_title": lambda k: change_title(k, loc), "kind": lambda p: kind_word(p, loc)}


def render_report(report: Report, links: dict | None = None, loc: Locale | None = None) -> str:
    loc = loc or ENGLISH
    return environment(loc.lang).get_template("report.md.j2").render(
        r=report, **helpers(links, loc, report.profile.lang))


def render_comparison(c: Comparison, links: dict | None = None, loc: Locale | None = None) -> str:
    loc = loc or ENGLISH
    return environment(loc.lang).get_template("comparison.md.j2").render(
        c=c, **helpers(links, loc, c.amended.profile.lang))


def render(result: Report | Comparison, color: bool = False, loc: Locale | None = None) -> str:
    if isinstance(result, Comparison):
        return render_comparison(result, loc=loc)
    return render_report(result, loc=loc)
