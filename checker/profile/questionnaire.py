"""The questionnaire: the profile format laid out as the sheets and rows of a
workbook, generated from the format definition (ontology/profile.ttl) and the
requirement catalogue. The export writes this layout and the import reads it
back against the same layout, so the two cannot drift apart, and a key added
to the format appears in the workbook without a code change.

Every row has a key in column A that says what it holds; the import finds
rows by that key, never by position, and refuses a row it does not know."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rdflib import RDFS, SKOS, XSD, Graph, URIRef

from ..kb import base as kb
from ..kb import requirements as reqmod
from ..kb.namespaces import GC, GCP
from . import format as schemamod
from .yaml_reader import META_KEYS, SILENT

YES, NO = "yes", "no"
NOT_ASSESSED_HELP = "leave blank if not assessed"
OTHER_AREA = ("OTHER", "Other topics")
# sheets that are not areas, in the order they come in the workbook
INSTRUCTIONS, STATE, DOCUMENTS, RATIFICATIONS = "Instructions", "State", "Documents", "Ratifications"
HEADER_ROW = 3  # rows 1-2: title and a line of instructions; row 3: the column headers
SPARE_CITATIONS = 2  # empty citation rows under each topic, for new evidence
MIN_CITATIONS = 3
SPARE_DOCUMENTS = 10
MIN_DOCUMENTS = 15


@dataclass(frozen=True)
class Field:
    """One key of the format: a fact of a topic, a key of a document, of a
    citation or of a ratification. Built from the ontology like format.Fact."""

    key: str
    label: str
    definition: str
    datatype: URIRef | None
    values: dict[str, URIRef] = field(default_factory=dict)  # notation -> concept
    multiple: bool = False
    prop: URIRef | None = None

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
            return "one of the values in the list"
        return {XSD.boolean: "yes or no", XSD.integer: "a whole number",
                XSD.decimal: "a number", XSD.date: "a date (YYYY-MM-DD)",
                XSD.anyURI: "a web address (https://...)"}.get(self.datatype, "text")


def field_of(fact: schemamod.Fact) -> Field:
    return Field(fact.key, fact.label, fact.definition, fact.datatype, dict(fact.values),
                 fact.multiple, fact.prop)


def fields_of_class(graph: Graph, cls: URIRef, skip: tuple[str, ...] = ()) -> list[Field]:
    """The keyed properties of a class (a document, a citation, a ratification),
    in the order of their keys, read from the ontology."""
    out = []
    for prop in graph.subjects(RDFS.domain, cls):
        key = graph.value(prop, GCP.key)
        if key is None or str(key) in skip:
            continue
        scheme = graph.value(prop, GCP.valuesFrom)
        out.append(Field(str(key), str(graph.value(prop, RDFS.label) or key),
                         str(graph.value(prop, SKOS.definition) or ""),
                         None if scheme else graph.value(prop, RDFS.range),
                         schemamod.concept_values(graph, scheme) if scheme else {},
                         bool(graph.value(prop, GCP.multiple)), prop))
    return sorted(out, key=lambda f: (FIELD_ORDER.index(f.key) if f.key in FIELD_ORDER
                                      else len(FIELD_ORDER), f.key))


# the order a reader expects columns in; keys not listed follow, alphabetically
FIELD_ORDER = ("document", "section", "eid", "quote", "url", "date", "reservations")


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
    value of a question that takes several), `notes` (free notes on a topic),
    `citation` (one piece of evidence of a topic), `meta` (a key of the
    profile itself), `ratification` (one instrument)."""

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
    rows: tuple[Row, ...] = ()  # fixed rows; the Documents sheet has free rows instead

    def column(self, key: str) -> int:
        """1-based column number of a column key."""
        for i, col in enumerate(self.columns, start=1):
            if col.key == key:
                return i
        raise KeyError(key)


@dataclass(frozen=True)
class Layout:
    sheets: tuple[Sheet, ...]
    evidence_fields: tuple[Field, ...]  # the keys of a citation except `about`
    document_fields: tuple[Field, ...]  # id and title first, then the ontology's keys
    ratification_fields: tuple[Field, ...]  # the keys of a ratification except `instrument`
    instrument_titles: dict[str, str]
    not_applicable: str | None  # the answer for "not applicable", when the format has one

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)

    @property
    def area_sheets(self) -> tuple[Sheet, ...]:
        return tuple(s for s in self.sheets if s.name not in (INSTRUCTIONS, STATE, DOCUMENTS,
                                                                RATIFICATIONS))


def special_answers(fld: Field, not_applicable: str | None) -> list[str]:
    """Answers any question takes beside its values: silent, not applicable."""
    return [SILENT] + ([not_applicable] if not_applicable else [])


def help_text(fld: Field, not_applicable: str | None, multiple_rows: bool = False) -> str:
    if multiple_rows:
        how = (f"{YES} on each row below that the law covers; here: `{SILENT}` if it "
               f"covers none")
    else:
        how = f"{fld.kind}, or `{SILENT}` if the law says nothing"
    if not_applicable:
        how += f", or `{not_applicable}` with the reason"
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


def area_columns(evidence: list[Field], not_applicable: str | None) -> tuple[Column, ...]:
    cols = [Column("key", "Key", 26), Column("question", "Question", 46),
            Column("help", "How to answer", 44), Column("read_by", "Read by requirements", 14),
            Column("answer", "Answer", 20, True)]
    if not_applicable:
        cols.append(Column("reason", "Reason if not applicable", 24, True))
    cols.append(Column("citations", "Evidence: citation nos.", 12, True))
    cols += [Column(f"ev:{f.key}", f"Citation: {f.label.removeprefix('cites ')}",
                    30 if f.key == "quote" else 18, True) for f in evidence]
    return tuple(cols)


def _topic_rows(measure: schemamod.Measure, readers: dict, not_applicable: str | None
                ) -> list[Row]:
    rows = [Row(measure.key, "heading", measure.key, question=measure.label[:1].upper()
                + measure.label[1:], help=measure.definition)]
    for fact in measure.facts.values():
        fld = field_of(fact)
        key = f"{measure.key}.{fact.key}"
        read_by = ", ".join(readers.get((measure.prop, fact.prop), []))
        options = fact.multiple and bool(fld.values)
        rows.append(Row(key, "fact", measure.key, fld, fact.definition or fact.label,
                        help_text(fld, not_applicable, options), read_by))
        if options:
            for value, concept in fld.values.items():
                rows.append(Row(f"{key}: {value}", "option", measure.key, fld,
                                f"covers {value}", _concept_label(concept), option=value))
    rows.append(Row(f"{measure.key}.notes", "notes", measure.key, question="Notes on this topic",
                    help="Anything a reader of the gap report should know (optional text)."))
    return rows


@cache
def _concept_labels() -> dict[URIRef, str]:
    graph = kb.load().graph
    return {s: str(o) for s, o in graph.subject_objects(SKOS.prefLabel) if isinstance(s, URIRef)}


def _concept_label(concept: URIRef) -> str:
    return _concept_labels().get(concept, "")


def with_citations(sheet: Sheet, counts: dict[str, int]) -> list[Row]:
    """The rows of an area sheet as written: each topic's block followed by its
    citation rows (counts: topic -> how many citations it has already)."""
    out: list[Row] = []
    for row in sheet.rows:
        out.append(row)
        if row.kind == "notes":
            n = max(MIN_CITATIONS, counts.get(row.topic, 0) + SPARE_CITATIONS)
            out += [citation_row(row.topic, i) for i in range(1, n + 1)]
    return out


CITATION_KEY = re.compile(r"(?P<topic>[a-z0-9_]+) citation (?P<number>[1-9][0-9]{0,3})")


def citation_row(topic: str, number: int) -> Row:
    return Row(f"{topic} citation {number}", "citation", topic, number=number,
               question=f"Citation {number}",
               help="" if number > 1 else "Where the law says it; give its number in the citation "
                    "nos. column of the answers it supports (none: it supports the whole topic).")


def meta_rows(graph: Graph, schema: schemamod.Schema, not_applicable: str | None) -> list[Row]:
    """The State sheet: the profile's own keys, in the order of the YAML format."""
    profile_fields = {f.key: f for f in fields_of_class(graph, GCP.Profile)}
    profile_fields |= {f.key: f for f in fields_of_class(graph, GCP.Bill)}
    state_fields = fields_of_class(graph, GCP.State)
    own = {  # keys of the YAML syntax that are not properties in the ontology
        "id": Field("id", "profile id", "The profile's id: lower-case letters, digits and hyphens "
                    "(blank: the name of the imported file).", XSD.string),
        "kind": Field("kind", "kind", "A framework (the law in force) or a bill amending one.",
                      None, {"framework": GCP.Framework, "bill": GCP.Bill}),
        "title": Field("title", "title", "A title for the reports.", XSD.string),
        "notes": Field("notes", "notes", "Notes for readers of the gap report.", XSD.string),
    }
    rows: list[Row] = []
    for key in META_KEYS:
        if key in ("gapcheck", "ratifications", "documents"):
            continue
        if key == "state":
            for fld in state_fields + [Field("name", "name", "The state's name.", XSD.string)]:
                rows.append(Row(f"state.{fld.key}", "meta", "", fld,
                                f"State: {fld.label}", f"{fld.definition} Answer: {fld.kind}."))
            continue
        fld = own.get(key) or profile_fields.get(key)
        if fld is None:
            continue
        if fld.multiple and fld.values:
            rows.append(Row(key, "meta", "", fld, fld.label[:1].upper() + fld.label[1:],
                            f"{fld.definition} Answer {YES} on each row below that applies."))
            rows += [Row(f"{key}: {v}", "option", "", fld, f"{v}", _concept_label(c), option=v)
                     for v, c in fld.values.items()]
        else:
            rows.append(Row(key, "meta", "", fld, fld.label[:1].upper() + fld.label[1:],
                            f"{fld.definition} Answer: {fld.kind}."))
    return rows


def not_applicable_answer(schema: schemamod.Schema) -> str | None:
    """The answer for "does not apply to this kind of framework", when the
    format defines one (a later version of the format may)."""
    return getattr(schema, "not_applicable", None)


@cache
def load() -> Layout:
    """The questionnaire of this checkout's format, built once per process."""
    graph = kb.load().graph
    schema = schemamod.load()
    catalogue = reqmod.load()
    na = not_applicable_answer(schema)
    evidence = fields_of_class(graph, GCP.Evidence, skip=("about",))
    documents = [Field("id", "id", "A short id for the document, used in citations: lower-case "
                       "letters, digits and hyphens, e.g. tip-act.", XSD.string),
                 Field("title", "title", "The document's title.", XSD.string)]
    documents += fields_of_class(graph, GCP.NationalDocument)
    ratification = fields_of_class(graph, GCP.Ratification, skip=("instrument",))
    readers = _readers(catalogue)
    areas = measure_areas(schema, catalogue)

    sheets = [Sheet(INSTRUCTIONS, "How to fill in this questionnaire",
                    (Column("text", "Instructions", 110),)),
              Sheet(STATE, "The state and the profile",
                    (Column("key", "Key", 22), Column("question", "Question", 40),
                     Column("help", "How to answer", 60), Column("answer", "Answer", 40, True)),
                    tuple(meta_rows(graph, schema, na))),
              Sheet(DOCUMENTS, "National documents cited as evidence (one per row)",
                    tuple(Column(f"doc:{f.key}", f"Document: {f.label}", 40 if f.key == "title"
                                 else 22, True) for f in documents)),
              Sheet(RATIFICATIONS, "Instruments the state is party to",
                    (Column("key", "Key", 18), Column("question", "Instrument", 50),
                     Column("answer", "Party?", 10, True))
                    + tuple(Column(f"rat:{f.key}", f"{f.label[:1].upper()}{f.label[1:]}",
                                   40 if f.multiple else 16, True) for f in ratification),
                    tuple(Row(slug, "ratification", "", question=_instrument_title(graph, iri),
                              help="") for slug, iri in schema.instruments.items()))]
    area_names = dict(catalogue.areas)
    if OTHER_AREA[0] in areas.values():
        area_names[OTHER_AREA[0]] = OTHER_AREA[1]
    columns = area_columns(evidence, na)
    for code, label in area_names.items():
        rows: list[Row] = []
        for key, measure in schema.measures.items():
            if areas[key] == code:
                rows += _topic_rows(measure, readers, na)
        if rows:
            sheets.append(Sheet(code, label, columns, tuple(rows)))
    return Layout(tuple(sheets), tuple(evidence), tuple(documents), tuple(ratification),
                  {slug: _instrument_title(graph, iri) for slug, iri in schema.instruments.items()},
                  na)


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
    "",
    "Sheets: State (the state and the date the answers describe), Documents (each national act, "
    "regulation or policy you cite, with a short id), Ratifications (the instruments the state is "
    "party to, with dates), then one sheet per area of the standards. Each area sheet has one "
    "block per topic: the topic's title, one row per question, a row for notes, and numbered "
    "citation rows.",
    "",
    "Evidence works like footnotes. Write each citation once, on a citation row of the topic "
    "(document id from the Documents sheet, section, Akoma Ntoso eId if you have one, a short "
    "quote, a URL). Then write its number in the citation nos. column of every answer it "
    "supports, e.g. `1` or `1, 3`. A citation that no answer names supports the whole topic.",
    "",
    "Questions that take several values (e.g. the acts the offence covers) have one row per "
    f"value below them: answer {YES} on each value the law covers.",
    "",
    "Only the answer and evidence cells can be edited; the rest of the sheets is protected so "
    "that the questionnaire can be read back. Do not insert, delete or move rows, columns or "
    "sheets, merge cells or type formulas: type values. Column widths can be changed. When a "
    "workbook comes back with a problem, the import names the sheet, the row and the fix for "
    "every problem at once.",
    "",
    "This questionnaire and the gap report made from it are not legal advice.",
)
