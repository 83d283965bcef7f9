"""The terminal table: findings grouped by area, gaps in full, the rest one line
each. Colour only when writing to a terminal."""

from __future__ import annotations

import textwrap

import click

from ...engine.findings import Evidence, Finding, Report
from ...engine.legal_time import Binding
from ...engine.status import GAP, MET, NOT_ASSESSED, PARTIAL
from ...i18n import Locale
from ..compare import CLOSES, OPENS, SHOWN, Change, Comparison
from ..escape import clean
from ..wording import (
    ENGLISH,
    bindings_of,
    change_title,
    change_word,
    role_word,
    severity_word,
    source_line,
    status_word,
    values_text,
    warning_line,
)

SUFFIX = ".txt"
WIDTH = 100


def _style(text: str, color: bool, **kw) -> str:
    """Styled text; the text is cleaned first, so only our own escapes reach the terminal."""
    text = clean(text)
    return click.style(text, **kw) if color else text


def kind_word(p, loc: Locale) -> str:  # noqa: ANN001 - a ProfileInfo
    """"bill" (a bill applied to its baseline) or the profile's kind."""
    if p.amends or p.kind == "bill":
        return loc.p_("profile kind", "bill")
    return loc.p_("profile kind", "framework") if p.kind == "framework" else p.kind


def header(report: Report, loc: Locale = ENGLISH) -> list[str]:
    p = report.profile
    state = f"{p.state_name or ''} [{p.state_code}]" if p.state_code else ""
    when = loc.date(p.as_of) if p.as_of else loc._("undated")
    lines = [clean(p.title), clean("  " + loc._("%(state)s  %(kind)s as of %(date)s", state=state,
                                                 kind=kind_word(p, loc), date=when))
             + ("  " + loc._("(fictional state)") if p.fictional else "")]
    if p.amends:
        lines.append(clean("  " + loc._("amends: %(profile)s", profile=p.amends)))
    counts, sev = report.counts(), report.gap_counts()
    assessed = len(report.findings) - counts[NOT_ASSESSED]
    parts = [loc._("coverage %(percent)s (%(assessed)s of %(total)s requirements assessed)",
                   percent=loc.percent(report.coverage), assessed=loc.number(assessed),
                   total=loc.number(len(report.findings))),
             loc._("gaps: %(count)s (%(binding)s binding, %(standard)s standard, %(recommended)s "
                   "recommended)", count=counts[GAP], binding=sev["binding"],
                   standard=sev["standard"], recommended=sev["recommended"])]
    if counts[PARTIAL]:
        parts.append(loc._("partial: %(count)s", count=counts[PARTIAL]))
    parts.append(loc._("met: %(count)s", count=counts[MET]))
    lines.append("  " + " · ".join(parts))
    if report.profile.corpus:
        lines.append(clean("  " + loc._("describes only this corpus of acts: %(corpus)s",
                                        corpus=report.profile.corpus)))
    for b in p.bindings:
        lines.append(clean(f"  {b.name}: {b.note}"))
    for w in p.warnings:
        lines.append(clean(f"  {warning_line(w, loc)}"))
    return lines


def _cite(e: Evidence) -> str:
    where = " ".join(filter(None, (e.document, e.section))) or e.url or ""
    return where + (f': "{e.quote}"' if e.quote else "")


def change_lines(ch: Change, wrap: textwrap.TextWrapper, loc: Locale = ENGLISH) -> list[str]:
    """Each fact the change moves: before -> after, with the clause that makes it."""
    out = []
    for fc in ch.fact_changes:
        clauses = "; ".join(_cite(e) for e in fc.clauses) or loc._("no new evidence given")
        out += wrap.wrap(clean(f"{fc.key}: {values_text(fc.before, loc)} -> "
                               f"{values_text(fc.after, loc)} — {clauses}"))
    return out


def finding_lines(f: Finding, color: bool, change: Change | None = None,
                  bindings: dict[str, Binding] | None = None, loc: Locale = ENGLISH) -> list[str]:
    kind = change.change if change else None
    word = status_word(f.status, loc)
    if kind == CLOSES:
        status = "✓ " + loc._("closed: now %(status)s", status=word)
    else:
        status = word + (f" ({severity_word(f.severity, loc)})" if f.severity else "")
        if kind == OPENS:
            status = loc._("opened: %(status)s", status=status)
    tag = f"{change_word(kind, loc):<9} " if kind else ""
    first = (f"  {_style(f.status.symbol, color, fg=f.status.colour)} {clean(f.ident)}  "
             f"{_style(tag, color, fg=kind.colour if kind else None, bold=True)}"
             f"{_style(f'{status:<22}', color, fg=f.status.colour)} {clean(f.requirement.title)}")
    lines = [first]
    indent = " " * 6
    wrap = textwrap.TextWrapper(width=WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
    for note in f.explanations:  # what qualifiers, contrary rules or silence made of it
        lines += wrap.wrap(clean(note))
    if not f.status.falls_short and kind not in (OPENS, CLOSES):
        return lines
    if change is not None:
        lines += change_lines(change, wrap, loc)
    if kind == CLOSES:
        return lines  # what the bill does is the news; no advice to do it again
    for msg in f.messages:
        if msg not in f.explanations:
            lines += wrap.wrap(clean(msg))
    lines += wrap.wrap(loc._("sources (* the part not met rests on these):")
                       if f.status.falls_short else loc._("sources:"))
    src_wrap = textwrap.TextWrapper(width=WIDTH, initial_indent=indent + "  ",
                                    subsequent_indent=indent + "    ")
    for s in f.requirement.sources:
        mark = "* " if f.status.falls_short and f.failed_source(s) else ""
        lines += src_wrap.wrap(clean(mark + source_line(s, bindings or {}, loc)))
    for fact in f.facts:
        if not (fact.values or fact.contrary):
            continue
        cites = "; ".join(filter(None, ((" ".join(filter(None, (e.document, e.section))) or e.url or "")
                                        + ("" if e.role == "supports" else f" ({role_word(e.role, loc)})")
                                        for e in fact.evidence)))
        stated = f"{fact.path} = {', '.join(fact.values)}" + (f" — {cites}" if cites else "")
        lines += wrap.wrap(clean(stated))
        for q in fact.qualifiers:
            lines += wrap.wrap(clean(f"  {q.value + ': ' if q.value else ''}{q.text}"))
        for rule in fact.contrary:
            lines += wrap.wrap(clean("  " + loc._("contrary rule: %(text)s", text=rule.text)))
    lines += wrap.wrap(clean(loc._("recommendation: %(text)s", text=f.requirement.recommendation)))
    return lines


def render(result: Report | Comparison, color: bool = False, loc: Locale = ENGLISH) -> str:
    if isinstance(result, Comparison):
        return render_comparison(result, color, loc)
    lines = header(result, loc)
    bindings = bindings_of(result.profile)
    areas: dict[str, list[Finding]] = {}
    for f in result.findings:
        areas.setdefault(f.requirement.area, []).append(f)
    for area, findings in areas.items():
        lines += ["", _style(f"{area}  {findings[0].requirement.area_label}", color, bold=True)]
        for f in findings:
            if f.status != NOT_ASSESSED:
                lines += finding_lines(f, color, bindings=bindings, loc=loc)
        missing = [f.ident for f in findings if f.status == NOT_ASSESSED]
        if missing:
            text = f"  {NOT_ASSESSED.symbol} " + loc._("not assessed: %(requirements)s",
                                                      requirements=", ".join(missing))
            lines.append(_style(text, color, fg=NOT_ASSESSED.colour))
    return "\n".join(lines) + "\n"


def render_comparison(c: Comparison, color: bool = False, loc: Locale = ENGLISH) -> str:
    lines = header(c.amended, loc)
    counts = ", ".join(f"{len(c.by_change(k))} {change_word(k, loc)}" for k in SHOWN)
    lines.append(clean("  " + loc._("compared with %(title)s (%(profile)s): %(counts)s",
                                    title=c.baseline.profile.title,
                                    profile=c.baseline.profile.ident, counts=counts)))
    bindings = bindings_of(c.amended.profile)
    for change in SHOWN:
        items = c.by_change(change)
        lines += ["", _style(f"{change_title(change, loc)}: {len(items)}", color, bold=True)]
        for ch in items:
            lines += finding_lines(ch.after, color, ch, bindings, loc)
    return "\n".join(lines) + "\n"
