"""The JSON form of reports and comparisons. Versioned: the schema is
checker/reports/schemas/report.schema.json; bump SCHEMA_VERSION on any breaking change."""

from __future__ import annotations

import json
from typing import Any

from ... import __version__, ids
from ...engine.findings import Evidence, Finding, ProfileInfo, Report
from ...engine.status import SEVERITIES, STATUSES
from ...i18n import Locale
from ..compare import CHANGES, CLOSES, Change, Comparison
from ..escape import escape_c1_json
from ..wording import ENGLISH, basis_word, change_word, severity_word, status_word

SUFFIX = ".json"
SCHEMA_VERSION = 3  # 2: bases of sources, in-force dates, warnings (issue 12); partial findings,
# qualifiers, contrary rules, evidence roles (issue 13); 3: `lang`, texts in that language
# beside the codes (*_label, gap_when), the author's `lang` (issue 18)
REPORT_SCHEMA = f"{ids.SCHEMA}report/{SCHEMA_VERSION}"
COMPARISON_SCHEMA = f"{ids.SCHEMA}comparison/{SCHEMA_VERSION}"


def _iso(day) -> str | None:  # noqa: ANN001
    return day.isoformat() if day is not None else None


def profile_dict(p: ProfileInfo) -> dict[str, Any]:
    """The profile; `lang` is the language its author wrote in."""
    return {
        "id": p.ident, "title": p.title, "kind": p.kind,
        "state": {"code": p.state_code, "name": p.state_name},
        "as_of": p.as_of, "fictional": p.fictional, "groups": list(p.groups),
        "ratifications": [{"instrument": b.instrument, "name": b.name,
                           "date": _iso(b.ratified), "in_force": _iso(b.in_force),
                           "denounced": _iso(b.denounced), "denunciation_effective": _iso(b.ends),
                           "bound": b.bound, "note": b.note,
                           "assumed": b.instrument in p.assumed} for b in p.bindings],
        "warnings": [{"message": w.message, "line": w.line, "hint": w.hint} for w in p.warnings],
        "amends": p.amends, "corpus": p.corpus, "lang": p.lang,
    }


def finding_dict(f: Finding, bound: frozenset[str], loc: Locale = ENGLISH) -> dict[str, Any]:
    r = f.requirement
    return {
        "requirement": r.ident, "title": r.title, "area": r.area, "area_label": r.area_label,
        "statement": r.statement, "gap_when": r.gap_when,
        "status": f.status, "status_label": status_word(f.status, loc),
        "severity": f.severity, "severity_label": severity_word(f.severity, loc) or None,
        "messages": list(f.messages),
        "sources": [{"provision": str(s.provision), "citation": s.citation, "label": s.label,
                     "instrument": s.instrument_name, "binding": s.binding,
                     "party": s.binding and s.instrument_slug in bound,
                     "basis": s.basis, "basis_label": basis_word(s.basis, loc),
                     "basis_note": s.basis_note,
                     "gap_rests_on": f.failed_source(s),
                     "checking_status": s.status, "url": s.url} for s in r.sources],
        "explanations": list(f.explanations),
        "facts": [{"key": v.path, "label": v.label, "values": list(v.values),
                   "qualifiers": [{"value": q.value, "kind": q.kind, "text": q.text,
                                   "weakens": q.weakens} for q in v.qualifiers],
                   "contrary": [{"kind": c.kind, "who": list(c.who), "summary": c.summary,
                                 "citations": list(c.citations)} for c in v.contrary],
                   "evidence": [evidence_dict(e) for e in v.evidence]} for v in f.facts],
        "depends_on": list(r.depends_on),
        "recommendation": r.recommendation,
    }


def evidence_dict(e: Evidence) -> dict[str, Any]:
    return {"document": e.document, "document_id": e.document_id, "section": e.section,
            "eid": e.eid, "url": e.url, "quote": e.quote, "role": e.role,
            "provision_status": e.provision_status}


def change_dict(ch: Change, party: frozenset[str], loc: Locale = ENGLISH) -> dict[str, Any]:
    out = dict(finding_dict(ch.after, party, loc), change=ch.change,
               change_label=change_word(ch.change, loc),
               before={"status": ch.before.status, "severity": ch.before.severity},
               fact_changes=[{"key": fc.key, "label": fc.label, "before": list(fc.before),
                              "after": list(fc.after),
                              "clauses": [evidence_dict(e) for e in fc.clauses]}
                             for fc in ch.fact_changes])
    if ch.change == CLOSES:
        out["recommendation"] = None  # the bill does it: nothing left to recommend
    return out


def summary(report: Report) -> dict[str, Any]:
    counts = report.counts()
    return {"requirements": len(report.findings), "coverage": round(report.coverage, 4),
            "status": {s: counts[s] for s in STATUSES},
            "gaps_by_severity": {s: n for s, n in report.gap_counts().items()}}


def report_dict(report: Report, loc: Locale = ENGLISH) -> dict[str, Any]:
    bound = report.profile.bound
    return {"schema": REPORT_SCHEMA, "gapcheck_version": __version__, "lang": loc.lang,
            "profile": profile_dict(report.profile), "summary": summary(report),
            "findings": [finding_dict(f, bound, loc) for f in report.findings]}


def comparison_dict(c: Comparison, loc: Locale = ENGLISH) -> dict[str, Any]:
    party = c.amended.profile.bound
    return {
        "schema": COMPARISON_SCHEMA, "gapcheck_version": __version__, "lang": loc.lang,
        "baseline": profile_dict(c.baseline.profile), "amended": profile_dict(c.amended.profile),
        "summary": {"changes": {k: len(c.by_change(k)) for k in CHANGES},
                    "opened_by_severity": {s: sum(1 for ch in c.by_change("opens")
                                                  if ch.after.severity == s) for s in SEVERITIES},
                    "baseline": summary(c.baseline), "amended": summary(c.amended)},
        "changes": [change_dict(ch, party, loc) for ch in c.changes],
    }


def render(result: Report | Comparison, color: bool = False, loc: Locale = ENGLISH) -> str:
    """JSON of a report whose texts are in `loc`'s language (reports/localize.py)."""
    data = (comparison_dict(result, loc) if isinstance(result, Comparison)
            else report_dict(result, loc))
    return escape_c1_json(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)) + "\n"
