"""The questionnaire: the profile format laid out as the sheets and rows of a
workbook, generated from the format definition (ontology/profile.ttl) and the
requirement catalogue. The export writes this layout and the import reads it
back against the same layout, so the two cannot drift apart, and a key added
to the format appears in the workbook without a code change.

Every row has a key in column A that says what it holds; the import finds
rows by that key, never by position, and refuses a row it does not know."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from rdflib import RDFS, XSD, Graph, URIRef

from ..kb import base as kb
from ..kb import requirements as reqmod
from ..kb.namespaces import GC, GCP
from . import format as schemamod
from .reader import DEFAULT_LIMITS, NOT_APPLICABLE, SILENT

YES, NO = "yes", "no"
NOT_ASSESSED_HELP = "leave blank if not assessed"
OTHER_AREA = ("OTHER", "Other topics")
# sheets that are not areas, in the order they come in the workbook
INSTRUCTIONS, STATE, DOCUMENTS, RATIFICATIONS = "Instructions", "State", "Documents", "Ratifications"
LISTS = "Lists"  # hidden: the allowed values that are too many for a drop-down written inline
HEADER_ROW = 3  # rows 1-2: title and a line of instructions; row 3: the column headers
SPARE_CITATIONS = 2  # empty citation rows under each topic, for new evidence
MIN_CITATIONS = 3
SPARE_DOCUMENTS = 10
MIN_DOCUMENTS = 15
SPARE_RECORDS = 15  # empty rows under the records of a record sheet (contrary rules, tiers)
MIN_RECORDS = 30  # rows cannot be inserted on a protected sheet: leave room
INLINE_LIST = 250  # the longest list of values a drop-down can hold written inline
# the reader takes these keys of a value only on facts that take a number
NUMBERS_ONLY = ("minimum", "tiers")


@dataclass(frozen=True)
class Field:
    """One cell's worth of the format: a key of a record (format.Key), named by
    its dotted path when it sits in a nested record (`scope.who`)."""

    key: str
    spec: schemamod.Key

    @property
    def prop(self) -> URIRef | None:
        return self.spec.prop

    @property
    def label(self) -> str:
        return self.spec.label or self.key

    @property
    def definition(self) -> str:
        return self.spec.definition

    @property
    def datatype(self) -> URIRef | None:
        return self.spec.datatype

    @property
    def values(self) -> dict[str, URIRef]:
        return self.spec.values

    @property
    def multiple(self) -> bool:
        return self.spec.multiple

    @property
    def limits(self) -> tuple[Decimal, Decimal]:
        """The range a number takes: the format's, or the reader's default."""
        low, high = DEFAULT_LIMITS
        return (self.spec.minimum if self.spec.minimum is not None else low,
                self.spec.maximum if self.spec.maximum is not None else high)

    @property
    def enumerated(self) -> bool:
        return bool(self.values) or self.datatype == XSD.boolean

    def choices(self) -> list[str]:
        """The answers a drop-down offers for one value of this field."""
        if self.datatype == XSD.boolean:
            return [YES, NO]
        return list(self.values)

    @property
    def kind(self) -> str:
        if self.values:
            text = "one of the values in the list"
        elif self.spec.reference is not None:
            text = "an id"
        else:
            text = {XSD.boolean: "yes or no", XSD.date: "a date (YYYY-MM-DD)",
                    XSD.anyURI: "a web address (https://...)"}.get(self.datatype) or (
                self.spec.kind if self.spec.numeric else "text")
        return f"{text}, one per line" if self.multiple else text


def flat_fields(schema: schemamod.Schema, cls: URIRef, skip: tuple[str, ...] = (),
                prefix: str = "") -> list[Field]:
    """The keys of a record, with those of its nested single records spelt out
    (`scope.threshold.min`), in reading order; lists of records are left out
    (the caller says where they go, or refuses them)."""
    out = []
    for k, key in schema.record(cls).items():
        if k in skip:
            continue
        if key.record is not None:
            if not key.multiple and not (cls == GCP.Profile and k in schema.measures):
                out += flat_fields(schema, key.record, prefix=f"{prefix}{k}.")
            continue
        out.append(Field(prefix + k, key))
    if prefix:
        return out
    return sorted(out, key=lambda f: (FIELD_ORDER.index(f.key) if f.key in FIELD_ORDER
                                      else len(FIELD_ORDER), f.key))


def record_lists(schema: schemamod.Schema, cls: URIRef) -> tuple[str, ...]:
    """The keys of a record that hold lists of records (no cell can hold them)."""
    return tuple(k for k, key in schema.record(cls).items() if key.record is not None
                 and key.multiple)


# the order a reader expects columns and rows in; keys not listed follow, alphabetically
FIELD_ORDER = ("gapcheck", "id", "kind", "title", "state.code", "state.name", "fictional",
               "as_of", "groups", "amends", "corpus.name", "corpus.notes", "reason", "notes",
               "modality", "coverage", "document", "section", "eid", "quote", "url", "date",
               "reservations")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    editable: bool = False


@dataclass(frozen=True)
class Row:
    """One row of a questionnaire sheet.

    kind: `heading` (a topic's title), `fact` (one question), `option` (one
    value of a question that takes several), `topic` (a key of the topic
    itself: notes, not applicable as a whole), `citation` (one piece of
    evidence of a topic), `meta` (a key of the profile itself),
    `ratification` (one instrument)."""

    key: str
    kind: str
    topic: str  # the measure key, "" on the State and Ratifications sheets
    field: Field | None = None
    question: str = ""
    help: str = ""
    read_by: str = ""
    option: str = ""  # the value an option row stands for
    number: int = 0  # a citation's number within its topic


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...] = ()  # fixed rows; the Documents and record sheets have free rows
    note: str = ""  # the line under the title; a general one when empty
    record: str = ""  # a record sheet: the key of a value whose list of records it holds

    def column(self, key: str) -> int:
        """1-based column number of a column key."""
        for i, col in enumerate(self.columns, start=1):
            if col.key == key:
                return i
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)


@dataclass(frozen=True)
class Records:
    """A list of records a value can hold (`contrary`, `tiers`): one row of its
    sheet per record, naming the question it belongs to (and the value, for a
    question that takes several), then the record's keys; its evidence, if it
    has any, are citation numbers of the question's topic (footnotes, as for
    answers)."""

    key: str  # the key of a qualified value (`contrary`)
    spec: schemamod.Key
    noun: str  # one record, in words ("contrary rule")
    fields: tuple[Field, ...]  # the record's keys, one column each
    evidence: str  # the record's key that lists evidence ("" if none)
    facts: tuple[str, ...]  # the questions (topic.fact) a row may name, in sheet order
    items: tuple[str, ...]  # the values of those questions that take several


@dataclass(frozen=True)
class Layout:
    sheets: tuple[Sheet, ...]
    evidence_fields: tuple[Field, ...]  # the keys of a citation except `about`
    document_fields: tuple[Field, ...]  # the keys of a national document
    ratification_fields: tuple[Field, ...]  # the keys of a ratification except `instrument`
    qualifier_fields: tuple[Field, ...]  # what the law attaches to a value (reason, scope...)
    instrument_titles: dict[str, str]
    unsupported: dict[str, tuple[str, ...]]  # where -> lists of records no cell can hold
    records: dict[str, Records] = dataclasses.field(default_factory=dict)  # sheet name -> its records
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the Lists sheet: name -> values

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)

    @property
    def area_sheets(self) -> tuple[Sheet, ...]:
        return tuple(s for s in self.sheets if s.name not in (INSTRUCTIONS, STATE, DOCUMENTS,
                                                                RATIFICATIONS, LISTS)
                     and not s.record)

    @property
    def record_sheets(self) -> tuple[Sheet, ...]:
        return tuple(s for s in self.sheets if s.record)

    def list_range(self, values: list[str] | tuple[str, ...]) -> str | None:
        """The cells of the Lists sheet that hold these values, for a drop-down."""
        for i, (_, listed) in enumerate(self.lists, start=1):
            if listed == tuple(values):
                col = _column_letter(i)
                return f"{LISTS}!${col}$2:${col}${len(listed) + 1}"
        return None


SPECIAL = (SILENT, NOT_APPLICABLE)  # answers any question takes beside its values


def help_text(fld: Field, multiple_rows: bool = False) -> str:
    if multiple_rows:
        how = f"{YES} on each row below that the law covers; here: `{SILENT}` if it covers none"
    else:
        how = f"{fld.kind}, or `{SILENT}` if the law says nothing"
    how += f", or `{NOT_APPLICABLE}` with the reason"
    return f"Answer {how}; {NOT_ASSESSED_HELP}."


def _readers(catalogue: reqmod.Catalogue) -> dict[tuple[URIRef, URIRef], list[str]]:
    out: dict[tuple[URIRef, URIRef], list[str]] = {}
    for ident, paths in catalogue.fact_paths.items():
        for fp in paths:
            out.setdefault((fp.measure_prop, fp.fact_prop), []).append(ident)
    return out


def measure_areas(schema: schemamod.Schema, catalogue: reqmod.Catalogue) -> dict[str, str]:
    """Each topic's area: the area of most of the requirements that read it
    (catalogue order breaks a tie); a topic no requirement reads goes to OTHER."""
    counts: dict[str, dict[str, int]] = {}
    order = list(catalogue.areas)
    for ident, paths in catalogue.fact_paths.items():
        area = catalogue.requirements[ident].area
        for fp in paths:
            measure = schema.measure_by_prop.get(fp.measure_prop)
            if measure is not None:
                tally = counts.setdefault(measure.key, {})
                tally[area] = tally.get(area, 0) + 1
    out = {}
    for key in schema.measures:
        tally = counts.get(key)
        out[key] = (min(tally, key=lambda a: (-tally[a], order.index(a) if a in order else 99))
                    if tally else OTHER_AREA[0])
    return out


def area_columns(evidence: list[Field], qualifiers: list[Field]) -> tuple[Column, ...]:
    cols = [Column("key", "Key", 24), Column("question", "Question", 40),
            Column("help", "How to answer", 34), Column("read_by", "Read by requirements", 10),
            Column("answer", "Answer", 16, True),
            Column("citations", "Evidence: citation nos.", 9, True)]
    cols += [Column(f"ev:{f.key}", f"Citation: {f.label.removeprefix('cites ')}",
                    {"quote": 26, "url": 18}.get(f.key, 12), True) for f in evidence]
    cols += [Column(f"qv:{f.key}", "Reason if not applicable" if f.key == "reason"
                    else f"Qualifier: {f.key}", 22 if f.key == "reason" else 14, True)
             for f in qualifiers]
    return tuple(cols)


def _topic_rows(schema: schemamod.Schema, measure: schemamod.Measure, readers: dict
                ) -> list[Row]:
    rows = [Row(measure.key, "heading", measure.key, question=measure.label[:1].upper()
                + measure.label[1:], help=measure.definition)]
    for fact in measure.facts.values():
        fld = Field(fact.key, fact)
        key = f"{measure.key}.{fact.key}"
        read_by = ", ".join(readers.get((measure.prop, fact.prop), []))
        options = fact.multiple and bool(fld.values)
        rows.append(Row(key, "fact", measure.key, fld, fact.definition or fact.label,
                        help_text(fld, options), read_by))
        if options:
            for value, concept in fld.values.items():
                rows.append(Row(f"{key}: {value}", "option", measure.key, fld,
                                f"covers {value}", schema.labels.get(concept, ""), option=value))
    for fld in flat_fields(schema, GCP.Measure, skip=("evidence",)):
        rows.append(Row(f"{measure.key}.{fld.key}", "topic", measure.key, fld,
                        f"{fld.label[:1].upper()}{fld.label[1:]} (this topic)",
                        f"{fld.definition} Optional: {fld.kind}."))
    return rows


def with_citations(sheet: Sheet, counts: dict[str, int]) -> list[Row]:
    """The rows of an area sheet as written: each topic's block followed by its
    citation rows (counts: topic -> how many citations it has already)."""
    out: list[Row] = []
    rows = list(sheet.rows)
    for i, row in enumerate(rows):
        out.append(row)
        last = i + 1 == len(rows) or rows[i + 1].topic != row.topic
        if last and row.topic:
            n = max(MIN_CITATIONS, counts.get(row.topic, 0) + SPARE_CITATIONS)
            out += [citation_row(row.topic, j) for j in range(1, n + 1)]
    return out


CITATION_KEY = re.compile(r"(?P<topic>[a-z0-9_]+) citation (?P<number>[1-9][0-9]{0,3})")


def citation_row(topic: str, number: int) -> Row:
    return Row(f"{topic} citation {number}", "citation", topic, number=number,
               question=f"Citation {number}",
               help="" if number > 1 else "Where the law says it; give its number in the citation "
                    "nos. column of the answers (and of the Contrary sheet's rules) it supports "
                    "(none: it supports the whole topic).")


def meta_rows(schema: schemamod.Schema) -> list[Row]:
    """The State sheet: the profile's own keys (and those of its single records,
    such as the state), in reading order."""
    rows: list[Row] = []
    for fld in flat_fields(schema, GCP.Profile):
        label = fld.key.replace(".", ": ").replace("_", " ")
        if fld.multiple and fld.values:
            rows.append(Row(fld.key, "meta", "", fld, label[:1].upper() + label[1:],
                            f"{fld.definition} Answer {YES} on each row below that applies."))
            rows += [Row(f"{fld.key}: {v}", "option", "", fld, v, schema.labels.get(c, ""),
                         option=v) for v, c in fld.values.items()]
        else:
            rows.append(Row(fld.key, "meta", "", fld, label[:1].upper() + label[1:],
                            f"{fld.definition} Answer: {fld.kind}."))
    return rows


@cache
def load() -> Layout:
    """The questionnaire of this checkout's format, built once per process."""
    graph = kb.load().graph
    schema = schemamod.load()
    catalogue = reqmod.load()
    evidence = flat_fields(schema, GCP.Evidence, skip=("about",))
    documents = flat_fields(schema, GCP.NationalDocument)
    ratification = flat_fields(schema, GCP.Ratification, skip=("instrument",))
    qualifiers = flat_fields(schema, GCP.QualifiedValue, skip=("value",))
    readers = _readers(catalogue)
    areas = measure_areas(schema, catalogue)
    sheets = [Sheet(INSTRUCTIONS, "How to fill in this questionnaire",
                    (Column("text", "Instructions", 110),)),
              Sheet(STATE, "The state and the profile",
                    (Column("key", "Key", 22), Column("question", "Question", 40),
                     Column("help", "How to answer", 60), Column("answer", "Answer", 40, True)),
                    tuple(meta_rows(schema))),
              Sheet(DOCUMENTS, "National documents cited as evidence (one per row)",
                    tuple(Column(f"doc:{f.key}", f"Document: {f.key.replace('_', ' ')}",
                                 40 if f.key == "title" else 18, True) for f in documents)),
              Sheet(RATIFICATIONS, "Instruments the state is party to",
                    (Column("key", "Key", 18), Column("question", "Instrument", 50),
                     Column("answer", "Party?", 10, True))
                    + tuple(Column(f"rat:{f.key}", f.key.replace("_", " ").capitalize(),
                                   40 if f.multiple else 16, True) for f in ratification),
                    tuple(Row(slug, "ratification", "", question=_instrument_title(graph, iri))
                          for slug, iri in schema.instruments.items()))]
    area_names = dict(catalogue.areas)
    if OTHER_AREA[0] in areas.values():
        area_names[OTHER_AREA[0]] = OTHER_AREA[1]
    columns = area_columns(evidence, qualifiers)
    for code, label in area_names.items():
        rows: list[Row] = []
        for key, measure in schema.measures.items():
            if areas[key] == code:
                rows += _topic_rows(schema, measure, readers)
        if rows:
            sheets.append(Sheet(code, label, columns, tuple(rows)))
    facts = [(row.key, row.field) for sheet in sheets for row in sheet.rows
             if row.kind == "fact"]
    records: dict[str, Records] = {}
    for key in record_lists(schema, GCP.QualifiedValue):
        spec = records_of(graph, schema, key, facts)
        if spec is not None:
            records[key.capitalize()] = spec
            sheets.append(record_sheet(key.capitalize(), spec))
    unsupported = {
        "profile": tuple(k for k in record_lists(schema, GCP.Profile)
                         if k not in ("documents", "ratifications")),
        "topic": tuple(k for k in record_lists(schema, GCP.Measure) if k != "evidence"),
        "value": tuple(k for k in record_lists(schema, GCP.QualifiedValue)
                       if k.capitalize() not in records),
        "evidence": record_lists(schema, GCP.Evidence),
        "document": record_lists(schema, GCP.NationalDocument),
        "ratification": record_lists(schema, GCP.Ratification),
    }
    lists = long_lists(sheets, records, [*evidence, *documents, *ratification, *qualifiers])
    sheets.append(Sheet(LISTS, "Allowed values of the drop-downs (generated; not edited)", ()))
    return Layout(tuple(sheets), tuple(evidence), tuple(documents), tuple(ratification),
                  tuple(qualifiers),
                  {slug: _instrument_title(graph, iri) for slug, iri in schema.instruments.items()},
                  unsupported, records, lists)


def records_of(graph: Graph, schema: schemamod.Schema, key: str,
               facts: list[tuple[str, Field]]) -> Records | None:
    """The record sheet of a value's list of records, or None when its records
    hold lists other than evidence (no layout for those: the export refuses them)."""
    spec = schema.record(GCP.QualifiedValue)[key]
    lists = record_lists(schema, spec.record)
    evidence = [k for k in lists if schema.record(spec.record)[k].record == GCP.Evidence]
    if len(lists) > 1 or list(lists) != evidence:
        return None
    named = tuple(k for k, fld in facts if key not in NUMBERS_ONLY or fld.spec.numeric)
    items = tuple(dict.fromkeys(v for k, fld in facts if k in named and fld.multiple
                                for v in fld.values))
    noun = str(graph.value(spec.record, RDFS.label) or key).lower()
    return Records(key, spec, noun, tuple(flat_fields(schema, spec.record)),
                   evidence[0] if evidence else "", named, items)


def record_sheet(name: str, rec: Records) -> Sheet:
    cols = [Column("question", "Question (key)", 34, True)]
    if rec.items:
        cols.append(Column("item", "Value (of a question with several)", 18, True))
    for fld in rec.fields:
        words = fld.label[:1].upper() + fld.label[1:] + (" (one per line)" if fld.multiple else "")
        wide = 50 if (fld.spec.max_length or 0) > 300 else 24 if fld.multiple else 14
        cols.append(Column(f"rec:{fld.key}", words, wide, True))
    if rec.evidence:
        cols.append(Column("citations", "Evidence: citation nos.", 10, True))
    label = rec.spec.label[:1].upper() + rec.spec.label[1:]
    needed = [f"`{f.key}`" for f in rec.fields if f.spec.is_required()]
    needed_text = " and ".join(filter(None, (", ".join(needed[:-1]), needed[-1]))) if needed else ""
    note = (f"{rec.spec.definition} One {rec.noun} per row: the key of the question it belongs "
            "to (column A of the area sheets)"
            + (", the value it belongs to when the question takes several" if rec.items else "")
            + (f"; {needed_text} must be given" if needed else "")
            + ("; its evidence as numbers of citation rows under the question's topic"
               if rec.evidence else "") + ". A half-filled row is an error.")
    return Sheet(name, f"{label}, one per row", tuple(cols), note=note, record=rec.key)


def long_lists(sheets: list[Sheet], records: dict[str, Records], fields: list[Field]
               ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The lists of the Lists sheet: the questions and values each record sheet
    can name, and every set of allowed values too long to be written inline."""
    out: dict[tuple[str, ...], str] = {}
    for name, rec in records.items():
        out.setdefault(rec.facts, f"{name}: questions")
        if rec.items:
            out.setdefault(rec.items, f"{name}: values")
        fields = fields + list(rec.fields)
    choices = [tuple(f.choices()) for f in fields if f.enumerated]
    for sheet in sheets:
        for row in sheet.rows:
            if row.kind in ("fact", "meta") and row.field is not None and row.field.enumerated \
                    and not row.field.multiple:
                choices.append(tuple(row.field.choices())
                               + (SPECIAL if row.kind == "fact" else ()))
    for values in choices:
        if len(",".join(values)) > INLINE_LIST:
            out.setdefault(values, f"{len(out) + 1}")
    return tuple((name, values) for values, name in out.items())


def record_rows(rec: Records, data: dict[str, Any]) -> list[tuple[str, Any, dict[str, Any]]]:
    """The records a profile holds for a record sheet, in the sheet's order:
    (question, the list value it belongs to or None, the record)."""
    out = []
    for question in rec.facts:
        topic, fkey = question.split(".", 1)
        body = data.get(topic)
        value = body.get(fkey) if isinstance(body, dict) else None
        if isinstance(value, dict):
            out += [(question, None, r) for r in value.get(rec.key, [])]
        elif isinstance(value, list):
            out += [(question, item.get("value"), r) for item in value if isinstance(item, dict)
                    for r in item.get(rec.key, [])]
    return out


def whole_answers(data: dict[str, Any], schema: schemamod.Schema) -> dict[str, Any]:
    """The data with the answer of a question that takes several values given
    as a whole where it is one: a profile's graph gives `means: {value: silent,
    notes: ...}` back as a list of that one item, which no value row can hold."""
    for topic, measure in schema.measures.items():
        body = data.get(topic)
        if not isinstance(body, dict):
            continue
        for fkey, fact in measure.facts.items():
            value = body.get(fkey)
            if fact.multiple and isinstance(value, list) and len(value) == 1 \
                    and isinstance(value[0], dict) and value[0].get("value") in SPECIAL:
                body[fkey] = value[0]
    return data


def numbered_citations(layout: Layout, data: dict[str, Any]
                       ) -> tuple[dict[str, list[dict[str, Any]]], dict[tuple[str, int], list[int]]]:
    """The citation rows of each topic as the questionnaire numbers them: the
    topic's evidence, then the evidence of its records (a contrary rule's) that
    is not already there; and the citation numbers of each record row (sheet,
    index in record_rows). A record reuses a citation that answers name (or
    another record), never one that supports the whole topic, which naming it
    would take away from the topic."""
    rows: dict[str, list[dict[str, Any]]] = {}
    reusable: dict[str, list[int]] = {}
    numbers: dict[tuple[str, int], list[int]] = {}

    def topic_rows(topic: str) -> list[dict[str, Any]]:
        if topic not in rows:
            body = data.get(topic)
            rows[topic] = list(body.get("evidence", [])) if isinstance(body, dict) else []
            reusable[topic] = [i for i, item in enumerate(rows[topic]) if item.get("about")]
        return rows[topic]

    for sheet in layout.record_sheets:
        rec = layout.records[sheet.name]
        for index, (question, _, record) in enumerate(record_rows(rec, data)):
            topic = question.split(".", 1)[0]
            items = topic_rows(topic)
            nos = []
            for cited in record.get(rec.evidence, []) if rec.evidence else []:
                same = [i for i in reusable[topic]
                        if {k: v for k, v in items[i].items() if k != "about"} == cited]
                if not same:
                    items.append(dict(cited))
                    same = [len(items) - 1]
                    reusable[topic].append(same[0])
                nos.append(same[0] + 1)
            numbers[(sheet.name, index)] = nos
    for sheet in layout.area_sheets:
        for row in sheet.rows:
            if row.kind == "heading":
                topic_rows(row.topic)
    return rows, numbers


def _column_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _instrument_title(graph: Graph, iri: URIRef) -> str:
    short = graph.value(iri, GC.shortName)
    title = graph.value(iri, RDFS.label)
    return " — ".join(str(x) for x in (short, title) if x is not None) or str(iri)


INSTRUCTIONS_TEXT = (
    "This workbook is a questionnaire on the national legal framework against trafficking in "
    "persons, the exploitation of migrant workers and child labour. It is generated by gapcheck "
    "from its profile format; `gapcheck questionnaire import` reads it back into a profile.",
    "",
    "Every question has three possible answers, never two:",
    "  - what the law provides (choose from the drop-down list, or type a number or text);",
    f"  - `{SILENT}`: the law says nothing on the point. Silence is a finding: it counts as a gap "
    "wherever a standard needs the law to provide something;",
    "  - blank: not assessed. A blank answer is reported as a hole in the profile, never as a gap "
    "and never as compliance.",
    f"A question that does not arise for this kind of framework is `{NOT_APPLICABLE}`, with the "
    "reason in the column for it.",
    "",
    "Sheets: State (the state and the date the answers describe), Documents (each national act, "
    "regulation or policy you cite, with a short id), Ratifications (the instruments the state is "
    "party to, with dates), then one sheet per area of the standards. Each area sheet has one "
    "block per topic: the topic's title, one row per question, rows for the topic as a whole "
    "(notes; not applicable as a whole, with the reason), and numbered citation rows. Last come "
    "the record sheets, Contrary and Tiers, with one record per row.",
    "",
    "Evidence works like footnotes. Write each citation once, on a citation row of the topic "
    "(document id from the Documents sheet, section, Akoma Ntoso eId if you have one, a short "
    "quote, a URL). Then write its number in the citation nos. column of every answer it "
    "supports, e.g. `1` or `1, 3`. A citation that no answer names supports the whole topic.",
    "",
    "Contrary rules: where the law works against the standard (it punishes, detains or expels "
    "the persons the standard protects, permits what it forbids, charges or restricts them), "
    "write the rule on the Contrary sheet, one rule per row: the key of the question it bears "
    "on (column A of the area sheets, e.g. non_punishment.immigration_offences), for a question "
    "that takes several values the value it bears on, what the rule does (kind), a one-sentence "
    "summary, whom it targets, and the numbers of the citations under the question's topic that "
    "show it. A rule needs no answer beside it: the question's answer may stay blank, or be "
    f"`{SILENT}` when the law says nothing on the point itself. Any contrary rule makes every "
    "requirement that reads the question a gap. A citation that only rules name belongs to "
    "them, not to the topic.",
    "",
    "Tiers: where the law divides a number into bands (a child under 16, a young person under "
    "18), write each band on the Tiers sheet, one per row, in order: the question's key, the "
    "number the band stops below, and what the law calls it. Only questions that take a number "
    "have tiers, and the question keeps its answer.",
    "",
    "On the Contrary and Tiers sheets a row is read whole: a row that is only half filled (a "
    "rule without its summary, a band without its number) is an error, never skipped.",
    "",
    "Questions that take several values (e.g. the acts the offence covers) have one row per "
    f"value below them: answer {YES} on each value the law covers.",
    "",
    "The qualifier columns at the right say what the law attaches to an answer: `may` or "
    "`shall`, how explicitly it covers the point, conditions, and its scope (who, which "
    "sectors, only in or except in which places, thresholds). Leave them blank when nothing "
    "is attached. Where a cell takes several values, write one per line (values of text that run "
    "over several lines: leave a blank line between them; a value that has blank lines of its "
    "own, such as a reservation of several paragraphs: end each value with a line of three "
    "dashes, ---).",
    "",
    "Only the answer and evidence cells can be edited; the rest of the sheets is protected so "
    "that the questionnaire can be read back. Do not insert, delete or move rows, columns or "
    "sheets, merge cells or type formulas: type values. Column widths can be changed. When a "
    "workbook comes back with a problem, the import names the sheet, the row and the fix for "
    "every problem at once.",
    "",
    "This questionnaire and the gap report made from it are not legal advice.",
)


# Several values of text in one cell (a list the format allows, e.g. reservations):
# one per line; values over several lines with a blank line between them; values
# with blank lines of their own each end with a line of dashes no value contains.
BLANK_LINE = re.compile(r"\n[ \t]*\n")
RULE_LINE = re.compile(r"^[ \t]*(-{3,})[ \t]*$", re.MULTILINE)


def join_values(texts: list[str]) -> str:
    """The values as one cell shows them (split_values reads them back)."""
    if not any("\n" in t for t in texts):
        return "\n".join(texts)
    if not any(BLANK_LINE.search(t) for t in texts):
        return "\n\n".join(texts)
    # longer than any line of dashes in the values: split_values splits at the longest
    longest = max((len(m) for t in texts for m in RULE_LINE.findall(t)), default=2)
    rule = "-" * (longest + 1)
    return "\n".join(f"{t}\n{rule}" for t in texts)


def split_values(text: str) -> list[str]:
    """A cell's values of text: split at the longest line of dashes if there is one
    (a value may hold shorter ones), else at blank lines if any, else at lines."""
    rules = RULE_LINE.findall(text)
    if rules:
        rule = max(rules, key=len)
        return re.split(r"^[ \t]*" + rule + r"[ \t]*$", text, flags=re.MULTILINE)
    if BLANK_LINE.search(text):
        return BLANK_LINE.split(text)
    return text.splitlines()
