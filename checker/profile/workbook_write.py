"""Write the questionnaire workbook (.xlsx) with openpyxl: the layout of
questionnaire.py, pre-filled from a profile when one is given. Protected
structure with unlocked answer cells, drop-downs for the allowed values, and
print settings (landscape, fit to width, repeated header row). The same input
gives the same bytes: fixed document times and zip entry times."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring
from rdflib import XSD

from ..errors import InputError
from . import questionnaire as q
from .reader import SILENT

FIXED_TIME = dt.datetime(2000, 1, 1)  # document times of a blank questionnaire
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
HEADING_FILL = PatternFill("solid", fgColor="EDEDED")
ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)


def dotted(data: Any, path: str) -> Any:
    """The value at a dotted path (`state.code`, `scope.threshold.min`), or None."""
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def cell_value(value: Any, fld: q.Field | None) -> Any:
    """A YAML scalar as the value a cell shows."""
    if isinstance(value, bool):
        return q.YES if value else q.NO
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return q.join_values([str(v) for v in value])
    return value


class Writer:
    def __init__(self, layout: q.Layout, data: dict[str, Any] | None):
        self.layout = layout
        self.data = data or {}
        self.wb = Workbook()
        self.validations: dict[tuple, DataValidation] = {}
        # each topic's citation rows, and the citation numbers of each record row
        self.cited, self.record_cites = q.numbered_citations(layout, self.data)

    # --- helpers -----------------------------------------------------------
    def sheet(self, spec: q.Sheet, first: bool = False) -> Worksheet:
        ws = self.wb.active if first else self.wb.create_sheet()
        ws.title = spec.name
        ws["A1"] = f"gapcheck questionnaire — {spec.title}"
        ws["A1"].font = TITLE
        if spec.name != q.INSTRUCTIONS:
            ws["A2"] = spec.note or ("Edit only the yellow cells. Blank = not assessed; `silent` = "
                                     "the law says nothing. See the Instructions sheet.")
            for i, col in enumerate(spec.columns, start=1):
                cell = ws.cell(q.HEADER_ROW, i, col.header)
                cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
            ws.print_title_rows = f"{q.HEADER_ROW}:{q.HEADER_ROW}"

            ws.freeze_panes = f"A{q.HEADER_ROW + 1}"
        for i, col in enumerate(spec.columns, start=1):
            ws.column_dimensions[_letter(i)].width = col.width
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = True
        ws.oddFooter.center.text = "&A — page &P of &N"
        ws.protection.sheet = True
        ws.protection.formatColumns = False  # widths may change; structure may not
        ws.protection.formatRows = False
        return ws

    def put(self, ws: Worksheet, row: int, col: int, value: Any, editable: bool = False) -> None:
        cell = ws.cell(row, col)
        if value is not None and value != "":
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text a profile author wrote is never a formula
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        cell.alignment = WRAP
        if editable:
            cell.protection = UNLOCKED
            cell.fill = ANSWER_FILL

    def validate(self, ws: Worksheet, ref: str, choices: list[str] | None, prompt: str,
                 formula: str | None = None, several: bool = False) -> None:
        """A drop-down (choices) or a rule (formula) on one cell; drop-downs with the
        same choices share one validation. A cell that takes several values (one
        per line) offers the list but lets a user keep what it does not hold."""
        if choices is not None:
            listed = ",".join(choices)
            # the limit of an inline list: longer lists are cells of the Lists sheet
            formula = f'"{listed}"' if len(listed) <= q.INLINE_LIST else \
                self.layout.list_range(choices)
        if formula is None:
            return
        key = (ws.title, formula, prompt) if choices is not None else (ws.title, ref)
        dv = self.validations.get(key)
        if dv is None:
            dv = DataValidation(type="list" if choices is not None else "custom", formula1=formula,
                                allow_blank=True, showErrorMessage=True, showInputMessage=True,
                                errorStyle="information" if several else None,
                                errorTitle="Not an allowed answer",
                                error=("Choose values from the list, one per line."
                                       if several else "Choose an answer from the list, or leave "
                                       "the cell blank (not assessed)."),
                                promptTitle="Answer", prompt=prompt[:250])
            self.validations[key] = dv
            ws.add_data_validation(dv)
        dv.add(ref)

    def answer_rule(self, ws: Worksheet, ref: str, fld: q.Field, special: list[str]) -> None:
        """The validation an answer cell gets from its field's type."""
        prompt = fld.kind + (" or " + ", ".join(f"`{s}`" for s in special) if special else "")
        if fld.enumerated:
            self.validate(ws, ref, fld.choices() + special, prompt, several=fld.multiple)
        elif fld.datatype in (XSD.integer, XSD.decimal):
            low, high = fld.limits
            number = f"AND(ISNUMBER({ref}),{ref}>={low},{ref}<={high}" + (
                f",INT({ref})={ref})" if fld.datatype == XSD.integer else ")")
            words = "".join(f',{ref}="{s}"' for s in special)
            self.validate(ws, ref, None, prompt, f"OR({number}{words})")

    # --- sheets ------------------------------------------------------------
    def write(self) -> Workbook:
        lay = self.layout
        self.instructions(lay.sheet(q.INSTRUCTIONS))
        self.state(lay.sheet(q.STATE))
        self.documents(lay.sheet(q.DOCUMENTS))
        self.ratifications(lay.sheet(q.RATIFICATIONS))
        for spec in lay.area_sheets:
            self.area(spec)
        for spec in lay.record_sheets:
            self.records(spec)
        self.lists(lay.sheet(q.LISTS))
        self.wb.security = WorkbookProtection(lockStructure=True)
        return self.wb

    def instructions(self, spec: q.Sheet) -> None:
        ws = self.sheet(spec, first=True)
        for i, line in enumerate(q.INSTRUCTIONS_TEXT, start=3):
            self.put(ws, i, 1, line)
        ws.protection.sheet = True

    def state(self, spec: q.Sheet) -> None:
        ws = self.sheet(spec)
        answer = spec.column("answer")
        for i, row in enumerate(spec.rows, start=q.HEADER_ROW + 1):
            self.label_cells(ws, spec, i, row)
            ref = f"{_letter(answer)}{i}"
            if row.kind == "option":
                chosen = row.option in (dotted(self.data, row.field.key) or [])
                self.put(ws, i, answer, q.YES if chosen else None, editable=True)
                self.validate(ws, ref, [q.YES, q.NO], f"{q.YES} if it applies")
            elif row.field.multiple and row.field.values:
                self.put(ws, i, answer, None)  # answered on the rows below
            else:
                self.put(ws, i, answer, cell_value(dotted(self.data, row.key), row.field),
                         editable=True)
                self.answer_rule(ws, ref, row.field, [])

    def documents(self, spec: q.Sheet) -> None:
        ws = self.sheet(spec)
        docs = self.data.get("documents", [])
        for i in range(self.document_rows()):
            doc = docs[i] if i < len(docs) else {}
            for j, fld in enumerate(self.layout.document_fields, start=1):
                self.put(ws, q.HEADER_ROW + 1 + i, j, cell_value(doc.get(fld.key), fld),
                         editable=True)
                self.answer_rule(ws, f"{_letter(j)}{q.HEADER_ROW + 1 + i}", fld, [])

    def document_rows(self) -> int:
        return max(q.MIN_DOCUMENTS, len(self.data.get("documents", [])) + q.SPARE_DOCUMENTS)

    def ratifications(self, spec: q.Sheet) -> None:
        ws = self.sheet(spec)
        given = {r["instrument"]: r for r in self.data.get("ratifications", [])}
        answer = spec.column("answer")
        for i, row in enumerate(spec.rows, start=q.HEADER_ROW + 1):
            self.label_cells(ws, spec, i, row)
            item = given.get(row.key)
            self.put(ws, i, answer, q.YES if item is not None else None, editable=True)
            self.validate(ws, f"{_letter(answer)}{i}", [q.YES, q.NO],
                          f"{q.YES} if the state is party to it")
            for fld in self.layout.ratification_fields:
                col = spec.column(f"rat:{fld.key}")
                self.put(ws, i, col, cell_value((item or {}).get(fld.key), fld), editable=True)
                self.answer_rule(ws, f"{_letter(col)}{i}", fld, [])

    def area(self, spec: q.Sheet) -> None:
        ws = self.sheet(spec)
        counts = {t: len(self.cited.get(t, [])) for t in self.topics(spec)}
        cites = self.citations_of_facts(spec)
        special = list(q.SPECIAL)
        last = q.HEADER_ROW + self.document_rows()
        documents_ref = f"{q.DOCUMENTS}!$A${q.HEADER_ROW + 1}:$A${last}"
        answer = spec.column("answer")
        for i, row in enumerate(q.with_citations(spec, counts), start=q.HEADER_ROW + 1):
            self.label_cells(ws, spec, i, row)
            body = self.data.get(row.topic)
            body = body if isinstance(body, dict) else {}
            ref = f"{_letter(answer)}{i}"
            if row.kind == "heading":
                for j in range(1, len(spec.columns) + 1):
                    ws.cell(i, j).fill = HEADING_FILL
                ws.cell(i, spec.column("question")).font = BOLD
            elif row.kind == "fact":
                given = self.data.get(row.topic)
                value = SILENT if given == SILENT else body.get(row.key.split(".", 1)[1])
                options = row.field.multiple and bool(row.field.values)
                if options and isinstance(value, list):
                    value = None  # the values go on the rows below
                self.answer(ws, spec, i, row, value)
                if options:
                    self.validate(ws, ref, special, "blank, or " + ", ".join(special)
                                  + "; the values go on the rows below")
                else:
                    self.answer_rule(ws, ref, row.field, special)
                self.put(ws, i, spec.column("citations"), cites.get(row.key), editable=True)
            elif row.kind == "option":
                listed = body.get(row.key.split(":", 1)[0].split(".", 1)[1])
                item = next((v for v in listed if (v.get("value") if isinstance(v, dict) else v)
                             == row.option), None) if isinstance(listed, list) else None
                self.answer(ws, spec, i, row, item, yes=True)
                self.validate(ws, ref, [q.YES, q.NO], f"{q.YES} if the law covers it")
            elif row.kind == "topic":
                fkey = row.key.split(".", 1)[1]
                self.put(ws, i, answer, cell_value(body.get(fkey), row.field), editable=True)
                self.answer_rule(ws, ref, row.field, [])
            elif row.kind == "citation":
                items = self.cited.get(row.topic, [])
                item = items[row.number - 1] if row.number <= len(items) else {}
                for fld in self.layout.evidence_fields:
                    col = spec.column(f"ev:{fld.key}")
                    self.put(ws, i, col, cell_value(item.get(fld.key), fld), editable=True)
                    cref = f"{_letter(col)}{i}"
                    if fld.key == "document":
                        self.range_list(ws, cref, documents_ref)
                    else:
                        self.answer_rule(ws, cref, fld, [])

        # printed as spreads: two pages across (questions and answers, then evidence),
        # each with the key column, page by page down the sheet; the qualifier columns
        # after the reason are rare and wide, and printing them would shrink every page
        # past reading (the .md questionnaire has them all)
        ws.page_setup.fitToWidth = 2
        ws.page_setup.pageOrder = "overThenDown"
        ws.print_title_cols = "A:A"
        if spec.has("qv:reason"):
            ws.print_area = f"A1:{_letter(spec.column('qv:reason'))}{ws.max_row}"

    def records(self, spec: q.Sheet) -> None:
        """A record sheet: the profile's records (contrary rules...), one per row,
        then empty rows for new ones."""
        ws = self.sheet(spec)
        rec = self.layout.records[spec.name]
        given = q.record_rows(rec, self.data)
        rows = max(q.MIN_RECORDS, len(given) + q.SPARE_RECORDS)
        cells: list[tuple[str, Any, q.Field | None]] = [("question", None, None)]
        if spec.has("item"):
            cells.append(("item", None, None))
        cells += [(f"rec:{f.key}", None, f) for f in rec.fields]
        if spec.has("citations"):
            cells.append(("citations", None, None))
        questions = self.layout.list_range(rec.facts)
        items = self.layout.list_range(rec.items) if rec.items else None
        for index in range(rows):
            i = q.HEADER_ROW + 1 + index
            question, item, record = given[index] if index < len(given) else (None, None, {})
            for key, _, fld in cells:
                col = spec.column(key)
                ref = f"{_letter(col)}{i}"
                if key == "question":
                    value = question
                    self.range_list(ws, ref, questions, "Question",
                                    "The key of a question (column A of the area sheets)", True)
                elif key == "item":
                    value = item
                    self.range_list(ws, ref, items, "Value", "Only for a question that takes "
                                    "several values: the one value it belongs to", True)
                elif key == "citations":
                    nos = self.record_cites.get((spec.name, index))
                    value = ", ".join(map(str, nos)) if nos else None
                else:
                    value = cell_value(dotted(record, fld.key), fld)
                    self.answer_rule(ws, ref, fld, [])
                self.put(ws, i, col, value, editable=True)

    def lists(self, spec: q.Sheet) -> None:
        """The hidden sheet of the values that drop-downs offer from cells."""
        ws = self.wb.create_sheet(spec.name)
        for c, (name, values) in enumerate(self.layout.lists, start=1):
            ws.cell(1, c, name).font = BOLD
            for r, value in enumerate(values, start=2):
                ws.cell(r, c, value)
            ws.column_dimensions[_letter(c)].width = 30
        ws.protection.sheet = True
        ws.sheet_state = "hidden"

    def answer(self, ws: Worksheet, spec: q.Sheet, i: int, row: q.Row, value: Any,
               yes: bool = False) -> None:
        """An answer cell and its qualifier cells: a value with what the law attaches
        to it (`{value: ..., scope: ...}`) spreads over the row."""
        qualifiers: dict[str, Any] = {}
        if isinstance(value, dict):  # its lists of records go on the record sheets
            extra = [k for k in value if k in self.layout.unsupported["value"]]
            if extra:
                raise InputError.at(None, None, f"{row.key}: `{extra[0]}` cannot be written in a "
                                    "questionnaire", "export without it, or edit the YAML profile")
            qualifiers, value = value, value.get("value")
        if yes:
            value = q.YES if value is not None else None
        self.put(ws, i, spec.column("answer"), cell_value(value, row.field), editable=True)
        for fld in self.layout.qualifier_fields:
            col = spec.column(f"qv:{fld.key}")
            self.put(ws, i, col, cell_value(dotted(qualifiers, fld.key), fld), editable=True)
            self.answer_rule(ws, f"{_letter(col)}{i}", fld, [])

    def range_list(self, ws: Worksheet, ref: str, formula: str | None,
                   title: str = "Document",
                   prompt: str = "The id of a document of the Documents sheet",
                   strict: bool = False) -> None:
        """A drop-down of the cells of another sheet (the Documents sheet's ids, the
        questions a record can name); what it does not hold is read and checked
        by the import, which names the cell."""
        if formula is None:
            return
        key = (ws.title, formula, title)
        if key not in self.validations:
            dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                                showErrorMessage=strict, showInputMessage=True,
                                errorTitle="Not in the list", error=prompt,
                                promptTitle=title, prompt=prompt)
            self.validations[key] = dv
            ws.add_data_validation(dv)
        self.validations[key].add(ref)

    def topics(self, spec: q.Sheet) -> list[str]:
        return list(dict.fromkeys(r.topic for r in spec.rows))

    def citations_of_facts(self, spec: q.Sheet) -> dict[str, str]:
        """fact row key -> "1, 3": the citations whose `about` names the fact."""
        out: dict[str, list[int]] = {}
        for topic in self.topics(spec):
            body = self.data.get(topic)
            if not isinstance(body, dict):
                continue
            for n, item in enumerate(body.get("evidence", []), start=1):
                for fkey in item.get("about", []):
                    out.setdefault(f"{topic}.{fkey}", []).append(n)
        return {k: ", ".join(map(str, v)) for k, v in out.items()}

    def label_cells(self, ws: Worksheet, spec: q.Sheet, i: int, row: q.Row) -> None:
        for key, text in (("key", row.key), ("question", row.question), ("help", row.help),
                          ("read_by", row.read_by)):
            if any(c.key == key for c in spec.columns):
                self.put(ws, i, spec.column(key), text)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def workbook_bytes(layout: q.Layout, data: dict[str, Any] | None, when: dt.date | None) -> bytes:
    """The questionnaire as .xlsx bytes; `when` (the profile's date) is the
    document's time, so the same input gives the same bytes."""
    wb = Writer(layout, data).write()
    stamp = dt.datetime.combine(when, dt.time()) if when else FIXED_TIME
    wb.properties.creator = "gapcheck"
    wb.properties.lastModifiedBy = "gapcheck"
    wb.properties.title = "gapcheck questionnaire"
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    wb.properties.modified = stamp  # openpyxl stamps the time of saving; put ours back
    core = tostring(wb.properties.to_tree())
    return _repack(buffer.getvalue(), {"docProps/core.xml": core})


def _repack(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same zip with fixed entry times (zipfile stamps the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()

