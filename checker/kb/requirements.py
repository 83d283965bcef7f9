"""The requirement catalogue and its shapes, read from the knowledge base once:
what each requirement cites, depends on and recommends, and which shapes test it."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS
from rdflib.term import Node

from . import base as base_mod
from .base import KnowledgeBase
from .locate import find
from .namespaces import GC, GCC


@dataclass(frozen=True)
class Source:
    """A provision a requirement rests on, with what severity needs of it."""

    provision: URIRef
    citation: str
    label: str
    instrument: URIRef
    instrument_name: str
    binding: bool
    status: str  # checked / partial / unverified
    url: str | None


@dataclass(frozen=True)
class Requirement:
    ident: str
    iri: URIRef
    title: str
    statement: str
    gap_when: str
    area: str  # notation, e.g. PRO
    area_label: str
    order: int
    sources: tuple[Source, ...]
    depends_on: tuple[str, ...]
    recommendation: str


@dataclass(frozen=True)
class ShapeInfo:
    requirement: str
    role: str  # compliance / coverage / wellformed
    node_shape: URIRef


@dataclass(frozen=True)
class FactPath:
    """A two-step path profile -> measure -> fact that a requirement looks at."""

    measure_prop: URIRef
    fact_prop: URIRef


@dataclass(frozen=True)
class Catalogue:
    requirements: dict[str, Requirement]  # in catalogue order
    shapes_graph: Graph  # the requirement shapes only
    shape_info: dict[Node, ShapeInfo]  # node shapes and their property shapes
    fact_paths: dict[str, tuple[FactPath, ...]]  # requirement -> facts it looks at
    areas: dict[str, str]  # notation -> label, in order


def _status_word(node: Node | None) -> str:
    return str(node).rsplit("#", 1)[-1] if node is not None else "unverified"


def read_requirements(graph: Graph) -> dict[str, Requirement]:
    reqs = []
    for iri in graph.subjects(RDF.type, GC.Requirement):
        sources = []
        for prov in sorted(graph.objects(iri, GC.derivesFrom), key=str):
            inst = graph.value(prov, GC.inInstrument)
            url = graph.value(prov, DCTERMS.source) or graph.value(inst, DCTERMS.source)
            sources.append(Source(
                prov, str(graph.value(prov, GC.citation) or prov), str(graph.value(prov, RDFS.label)),
                inst, str(graph.value(inst, GC.shortName) or inst),
                graph.value(inst, GC.bindingness) == GCC.binding,
                _status_word(graph.value(prov, GC.checkingStatus)), str(url) if url else None))
        area = graph.value(iri, GC.area)
        ident = str(graph.value(iri, DCTERMS.identifier))
        title = str(graph.value(iri, RDFS.label))
        reqs.append(Requirement(
            ident, iri, title.split(": ", 1)[-1], str(graph.value(iri, GC.statement)),
            str(graph.value(iri, GC.gapWhen) or ""), str(graph.value(area, SKOS.notation)),
            str(graph.value(area, SKOS.prefLabel)), int(graph.value(iri, GC.order) or 0),
            tuple(sorted(sources, key=lambda s: (not s.binding, s.instrument_name, s.citation))),
            tuple(sorted(str(graph.value(d, DCTERMS.identifier))
                         for d in graph.objects(iri, GC.dependsOn))),
            str(graph.value(iri, GC.recommendation) or "")))
    return {r.ident: r for r in sorted(reqs, key=lambda r: (r.order, r.ident))}


def _walk_paths(shapes: Graph, node: Node, measure: Node | None, facts: list[FactPath],
                seen: set[Node]) -> None:
    """Collect every profile -> measure -> fact path a shape reads, however deeply
    it is nested (sh:or, sh:and, sh:node, sh:qualifiedValueShape, ...)."""
    if node in seen:
        return
    seen.add(node)
    path = shapes.value(node, SH.path)
    inner_measure = measure
    if path is not None:
        steps = list(shapes.items(path)) if (path, RDF.first, None) in shapes else [path]
        if len(steps) == 2:
            _add(facts, FactPath(steps[0], steps[1]))
        elif len(steps) == 1 and measure is not None:
            _add(facts, FactPath(measure, steps[0]))
        elif len(steps) == 1:
            inner_measure = steps[0]
    for pred, obj in shapes.predicate_objects(node):
        if pred == SH.path or not isinstance(obj, (BNode, URIRef)):
            continue
        if (obj, RDF.first, None) in shapes:
            for item in shapes.items(obj):
                _walk_paths(shapes, item, inner_measure, facts, seen)
        elif isinstance(obj, BNode):
            _walk_paths(shapes, obj, inner_measure, facts, seen)


def _add(facts: list[FactPath], fp: FactPath) -> None:
    if fp not in facts:
        facts.append(fp)


def read_shapes(shapes: Graph, requirements: dict[str, Requirement]
                ) -> tuple[dict[Node, ShapeInfo], dict[str, tuple[FactPath, ...]]]:
    by_iri = {r.iri: r.ident for r in requirements.values()}
    info: dict[Node, ShapeInfo] = {}
    facts: dict[str, list[FactPath]] = {}
    for shape in sorted(shapes.subjects(GC.checksRequirement, None), key=str):
        req = by_iri.get(shapes.value(shape, GC.checksRequirement))
        role = str(shapes.value(shape, GC.shapeRole)).rsplit("-", 1)[-1]
        if req is None:
            continue
        si = ShapeInfo(req, role, shape)
        info[shape] = si
        for prop in shapes.objects(shape, SH.property):
            info[prop] = si
        _walk_paths(shapes, shape, None, facts.setdefault(req, []), set())
    return info, {k: tuple(sorted(v, key=lambda fp: (str(fp.measure_prop), str(fp.fact_prop))))
                  for k, v in facts.items()}


def load(kb: KnowledgeBase | None = None) -> Catalogue:
    """The catalogue of a knowledge base (by default the one locate.find finds),
    built once per knowledge base."""
    return (kb if kb is not None else base_mod.load()).derived("requirements", _build)


def _build(base: KnowledgeBase) -> Catalogue:
    requirements = read_requirements(base.graph)
    folders = base.folders if base.folders is not None else find()
    shapes = base_mod.load_files(folders.requirement_shape_files(), kind="shapes").graph
    info, facts = read_shapes(shapes, requirements)
    areas = {}
    for area in sorted(base.graph.subjects(RDF.type, GC.Area),
                       key=lambda a: int(base.graph.value(a, GC.order) or 0)):
        areas[str(base.graph.value(area, SKOS.notation))] = str(base.graph.value(area, SKOS.prefLabel))
    return Catalogue(requirements, shapes, info, facts, areas)
