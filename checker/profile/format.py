"""The profile format, read from the ontology (ontology/profile.ttl): which keys a
measure has, what values each takes. The ontology is the one source: the YAML
loader, the JSON-LD context and the well-formedness shapes are all derived here."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, SKOS, XSD, Graph, URIRef

from ..kb import base
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GC, GCC, GCP


@dataclass(frozen=True)
class Fact:
    """One key of a measure: its property, value type and allowed values."""

    key: str
    prop: URIRef
    label: str
    definition: str
    datatype: URIRef | None  # for literal facts
    scheme: URIRef | None  # for facts that take concepts
    values: dict[str, URIRef] = field(default_factory=dict)  # notation -> concept
    multiple: bool = False

    @property
    def kind(self) -> str:
        if self.scheme is not None:
            return "one of: " + ", ".join(self.values)
        return {XSD.boolean: "true or false", XSD.integer: "a whole number",
                XSD.decimal: "a number", XSD.date: "a date (YYYY-MM-DD)",
                XSD.string: "text", XSD.anyURI: "a URL"}.get(self.datatype, "a value")


@dataclass(frozen=True)
class Measure:
    """A topic of the profile (a key under `measures:`) and its facts."""

    key: str
    prop: URIRef
    cls: URIRef
    label: str
    definition: str
    facts: dict[str, Fact]


@dataclass(frozen=True)
class Schema:
    measures: dict[str, Measure]
    by_prop: dict[URIRef, Fact]
    measure_by_prop: dict[URIRef, Measure]
    groups: dict[str, URIRef]
    instruments: dict[str, URIRef]
    keys: dict[URIRef, str]  # every term with a YAML key -> the key

    def fact_of(self, prop: URIRef) -> tuple[Measure, Fact] | None:
        fact = self.by_prop.get(prop)
        if fact is None:
            return None
        for measure in self.measures.values():
            if measure.facts.get(fact.key) is fact:
                return measure, fact
        return None


def _text(graph: Graph, node: URIRef, prop: URIRef) -> str:
    value = graph.value(node, prop)
    return str(value) if value is not None else ""


def concept_values(graph: Graph, scheme: URIRef) -> dict[str, URIRef]:
    """notation -> concept, in the order of the concepts' IRIs as written."""
    concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=str)
    return {str(graph.value(c, SKOS.notation)): c for c in concepts
            if graph.value(c, SKOS.notation) is not None}


def build(graph: Graph) -> Schema:
    measures: dict[str, Measure] = {}
    by_prop: dict[URIRef, Fact] = {}
    for mprop in graph.subjects(RDFS.subPropertyOf, GCP.hasMeasure):
        cls = graph.value(mprop, RDFS.range)
        facts: dict[str, Fact] = {}
        for fprop in graph.subjects(RDFS.domain, cls):
            key = _text(graph, fprop, GCP.key)
            scheme = graph.value(fprop, GCP.valuesFrom)
            rng = graph.value(fprop, RDFS.range)
            fact = Fact(key=key, prop=fprop, label=_text(graph, fprop, RDFS.label),
                        definition=_text(graph, fprop, SKOS.definition),
                        datatype=None if scheme else rng, scheme=scheme,
                        values=concept_values(graph, scheme) if scheme else {},
                        multiple=bool(graph.value(fprop, GCP.multiple)))
            facts[key] = fact
            by_prop[fprop] = fact
        key = _text(graph, mprop, GCP.key)
        measures[key] = Measure(key, mprop, cls, _text(graph, mprop, RDFS.label),
                                _text(graph, cls, SKOS.definition),
                                dict(sorted(facts.items())))
    ordered = dict(sorted(measures.items()))
    instruments = {str(i).rsplit("/", 1)[-1]: i for i in
                   sorted(graph.subjects(RDF.type, GC.Instrument), key=str)}
    keys = {p: str(k) for p, k in graph.subject_objects(GCP.key) if isinstance(p, URIRef)}
    return Schema(ordered, by_prop, {m.prop: m for m in ordered.values()},
                  concept_values(graph, GCC.RegionalGroupScheme), instruments, keys)


def load(kb: KnowledgeBase | None = None) -> Schema:
    """The profile format of a knowledge base's ontology (by default the one
    locate.find finds), built once per knowledge base."""
    return (kb if kb is not None else base.load()).derived("profile-format", lambda k: build(k.graph))
