"""The profile format, read from the ontology (ontology/profile.ttl): every kind of
record a profile holds (the profile itself, its state, ratifications, documents,
measures, evidence, qualified values, scopes, contrary rules...), every key of
each with its type, range, limits, required-ness and documentation.

The ontology is the one definition: the tree reader (checker/profile/reader.py,
which YAML, Turtle and JSON-LD all go through), the well-formedness shapes, the
JSON-LD context and the reference page are all derived from what is built here."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from ..kb import base
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GC, GCC, GCP

# the format version this gapcheck writes; it reads every version up to it
FORMAT_VERSION = 2
FORMAT_VERSIONS = (1, 2)

KINDS = {XSD.boolean: "true or false", XSD.integer: "a whole number", XSD.decimal: "a number",
         XSD.date: "a date (YYYY-MM-DD)", XSD.string: "text", XSD.anyURI: "a URL"}


@dataclass(frozen=True)
class Key:
    """One key of one kind of record: what it stands for and what it takes."""

    key: str
    prop: URIRef | None  # the RDF property; None for a key that names the node (an id)
    label: str
    definition: str
    datatype: URIRef | None = None  # literal values
    scheme: URIRef | None = None  # concept values from this scheme
    values: dict[str, URIRef] = field(default_factory=dict)  # notation -> concept
    record: URIRef | None = None  # nested records of this class
    reference: URIRef | None = None  # names a thing of this class by its id (a document...)
    multiple: bool = False
    required: bool = False
    required_in: URIRef | None = None  # gcp:Framework / gcp:Bill: required in that kind only
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    max_length: int | None = None
    pattern: str | None = None
    since: int = 1
    population: URIRef | None = None  # facts: the group the fact is about by nature

    @property
    def kind(self) -> str:
        if self.scheme is not None:
            return "one of: " + ", ".join(self.values)
        if self.record is not None:
            return "a mapping"
        if self.reference is not None:
            return "an id"
        text = KINDS.get(self.datatype, "a value")
        if self.minimum is not None and self.maximum is not None and self.datatype in (
                XSD.integer, XSD.decimal):
            text += f" from {self.minimum} to {self.maximum}"
        return text

    @property
    def numeric(self) -> bool:
        return self.datatype in (XSD.integer, XSD.decimal)

    def is_required(self, profile_kind: URIRef | None = None) -> bool:
        return self.required or (self.required_in is not None and self.required_in == profile_kind)


# a fact of a measure is a key like any other
Fact = Key


@dataclass(frozen=True)
class Measure:
    """A topic of the profile (a top-level key such as `reflection_period`) and its facts."""

    key: str
    prop: URIRef
    cls: URIRef
    label: str
    definition: str
    facts: dict[str, Fact]
    population: URIRef | None = None


@dataclass(frozen=True)
class Schema:
    measures: dict[str, Measure]
    by_prop: dict[URIRef, Fact]
    measure_by_prop: dict[URIRef, Measure]
    groups: dict[str, URIRef]
    instruments: dict[str, URIRef]
    keys: dict[URIRef, str]  # every property with a key -> the key
    records: dict[URIRef, dict[str, Key]] = field(default_factory=dict)  # class -> its keys
    weakening: frozenset[URIRef] = frozenset()  # concepts that make a value count in part
    broader: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict)  # concept -> ancestors
    narrowed_is_gap: frozenset[URIRef] = frozenset()  # requirements needing general coverage
    labels: dict[URIRef, str] = field(default_factory=dict)  # concept -> English label
    covers_all: frozenset[URIRef] = frozenset()  # concepts that stand for their whole scheme

    def fact_of(self, prop: URIRef) -> tuple[Measure, Fact] | None:
        fact = self.by_prop.get(prop)
        if fact is None:
            return None
        for measure in self.measures.values():
            if measure.facts.get(fact.key) is fact:
                return measure, fact
        return None

    def record(self, cls: URIRef) -> dict[str, Key]:
        return self.records[cls]

    def notation(self, concept: Node) -> str | None:
        for keys in self.records.values():
            for k in keys.values():
                for n, c in k.values.items():
                    if c == concept:
                        return n
        for m in self.measures.values():
            for f in m.facts.values():
                for n, c in f.values.items():
                    if c == concept:
                        return n
        return None


def _text(graph: Graph, node: Node, prop: URIRef) -> str:
    value = graph.value(node, prop)
    return str(value) if value is not None else ""


def _number(graph: Graph, node: Node, prop: URIRef) -> Decimal | None:
    value = graph.value(node, prop)
    return Decimal(str(value)) if isinstance(value, Literal) else None


def concept_values(graph: Graph, scheme: URIRef) -> dict[str, URIRef]:
    """notation -> concept, in the order of the concepts' IRIs as written."""
    concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=str)
    return {str(graph.value(c, SKOS.notation)): c for c in concepts
            if graph.value(c, SKOS.notation) is not None}


def _key(graph: Graph, decl: Node, prop: URIRef | None) -> Key:
    """A key from its declaration: a property with gcp:key, or a gcp:KeyUse."""
    scheme = graph.value(decl, GCP.valuesFrom)
    rng = graph.value(decl, RDFS.range)
    if rng is None and prop is not None:
        rng = graph.value(prop, RDFS.range)
    is_ref = graph.value(decl, GCP.reference)
    reference = rng if is_ref is not None and is_ref.toPython() is True else None
    record = rng if (reference is None and rng is not None
                     and (rng, RDF.type, OWL.Class) in graph) else None
    datatype = rng if (scheme is None and record is None and reference is None
                       and isinstance(rng, URIRef) and str(rng).startswith(str(XSD))) else None
    since = graph.value(decl, GCP.since)
    length = graph.value(decl, GCP.maxLength)
    pattern = graph.value(decl, GCP.pattern)
    required = graph.value(decl, GCP.required)
    return Key(
        key=_text(graph, decl, GCP.key), prop=prop,
        label=_text(graph, decl, RDFS.label), definition=_text(graph, decl, SKOS.definition),
        datatype=datatype, scheme=scheme, values=concept_values(graph, scheme) if scheme else {},
        record=record, reference=reference, multiple=bool(graph.value(decl, GCP.multiple)),
        required=bool(required.toPython()) if required is not None else False,
        required_in=graph.value(decl, GCP.requiredIn),
        minimum=_number(graph, decl, GCP.minInclusive), maximum=_number(graph, decl, GCP.maxInclusive),
        max_length=int(length) if length is not None else None,
        pattern=str(pattern) if pattern is not None else None,
        since=int(since) if since is not None else 1,
        population=graph.value(decl, GCP.population))


def _records(graph: Graph, measure_classes: set[URIRef]) -> dict[URIRef, dict[str, Key]]:
    """Every class that has keys (by rdfs:domain or gcp:KeyUse) -> its keys."""
    out: dict[URIRef, dict[str, Key]] = {}
    for prop, key in graph.subject_objects(GCP.key):
        if (prop, RDF.type, GCP.KeyUse) in graph:
            continue
        domain = graph.value(prop, RDFS.domain)
        if domain is None or domain in measure_classes:
            continue
        if (domain, RDFS.subClassOf, GCP.Profile) in graph:
            domain = GCP.Profile  # framework and bill keys: one record, required-ness by kind
        out.setdefault(domain, {})[str(key)] = _key(graph, prop, prop)
    for use in graph.subjects(RDF.type, GCP.KeyUse):
        record = graph.value(use, GCP.inRecord)
        out.setdefault(record, {})[_text(graph, use, GCP.key)] = _key(
            graph, use, graph.value(use, GCP.property))
    return {cls: dict(sorted(keys.items())) for cls, keys in out.items()}


def _ancestors(graph: Graph) -> dict[URIRef, frozenset[URIRef]]:
    out: dict[URIRef, frozenset[URIRef]] = {}
    for concept in set(graph.subjects(SKOS.broader, None)):
        seen: set[URIRef] = set()
        todo = list(graph.objects(concept, SKOS.broader))
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo += list(graph.objects(c, SKOS.broader))
        out[concept] = frozenset(seen)
    return out


def build(graph: Graph) -> Schema:
    measure_props = set(graph.subjects(RDFS.subPropertyOf, GCP.hasMeasure))
    measure_classes = {graph.value(p, RDFS.range) for p in measure_props}
    measures: dict[str, Measure] = {}
    by_prop: dict[URIRef, Fact] = {}
    for mprop in measure_props:
        cls = graph.value(mprop, RDFS.range)
        facts: dict[str, Fact] = {}
        for fprop in graph.subjects(RDFS.domain, cls):
            fact = _key(graph, fprop, fprop)
            facts[fact.key] = fact
            by_prop[fprop] = fact
        key = _text(graph, mprop, GCP.key)
        measures[key] = Measure(key, mprop, cls, _text(graph, mprop, RDFS.label),
                                _text(graph, cls, SKOS.definition), dict(sorted(facts.items())),
                                graph.value(cls, GCP.population))
    ordered = dict(sorted(measures.items()))
    instruments = {str(i).rsplit("/", 1)[-1]: i for i in
                   sorted(graph.subjects(RDF.type, GC.Instrument), key=str)}
    keys = {p: str(k) for p, k in graph.subject_objects(GCP.key)
            if isinstance(p, URIRef) and (p, RDF.type, GCP.KeyUse) not in graph}
    weakening = frozenset(c for c, w in graph.subject_objects(GCP.weakens)
                          if isinstance(w, Literal) and w.toPython() is True)
    strict = frozenset(r for r, v in graph.subject_objects(GCP.narrowedScopeIsGap)
                       if isinstance(v, Literal) and v.toPython() is True)
    labels = {c: str(lab) for c, lab in graph.subject_objects(SKOS.prefLabel)
              if isinstance(c, URIRef) and getattr(lab, "language", None) in (None, "en")}
    covers_all = frozenset(c for c, v in graph.subject_objects(GCP.coversAll)
                           if isinstance(v, Literal) and v.toPython() is True)
    return Schema(ordered, by_prop, {m.prop: m for m in ordered.values()},
                  concept_values(graph, GCC.RegionalGroupScheme), instruments, keys,
                  _records(graph, measure_classes), weakening, _ancestors(graph), strict, labels,
                  covers_all)


def load(kb: KnowledgeBase | None = None) -> Schema:
    """The profile format of a knowledge base's ontology (by default the one
    locate.find finds), built once per knowledge base."""
    return (kb if kb is not None else base.load()).derived("profile-format", lambda k: build(k.graph))
