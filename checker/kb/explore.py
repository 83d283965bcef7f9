"""Describe the knowledge base for people: statistics per instrument, finding a
term from what a user types, and a term's properties as rows."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS

from .languages import LANGUAGE_NAMES, SOURCE_LANGUAGE
from .namespaces import GC, INST, REQ
from .translations import Texts, is_english_text


def display_name(graph: Graph, node: URIRef) -> str:
    """A reader's name for a node: its label, else its compact IRI."""
    for prop in (RDFS.label, SKOS.prefLabel, DCTERMS.identifier):
        value = graph.value(node, prop)
        if value is not None:
            return str(value)
    return short_iri(node)


def short_iri(node: URIRef) -> str:
    text = str(node)
    for base, prefix in ((INST, ""), (str(REQ), "")):
        if text.startswith(base):
            return prefix + text[len(base):]
    return text


def instruments(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, GC.Instrument), key=str)


def provisions_of(graph: Graph, instrument: URIRef) -> list[URIRef]:
    def order(p: URIRef) -> tuple[int, str]:
        value = graph.value(p, GC.order)
        return (int(value) if value is not None else 10_000, str(p))
    return sorted(graph.subjects(GC.inInstrument, instrument), key=order)


@dataclass(frozen=True)
class InstrumentStats:
    instrument: URIRef
    short_name: str
    bindingness: str
    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


STATUSES = ("checked", "partial", "unverified")


def stats(graph: Graph) -> list[InstrumentStats]:
    rows = []
    for inst in instruments(graph):
        counts: Counter[str] = Counter()
        for prov in provisions_of(graph, inst):
            status = graph.value(prov, GC.checkingStatus)
            counts[str(status).rsplit("#", 1)[-1] if status else "missing"] += 1
        binding = graph.value(inst, GC.bindingness)
        rows.append(InstrumentStats(
            inst, str(graph.value(inst, GC.shortName) or short_iri(inst)),
            str(binding).rsplit("#", 1)[-1] if binding else "?",
            {s: counts.get(s, 0) for s in (*STATUSES, "missing") if counts.get(s) or s != "missing"}))
    return rows


def resolve(graph: Graph, ident: str) -> URIRef | None:
    """Find a term from what a user types: `palermo`, `palermo#A3-a`, `palermo:A3-a`,
    `PRO-03` or a full IRI."""
    ident = ident.strip()
    if not re.fullmatch(r"[\w.:#/-]{1,200}", ident):
        return None  # not something a term could be called
    candidates = []
    if ident.startswith("http"):
        candidates.append(URIRef(ident))
    if ":" in ident and not ident.startswith("http"):
        slug, local = ident.split(":", 1)
        candidates.append(URIRef(f"{INST}{slug}#{local}"))
    candidates += [URIRef(INST + ident), URIRef(str(REQ) + ident.upper())]
    for cand in candidates:
        if (cand, None, None) in graph:
            return cand
    return None


def describe(graph: Graph, node: URIRef, texts: Texts | None = None,
             lang: str = SOURCE_LANGUAGE) -> list[tuple[str, str]]:
    """The node's properties as (label, value) rows, for `gapcheck kb show`; with
    `texts` and a `lang` other than English, each English text is replaced by its
    translation and its review status, or marked as missing in that language."""
    rows = []
    translated = set()
    for pred, obj in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        label = graph.value(pred, RDFS.label) or short_iri(pred).rsplit("#", 1)[-1]
        if texts is not None and lang != SOURCE_LANGUAGE:
            label = name_in(texts, pred, lang, str(label))
        if texts is not None and lang != SOURCE_LANGUAGE and is_english_text(pred, obj):
            if pred not in translated:
                translated.add(pred)
                rows.append((str(label), _in_language(texts, node, pred, lang)))
            continue
        if isinstance(obj, URIRef):
            name = display_name(graph, obj)
            if texts is not None and lang != SOURCE_LANGUAGE:
                name = name_in(texts, obj, lang, name)
            value = f"{name} <{obj}>" if (obj, None, None) in graph else str(obj)
        else:
            value = str(obj)
        rows.append((str(label), value))
    if (node, RDF.type, GC.Instrument) in graph:
        for prov in provisions_of(graph, node):
            rows.append(("provision", f"{graph.value(prov, GC.citation)} <{prov}>"))
    for req in sorted(graph.subjects(GC.derivesFrom, node), key=str):
        rows.append(("cited by requirement", display_name(graph, req)))
    return rows


def name_in(texts: Texts, node: URIRef, lang: str, fallback: str) -> str:
    """A node's label (or preferred label) in a language, else the fallback."""
    for prop in (RDFS.label, SKOS.prefLabel):
        text = texts.get(node, prop, lang)
        if text is not None:
            return text.value
    return fallback


def _in_language(texts: Texts, node: URIRef, pred: URIRef, lang: str) -> str:
    text = texts.get(node, pred, lang)
    if text is None:
        english = texts.get(node, pred, SOURCE_LANGUAGE)
        return f"[no {LANGUAGE_NAMES[lang]} text] {english.value if english else ''}"
    marks = [text.status] + (["official"] if text.official else []) + (
        ["unofficial"] if text.official is False else [])
    return f"{text.value} [{', '.join(marks)}]"
