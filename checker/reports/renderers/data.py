"""The JSON form of reports and comparisons. Versioned: the schema is
checker/reports/schemas/report.schema.json; bump SCHEMA_VERSION on any breaking change."""

from __future__ import annotations

import json
from typing import Any

from ... import __version__, ids
from ...engine.findings import Evidence, Finding, ProfileInfo, Report
from ...engine.status import SEVERITIES, STATUSES
from ..compare import CHANGES, CLOSES, Change, Comparison
from ..escape import escape_c1_json
from ..names import instrument_name

SUFFIX = ".json"
SCHEMA_VERSION = 2  # 2: partial findings, qualifiers, contrary rules, evidence roles
REPORT_SCHEMA = f"{ids.SCHEMA}report/{SCHEMA_VERSION}"
COMPARISON_SCHEMA = f"{ids.SCHEMA}comparison/{SCHEMA_VERSION}"


def profile_dict(p: ProfileInfo) -> dict[str, Any]:
    return {
        "id": p.ident, "title": p.title, "kind": p.kind,
        "state": {"code": p.state_code, "name": p.state_name},
        "as_of": p.as_of, "fictional": p.fictional, "groups": list(p.groups),
        "ratifications": [{"instrument": i, "name": instrument_name(i), "date": d,
                           "assumed": i in p.assumed} for i, d in p.ratifications],
        "amends": p.amends, "corpus": p.corpus,
    }


def finding_dict(f: Finding, parties: set[str]) -> dict[str, Any]:
    r = f.requirement
    return {
        "requirement": r.ident, "title": r.title, "area": r.area, "statement": r.statement,
        "status": f.status, "severity": f.severity, "messages": list(f.messages),
        "sources": [{"provision": str(s.provision), "citation": s.citation,
                     "instrument": s.instrument_name, "binding": s.binding,
                     "party": s.instrument_name in parties, "checking_status": s.status,
                     "url": s.url} for s in r.sources],
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


def change_dict(ch: Change, party: set[str]) -> dict[str, Any]:
    out = dict(finding_dict(ch.after, party), change=ch.change,
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


def report_dict(report: Report) -> dict[str, Any]:
    party = _party_names(report)
    return {"schema": REPORT_SCHEMA, "gapcheck_version": __version__,
            "profile": profile_dict(report.profile), "summary": summary(report),
            "findings": [finding_dict(f, party) for f in report.findings]}


def _party_names(report: Report) -> set[str]:
    """Short names of the instruments the state is party to."""
    names = set()
    slugs = {slug for slug, _ in report.profile.ratifications}
    for f in report.findings:
        for s in f.requirement.sources:
            if str(s.instrument).rsplit("/", 1)[-1] in slugs:
                names.add(s.instrument_name)
    return names


def comparison_dict(c: Comparison) -> dict[str, Any]:
    party = _party_names(c.amended)
    return {
        "schema": COMPARISON_SCHEMA, "gapcheck_version": __version__,
        "baseline": profile_dict(c.baseline.profile), "amended": profile_dict(c.amended.profile),
        "summary": {"changes": {k: len(c.by_change(k)) for k in CHANGES},
                    "opened_by_severity": {s: sum(1 for ch in c.by_change("opens")
                                                  if ch.after.severity == s) for s in SEVERITIES},
                    "baseline": summary(c.baseline), "amended": summary(c.amended)},
        "changes": [change_dict(ch, party) for ch in c.changes],
    }


def render(result: Report | Comparison, color: bool = False) -> str:
    data = comparison_dict(result) if isinstance(result, Comparison) else report_dict(result)
    return escape_c1_json(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)) + "\n"
