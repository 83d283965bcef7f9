"""Describe the knowledge base for people: statistics per instrument, finding a
term from what a user types, and a term's properties as rows."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS

from ..i18n import Locale, locale
from .base import KnowledgeBase
from .languages import SOURCE_LANGUAGE
from .namespaces import GC, GCC, INST, PARAM, REQ
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
    `PRO-03`, `param:reflection-period-days` or a full IRI. Case does not matter:
    `C29:A25` is c29:A25."""
    ident = ident.strip()
    if not re.fullmatch(r"[\w.:#/-]{1,200}", ident):
        return None  # not something a term could be called
    candidates = []
    if ident.startswith("http"):
        candidates.append(URIRef(ident))
    if ":" in ident and not ident.startswith("http"):
        slug, local = ident.split(":", 1)
        candidates.append(URIRef(f"{PARAM}{local}" if slug.lower() == "param"
                                 else f"{INST}{slug}#{local}"))
    candidates += [URIRef(INST + ident), URIRef(str(REQ) + ident.upper())]
    for cand in candidates:
        if (cand, None, None) in graph:
            return cand
    wanted = {str(c).lower() for c in candidates}
    found = sorted(s for s in set(graph.subjects()) if isinstance(s, URIRef)
                   and str(s).lower() in wanted)
    return found[0] if found else None


def names(graph: Graph) -> list[str]:
    """What a user can type for `kb show`: instruments, provisions, requirements."""
    out = []
    for s in set(graph.subjects()):
        text = str(s)
        if text.startswith(INST) and "#" in text:
            slug, local = text[len(INST):].split("#", 1)
            out.append(f"{slug}:{local}")
        elif text.startswith(INST) and "/" not in text[len(INST):]:
            out.append(text[len(INST):])
        elif text.startswith(str(REQ)) and re.fullmatch(r"[A-Z]{3}-\d{2}", text[len(str(REQ)):]):
            out.append(text[len(str(REQ)):])
    return sorted(out)


def suggest(graph: Graph, ident: str) -> str | None:
    """A did-you-mean that ignores case, so that `C29:A99` suggests c29 terms, not p29."""
    import difflib

    choices = names(graph)
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(ident.strip().lower(), list(lowered), n=1, cutoff=0.75)
    return f"did you mean '{lowered[close[0]]}'?" if close else None


def describe(graph: Graph, node: URIRef, texts: Texts | None = None,
             lang: str = SOURCE_LANGUAGE) -> list[tuple[str, str]]:
    """The node's properties as (label, value) rows, for `gapcheck kb show`; with
    `texts` and a `lang` other than English, each English text is replaced by its
    translation and its review status, or marked as missing in that language."""
    rows = []
    translated = set()
    for pred, obj in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        if pred == GC.sourceLink:
            continue  # shown by describe_parts, with each link's basis
        label = graph.value(pred, RDFS.label) or _outside_term(pred, locale(lang))
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
    loc = locale(lang)
    if (node, RDF.type, GC.Instrument) in graph:
        for prov in provisions_of(graph, node):
            citation = graph.value(prov, GC.citation)
            if texts is not None and lang != SOURCE_LANGUAGE:
                citation = (texts.get(prov, GC.citation, lang) or texts.get(
                    prov, GC.citation, SOURCE_LANGUAGE) or citation)
                citation = getattr(citation, "value", citation)
            rows.append((loc._("provision"), f"{citation} <{prov}>"))
    for req in sorted(graph.subjects(GC.derivesFrom, node), key=str):
        name = display_name(graph, req)
        if texts is not None and lang != SOURCE_LANGUAGE:
            name = name_in(texts, req, lang, name)
        rows.append((loc._("cited by requirement"), name))
    return rows


@dataclass(frozen=True)
class BasisStats:
    basis: str
    links: int
    requirements: int
    cap: str  # the highest severity a gap on this basis can have


def basis_stats(graph: Graph) -> list[BasisStats]:
    """How many requirement-source links have each basis, strongest basis first."""
    rows = []
    for concept in sorted(graph.subjects(SKOS.inScheme, GCC.BasisScheme),
                          key=lambda c: int(graph.value(c, GC.order) or 0)):
        links = [(req, link) for req, link in graph.subject_objects(GC.sourceLink)
                 if graph.value(link, GC.basis) == concept]
        rows.append(BasisStats(str(graph.value(concept, SKOS.notation)), len(links),
                               len({req for req, _ in links}),
                               str(graph.value(graph.value(concept, GC.severityCap), SKOS.notation))))
    return rows


def describe_parts(kb: KnowledgeBase, node: URIRef,
                   lang: str = SOURCE_LANGUAGE) -> list[tuple[str, str]]:
    """For `kb show` of a requirement: each source with its basis, and each
    compliance shape with the sources a gap it finds rests on (none for other terms)."""
    if (node, RDF.type, GC.Requirement) not in kb.graph:
        return []
    from . import requirements

    catalogue = requirements.load(kb, lang=lang)
    loc = locale(lang)
    texts = Texts(kb.graph, kb.translations)

    def basis(notation: str) -> str:  # the basis concept's own label, in the language
        concept = GCC[f"basis-{notation}"]
        return name_in(texts, concept, lang, notation) if lang != SOURCE_LANGUAGE else str(
            kb.graph.value(concept, SKOS.prefLabel) or notation)

    ident = str(kb.graph.value(node, DCTERMS.identifier))
    rows = []
    for s in catalogue.requirements[ident].sources:
        text = f"{s.instrument_name} {s.citation} — {basis(s.basis)}"
        if s.status != "checked":
            text += " " + loc._("(%(status)s citation)", status=_provision_status(s.status, loc))
        if s.basis_note:
            text += f": {s.basis_note}"
        rows.append((loc._("source"), text))
    for part in catalogue.parts(ident):
        rests = "; ".join(f"{s.instrument_name} {s.citation} ({basis(s.basis)})" for s in part.sources)
        text = loc._("%(shape)s (%(label)s) rests on %(sources)s", shape=part.name, label=part.label,
                     sources=rests)
        if not part.numbers_checked:
            text += " — " + loc._("tests a number that is not checked, so a gap is standard at most")
        rows.append((loc._("compliance shape"), text))
    return rows


def _outside_term(pred: URIRef, loc: Locale) -> str:
    """A name for a property the knowledge base takes from RDF or Dublin Core."""
    words = {RDF.type: loc._("type"), RDFS.label: loc._("label"), DCTERMS.source: loc._("official text"),
             DCTERMS.identifier: loc._("identifier"), DCTERMS.title: loc._("title"),
             RDFS.comment: loc._("note"), SKOS.definition: loc._("definition"),
             SKOS.prefLabel: loc._("preferred term"), SKOS.altLabel: loc._("also called"),
             SKOS.notation: loc._("code"), SKOS.scopeNote: loc._("scope note"),
             SKOS.inScheme: loc._("in scheme"), RDFS.seeAlso: loc._("see also")}
    return words.get(pred, short_iri(pred).rsplit("#", 1)[-1])


def _provision_status(status: str, loc: Locale) -> str:
    words = {"partial": loc.p_("citation", "partial"), "unverified": loc.p_("citation", "unverified")}
    return words.get(status, status)


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
        return locale(lang)._("[no text in this language]") + f" {english.value if english else ''}"
    loc = locale(lang)
    words = {"reviewed": loc.p_("translation", "reviewed"),
             "unreviewed": loc.p_("translation", "unreviewed"),
             "stale": loc.p_("translation", "stale")}
    marks = [words.get(text.status, text.status)] + (
        [loc.p_("translation", "official")] if text.official else []) + (
        [loc.p_("translation", "unofficial")] if text.official is False else [])
    return f"{text.value} [{', '.join(marks)}]"
