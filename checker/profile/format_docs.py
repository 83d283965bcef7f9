"""The profile format explained for people: which requirements read each fact,
and what each structural key means. The format reference page and `gapcheck
new` both read it, so that they say the same thing."""

from __future__ import annotations

from rdflib import RDFS, SKOS

from ..kb.base import KnowledgeBase
from ..kb.requirements import Catalogue
from .format import Schema


def fact_readers(schema: Schema, catalogue: Catalogue) -> dict[tuple[str, str], list[str]]:
    """(measure key, fact key) -> the requirements whose shapes read it, sorted."""
    readers: dict[tuple[str, str], list[str]] = {}
    for ident, paths in catalogue.fact_paths.items():
        for fp in paths:
            measure = schema.measure_by_prop.get(fp.measure_prop)
            fact = schema.by_prop.get(fp.fact_prop)
            if measure and fact:
                readers.setdefault((measure.key, fact.key), []).append(ident)
    return {k: sorted(v) for k, v in readers.items()}


def key_definitions(kb: KnowledgeBase, schema: Schema) -> dict[tuple[str, str], str]:
    """(class the key belongs to, e.g. "Evidence", key) -> the ontology's definition,
    for the keys around the facts: the profile's own, a state's, a ratification's,
    a document's and a piece of evidence's."""
    graph = kb.graph
    out = {}
    for term, key in schema.keys.items():
        domain = graph.value(term, RDFS.domain)
        definition = graph.value(term, SKOS.definition)
        if domain is not None and definition is not None:
            out[(str(domain).rsplit("#", 1)[-1], key)] = str(definition)
    return out


def value_text(kind: str, multiple: bool) -> str:
    """A fact's kind of value in words (Fact.kind), as a list when it takes several."""
    return f"a list; each {kind}" if multiple else kind
