"""The fast engine: pyshacl-turbo (SHACL in Rust), with the shapes compiled once.

Optional (`pip install gapcheck[fast]`) and verified: tests/test_engines_agree.py
runs every fixture, example and generated benchmark profile through both engines
and requires identical findings. pyshacl stays the reference.

Two things make it several times faster than a plain call:
- The shapes it compiles name each shape by an IRI made from the blank node's
  id (`urn:gapcheck:bnode:<id>`): a report copies the whole description of a
  blank source shape into every result, which took half of the engine's time.
  Results are mapped back to the blank node; lists (sequence paths) stay blank.
- pyshacl-turbo returns its report as an rdflib graph, and building that graph
  costs more than the validation. So the report is read straight from the
  engine's term records into Result records, through the same calls its own
  CompiledShapes.validate makes (pinned to pyshacl-turbo 0.6, whose report
  format this reader knows). If those calls are not there, the public
  CompiledShapes.validate and its report graph are used instead."""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import pyshacl_turbo
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from . import results as resmod
from . import triples
from .results import Result

_RESULT, _REPORT = str(SH.result), str(SH.ValidationReport)
_FIELDS = {str(SH.focusNode): "focus", str(SH.sourceShape): "shape", str(SH.resultPath): "path",
           str(SH.value): "value", str(SH.sourceConstraintComponent): "component"}
_MESSAGE, _TYPE = str(SH.resultMessage), str(RDF.type)
SKOLEM = "urn:gapcheck:bnode:"


def named_shapes(graph: Graph) -> Graph:
    """The shapes graph with every blank node but list nodes named by an IRI."""
    lists = set(graph.subjects(RDF.first, None))

    def name(node: Node) -> Node:
        return URIRef(SKOLEM + node) if isinstance(node, BNode) and node not in lists else node

    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for s, p, o in graph:
        out.add((name(s), p, name(o)))
    return out


def _shape(node: Node) -> Node:
    """A result's source shape as the catalogue knows it (the blank node it names)."""
    return BNode(node[len(SKOLEM):]) if isinstance(node, URIRef) and node.startswith(SKOLEM) else node


class CompiledShapes:
    """A shapes graph compiled once by pyshacl-turbo, then used for many graphs."""

    name = "fast"

    def __init__(self, graph: Graph, compiled_form: tuple | None = None):
        """`compiled_form`: what `self.compiled_form` gave for this very graph object
        (it names the graph's blank nodes), to skip the first compile step."""
        self.graph = graph
        self.compiled = (_from_form(graph, compiled_form)
                         or pyshacl_turbo.compile_shapes(named_shapes(graph)))
        self._paths: dict[Node, tuple[Node, ...] | None] = {}
        self._direct = _has_direct_calls(self.compiled)
        if self._direct:
            try:  # the private calls are probed once; any surprise: the public path
                self._validate_direct(Graph())
            except (AttributeError, TypeError, ValueError, IndexError):
                self._direct = False

    def validate(self, data: Graph) -> list[Result]:
        if self._direct:
            return self._validate_direct(data)
        _conforms, report, _text = self.compiled.validate(data, allow_infos=True,
                                                          allow_warnings=True)
        return [dataclasses.replace(r, shape=_shape(r.shape)) for r in resmod.from_report(report)]

    def _steps(self, path: Node | None) -> tuple[Node, ...] | None:
        if path not in self._paths:
            self._paths[path] = resmod.path_steps(self.graph, path)
        return self._paths[path]

    def _validate_direct(self, data: Graph) -> list[Result]:
        from pyshacl_turbo.term_input import _TermBatch

        data_blank_nodes: dict[str, BNode] = {}
        batch = _TermBatch(data_blank_nodes)  # the engine's own transfer encoding of the data
        for s, p, o in triples.triples(data):
            batch.append(s, p, o)
        _conforms, report, _text, _expanded, recursion = self.compiled._native.validate(
            (batch.records, batch.quads), "terms", None,
            False, 100, 15,  # no rules, their iteration limit, validation depth (the defaults)
            False, True, True, False,  # not in place; infos and warnings too; do not stop early
            [], [], [])  # no focus nodes or shapes named; no prefixes (the report is not printed)
        for message in recursion:
            warnings.warn(message, stacklevel=2)
        return self._read(report, {**self.compiled._blank_nodes, **data_blank_nodes})

    def _read(self, report: tuple[list, list], blank_nodes: dict[str, BNode]) -> list[Result]:
        """Result records from the engine's report: terms (kind, text, datatype,
        language) and quads of term indexes."""
        records, quads = report
        terms: list[Node | None] = [None] * len(records)

        def term(i: int) -> Node:
            found = terms[i]
            if found is None:
                kind, text, datatype, language = records[i]
                if kind == 0:
                    found = URIRef(text)
                elif kind == 1:
                    found = blank_nodes.get(text) or BNode(text)
                else:
                    found = Literal(text, language, URIRef(datatype) if datatype else None,
                                    normalize=False)
                terms[i] = found
            return found

        def iri(i: int) -> str | None:
            return records[i][1] if records[i][0] == 0 else None

        reports = {s for s, p, o, _g in quads if iri(p) == _TYPE and iri(o) == _REPORT}
        top = [o for s, p, o, _g in quads if s in reports and iri(p) == _RESULT]
        wanted = set(top)
        fields: dict[int, dict[str, Any]] = {r: {"messages": []} for r in top}
        for s, p, o, _g in quads:
            if s not in wanted:
                continue
            name = iri(p)
            if name == _MESSAGE:
                fields[s]["messages"].append(term(o))
            elif name in _FIELDS:
                fields[s].setdefault(_FIELDS[name], term(o))
        return [resmod.make(f["focus"], _shape(f["shape"]), self._steps(f.get("path")), f["messages"],
                            f.get("value"), f.get("component")) for f in fields.values()]


    @property
    def compiled_form(self) -> tuple | None:
        """The shapes as pyshacl-turbo's compiler reads them (its canonical text and
        the ids of the shapes' blank nodes), to be kept in the parse cache."""
        spec = getattr(self.compiled, "_shared_spec", None)
        if spec is None or not hasattr(self.compiled, "_blank_nodes"):
            return None
        source, _advanced, namespaces, _numeric = spec
        return (pyshacl_turbo.__version__, source, namespaces, tuple(self.compiled._blank_nodes))


def _from_form(graph: Graph, form: tuple | None) -> Any:
    """CompiledShapes built from a kept compiled form, as compile_shapes builds it
    after its first step; None if the form is missing, of another version, or the
    calls it needs are not there."""
    if not form or form[0] != pyshacl_turbo.__version__:
        return None
    _version, source, namespaces, blank_ids = form
    try:
        compiled = pyshacl_turbo.CompiledShapes.__new__(pyshacl_turbo.CompiledShapes)
        compiled.graph = graph
        compiled._blank_nodes = {i: BNode(i) for i in blank_ids}
        compiled._shared_spec = (source, False, namespaces, True)
        compiled._shared_program = None
        compiled._native = pyshacl_turbo._native.CompiledShapes(source, "nt", None, False, True,
                                                                list(namespaces))
    except (AttributeError, TypeError, ValueError):
        return None
    return compiled


def _has_direct_calls(compiled: Any) -> bool:
    return (pyshacl_turbo.__version__.startswith("0.6.") and hasattr(compiled, "_native")
            and hasattr(compiled, "_blank_nodes"))
