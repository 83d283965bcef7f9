"""The comparison matrix: requirements x states, as a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

from .. import __version__
from .. import ids as idsmod
from ..engine.status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, PARTIAL, SEVERITIES
from ..i18n import Locale
from ..kb import requirements as reqmod
from .collection import Collection
from .wording import ENGLISH, change_word, severity_word, status_label


def render(coll: Collection, fmt: str, loc: Locale = ENGLISH) -> str:
    """The matrix; titles and words in `loc`'s language, codes (ids, statuses) as they are."""
    reqs = reqmod.load(coll.kb, lang=loc.lang).requirements
    ids = list(coll.reports)
    rows = coll.matrix()
    # the summaries hold all the matrix shows: a large set's reports stay on disk
    summaries = {pid: coll.summary(pid) for pid in ids}
    if fmt == "json":
        return json.dumps({
            "schema": f"{idsmod.SCHEMA}matrix/1", "gapcheck_version": __version__, "lang": loc.lang,
            "profiles": [{"id": pid, "state": r.profile.state_code, "title": r.profile.title,
                          "coverage": round(r.coverage, 4), "gaps_by_severity": r.gap_counts()}
                         for pid, r in summaries.items()],
            "matrix": [{"requirement": ident, "status": statuses} for ident, statuses in rows],
        }, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([loc.p_("csv column", "requirement"), loc.p_("csv column", "title"), *ids])
        for ident, statuses in rows:
            writer.writerow([ident, reqs[ident].title, *(statuses[p] for p in ids)])
        return out.getvalue()
    codes = [summaries[p].profile.state_code or p[:3] for p in ids]
    lines = [f"{'':<8}" + " ".join(f"{c:>4}" for c in codes)]
    for ident, statuses in rows:
        lines.append(f"{ident:<8}" + " ".join(f"{statuses[p].symbol:>4}" for p in ids))
    lines.append("")
    lines.append("  ".join(status_label(s, loc) for s in (MET, PARTIAL, GAP, NOT_ASSESSED,
                                                         NOT_APPLICABLE)))
    for pid, r in summaries.items():
        sev = r.gap_counts()
        lines.append(f"{r.profile.state_code or pid:<5} {r.profile.title}: " + loc._(
            "coverage %(percent)s, gaps: %(counts)s", percent=loc.percent(r.coverage),
            counts=", ".join(f"{sev[s]} {severity_word(s, loc)}" for s in SEVERITIES)))
    for bid in coll.bills:
        b = coll.bill_summary(bid)
        lines.append(loc._("bill %(bill)s (amends %(profile)s): %(counts)s", bill=bid, profile=b.amends,
                           counts=", ".join(f"{b.count(k)} {change_word(k, loc)}"
                                            for k in ("opens", "closes", "remains"))))
    return "\n".join(lines) + "\n"
