"""The terminal table: findings grouped by area, gaps in full, the rest one line
each. Colour only when writing to a terminal."""

from __future__ import annotations

import textwrap

import click

from ...engine.findings import Evidence, Finding, Report
from ...engine.status import GAP, MET, NOT_ASSESSED, PARTIAL
from ..compare import CLOSES, OPENS, SHOWN, Change, Comparison
from ..escape import clean

SUFFIX = ".txt"
WIDTH = 100


def _style(text: str, color: bool, **kw) -> str:
    """Styled text; the text is cleaned first, so only our own escapes reach the terminal."""
    text = clean(text)
    return click.style(text, **kw) if color else text


def header(report: Report) -> list[str]:
    p = report.profile
    state = f"{p.state_name or ''} [{p.state_code}]" if p.state_code else ""
    kind = "bill" if p.amends else p.kind
    lines = [clean(p.title), clean(f"  {state}  {kind} as of {p.as_of or 'undated'}")
             + ("  (fictional state)" if p.fictional else "")]
    if p.amends:
        lines.append(clean(f"  amends: {p.amends}"))
    counts, sev = report.counts(), report.gap_counts()
    lines.append(f"  coverage {report.coverage:.0%} ({len(report.findings) - counts[NOT_ASSESSED]} of "
                 f"{len(report.findings)} requirements assessed) · gaps: {counts[GAP]} "
                 f"({sev['binding']} binding, {sev['standard']} standard, "
                 f"{sev['recommended']} recommended)"
                 + (f" · partial: {counts[PARTIAL]}" if counts[PARTIAL] else "")
                 + f" · met: {counts[MET]}")
    if report.profile.corpus:
        lines.append(clean(f"  describes only this corpus of acts: {report.profile.corpus}"))
    return lines


def _cite(e: Evidence) -> str:
    where = " ".join(filter(None, (e.document, e.section))) or e.url or ""
    return where + (f': "{e.quote}"' if e.quote else "")


def change_lines(ch: Change, wrap: textwrap.TextWrapper) -> list[str]:
    """Each fact the change moves: before -> after, with the clause that makes it."""
    out = []
    for fc in ch.fact_changes:
        clauses = "; ".join(_cite(e) for e in fc.clauses) or "no new evidence given"
        out += wrap.wrap(clean(f"{fc.key}: {', '.join(fc.before) or 'not stated'} -> "
                               f"{', '.join(fc.after) or 'not stated'} — {clauses}"))
    return out


def finding_lines(f: Finding, color: bool, change: Change | None = None) -> list[str]:
    kind = change.change if change else None
    if kind == CLOSES:
        status = f"✓ closed: now {f.status}"
    else:
        status = ("opened: " if kind == OPENS else "") + f.status + (f" ({f.severity})" if f.severity else "")
    tag = f"{kind:<9} " if kind else ""
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
        lines += change_lines(change, wrap)
    if kind == CLOSES:
        return lines  # what the bill does is the news; no advice to do it again
    for msg in f.messages:
        if msg not in f.explanations:
            lines += wrap.wrap(clean(msg))
    srcs = "; ".join(f"{s.instrument_name} {s.citation}" + (" [party]" if s.instrument_name in f.party_to
                                                             else "")
                     + ("" if s.status == "checked" else f" [{s.status}]")
                     for s in f.requirement.sources)
    lines += wrap.wrap(clean("sources: " + srcs))
    for fact in f.facts:
        if not (fact.values or fact.contrary):
            continue
        cites = "; ".join(filter(None, ((" ".join(filter(None, (e.document, e.section))) or e.url or "")
                                        + ("" if e.role == "supports" else f" ({e.role})")
                                        for e in fact.evidence)))
        stated = f"{fact.path} = {', '.join(fact.values)}" + (f" — {cites}" if cites else "")
        lines += wrap.wrap(clean(stated))
        for q in fact.qualifiers:
            lines += wrap.wrap(clean(f"  {q.value + ': ' if q.value else ''}{q.text}"))
        for rule in fact.contrary:
            lines += wrap.wrap(clean(f"  contrary rule: {rule.text}"))
    lines += wrap.wrap(clean("recommendation: " + f.requirement.recommendation))
    return lines


def render(result: Report | Comparison, color: bool = False) -> str:
    if isinstance(result, Comparison):
        return render_comparison(result, color)
    lines = header(result)
    areas: dict[str, list[Finding]] = {}
    for f in result.findings:
        areas.setdefault(f.requirement.area, []).append(f)
    for area, findings in areas.items():
        lines += ["", _style(f"{area}  {findings[0].requirement.area_label}", color, bold=True)]
        for f in findings:
            if f.status != NOT_ASSESSED:
                lines += finding_lines(f, color)
        missing = [f.ident for f in findings if f.status == NOT_ASSESSED]
        if missing:
            text = f"  {NOT_ASSESSED.symbol} not assessed: {', '.join(missing)}"
            lines.append(_style(text, color, fg=NOT_ASSESSED.colour))
    return "\n".join(lines) + "\n"


def render_comparison(c: Comparison, color: bool = False) -> str:
    lines = header(c.amended)
    lines.append(clean(f"  compared with {c.baseline.profile.title} ({c.baseline.profile.ident}): "
                       + ", ".join(f"{len(c.by_change(k))} {k}" for k in SHOWN)))
    for change in SHOWN:
        items = c.by_change(change)
        lines += ["", _style(f"{change.title}: {len(items)}", color, bold=True)]
        for ch in items:
            lines += finding_lines(ch.after, color, ch)
    return "\n".join(lines) + "\n"
