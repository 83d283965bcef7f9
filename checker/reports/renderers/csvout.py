"""CSV: one row per requirement, for spreadsheets and comparisons across states."""

from __future__ import annotations

import csv
import io

from ...engine.findings import Evidence, Finding, Report
from ...i18n import Locale
from ..compare import Change, Comparison
from ..escape import cell
from ..wording import ENGLISH, basis_word, change_word, severity_word, status_word

SUFFIX = ".csv"
# the codes (ids, status, severity, change) keep their own columns in every language;
# *_label columns hold their words in the report's language


def headers(loc: Locale = ENGLISH) -> dict[str, str]:
    """Each column's heading in the locale's language (in English, the column's key)."""
    return {
        "profile": loc.p_("csv column", "profile"), "state": loc.p_("csv column", "state"),
        "state_name": loc.p_("csv column", "state_name"), "as_of": loc.p_("csv column", "as_of"),
        "requirement": loc.p_("csv column", "requirement"), "area": loc.p_("csv column", "area"),
        "title": loc.p_("csv column", "title"), "status": loc.p_("csv column", "status"),
        "status_label": loc.p_("csv column", "status_label"),
        "severity": loc.p_("csv column", "severity"),
        "severity_label": loc.p_("csv column", "severity_label"),
        "change": loc.p_("csv column", "change"), "change_label": loc.p_("csv column", "change_label"),
        "before": loc.p_("csv column", "before"), "after": loc.p_("csv column", "after"),
        "clauses": loc.p_("csv column", "clauses"), "sources": loc.p_("csv column", "sources"),
        "party": loc.p_("csv column", "party"),
        "severity_rests_on": loc.p_("csv column", "severity_rests_on"),
        "instruments_in_force": loc.p_("csv column", "instruments_in_force"),
        "warnings": loc.p_("csv column", "warnings"), "facts": loc.p_("csv column", "facts"),
        "evidence": loc.p_("csv column", "evidence"), "quotes": loc.p_("csv column", "quotes"),
        "messages": loc.p_("csv column", "messages"),
        "recommendation": loc.p_("csv column", "recommendation"),
        "explanations": loc.p_("csv column", "explanations"),
        "qualifiers": loc.p_("csv column", "qualifiers"),
    }



# the columns in order: the keys of the headings, so the two cannot drift apart
COLUMNS = tuple(headers())

def row(report: Report, f: Finding, change: Change | None = None, loc: Locale = ENGLISH
        ) -> dict[str, str]:
    p = report.profile
    facts = [v for v in f.facts if v.values]
    changed = change.fact_changes if change else ()
    return {
        "profile": p.ident, "state": p.state_code or "", "state_name": p.state_name or "",
        "as_of": p.as_of or "", "requirement": f.ident, "area": f.requirement.area,
        "title": f.requirement.title, "status": f.status, "status_label": status_word(f.status, loc),
        "severity": f.severity or "", "severity_label": severity_word(f.severity, loc),
        "change": change.change if change else "",
        "change_label": change_word(change.change, loc) if change else "",
        "before": "; ".join(f"{c.key}={','.join(c.before) or loc._('not stated')}" for c in changed),
        "after": "; ".join(f"{c.key}={','.join(c.after) or loc._('not stated')}" for c in changed),
        "clauses": "; ".join(_cite(e) for c in changed for e in c.clauses),
        "sources": "; ".join(f"{s.instrument_name} {s.citation} [{basis_word(s.basis, loc)}]"
                             for s in f.requirement.sources),
        "party": "; ".join(sorted({s.instrument_name for s in f.requirement.sources
                                   if s.instrument_name in f.party_to})),
        "severity_rests_on": "; ".join(f"{s.instrument_name} {s.citation}"
                                       for s in f.requirement.sources if f.failed_source(s)),
        "instruments_in_force": "; ".join(f"{b.name}: {b.note}" for b in p.bindings
                                          if any(s.instrument_slug == b.instrument
                                                 for s in f.requirement.sources)),
        "warnings": " ".join(w.message for w in p.warnings),
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
            + [f"{v.path}: " + loc._("contrary rule: %(text)s", text=c.text) for v in f.facts
               for c in v.contrary]),
    }


def _cite(e: Evidence) -> str:
    return " ".join(filter(None, (e.document, e.section))) + (f': "{e.quote}"' if e.quote else "")


def rows(result: Report | Comparison, loc: Locale = ENGLISH) -> list[dict[str, str]]:
    if isinstance(result, Comparison):
        return [row(result.amended, ch.after, ch, loc) for ch in result.changes]
    return [row(result, f, loc=loc) for f in result.findings]


def write(rows_: list[dict[str, str]], loc: Locale = ENGLISH) -> str:
    """Every cell is one line of clean text, guarded against formulas; quoting is
    minimal, so a cell never splits its row. The heading row is in the locale's language."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    named = headers(loc)
    writer.writerow({k: cell(named[k]) for k in COLUMNS})
    writer.writerows({k: cell(v) for k, v in row.items()} for row in rows_)
    return out.getvalue()


def render(result: Report | Comparison, color: bool = False, loc: Locale = ENGLISH) -> str:
    return write(rows(result, loc), loc)
