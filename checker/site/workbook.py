"""One workbook (XLSX) of every state x requirement: a sheet with a row per
finding (status, severity, facts, evidence, quotes, sources with their basis,
states party, what the severity rests on, in-force dates, warnings,
recommendation) and a matrix sheet. Written with xlsxwriter; cells are clean
text written as strings (never formulas), and the file's dates are the
build's date, so the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..engine.findings import Report
from ..i18n import Locale, locale
from ..reports.collection import Collection
from ..reports.escape import clean
from ..reports.renderers import csvout
from ..reports.wording import severity_word, status_word

COLUMNS = ("state_name", "state", "profile", "as_of", "requirement", "area", "title", "status",
           "severity", "facts", "evidence", "quotes", "sources", "party", "severity_rests_on",
           "instruments_in_force", "warnings", "recommendation")
WIDTHS = {"state_name": 22, "title": 40, "facts": 50, "evidence": 45, "quotes": 45, "sources": 45,
          "party": 25, "severity_rests_on": 35, "instruments_in_force": 45, "warnings": 40,
          "recommendation": 60}
FILLS = {"gap": "#F8D7DA", "met": "#D4EDDA", "not assessed": "#EFEFEF", "not applicable": "#E2E3E5"}


def write(path: Path, coll: Collection, title: str, date: dt.datetime, loc: Locale | None = None,
          reports: list[Report] | None = None) -> None:
    """The workbook in `loc`'s language (column headings, statuses; `reports`: the
    collection's reports already in that language, reports/localize.py)."""
    import xlsxwriter

    loc = loc or locale("en")
    reports = list(coll.reports.values()) if reports is None else reports
    heads = csvout.headers(loc)

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False})
    wb.set_properties({"title": clean(title), "subject": "Gap reports (not legal advice)",
                       "creator": "gapcheck", "created": date})
    head = wb.add_format({"bold": True, "bg_color": "#DDE3F0", "text_wrap": True, "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    status_fmt = {s: wb.add_format({"bg_color": c, "valign": "top"}) for s, c in FILLS.items()}

    sheet = wb.add_worksheet(loc._("Findings")[:31])
    sheet.freeze_panes(1, 2)
    for col, name in enumerate(COLUMNS):
        # status and severity are shown as words: the heading of their word columns
        # (in English the column keys, as before)
        shown = name + "_label" if name in ("status", "severity") and loc.lang != "en" else name
        sheet.write_string(0, col, heads.get(shown, name), head)
        sheet.set_column(col, col, WIDTHS.get(name, 12))
    row = 1
    for report in reports:
        for values in csvout.rows(report, loc):
            for col, name in enumerate(COLUMNS):
                label = name + "_label" if name in ("status", "severity") else name
                text = clean(values.get(label, ""))
                fmt = status_fmt.get(values.get(name, "")) if name == "status" else wrap
                sheet.write_string(row, col, text, fmt)
            row += 1
    if row > 1:
        sheet.autofilter(0, 0, row - 1, len(COLUMNS) - 1)

    matrix = wb.add_worksheet(loc._("Matrix")[:31])
    matrix.freeze_panes(1, 2)
    matrix.write_string(0, 0, heads.get("requirement", "requirement"), head)
    matrix.write_string(0, 1, heads.get("title", "title"), head)
    matrix.set_column(1, 1, 40)
    for col, r in enumerate(reports, 2):
        matrix.write_string(0, col, clean(r.profile.state_name or r.profile.title), head)
        matrix.set_column(col, col, 14)
    if reports:
        for i, f0 in enumerate(reports[0].findings, 1):
            matrix.write_string(i, 0, f0.ident)
            matrix.write_string(i, 1, f0.requirement.title, wrap)
            for col, r in enumerate(reports, 2):
                f = r.finding(f0.ident)
                matrix.write_string(i, col, status_word(f.status, loc) + (
                    f" ({severity_word(f.severity, loc)})" if f.severity else ""), status_fmt[f.status])
    wb.close()
