"""The requirement catalogue and its shapes, read from the knowledge base once:
what each requirement cites, depends on and recommends, and which shapes test it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS
from rdflib.term import Node

from . import base as base_mod
from .base import KnowledgeBase
from .languages import SOURCE_LANGUAGE
from .locate import find
from .namespaces import GC, GCC
from .translations import Texts


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
    basis: str = "obligation"  # notation of the link's basis (engine/severity.py)
    basis_note: str | None = None

    @property
    def instrument_slug(self) -> str:
        return str(self.instrument).rsplit("/", 1)[-1]


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
class ShapePart:
    """A compliance shape of a requirement and what a gap it finds rests on."""

    name: str
    label: str
    sources: tuple[Source, ...]
    numbers_checked: bool  # every parameter it tests is checked


@dataclass(frozen=True)
class Catalogue:
    requirements: dict[str, Requirement]  # in catalogue order
    shapes_graph: Graph  # the requirement shapes only
    shape_info: dict[Node, ShapeInfo]  # node shapes and their property shapes
    fact_paths: dict[str, tuple[FactPath, ...]]  # requirement -> facts it looks at
    areas: dict[str, str]  # notation -> label, in order
    # compliance shape (node or property shape) -> the provisions it rests on
    rests_on: dict[Node, tuple[URIRef, ...]] = field(default_factory=dict)
    numbers_checked: dict[Node, bool] = field(default_factory=dict)  # per node shape
    basis_caps: dict[str, str] = field(default_factory=dict)  # basis -> severity cap
    lang: str = SOURCE_LANGUAGE  # the language of the texts
    # text(shape node, property) of the shapes graph in `lang` (sh:message, rdfs:label)
    texts: TextOf | None = None

    def parts(self, ident: str) -> list[ShapePart]:
        """The compliance shapes of a requirement with the sources each rests on."""
        req = self.requirements[ident]
        by_iri = {s.provision: s for s in req.sources}
        out = []
        for shape, info in sorted(self.shape_info.items(), key=lambda kv: str(kv[0])):
            if info.requirement != ident or info.role != "compliance" or info.node_shape != shape:
                continue
            provs = self.rests_on.get(shape) or tuple(by_iri)
            label = (self.texts or _english(self.shapes_graph))(shape, RDFS.label)
            out.append(ShapePart(str(shape).rsplit("#", 1)[-1], label or "",
                                 tuple(by_iri[p] for p in provs if p in by_iri),
                                 self.numbers_checked.get(shape, True)))
        return out


def _status_word(node: Node | None) -> str:
    return str(node).rsplit("#", 1)[-1] if node is not None else "unverified"


def read_requirements(graph: Graph, text: TextOf | None = None) -> dict[str, Requirement]:
    """The requirements of a knowledge-base graph; `text(node, prop)` gives each
    text (by default the English one of `graph`)."""
    text = text or _english(graph)
    reqs = []
    for iri in graph.subjects(RDF.type, GC.Requirement):
        links = {graph.value(link, GC.linkedProvision): link
                 for link in graph.objects(iri, GC.sourceLink)}
        sources = []
        for prov in sorted(graph.objects(iri, GC.derivesFrom), key=str):
            inst = graph.value(prov, GC.inInstrument)
            url = graph.value(prov, DCTERMS.source) or graph.value(inst, DCTERMS.source)
            link = links.get(prov)
            basis = graph.value(link, GC.basis) if link is not None else None
            note = graph.value(link, GC.basisNote) if link is not None else None
            binding = graph.value(inst, GC.bindingness) == GCC.binding
            sources.append(Source(
                prov, text(prov, GC.citation) or str(prov), text(prov, RDFS.label) or "None",
                inst, text(inst, GC.shortName) or str(inst), binding,
                _status_word(graph.value(prov, GC.checkingStatus)), str(url) if url else None,
                # no link is a knowledge-base error (kb check); the safest reading meanwhile
                str(graph.value(basis, SKOS.notation)) if basis is not None else
                ("interpretation" if binding else "soft-law"),
                text(link, GC.basisNote) if note is not None else None))
        area = graph.value(iri, GC.area)
        ident = str(graph.value(iri, DCTERMS.identifier))
        title = text(iri, RDFS.label) or "None"
        reqs.append(Requirement(
            ident, iri, title.split(": ", 1)[-1], text(iri, GC.statement) or "None",
            text(iri, GC.gapWhen) or "", str(graph.value(area, SKOS.notation)),
            text(area, SKOS.prefLabel) or "None", int(graph.value(iri, GC.order) or 0),
            tuple(sorted(sources, key=lambda s: (not s.binding, s.instrument_name, s.citation))),
            tuple(sorted(str(graph.value(d, DCTERMS.identifier))
                         for d in graph.objects(iri, GC.dependsOn))),
            text(iri, GC.recommendation) or ""))
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


def read_rests_on(shapes: Graph, info: dict[Node, ShapeInfo]) -> dict[Node, tuple[URIRef, ...]]:
    """The provisions each compliance shape rests on: its rdfs:seeAlso. A property
    shape that names its own (one safeguard of several, say) rests on those."""
    out: dict[Node, tuple[URIRef, ...]] = {}
    for shape, si in info.items():
        if si.role != "compliance":
            continue
        own = tuple(sorted(o for o in shapes.objects(shape, RDFS.seeAlso) if isinstance(o, URIRef)))
        if own:
            out[shape] = own
    for shape, si in info.items():
        if si.role == "compliance" and shape not in out and si.node_shape in out:
            out[shape] = out[si.node_shape]
    return out


def _nested(shapes: Graph, node: Node, seen: set[Node]) -> list[Node]:
    """A shape and every node nested in it (lists, blank nodes)."""
    if node in seen:
        return []
    seen.add(node)
    out = [node]
    for _pred, obj in shapes.predicate_objects(node):
        if (obj, RDF.first, None) in shapes:
            for item in shapes.items(obj):
                out += _nested(shapes, item, seen)
        elif isinstance(obj, BNode):
            out += _nested(shapes, obj, seen)
    return out


def read_numbers_checked(kb_graph: Graph, shapes: Graph, info: dict[Node, ShapeInfo]
                         ) -> dict[Node, bool]:
    """Per compliance node shape: are all the parameters it tests checked?"""
    out = {}
    for shape, si in info.items():
        if si.role != "compliance" or si.node_shape != shape:
            continue
        params = {p for n in _nested(shapes, shape, set())
                  for p in shapes.objects(n, GC.testsParameter)}
        out[shape] = all(kb_graph.value(p, GC.checkingStatus) == GCC.checked for p in params)
    return out


def read_basis_caps(graph: Graph) -> dict[str, str]:
    """basis notation -> the notation of its severity cap (ontology/concepts.ttl)."""
    return {str(graph.value(b, SKOS.notation)): str(graph.value(cap, SKOS.notation))
            for b, cap in graph.subject_objects(GC.severityCap)}


def load(kb: KnowledgeBase | None = None, lang: str = SOURCE_LANGUAGE) -> Catalogue:
    """The catalogue of a knowledge base (by default the one locate.find finds),
    built once per knowledge base and language.

    With `lang` ("fr", "es") every text a reader sees is in that language:
    requirement titles, statements, gap_when, recommendations, area labels,
    provision labels and citations, instrument short names, basis notes and the
    shapes' labels. A text not (yet) translated stays English. Codes (ids, area
    notations, basis notations, IRIs) and the shapes themselves are the same in
    every language, so a finding's requirement can be swapped for its translation:

        >>> fr = load(kb, lang="fr")
        >>> fr.requirements["PRO-01"].title           # doctest: +SKIP
        'Délai de rétablissement et de réflexion'
        >>> fr.texts.get(shape_node, SH.message)      # doctest: +SKIP
    """
    kb = kb if kb is not None else base_mod.load()
    english = kb.derived("requirements", _build)
    if lang == SOURCE_LANGUAGE:
        return english
    return kb.derived(f"requirements-{lang}", lambda k: _translate(k, english, lang))


TextOf = Callable[[Node, URIRef], "str | None"]


def _english(graph: Graph) -> TextOf:
    def text(node: Node, prop: URIRef) -> str | None:
        value = graph.value(node, prop)
        return str(value) if value is not None else None
    return text


def texts_in(english: Graph, translations: Graph, lang: str) -> TextOf:
    """`text(node, prop)`: the text in `lang`, or the English one while it has no
    translation (a stale translation is shown: it is the best the language has)."""
    look = Texts(english, translations)
    fallback = _english(english)

    def text(node: Node, prop: URIRef) -> str | None:
        found = look.get(node, prop, lang) if lang != SOURCE_LANGUAGE else None
        return found.value if found is not None else fallback(node, prop)
    return text


def _translate(base: KnowledgeBase, english: Catalogue, lang: str) -> Catalogue:
    text = texts_in(base.graph, base.translations, lang)
    # the same order of sources in every language (the English catalogue's)
    requirements = {
        ident: replace(r, sources=tuple(sorted(r.sources, key=lambda s, e=english.requirements[ident]:
                                               [x.provision for x in e.sources].index(s.provision))))
        for ident, r in read_requirements(base.graph, text).items()}
    nodes = {str(base.graph.value(a, SKOS.notation)): a for a in base.graph.subjects(RDF.type, GC.Area)}
    areas = {n: text(nodes[n], SKOS.prefLabel) or label for n, label in english.areas.items()}
    return replace(english, requirements=requirements, areas=areas, lang=lang,
                   texts=texts_in(english.shapes_graph, base.translations, lang))


def _build(base: KnowledgeBase) -> Catalogue:
    requirements = read_requirements(base.graph)
    folders = base.folders if base.folders is not None else find()
    shapes = base_mod.load_files(folders.requirement_shape_files(), kind="shapes").graph
    info, facts = read_shapes(shapes, requirements)
    areas = {}
    for area in sorted(base.graph.subjects(RDF.type, GC.Area),
                       key=lambda a: int(base.graph.value(a, GC.order) or 0)):
        areas[str(base.graph.value(area, SKOS.notation))] = str(base.graph.value(area, SKOS.prefLabel))
    return Catalogue(requirements, shapes, info, facts, areas, read_rests_on(shapes, info),
                     read_numbers_checked(base.graph, shapes, info), read_basis_caps(base.graph))
