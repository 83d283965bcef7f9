"""Read the record sheets of a questionnaire (contrary rules, tiers: lists of
records a value holds) and the hidden Lists sheet. Each record row names the
question it belongs to (and the value, for a question that takes several);
its evidence are citation numbers of that question's topic, as for answers.
The rows are read before the area sheets (so that a citation only records
name is theirs, not the topic's) and attached to the answers after them.
Every problem names the cell: `sheet Tiers, row 7, cell Tiers!B7`."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..errors import did_you_mean
from . import questionnaire as q
from .workbook_cells import set_dotted, shown


@dataclass
class RecordRow:
    sheet: str
    row: int
    rec: q.Records
    question: str  # topic.fact
    item: str | None  # the value of a question that takes several, or None: the whole answer
    record: dict[str, Any]
    cites: list[int]


class RecordSheets:
    """The part of the workbook reader (workbook_read.Reader) for record sheets."""

    def __init__(self) -> None:
        self.pending: list[RecordRow] = []
        # topic -> citation number -> the record cells that name it (sheet, row, column, key)
        self.record_cites: dict[str, dict[int, list[tuple[str, int, int, str]]]] = {}
        # topic -> (its sheet, citation number -> (row, the citation as written))
        self.citations: dict[str, tuple[str, dict[int, tuple[int, dict[str, Any]]]]] = {}
        # (topic, fact) -> qualifiers written without an answer, waiting for a record
        self.unanswered: dict[tuple[str, str], tuple[str, int, str, dict[str, Any], bool]] = {}
        self.refused: set[str] = set()  # questions with a record row that has a problem

    def records(self, spec: q.Sheet, rows: dict[int, dict[int, Any]]) -> None:
        rec = self.layout.records[spec.name]
        cols = {c.key: i for i, c in enumerate(spec.columns, start=1)}
        facts = {row.key: row for sheet in self.layout.area_sheets for row in sheet.rows
                 if row.kind == "fact"}
        for r, cells in sorted(rows.items()):
            cells = {c: v for c, v in cells.items() if c <= len(spec.columns)}
            if not cells:
                continue  # only cells outside the sheet, reported already
            before = len(self.problems)
            question, qcol = cells.get(cols["question"]), cols["question"]
            fact = None
            if question is None:
                self.problem(spec.name, r, None, f"this {rec.noun} names no question",
                             "write the key of the question it belongs to (column A of the area "
                             "sheets), or clear the row", qcol)
            elif str(question) in rec.facts:
                fact = facts[str(question)]
            elif str(question) in facts:
                self.problem(spec.name, r, str(question), f"this question takes no "
                             f"{rec.spec.label}: only a question that takes a number has them",
                             "choose one from the list: " + ", ".join(rec.facts), qcol)
            else:
                self.problem(spec.name, r, None, f"{shown(question)} is not a question of the "
                             "questionnaire", " ".join(filter(None, (
                                 did_you_mean(str(question), rec.facts),
                                 "write the key from column A of the area sheets"))), qcol)
            key = fact.key if fact is not None else None
            item = self.record_item(spec, r, cols, cells, fact)
            record: dict[str, Any] = {}
            for fld in rec.fields:
                col = cols[f"rec:{fld.key}"]
                value = cells.get(col)
                if value is None:
                    if fld.spec.is_required():
                        self.problem(spec.name, r, key, f"`{fld.key}` is missing: every "
                                     f"{rec.noun} needs it", fld.definition or None, col)
                    continue
                parsed = self.typed(spec.name, r, key, fld, value, special=False, col=col)
                if parsed is not None:
                    set_dotted(record, fld.key, parsed)
            cites: list[int] = []
            if "citations" in cols and (nos := cells.get(cols["citations"])) is not None:
                cites = self.numbers(spec.name, r, key or "citations", nos, cols["citations"])
            if len(self.problems) > before or fact is None:
                if fact is not None:
                    self.refused.add(fact.key)
                continue
            for n in cites:
                self.record_cites.setdefault(fact.topic, {}).setdefault(n, []).append(
                    (spec.name, r, cols["citations"], fact.key))
            self.pending.append(RecordRow(spec.name, r, rec, fact.key, item, record, cites))

    def record_item(self, spec: q.Sheet, r: int, cols: dict[str, int], cells: dict[int, Any],
                    fact: q.Row | None) -> str | None:
        """The value of a question with several that a record row belongs to."""
        if "item" not in cols or (value := cells.get(cols["item"])) is None or fact is None:
            return None
        fld = fact.field
        if not (fld.multiple and fld.values):
            self.problem(spec.name, r, fact.key, f"{shown(value)} is given as the value, but "
                         "this question takes one value, not several",
                         "clear the value cell: the record belongs to the whole answer",
                         cols["item"])
            return None
        for choice in fld.values:
            if choice.lower() == str(value).lower():
                return choice
        self.problem(spec.name, r, fact.key, f"{shown(value)} is not one of the values of "
                     "this question", " ".join(filter(None, (
                         did_you_mean(str(value), list(fld.values)),
                         "choose from: " + ", ".join(fld.values)))), cols["item"])
        return None

    def attach(self) -> None:
        """Each record onto its answer, with copies of the citations it names;
        then the qualifiers that were waiting for a record and found none."""
        for p in self.pending:
            topic, fkey = p.question.split(".", 1)
            sheet = self.citations.get(topic, ("", {}))[0]
            body = self.topic(topic)
            current = body.get(fkey)
            if p.item is None:
                if isinstance(current, list):
                    self.problem(p.sheet, p.row, p.question, f"values of this question are marked "
                                 f"{q.YES} on sheet {sheet}: a {p.rec.noun} belongs to one of them",
                                 "name the value it belongs to in the value column",
                                 self.value_column(p.sheet))
                    continue
                if current is None:
                    waiting = self.unanswered.pop((topic, fkey), None)
                    current = body[fkey] = dict(waiting[3]) if waiting else {}
                    if waiting:
                        self.origin((topic, fkey), waiting[0], waiting[1])
                    else:
                        self.origin((topic, fkey), p.sheet, p.row)
                elif not isinstance(current, dict):
                    current = body[fkey] = {"value": current}
                path: tuple = (topic, fkey)
            else:
                values = [v.get("value") if isinstance(v, dict) else v
                          for v in current] if isinstance(current, list) else []
                if p.item not in values:
                    self.problem(p.sheet, p.row, p.question, f"the value `{p.item}` is not "
                                 f"marked {q.YES} for this question on sheet {sheet or 'of its area'}",
                                 f"answer {q.YES} on the row `{p.question}: {p.item}`, or correct "
                                 "the value", self.value_column(p.sheet))
                    continue
                index = values.index(p.item)
                if not isinstance(current[index], dict):
                    current[index] = {"value": current[index]}
                current, path = current[index], (topic, fkey, index)
            listed = current.setdefault(p.rec.key, [])
            place = (*path, p.rec.key, len(listed))
            self.origin(place, p.sheet, p.row)
            if p.cites:
                cited = self.citations.get(topic, ("", {}))[1]
                p.record[p.rec.evidence] = []
                for j, n in enumerate(p.cites):
                    if n in cited:  # an empty citation is reported by the area sheet
                        crow, item = cited[n]
                        p.record[p.rec.evidence].append(copy.deepcopy(item))
                        self.origin((*place, p.rec.evidence, j), sheet, crow)
            listed.append(p.record)
        for sheet, r, key, _, options in sorted(self.unanswered.values(), key=lambda x: x[:2]):
            if key not in self.refused:  # else its record's problem says what is wrong
                self.unanswered_problem(sheet, r, key, options)
        self.tidy()

    def value_column(self, sheet: str) -> int | None:
        spec = self.layout.sheet(sheet)
        return spec.column("item") if spec.has("item") else None

    def tidy(self) -> None:
        """Each topic's keys in the order of its rows (facts a record made come last
        otherwise), its evidence at the end."""
        order: dict[str, list[str]] = {}
        for sheet in self.layout.area_sheets:
            for row in sheet.rows:
                if row.kind in ("fact", "topic"):
                    order.setdefault(row.topic, []).append(row.key.split(".", 1)[1])
        for topic, keys in order.items():
            body = self.data.get(topic)
            if isinstance(body, dict):
                rank = {k: i for i, k in enumerate(keys)}
                self.data[topic] = dict(sorted(body.items(),
                                               key=lambda kv: rank.get(kv[0], len(rank))))

    def lists(self, spec: q.Sheet, grid: dict[int, dict[int, Any]]) -> None:
        """The hidden Lists sheet is generated: anything else written on it is a problem."""
        expected: dict[tuple[int, int], str] = {}
        for c, (name, values) in enumerate(self.layout.lists, start=1):
            expected[(1, c)] = name
            expected.update({(r, c): v for r, v in enumerate(values, start=2)})
        for r, cells in sorted(grid.items()):
            for c, value in sorted(cells.items()):
                if expected.get((r, c)) != value:
                    self.problem(spec.name, r, None, f"{shown(value)} is written on the Lists "
                                 "sheet, which holds the values of the drop-downs and takes no "
                                 "answers", "move it to the sheet and row it answers, or export "
                                 "a fresh questionnaire", c)
