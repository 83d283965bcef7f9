"""Check the knowledge base against its meta-shapes and describe it.

Returns data (failures, statistics, descriptions); the CLI prints them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH

from . import paths
from .kb import KnowledgeBase, parse_turtle
from .namespaces import GC, GCC, INST, REQ

GCC_BASIS_SCHEME = GCC.BasisScheme


@dataclass(frozen=True)
class KbFailure:
    """One meta-shape violation, in words a lawyer can act on."""

    file: Path | None
    line: int | None
    subject: URIRef
    name: str
    message: str

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<knowledge base>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.name}: {self.message}"


def meta_shapes() -> Graph:
    graph = Graph()
    for path in paths.turtle_files(paths.SHAPES / "kb"):
        parse_turtle(path, graph)
    return graph


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


def check(kb: KnowledgeBase) -> list[KbFailure]:
    """Validate the knowledge base; an empty list means it passes."""
    _conforms, report, _text = validate(
        kb.graph, shacl_graph=meta_shapes(), inference="none", advanced=False,
        allow_warnings=True)
    failures = []
    # only the report's own results: a failed sh:node also nests its inner results
    # under sh:detail, whose focus is a blank node no one can find in a file
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage) or Literal("does not conform")
        path, line = kb.locate(focus) if isinstance(focus, URIRef) else (None, None)
        failures.append(KbFailure(path, line, focus, display_name(kb.graph, focus),
                                  str(message)))
    return sorted(failures, key=lambda f: (str(f.file), f.line or 0, str(f.subject), f.message))


def parameter_failures(kb: KnowledgeBase, shapes: KnowledgeBase) -> list[KbFailure]:
    """Shapes, messages and requirement texts that disagree with the parameters."""
    from . import parameters

    out = []
    for m in parameters.check(kb.graph, shapes.graph):
        where = shapes if m.subject in shapes.source_of else kb
        path, line = where.locate(m.subject) if isinstance(m.subject, URIRef) else (None, None)
        out.append(KbFailure(path, line, m.subject, display_name(where.graph, m.subject), m.message))
    return out


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


PARAM = "https://w3id.org/gapcheck/parameter/"


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


def describe(graph: Graph, node: URIRef) -> list[tuple[str, str]]:
    """The node's properties as (label, value) rows, for `gapcheck kb show`."""
    rows = []
    for pred, obj in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        if pred == GC.sourceLink:
            continue  # shown by describe_parts, with each link's basis
        label = graph.value(pred, RDFS.label) or short_iri(pred).rsplit("#", 1)[-1]
        if isinstance(obj, URIRef):
            value = f"{display_name(graph, obj)} <{obj}>" if (obj, None, None) in graph else str(obj)
        else:
            value = str(obj)
        rows.append((str(label), value))
    if (node, RDF.type, GC.Instrument) in graph:
        for prov in provisions_of(graph, node):
            rows.append(("provision", f"{graph.value(prov, GC.citation)} <{prov}>"))
    for req in sorted(graph.subjects(GC.derivesFrom, node), key=str):
        rows.append(("cited by requirement", display_name(graph, req)))
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
    for concept in sorted(graph.subjects(SKOS.inScheme, GCC_BASIS_SCHEME),
                          key=lambda c: int(graph.value(c, GC.order) or 0)):
        links = [(req, link) for req, link in graph.subject_objects(GC.sourceLink)
                 if graph.value(link, GC.basis) == concept]
        rows.append(BasisStats(str(graph.value(concept, SKOS.notation)), len(links),
                               len({req for req, _ in links}),
                               str(graph.value(graph.value(concept, GC.severityCap), SKOS.notation))))
    return rows


def describe_parts(catalogue, ident: str) -> list[tuple[str, str]]:  # noqa: ANN001
    """For `kb show` of a requirement: each source with its basis, and each
    compliance shape with the sources a gap it finds rests on."""
    rows = []
    for s in catalogue.requirements[ident].sources:
        text = f"{s.instrument_name} {s.citation} — {s.basis}"
        if s.status != "checked":
            text += f" ({s.status} citation)"
        if s.basis_note:
            text += f": {s.basis_note}"
        rows.append(("source", text))
    for part in catalogue.parts(ident):
        rests = "; ".join(f"{s.instrument_name} {s.citation} ({s.basis})" for s in part.sources)
        text = f"{part.name} ({part.label}) rests on {rests}"
        if not part.numbers_checked:
            text += " — tests a number that is not checked, so a gap is standard at most"
        rows.append(("compliance shape", text))
    return rows
