"""The terminal table: findings grouped by area, gaps in full, the rest one line
each. Colour only when writing to a terminal."""

from __future__ import annotations

import textwrap

import click

from ..compare import CLOSES, OPENS, REMAINS, Comparison
from ..validate import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, Finding, Report

SYMBOL = {GAP: "✗", MET: "✓", NOT_ASSESSED: "?", NOT_APPLICABLE: "–"}
COLOUR = {GAP: "red", MET: "green", NOT_ASSESSED: "yellow", NOT_APPLICABLE: "bright_black"}
CHANGE_COLOUR = {OPENS: "red", CLOSES: "green", REMAINS: "yellow"}
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
    for b in p.bindings:
        lines.append(f"  {b.name}: {b.note}")
    for w in p.warnings:
        lines.append(f"  warning: {w.message}")
    return lines


def source_line(f: Finding, s, bindings: dict) -> str:  # noqa: ANN001
    """One source of a finding: its basis, checking status and the state's position."""
    text = f"{s.instrument_name} {s.citation} — {s.basis}"
    if s.status != "checked":
        text += f" ({s.status} citation)"
    if s.instrument_slug in bindings and s.binding:
        text += f" — {bindings[s.instrument_slug].note}"
    return text


def finding_lines(f: Finding, color: bool, change: str | None = None,
                  bindings: dict | None = None) -> list[str]:
    status = ("was " if change == CLOSES else "") + f.status + (f" ({f.severity})" if f.severity else "")
    tag = f"{change:<9} " if change else ""
    first = (f"  {_style(SYMBOL[f.status], color, fg=COLOUR[f.status])} {f.ident}  "
             f"{_style(tag, color, fg=CHANGE_COLOUR.get(change or ''), bold=True)}"
             f"{_style(f'{status:<22}', color, fg=COLOUR[f.status])} {f.requirement.title}")
    lines = [first]
    if f.status != GAP and change not in (OPENS, CLOSES):
        return lines
    indent = " " * 6
    wrap = textwrap.TextWrapper(width=WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")
    for msg in f.messages:
        lines += wrap.wrap(msg)
    lines += wrap.wrap("sources (* the part not met rests on these):"
                       if f.status == GAP else "sources:")
    src_wrap = textwrap.TextWrapper(width=WIDTH, initial_indent=indent + "  ",
                                    subsequent_indent=indent + "    ")
    for s in f.requirement.sources:
        mark = "* " if f.status == GAP and f.failed_source(s) else ""
        lines += src_wrap.wrap(mark + source_line(f, s, bindings or {}))
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
        bindings = {b.instrument: b for b in result.profile.bindings}
        for f in findings:
            if f.status != NOT_ASSESSED:
                lines += finding_lines(f, color, bindings=bindings)
        missing = [f.ident for f in findings if f.status == NOT_ASSESSED]
        if missing:
            text = f"  {SYMBOL[NOT_ASSESSED]} not assessed: {', '.join(missing)}"
            lines.append(_style(text, color, fg=COLOUR[NOT_ASSESSED]))
    return "\n".join(lines) + "\n"


def render_comparison(c: Comparison, color: bool = False) -> str:
    lines = header(c.amended)
    lines.append(f"  compared with {c.baseline.profile.title} ({c.baseline.profile.ident}): "
                 + ", ".join(f"{len(c.by_change(k))} {k}" for k in (OPENS, CLOSES, REMAINS)))
    for change, title in ((OPENS, "Opens (regressions)"), (CLOSES, "Closes"),
                          (REMAINS, "Remains")):
        items = c.by_change(change)
        lines += ["", _style(f"{title}: {len(items)}", color, bold=True)]
        report = c.amended if change != CLOSES else c.baseline
        bindings = {b.instrument: b for b in report.profile.bindings}
        for ch in items:
            lines += finding_lines(ch.after if change != CLOSES else ch.before, color, change,
                                   bindings)
    return "\n".join(lines) + "\n"
