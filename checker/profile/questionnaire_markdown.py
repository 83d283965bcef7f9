"""The questionnaire as printable Markdown, for those who answer on paper: the
same sheets, questions and allowed answers as the workbook, with last round's
answers when exported from a profile. Text a profile author wrote is escaped."""

from __future__ import annotations

import re
from typing import Any

from . import questionnaire as q
from .reader import SILENT

BLANK = "\\_" * 12
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def esc(value: Any) -> str:
    text = str(value).replace("\n", " ")
    return _SPECIAL.sub(r"\\\1", text)


def _shown(value: Any) -> str:
    if value is None or value == []:
        return BLANK
    if isinstance(value, bool):
        return q.YES if value else q.NO
    if isinstance(value, list):
        return ", ".join(esc(v) for v in value)
    return esc(value.isoformat() if hasattr(value, "isoformat") else value)


def _choices(fld: q.Field | None, special: bool) -> str:
    if fld is None:
        return "text"
    options = fld.choices() if fld.enumerated else [fld.kind]
    if special:
        options += list(q.SPECIAL)
    return " / ".join(f"`{o}`" if fld.enumerated or o in q.SPECIAL else o for o in options)


def render(layout: q.Layout, data: dict[str, Any]) -> str:
    out = ["# gapcheck questionnaire", ""]
    out += [line.replace("  - ", "- ") for line in q.INSTRUCTIONS_TEXT] + [""]
    out += ["## State", ""]
    for row in layout.sheet(q.STATE).rows:
        if row.kind == "option":
            continue
        value = data
        for part in row.key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        out.append(f"- **{esc(row.question)}** ({_choices(row.field, False)}): {_shown(value)}")
    out += ["", "## Documents", "",
            "| " + " | ".join(esc(f.key) for f in layout.document_fields) + " |",
            "|" + " --- |" * len(layout.document_fields)]
    docs = data.get("documents", [])
    for doc in docs + [{}] * 3:
        out.append("| " + " | ".join(esc(doc.get(f.key, "")) if doc else " "
                                     for f in layout.document_fields) + " |")
    out += ["", "## Ratifications", "",
            "| instrument | party? | " + " | ".join(esc(f.key) for f in layout.ratification_fields)
            + " |", "| --- | --- |" + " --- |" * len(layout.ratification_fields)]
    given = {r["instrument"]: r for r in data.get("ratifications", [])}
    for slug, title in layout.instrument_titles.items():
        item = given.get(slug, {})
        out.append(f"| {esc(title)} | {q.YES if item else ' '} | " + " | ".join(
            _shown(item.get(f.key)) if item else " " for f in layout.ratification_fields) + " |")
    cited, record_cites = q.numbered_citations(layout, data)
    records = {rec.key for rec in layout.records.values()}
    for spec in layout.area_sheets:
        out += ["", f"## {spec.name}: {esc(spec.title)}"]
        rows = list(spec.rows)
        for i, row in enumerate(rows):
            body = data.get(row.topic)
            body = body if isinstance(body, dict) else {}
            if row.kind == "heading":
                out += ["", f"### {esc(row.question)}", "", esc(row.help), ""]
            elif row.kind == "fact":
                value = body.get(row.key.split(".", 1)[1])
                if data.get(row.topic) == SILENT:
                    value = SILENT
                read_by = f" — read by {row.read_by}" if row.read_by else ""
                out.append(f"1. **{esc(row.question)}** (`{row.key}`{read_by})  ")
                out.append(f"   Answer ({_choices(row.field, True)}): {_answer(value, records)}  ")
                out.append(f"   Evidence: {BLANK}")
            elif row.kind == "topic":
                value = body.get(row.key.split(".", 1)[1])
                out += ["", f"{esc(row.question)}: {_shown(value)}"]
            if row.topic and (i + 1 == len(rows) or rows[i + 1].topic != row.topic):
                out.append("")
                for n, item in enumerate(cited.get(row.topic, []), start=1):
                    parts = [f"{f.label.removeprefix('cites ')}: {esc(item[f.key])}"
                             for f in layout.evidence_fields if f.key in item]
                    about = f" (supports: {', '.join(item['about'])})" if "about" in item else ""
                    out.append(f"- Citation {n}: " + "; ".join(parts) + esc(about))
    for spec in layout.record_sheets:
        out += _records(spec, layout.records[spec.name], data, record_cites)
    return "\n".join(out).rstrip() + "\n"


def _records(spec: q.Sheet, rec: q.Records, data: dict[str, Any],
             record_cites: dict[tuple[str, int], list[int]]) -> list[str]:
    """A record sheet as a table: the profile's records, then blank rows."""
    out = ["", f"## {spec.name}: {esc(spec.title)}", "", esc(spec.note), "",
           "| " + " | ".join(esc(c.header) for c in spec.columns) + " |",
           "|" + " --- |" * len(spec.columns)]
    for index, (question, item, record) in enumerate(q.record_rows(rec, data)):
        cells = {"question": f"`{question}`", "item": _shown(item) if item else " ",
                 "citations": ", ".join(map(str, record_cites.get((spec.name, index), [])))}
        for fld in rec.fields:
            value = record.get(fld.key)
            cells[f"rec:{fld.key}"] = _shown(value) if value is not None else " "
        out.append("| " + " | ".join(cells.get(c.key) or " " for c in spec.columns) + " |")
    out += ["| " + " | ".join(" " for _ in spec.columns) + " |"] * 3
    return out


def _answer(value: Any, records: set[str] = frozenset()) -> str:
    """A fact's answer: a list of values, or a value with what the law attaches
    (its records, such as contrary rules, are in their own table)."""
    if isinstance(value, list):
        return ", ".join(_answer(v, records) for v in value)
    if isinstance(value, dict):
        rest = "; ".join(f"{k}: {_answer(v)}" for k, v in value.items()
                         if k != "value" and k not in records)
        if "value" not in value:
            return f"({rest})" if rest else "(see the record sheets below)"
        return _shown(value["value"]) + (f" ({rest})" if rest else "")
    return _shown(value)
