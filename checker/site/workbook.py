"""One workbook (XLSX) of every state x requirement: a sheet with a row per
finding (status, severity, facts, evidence, quotes, sources, states party,
recommendation) and a matrix sheet. Written with xlsxwriter; cells are clean
text written as strings (never formulas), and the file's dates are the
build's date, so the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..reports.collection import Collection
from ..reports.escape import clean
from ..reports.renderers import csvout

COLUMNS = ("state_name", "state", "profile", "as_of", "requirement", "area", "title", "status",
           "severity", "facts", "evidence", "quotes", "sources", "party", "recommendation")
WIDTHS = {"state_name": 22, "title": 40, "facts": 50, "evidence": 45, "quotes": 45, "sources": 45,
          "party": 25, "recommendation": 60}
FILLS = {"gap": "#F8D7DA", "met": "#D4EDDA", "not assessed": "#EFEFEF", "not applicable": "#E2E3E5"}


def write(path: Path, coll: Collection, title: str, date: dt.datetime) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    wb.set_properties({"title": clean(title), "subject": "Gap reports (not legal advice)",
                       "creator": "gapcheck", "created": date})
    head = wb.add_format({"bold": True, "bg_color": "#DDE3F0", "text_wrap": True, "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    status_fmt = {s: wb.add_format({"bg_color": c, "valign": "top"}) for s, c in FILLS.items()}

    sheet = wb.add_worksheet("Findings")
    sheet.freeze_panes(1, 2)
    for col, name in enumerate(COLUMNS):
        sheet.write_string(0, col, name, head)
        sheet.set_column(col, col, WIDTHS.get(name, 12))
    row = 1
    for report in coll.reports.values():
        for values in csvout.rows(report):
            for col, name in enumerate(COLUMNS):
                text = clean(values.get(name, ""))
                fmt = status_fmt.get(text) if name == "status" else wrap
                sheet.write_string(row, col, text, fmt)
            row += 1
    if row > 1:
        sheet.autofilter(0, 0, row - 1, len(COLUMNS) - 1)

    matrix = wb.add_worksheet("Matrix")
    matrix.freeze_panes(1, 2)
    matrix.write_string(0, 0, "requirement", head)
    matrix.write_string(0, 1, "title", head)
    matrix.set_column(1, 1, 40)
    reports = list(coll.reports.values())
    for col, r in enumerate(reports, 2):
        matrix.write_string(0, col, clean(r.profile.state_name or r.profile.title), head)
        matrix.set_column(col, col, 14)
    if reports:
        for i, f0 in enumerate(reports[0].findings, 1):
            matrix.write_string(i, 0, f0.ident)
            matrix.write_string(i, 1, f0.requirement.title, wrap)
            for col, r in enumerate(reports, 2):
                f = r.finding(f0.ident)
                matrix.write_string(i, col, f.status + (f" ({f.severity})" if f.severity else ""),
                                    status_fmt[f.status])
    wb.close()
