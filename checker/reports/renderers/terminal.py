"""The terminal table: findings grouped by area, gaps in full, the rest one line
each. Colour only when writing to a terminal."""

from __future__ import annotations

import textwrap

import click

from ...engine.findings import Finding, Report
from ...engine.status import GAP, MET, NOT_ASSESSED
from ..compare import CLOSES, OPENS, SHOWN, ChangeKind, Comparison

SUFFIX = ".txt"
WIDTH = 100


def _style(text: str, color: bool, **kw) -> str:
    return click.style(text, **kw) if color else text


def header(report: Report) -> list[str]:
    p = report.profile
    state = f"{p.state_name or ''} [{p.state_code}]" if p.state_code else ""
    kind = "bill" if p.amends else p.kind
    lines = [f"{p.title}", f"  {state}  {kind} as of {p.as_of or 'undated'}"
             + ("  (fictional state)" if p.fictional else "")]
    if p.amends:
        lines.append(f"  amends: {p.amends}")
    counts, sev = report.counts(), report.gap_counts()
    lines.append(f"  coverage {report.coverage:.0%} ({len(report.findings) - counts[NOT_ASSESSED]} of "
                 f"{len(report.findings)} requirements assessed) · gaps: {counts[GAP]} "
                 f"({sev['binding']} binding, {sev['standard']} standard, "
                 f"{sev['recommended']} recommended) · met: {counts[MET]}")
    return lines


def finding_lines(f: Finding, color: bool, change: ChangeKind | None = None) -> list[str]:
    status = ("was " if change == CLOSES else "") + f.status + (f" ({f.severity})" if f.severity else "")
    tag = f"{change:<9} " if change else ""
    first = (f"  {_style(f.status.symbol, color, fg=f.status.colour)} {f.ident}  "
             f"{_style(tag, color, fg=change.colour if change else None, bold=True)}"
             f"{_style(f'{status:<22}', color, fg=f.status.colour)} {f.requirement.title}")
    lines = [first]
    if f.status != GAP and change not in (OPENS, CLOSES):
        return lines
    indent = " " * 6
    wrap = textwrap.TextWrapper(width=WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
    for msg in f.messages:
        lines += wrap.wrap(msg)
    srcs = "; ".join(f"{s.instrument_name} {s.citation}" + (" [party]" if s.instrument_name in f.party_to
                                                             else "")
                     + ("" if s.status == "checked" else f" [{s.status}]")
                     for s in f.requirement.sources)
    lines += wrap.wrap("sources: " + srcs)
    for fact in f.facts:
        if not fact.values:
            continue
        cites = "; ".join(filter(None, (" ".join(filter(None, (e.document, e.section))) or e.url
                                        for e in fact.evidence)))
        lines += wrap.wrap(f"{fact.path} = {', '.join(fact.values)}" + (f" — {cites}" if cites else ""))
    lines += wrap.wrap("recommendation: " + f.requirement.recommendation)
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
    lines.append(f"  compared with {c.baseline.profile.title} ({c.baseline.profile.ident}): "
                 + ", ".join(f"{len(c.by_change(k))} {k}" for k in SHOWN))
    for change in SHOWN:
        items = c.by_change(change)
        lines += ["", _style(f"{change.title}: {len(items)}", color, bold=True)]
        for ch in items:
            lines += finding_lines(ch.after if change != CLOSES else ch.before, color, change)
    return "\n".join(lines) + "\n"
