"""The comparison matrix: requirements x states, as a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from .. import __version__
from ..engine.status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, PARTIAL, SEVERITIES
from .collection import Collection


def render(coll: Collection, fmt: str) -> str:
    reqs = coll.requirements
    ids = list(coll.reports)
    rows = coll.matrix()
    # the summaries hold all the matrix shows: a large set's reports stay on disk
    summaries = {pid: coll.summary(pid) for pid in ids}
    if fmt == "json":
        return json.dumps({
            "schema": f"{ids.SCHEMA}matrix/1", "gapcheck_version": __version__,
            "profiles": [{"id": pid, "state": r.profile.state_code, "title": r.profile.title,
                          "coverage": round(r.coverage, 4), "gaps_by_severity": r.gap_counts()}
                         for pid, r in summaries.items()],
            "matrix": [{"requirement": ident, "status": statuses} for ident, statuses in rows],
        }, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["requirement", "title", *ids])
        for ident, statuses in rows:
            writer.writerow([ident, reqs[ident].title, *(statuses[p] for p in ids)])
        return out.getvalue()
    codes = [summaries[p].profile.state_code or p[:3] for p in ids]
    lines = [f"{'':<8}" + " ".join(f"{c:>4}" for c in codes)]
    for ident, statuses in rows:
        lines.append(f"{ident:<8}" + " ".join(f"{statuses[p].symbol:>4}" for p in ids))
    lines.append("")
    lines.append("  ".join(s.label for s in (MET, PARTIAL, GAP, NOT_ASSESSED, NOT_APPLICABLE)))
    for pid, r in summaries.items():
        sev = r.gap_counts()
        lines.append(f"{r.profile.state_code or pid:<5} {r.profile.title}: coverage {r.coverage:.0%}, "
                     + ", ".join(f"{sev[s]} {s}" for s in SEVERITIES) + " gaps")
    for bid in coll.bills:
        b = coll.bill_summary(bid)
        lines.append(f"bill {bid} (amends {b.amends}): "
                     + ", ".join(f"{b.count(k)} {k}" for k in ("opens", "closes", "remains")))
    return "\n".join(lines) + "\n"
