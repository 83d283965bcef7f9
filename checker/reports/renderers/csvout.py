"""CSV: one row per requirement, for spreadsheets and comparisons across states."""

from __future__ import annotations

import csv
import io

from ...engine.findings import Finding, Report
from ..compare import Comparison

SUFFIX = ".csv"
COLUMNS = ("profile", "state", "as_of", "requirement", "area", "title", "status", "severity",
           "change", "sources", "facts", "evidence", "messages")


def row(report: Report, f: Finding, change: str = "") -> dict[str, str]:
    p = report.profile
    return {
        "profile": p.ident, "state": p.state_code or "", "as_of": p.as_of or "",
        "requirement": f.ident, "area": f.requirement.area, "title": f.requirement.title,
        "status": f.status, "severity": f.severity or "", "change": change,
        "sources": "; ".join(f"{s.instrument_name} {s.citation}" for s in f.requirement.sources),
        "facts": "; ".join(f"{v.path}={','.join(v.values)}" for v in f.facts if v.values),
        "evidence": "; ".join(sorted({" ".join(filter(None, (e.document, e.section, e.eid)))
                                      for v in f.facts for e in v.evidence})),
        "messages": " ".join(f.messages),
    }


def rows(result: Report | Comparison) -> list[dict[str, str]]:
    if isinstance(result, Comparison):
        return [row(result.amended, ch.after, ch.change) for ch in result.changes]
    return [row(result, f) for f in result.findings]


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's advice: prefix ')."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write(rows_: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows_)
    return out.getvalue()


def render(result: Report | Comparison, color: bool = False) -> str:
    return write(rows(result))
