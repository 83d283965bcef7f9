"""SHACL validation results as plain records, whichever engine produced them.

Both engines (engine/backends.py) hand back a list of Result, read once from
their report; findings and well-formedness problems are computed from these
records only, so the two engines can differ in nothing but speed."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node


@dataclass(frozen=True, slots=True)
class Result:
    """One top-level sh:ValidationResult."""

    focus: Node
    shape: Node  # sh:sourceShape: the node shape or (blank) property shape
    path: tuple[Node, ...] | None  # an IRI path as (p,), a sequence path as its steps
    messages: tuple[Literal, ...]  # sh:resultMessage, in a fixed order
    value: Node | None
    component: Node | None  # sh:sourceConstraintComponent

    @property
    def message(self) -> str:
        """The message to show: English if there is one, else untagged, else the first."""
        for wanted in ("en", None):
            for m in self.messages:
                if m.language == wanted:
                    return str(m)
        return str(self.messages[0]) if self.messages else ""

    @property
    def single_path(self) -> Node | None:
        """The property of a one-step path, else None."""
        return self.path[0] if self.path is not None and len(self.path) == 1 else None


def _message_key(m: Literal) -> tuple[str, str]:
    return (m.language or "", str(m))


def path_steps(graph: Graph, path: Node | None) -> tuple[Node, ...] | None:
    """The steps of a predicate or sequence path as written in `graph`; None for
    any other kind of path (inverse, alternative, ...), which no step-wise reading
    of the profile can follow."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return (path,)
    if isinstance(path, BNode) and (path, RDF.first, None) in graph:
        steps = tuple(graph.items(path))
        if all(isinstance(s, URIRef) for s in steps):
            return steps
    return None


def make(focus: Node, shape: Node, path: tuple[Node, ...] | None, messages: list[Literal],
         value: Node | None, component: Node | None) -> Result:
    return Result(focus, shape, path, tuple(sorted(messages, key=_message_key)), value, component)


def from_report(report: Graph) -> list[Result]:
    """The top-level results of a SHACL validation report graph (any engine's)."""
    out = []
    for r in report.objects(None, SH.result):
        messages = [m for m in report.objects(r, SH.resultMessage) if isinstance(m, Literal)]
        out.append(make(report.value(r, SH.focusNode), report.value(r, SH.sourceShape),
                        path_steps(report, report.value(r, SH.resultPath)), messages,
                        report.value(r, SH.value), report.value(r, SH.sourceConstraintComponent)))
    return out
