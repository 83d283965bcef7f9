"""The fast engine: pyshacl-turbo (SHACL in Rust), with the shapes compiled once.

Optional (`pip install gapcheck[fast]`) and verified: tests/test_engines_agree.py
runs every fixture, example and generated benchmark profile through both engines
and requires identical findings. pyshacl stays the reference.

pyshacl-turbo returns its report as an rdflib graph, and building that graph
costs twice the validation itself. So the report is read straight from the
engine's term records into Result records, through the same calls its own
CompiledShapes.validate makes (pinned to pyshacl-turbo 0.6, whose report
format this reader knows). If those calls are not there, the public
CompiledShapes.validate and its report graph are used instead."""

from __future__ import annotations

import warnings
from typing import Any

import pyshacl_turbo
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from . import results as resmod
from .results import Result

_RESULT, _REPORT = str(SH.result), str(SH.ValidationReport)
_FIELDS = {str(SH.focusNode): "focus", str(SH.sourceShape): "shape", str(SH.resultPath): "path",
           str(SH.value): "value", str(SH.sourceConstraintComponent): "component"}
_MESSAGE, _TYPE = str(SH.resultMessage), str(RDF.type)


class CompiledShapes:
    """A shapes graph compiled once by pyshacl-turbo, then used for many graphs."""

    name = "fast"

    def __init__(self, graph: Graph):
        self.graph = graph
        self.compiled = pyshacl_turbo.compile_shapes(graph)
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
        return resmod.from_report(report)

    def _steps(self, path: Node | None) -> tuple[Node, ...] | None:
        if path not in self._paths:
            self._paths[path] = resmod.path_steps(self.graph, path)
        return self._paths[path]

    def _validate_direct(self, data: Graph) -> list[Result]:
        from pyshacl_turbo.rdf import input_graph

        given = input_graph(data, direct=True)
        _conforms, report, _text, _expanded, recursion = self.compiled._native.validate(
            given.source, given.format, given.base,
            False, 100, 15,  # no rules, their iteration limit, validation depth (the defaults)
            False, True, True, False,  # not in place; infos and warnings too; do not stop early
            [], [], [(p, str(ns)) for p, ns in given.namespaces.items()])
        for message in recursion:
            warnings.warn(message, stacklevel=2)
        blank_nodes = {**self.compiled._blank_nodes, **given.blank_nodes}
        return self._read(report, blank_nodes)

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
        return [resmod.make(f["focus"], f["shape"], self._steps(f.get("path")), f["messages"],
                            f.get("value"), f.get("component")) for f in fields.values()]


def _has_direct_calls(compiled: Any) -> bool:
    return (pyshacl_turbo.__version__.startswith("0.6.") and hasattr(compiled, "_native")
            and hasattr(compiled, "_blank_nodes"))
