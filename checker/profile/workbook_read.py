"""Read a questionnaire workbook back into profile data. The file is opened by
workbook_safety.py; every sheet is then held against the layout it was exported
with (questionnaire.py): a changed header, an extra column, a merged cell, a
formula, an unknown, doubled or missing row and an answer outside the allowed
values are each a problem naming the sheet, the row and the fix, and all
problems are reported at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import XSD

from ..errors import InputError, Problem, did_you_mean
from . import questionnaire as q
from .reader import NOT_APPLICABLE, SILENT
from .workbook_cells import as_text as _text
from .workbook_cells import set_dotted
from .workbook_cells import shown as _shown
from .workbook_cells import yes_no as _yes_no
from .workbook_records import RecordSheets
from .workbook_safety import open_workbook

MAX_ROWS = 5000


class Cell(str):
    """A text cell's value, stripped (as keys, answers and numbers are compared),
    with the text as typed kept for text answers."""

    typed: str

    def __new__(cls, text: str) -> Cell:
        cell = super().__new__(cls, text.strip())
        cell.typed = text
        return cell
MAX_COLUMNS = 60


class Reader(RecordSheets):
    """Walks the workbook against the layout, collecting problems and the data."""

    def __init__(self, path: Path, layout: q.Layout):
        super().__init__()
        self.path = path
        self.layout = layout
        self.problems: list[Problem] = []
        self.data: dict[str, Any] = {}
        self.origins: dict[tuple, str] = {}

    def problem(self, sheet: str | None, row: int | None, key: str | None, message: str,
                hint: str | None = None, col: int | None = None) -> None:
        where = []
        if sheet:
            where.append(f"sheet {sheet}")
        if row:
            where.append(f"row {row}")
        if sheet and row and col:
            where.append(f"cell {sheet}!{_letter(col)}{row}")
        text = ", ".join(where) + (f" ({key})" if key else "")
        self.problems.append(Problem(str(self.path), None, f"{text}: {message}" if text else message,
                                     hint))

    def origin(self, path: tuple, sheet: str, row: int) -> None:
        self.origins[path] = f"{sheet} row {row}"

    # --- the workbook ----------------------------------------------------------
    def read(self, wb) -> dict[str, Any]:
        names = [s.name for s in self.layout.sheets]
        for name in wb.sheetnames:
            if name not in names:
                self.problem(name, None, None, "this sheet is not part of the questionnaire",
                             (did_you_mean(name, names) or "") + " move its answers into the "
                             "questionnaire's sheets and delete it".strip())
        missing = [n for n in names if n not in wb.sheetnames]
        if len(missing) == len(names):
            raise InputError.at(self.path, None, "this is not a gapcheck questionnaire (none of "
                                "its sheets is there)",
                                "export one with `gapcheck questionnaire export --out FILE.xlsx`")
        for name in missing:
            spec = self.layout.sheet(name)
            if spec.record or name == q.LISTS:
                continue  # sheets added to the questionnaire later: an older one has none
            self.problem(name, None, None, "the sheet is missing",
                         "export a fresh questionnaire and copy the answers into it")
        # the record sheets first: the topics' citations they name are theirs
        for spec in sorted(self.layout.sheets, key=lambda s: not s.record):
            if spec.name in wb.sheetnames:
                self.sheet(wb[spec.name], spec)
        self.attach()
        return self.data

    def sheet(self, ws, spec: q.Sheet) -> None:
        if not hasattr(ws, "iter_rows"):  # a chart sheet under the questionnaire's name
            self.problem(spec.name, None, None, "this is not a sheet of cells",
                         "export a fresh questionnaire and copy the answers into it")
            return
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            self.problem(spec.name, None, None, f"the sheet reaches row {ws.max_row}, column "
                         f"{ws.max_column}; a questionnaire sheet is far smaller",
                         "clear what was written outside the questionnaire")
            return
        for rng in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            self.problem(spec.name, rng.min_row, None, f"cells {rng.coord} are merged",
                         "unmerge them (each answer needs its own cell)")
        grid: dict[int, dict[int, Any]] = {}
        for row in ws.iter_rows():
            for cell in row:
                value = self.cell_value(spec.name, cell)
                if value is not None:
                    grid.setdefault(cell.row, {})[cell.column] = value
        if spec.name == q.INSTRUCTIONS:
            expected = {3 + i: line for i, line in enumerate(q.INSTRUCTIONS_TEXT) if line}
            for r, cells in sorted(grid.items()):
                for c, value in sorted(cells.items()):
                    if r > 2 and (c > 1 or r not in expected):
                        self.problem(spec.name, r, None, f"{_shown(value)} is written on the "
                                     "Instructions sheet, which takes no answers",
                                     "move it to the sheet and row it answers, or delete it")
            return
        if spec.name == q.LISTS:
            self.lists(spec, grid)
            return
        width = len(spec.columns)
        for i, col in enumerate(spec.columns, start=1):
            found = grid.get(q.HEADER_ROW, {}).get(i)
            if str(found or "").strip() != col.header:
                self.problem(spec.name, q.HEADER_ROW, None,
                             f"the header of column {_letter(i)} is {_shown(found)}, "
                             f"not '{col.header}'",
                             "put the header back; the columns must stay as they were exported")
        for r in sorted(grid):
            for c in sorted(grid[r]):
                if c > width:
                    self.problem(spec.name, r, None, f"column {_letter(c)} is outside the "
                                 f"questionnaire (its last column is {_letter(width)}): "
                                 f"{_shown(grid[r][c])}",
                                 "move the value into the answer or evidence cells of its row, "
                                 "or delete it")
        rows = {r: cells for r, cells in grid.items() if r > q.HEADER_ROW}
        if spec.name == q.DOCUMENTS:
            self.documents(spec, rows)
        elif spec.record:
            self.records(spec, rows)
        else:
            self.keyed_rows(spec, rows)

    def cell_value(self, sheet: str, cell) -> Any:
        """The value a user typed; a formula or an error value is a problem."""
        value = cell.value
        if value is None:
            return None
        if cell.data_type == "f" or not isinstance(value, (str, int, float, bool, dt.datetime,
                                                          dt.date, dt.time, Decimal)):
            self.problem(sheet, cell.row, None, f"cell {cell.coordinate} holds a formula "
                         f"({str(value)[:40]})", "type the value itself; formulas are not read")
            return None
        if cell.data_type == "e":
            self.problem(sheet, cell.row, None, f"cell {cell.coordinate} holds the error {value}",
                         "type the value itself")
            return None
        if isinstance(value, str):
            # compared stripped; text is kept as typed (Cell.typed), spaces and all
            return Cell(value) if value.strip() else None
        return value

    # --- rows with a key in column A -----------------------------------------------
    def keyed_rows(self, spec: q.Sheet, rows: dict[int, dict[int, Any]]) -> None:
        expected = {row.key: row for row in spec.rows}
        topics = {row.topic for row in spec.rows if row.topic}
        found: dict[str, int] = {}
        citations: dict[str, dict[int, int]] = {}  # topic -> number -> row
        placed: list[tuple[int, q.Row]] = []
        for r, cells in sorted(rows.items()):
            key = cells.get(1)
            if key is None:
                self.problem(spec.name, r, None, "this row has answers but no key in column A",
                             "answers go only on the questionnaire's own rows; move them there")
                continue
            key = str(key)
            match = q.CITATION_KEY.fullmatch(key)
            if key in expected:
                row = expected[key]
            elif match and match["topic"] in topics:
                row = q.citation_row(match["topic"], int(match["number"]))
                citations.setdefault(row.topic, {})
            else:
                self.problem(spec.name, r, key, "this row is not part of the questionnaire",
                             (did_you_mean(key, list(expected)) or "") +
                             " put its answer on the questionnaire's row for it and delete "
                             "this one".strip())
                continue
            if key in found:
                self.problem(spec.name, r, key, f"this row appears twice (also row {found[key]})",
                             "keep one of them and delete the other")
                continue
            found[key] = r
            if row.kind == "citation":
                citations[row.topic][row.number] = r
            placed.append((r, row))
        previous = None
        for row in spec.rows:
            if row.key in found:
                previous = found[row.key]
            else:
                self.problem(spec.name, None, row.key,
                             "this row of the questionnaire is missing (deleted?)"
                             + (f"; it came after row {previous}" if previous else ""),
                             "export a fresh questionnaire and copy the answers into it")
        for topic, numbers in citations.items():
            for n in range(1, max(numbers) + 1):
                if n not in numbers:
                    self.problem(spec.name, None, f"{topic} citation {n}",
                                 "this citation row is missing (deleted?)",
                                 "export a fresh questionnaire and copy the answers into it")
        self.fill(spec, rows, placed)

    def fill(self, spec: q.Sheet, rows: dict[int, dict[int, Any]],
             placed: list[tuple[int, q.Row]]) -> None:
        labels = {spec.column(k): k for k in ("key", "question", "help", "read_by")
                  if any(c.key == k for c in spec.columns)}
        cites: dict[str, list[tuple[int, str, int]]] = {}  # topic -> (number, fact key, row)
        evidence: dict[str, dict[int, tuple[int, dict[str, Any]]]] = {}
        for r, row in placed:
            cells = rows[r]
            allowed = self.allowed_columns(spec, row)
            for c in sorted(cells):
                # a label cell that the questionnaire left empty takes nothing either
                # (the texts it did fill may differ in a newer version: not checked)
                taken = c in labels and bool(getattr(row, labels[c]))
                if not taken and c not in allowed and c <= len(spec.columns):
                    self.problem(spec.name, r, row.key, f"column {_letter(c)} "
                                 f"('{spec.columns[c - 1].header}') takes no value on this row: "
                                 f"{_shown(cells[c])}", "move it to the cell meant for it, or "
                                 "delete it")
            get = {spec.columns[c - 1].key: v for c, v in cells.items() if c in allowed}
            if spec.name == q.STATE:
                self.meta(spec, r, row, get.get("answer"))
            elif spec.name == q.RATIFICATIONS:
                self.ratification(spec, r, row, get)
            elif row.kind == "fact":
                self.fact(spec, r, row, get)
                if (nos := get.get("citations")) is not None:
                    for n in self.numbers(spec.name, r, row.key, nos):
                        cites.setdefault(row.topic, []).append((n, row.key.split(".", 1)[1], r))
            elif row.kind == "option":
                self.option(spec, r, row, get)
            elif row.kind == "topic" and get.get("answer") is not None:
                fkey = row.key.split(".", 1)[1]
                value = self.typed(spec.name, r, row.key, row.field, get["answer"], special=False)
                if value is not None:
                    self.topic(row.topic)[fkey] = value
                    self.origin((row.topic, fkey), spec.name, r)
            elif row.kind == "citation" and get:
                item = {}
                for fld in self.layout.evidence_fields:
                    if (value := get.get(f"ev:{fld.key}")) is not None:
                        parsed = self.typed(spec.name, r, row.key, fld, value, special=False)
                        if parsed is not None:
                            item[fld.key] = parsed
                evidence.setdefault(row.topic, {})[row.number] = (r, item)
        for topic in dict.fromkeys(row.topic for row in spec.rows if row.topic):
            self.evidence(spec, topic, evidence.get(topic, {}), cites.get(topic, []))

    def allowed_columns(self, spec: q.Sheet, row: q.Row) -> set[int]:
        prefix = {"fact": "qv:", "option": "qv:", "citation": "ev:"}.get(row.kind, "-")
        keys = {"heading": (), "fact": ("answer", "citations"), "option": ("answer",),
                "topic": ("answer",), "meta": ("answer",), "citation": (),
                "ratification": None}[row.kind]
        if keys is None:  # a ratification: every editable column
            return {i for i, c in enumerate(spec.columns, start=1) if c.editable}
        return {i for i, c in enumerate(spec.columns, start=1)
                if c.key in keys or c.key.startswith(prefix)}

    def topic(self, topic: str) -> dict[str, Any]:
        body = self.data.get(topic)
        if not isinstance(body, dict):
            body = self.data[topic] = {}
        return body

    # --- answers -------------------------------------------------------------------
    def qualifiers(self, spec: q.Sheet, r: int, row: q.Row, get: dict[str, Any]) -> dict:
        """What the law attaches to an answer, from the qualifier cells of its row."""
        out: dict[str, Any] = {}
        for fld in self.layout.qualifier_fields:
            if (value := get.get(f"qv:{fld.key}")) is not None:
                parsed = self.typed(spec.name, r, row.key, fld, value, special=False)
                if parsed is not None:
                    set_dotted(out, fld.key, parsed)
        return out

    def special(self, answer: Any) -> str | None:
        if isinstance(answer, str) and answer.lower() in q.SPECIAL:
            return answer.lower()
        return None

    def fact(self, spec: q.Sheet, r: int, row: q.Row, get: dict[str, Any]) -> None:
        answer = get.get("answer")
        fld = row.field
        fkey = row.key.split(".", 1)[1]
        qualifiers = self.qualifiers(spec, r, row, get)
        options = fld.multiple and bool(fld.values)
        if answer is None:
            if qualifiers:  # a problem unless a record (a contrary rule) stands for the value
                self.unanswered[(row.topic, fkey)] = (spec.name, r, row.key, qualifiers, options)
            return
        value = self.special(answer)
        if value is None:
            if options:
                self.problem(spec.name, r, row.key, f"{_shown(answer)} is not an answer here",
                             f"mark {q.YES} on the rows below for each value the law covers; "
                             f"here only `{SILENT}` or `{NOT_APPLICABLE}` (or blank)")
                return
            value = self.typed(spec.name, r, row.key, fld, answer, special=True)
            if value is None:
                return
        body = self.topic(row.topic)
        if options and isinstance(body.get(fkey), list):
            self.problem(spec.name, r, row.key, f"the answer is `{value}` but values "
                         "are marked yes below", "clear one or the other")
            return
        body[fkey] = {"value": value, **qualifiers} if qualifiers else value
        self.origin((row.topic, fkey), spec.name, r)

    def option(self, spec: q.Sheet, r: int, row: q.Row, get: dict[str, Any]) -> None:
        answer = get.get("answer")
        qualifiers = self.qualifiers(spec, r, row, get) if spec.name != q.STATE else {}
        if not self.ticked(spec.name, r, row.key, answer, bool(qualifiers), "this row",
                           "qualifiers"):
            return
        base = row.key.split(":", 1)[0]
        if spec.name == q.STATE:
            target, key, where = self.data, base, ()
        else:
            target, key, where = self.topic(row.topic), base.split(".", 1)[1], (row.topic,)
        if not isinstance(target.get(key, []), list):
            self.problem(spec.name, r, row.key, f"marked {q.YES}, but the question above "
                         f"says `{target[key]}`", "clear one or the other")
            return
        items = target.setdefault(key, [])
        self.origin((*where, key, len(items)), spec.name, r)
        items.append({"value": row.option, **qualifiers} if qualifiers else row.option)

    def ticked(self, sheet: str, r: int, key: str, answer: Any, details: bool, what: str,
               detail_words: str) -> bool:
        """A yes/no cell that unlocks the rest of its row: True for yes; for no or
        blank, the row's other cells must be empty."""
        yes = _yes_no(answer) if answer is not None else False
        if yes is None:
            self.problem(sheet, r, key, f"{_shown(answer)} is not an answer for {what}",
                         f"answer {q.YES} or {q.NO}, or leave it blank")
            return False
        if not yes and details:
            self.problem(sheet, r, key, f"{detail_words} are given but {what} is not {q.YES}",
                         f"answer {q.YES} in {what}, or clear the {detail_words}")
        return yes

    def meta(self, spec: q.Sheet, r: int, row: q.Row, answer: Any) -> None:
        if row.kind == "option":
            self.option(spec, r, row, {"answer": answer})
            return
        if answer is None:
            return
        if row.field.multiple and row.field.values:
            self.problem(spec.name, r, row.key, f"{_shown(answer)} is not an answer here",
                         f"mark {q.YES} on the rows below")
            return
        value = self.typed(spec.name, r, row.key, row.field, answer, special=False)
        if value is not None:
            set_dotted(self.data, row.key, value)
            self.origin(tuple(row.key.split(".")), spec.name, r)

    def ratification(self, spec: q.Sheet, r: int, row: q.Row, get: dict[str, Any]) -> None:
        party = get.pop("answer", None)
        if not self.ticked(spec.name, r, row.key, party, bool(get), "Party?", "details"):
            return
        item: dict[str, Any] = {"instrument": row.key}
        index = len(self.data.setdefault("ratifications", []))
        self.origin(("ratifications", index), spec.name, r)
        for fld in self.layout.ratification_fields:
            if (value := get.get(f"rat:{fld.key}")) is not None:
                parsed = self.typed(spec.name, r, row.key, fld, value, special=False)
                if parsed is not None:
                    item[fld.key] = parsed
        self.data["ratifications"].append(item)

    def documents(self, spec: q.Sheet, rows: dict[int, dict[int, Any]]) -> None:
        for r, cells in sorted(rows.items()):
            item: dict[str, Any] = {}
            for c, value in sorted(cells.items()):
                if c > len(spec.columns):
                    continue
                fld = self.layout.document_fields[c - 1]
                parsed = self.typed(spec.name, r, None, fld, value, special=False)
                if parsed is not None:
                    item[fld.key] = parsed
            if item:
                index = len(self.data.setdefault("documents", []))
                self.origin(("documents", index), spec.name, r)
                self.data["documents"].append(item)

    def evidence(self, spec: q.Sheet, topic: str, items: dict[int, tuple[int, dict]],
                 cites: list[tuple[int, str, int]]) -> None:
        """Citations in their order; `about` from the answers that name them. A
        citation only records name (a contrary rule's) is theirs, not the topic's."""
        filled = {n: v for n, v in items.items() if v[1]}
        self.citations[topic] = (spec.name, {n: (r, dict(item)) for n, (r, item) in filled.items()})
        about: dict[int, list[str]] = {}
        for n, fkey, r in cites:
            if n not in filled:
                self.problem(spec.name, r, f"{topic}.{fkey}", f"names citation {n}, but citation "
                             f"{n} of this topic is empty", f"fill in citation {n} below the "
                             "topic's questions, or correct the number")
                continue
            if fkey not in about.setdefault(n, []):
                about[n].append(fkey)
        by_records = self.record_cites.get(topic, {})
        for n, places in sorted(by_records.items()):
            if n not in filled:
                for sheet, r, col, key in places:
                    self.problem(sheet, r, key, f"names citation {n} of {topic}, but citation {n} "
                                 f"of that topic (sheet {spec.name}) is empty",
                                 f"fill in citation {n} under the topic {topic} on sheet "
                                 f"{spec.name}, or correct the number", col)
        filled = {n: v for n, v in filled.items() if n in about or n not in by_records}
        if not filled:
            return
        body = self.topic(topic)
        body["evidence"] = []
        for index, n in enumerate(sorted(filled)):
            r, item = filled[n]
            if n in about:
                item["about"] = sorted(about[n])
            body["evidence"].append(item)
            self.origin((topic, "evidence", index), spec.name, r)

    def unanswered_problem(self, sheet: str, r: int, key: str, options: bool) -> None:
        self.problem(sheet, r, key, "qualifiers are given but no answer",
                     "give the answer in the answer column, or clear the qualifiers"
                     + (f" (here: `{SILENT}` or `{NOT_APPLICABLE}`; qualify each value "
                        "on its own row below)" if options else ""))

    def numbers(self, sheet: str, r: int, key: str, value: Any, col: int | None = None
                ) -> list[int]:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value == int(value):
            tokens = [str(int(value))]
        else:
            tokens = [t.strip() for t in str(value).replace(";", ",").split(",") if t.strip()]
        out = []
        for token in tokens:
            if token.isdigit() and 0 < int(token) < 10_000:
                out.append(int(token))
            else:
                self.problem(sheet, r, key, f"citation nos. {_shown(value)}: {token!r} is not "
                             "a citation number", "write the numbers of the citation rows, "
                             "e.g. 1 or 1, 3", col)
                return []
        return out

    def typed(self, sheet: str, r: int, key: str | None, fld: q.Field, value: Any,
              special: bool, col: int | None = None) -> Any:
        """A cell's value as the YAML scalar of the field's type, or None after a problem."""
        where = key or fld.key
        if special and isinstance(value, str) and value.lower() == SILENT:
            return SILENT
        if fld.multiple:  # several values in one cell (q.split_values says how they are split)
            text = value.typed if isinstance(value, Cell) else _text(value)
            parts = q.split_values(text) if not fld.values else text.splitlines()
            lines = [x.strip() for x in parts if x.strip()]
            if fld.values and len(lines) == 1:
                lines = [x.strip() for x in lines[0].split(",") if x.strip()]
            one = q.Field(fld.key, replace(fld.spec, multiple=False))
            out = [self.typed(sheet, r, key, one, x, special=False, col=col) for x in lines]
            return out if None not in out else None
        if fld.values:
            if isinstance(value, str):
                for choice in fld.values:
                    if choice.lower() == value.lower():
                        return choice
            allowed = fld.choices() + ([SILENT] if special else [])
            self.problem(sheet, r, where, f"{_shown(value)} is not one of the allowed answers",
                         " ".join(filter(None, (did_you_mean(str(value), allowed),
                                                "choose from the list: " + ", ".join(allowed)))), col=col)
            return None
        dtype = fld.datatype
        if dtype == XSD.boolean:
            yes = _yes_no(value)
            if yes is None:
                self.problem(sheet, r, where, f"{_shown(value)} is not an allowed answer",
                             f"answer {q.YES} or {q.NO}" + (f", or `{SILENT}`" if special else ""), col=col)
            return yes
        if dtype in (XSD.integer, XSD.decimal):
            return self.number(sheet, r, where, value, dtype == XSD.integer, fld.limits, col,
                               special)
        if dtype == XSD.date:
            if isinstance(value, dt.datetime) and value.time() == dt.time():
                return value.date()
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return value
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    pass
            self.problem(sheet, r, where, f"{_shown(value)} is not a date",
                         "write the date as YYYY-MM-DD, e.g. 2026-03-01", col=col)
            return None
        return value.typed if isinstance(value, Cell) else _text(value)

    def number(self, sheet: str, r: int, where: str, value: Any, whole: bool,
               limits: tuple[Decimal, Decimal], col: int | None = None,
               special: bool = True) -> Any:
        parsed: Any = None
        if isinstance(value, bool):
            parsed = None
        elif isinstance(value, (int, float)):
            parsed = value
        elif isinstance(value, str):
            try:
                parsed = Decimal(value)
                parsed = int(parsed) if parsed == parsed.to_integral_value() and "." not in value \
                    else float(parsed)
            except (InvalidOperation, ValueError):
                parsed = None
        if parsed is None or (isinstance(parsed, float) and parsed != parsed):
            self.problem(sheet, r, where, f"{_shown(value)} is text in a number cell",
                         "write the number alone, e.g. 30" + (f", or `{SILENT}`" if special else "")
                         + "; put any explanation in the topic's notes", col=col)
            return None
        if whole and isinstance(parsed, float):
            if not parsed.is_integer():
                self.problem(sheet, r, where, f"{_shown(value)} is not a whole number",
                             "write a whole number", col=col)
                return None
            parsed = int(parsed)
        low, high = limits
        if not low <= Decimal(str(parsed)) <= high:
            self.problem(sheet, r, where, f"{_shown(value)} is out of range",
                         f"write a number from {low} to {high}", col=col)
            return None
        return parsed


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def read(path: str | Path) -> tuple[dict[str, Any], dict[tuple, str]]:
    """The profile data a questionnaire holds, and where each value came from
    (path in the data -> "PRO row 14"); every problem raises, all at once."""
    path = Path(path)
    wb = open_workbook(path)
    reader = Reader(path, q.load())
    data = reader.read(wb)
    if reader.problems:
        raise InputError(reader.problems)
    return data, reader.origins
