"""CSV: one row per requirement, for spreadsheets and comparisons across states."""

from __future__ import annotations

import csv
import io

from ...engine.findings import Evidence, Finding, Report
from ..compare import Change, Comparison
from ..escape import cell

SUFFIX = ".csv"
COLUMNS = ("profile", "state", "state_name", "as_of", "requirement", "area", "title", "status",
           "severity", "change", "before", "after", "clauses", "sources", "party", "facts",
           "evidence", "quotes", "messages", "recommendation", "explanations", "qualifiers")


def row(report: Report, f: Finding, change: Change | None = None) -> dict[str, str]:
    p = report.profile
    facts = [v for v in f.facts if v.values]
    changed = change.fact_changes if change else ()
    return {
        "profile": p.ident, "state": p.state_code or "", "state_name": p.state_name or "",
        "as_of": p.as_of or "", "requirement": f.ident, "area": f.requirement.area,
        "title": f.requirement.title, "status": f.status, "severity": f.severity or "",
        "change": change.change if change else "",
        "before": "; ".join(f"{c.key}={','.join(c.before) or 'not stated'}" for c in changed),
        "after": "; ".join(f"{c.key}={','.join(c.after) or 'not stated'}" for c in changed),
        "clauses": "; ".join(_cite(e) for c in changed for e in c.clauses),
        "sources": "; ".join(f"{s.instrument_name} {s.citation}" for s in f.requirement.sources),
        "party": "; ".join(sorted({s.instrument_name for s in f.requirement.sources
                                   if s.instrument_name in f.party_to})),
        "facts": "; ".join(f"{v.path}={','.join(v.values)}" for v in facts),
        "evidence": "; ".join(sorted({" ".join(filter(None, (e.document, e.section, e.eid)))
                                      for v in facts for e in v.evidence})),
        "quotes": "; ".join(sorted({e.quote for v in facts for e in v.evidence if e.quote})),
        "messages": " ".join(f.messages),
        # advice only where there is something to do: a gap, not one the bill closes
        "recommendation": f.requirement.recommendation if f.status.falls_short else "",
        "explanations": " ".join(f.explanations),
        "qualifiers": "; ".join(
            [f"{v.path}: {q.value + ': ' if q.value else ''}{q.text}" for v in f.facts
             for q in v.qualifiers]
            + [f"{v.path}: contrary rule: {c.text}" for v in f.facts for c in v.contrary]),
    }


def _cite(e: Evidence) -> str:
    return " ".join(filter(None, (e.document, e.section))) + (f': "{e.quote}"' if e.quote else "")


def rows(result: Report | Comparison) -> list[dict[str, str]]:
    if isinstance(result, Comparison):
        return [row(result.amended, ch.after, ch) for ch in result.changes]
    return [row(result, f) for f in result.findings]


def write(rows_: list[dict[str, str]]) -> str:
    """Every cell is one line of clean text, guarded against formulas; quoting is
    minimal, so a cell never splits its row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: cell(v) for k, v in row.items()} for row in rows_)
    return out.getvalue()


def render(result: Report | Comparison, color: bool = False) -> str:
    return write(rows(result))
