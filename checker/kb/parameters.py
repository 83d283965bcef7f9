"""The numbers the requirements test, stated once as parameters
(shapes/requirements/catalogue-parameters.ttl), and the check that the shapes,
their messages and the requirement texts agree with them.

A constraint that compares a fact with a number (sh:minInclusive 30) names the
parameter it tests (gc:testsParameter param:reflection-period-days). Changing
a number means changing the parameter; `check` then points at every shape,
message or statement that still says the old one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .namespaces import GC

NUMERIC_CONSTRAINTS = (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive)
WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 12: "twelve", 13: "thirteen",
         14: "fourteen", 15: "fifteen", 16: "sixteen", 18: "eighteen", 24: "twenty-four",
         30: "thirty"}


@dataclass(frozen=True)
class Parameter:
    iri: URIRef
    label: str
    values: tuple[tuple[dt.date, int], ...]  # (valid from, value), oldest first
    unit: str
    sources: tuple[URIRef, ...]
    status: str

    def value_on(self, day: dt.date | None = None) -> int:
        """The value that applies on a date (the latest value without one)."""
        applicable = [v for start, v in self.values if day is None or start <= day]
        return applicable[-1] if applicable else self.values[0][1]


@dataclass(frozen=True)
class Mismatch:
    """A shape, message or text that disagrees with a parameter."""

    subject: Node  # the node shape or requirement to fix
    message: str


def read(graph: Graph) -> dict[URIRef, Parameter]:
    out = {}
    for iri in graph.subjects(RDF.type, GC.Parameter):
        values = sorted((v_from.toPython(), int(value))
                        for node in graph.objects(iri, GC.parameterValue)
                        for value in graph.objects(node, GC.value)
                        for v_from in graph.objects(node, GC.validFrom))
        unit = graph.value(iri, GC.unit)
        out[iri] = Parameter(iri, str(graph.value(iri, RDFS.label) or iri), tuple(values),
                             str(unit).rsplit("-", 1)[-1] if unit else "",
                             tuple(sorted(graph.objects(iri, GC.parameterSource))),
                             str(graph.value(iri, GC.checkingStatus)).rsplit("#", 1)[-1])
    return out


def mentions(text: str, value: int) -> bool:
    """Does the text state the number, in digits or in words?"""
    if re.search(rf"(?<![\d.]){value}(?![\d])", text):
        return True
    word = WORDS.get(value)
    return bool(word) and re.search(rf"\b{word}\b", text, re.I) is not None


def check(kb_graph: Graph, shapes: Graph) -> list[Mismatch]:
    """Every numeric constraint of the requirement shapes names a parameter and
    carries its value; the shape's messages and the requirement's text state it."""
    params = read(kb_graph)
    # which node shape (the one linked to a requirement) does each nested node belong to?
    owners: dict[Node, Node] = {}
    for shape in shapes.subjects(GC.checksRequirement, None):
        todo = [shape]
        while todo:
            node = todo.pop()
            if node in owners:
                continue
            owners[node] = shape
            for _p, obj in shapes.predicate_objects(node):
                if (obj, RDF.first, None) in shapes:
                    todo += list(shapes.items(obj))
                elif not isinstance(obj, (URIRef, Literal)):
                    todo.append(obj)
    out: list[Mismatch] = []
    for pred in NUMERIC_CONSTRAINTS:
        for node, number in shapes.subject_objects(pred):
            shape = owners.get(node)
            if shape is None:
                continue
            name = str(shape).rsplit("#", 1)[-1]
            tested = shapes.value(node, GC.testsParameter)
            if tested is None:
                out.append(Mismatch(shape, f"{name} compares a fact with {number} but names no "
                                    "parameter (gc:testsParameter): state the number once, in "
                                    "shapes/requirements/catalogue-parameters.ttl"))
                continue
            param = params.get(tested)
            if param is None:
                out.append(Mismatch(shape, f"{name} tests {tested}, which is not a parameter"))
                continue
            value = param.value_on()
            if int(number) != value:
                out.append(Mismatch(shape, f"{name} compares with {number}, but {param.label} "
                                    f"is {value} ({tested})"))
            messages = [str(m) for n in (node, shape) for m in shapes.objects(n, SH.message)]
            if messages and not any(mentions(m, value) for m in messages):
                out.append(Mismatch(shape, f"the message of {name} does not state {value}, the "
                                    f"value of {param.label}"))
            req = shapes.value(shape, GC.checksRequirement)
            text = " ".join(str(kb_graph.value(req, p) or "") for p in (GC.statement, GC.gapWhen))
            if req is not None and not mentions(text, value):
                out.append(Mismatch(req, f"the statement of {kb_graph.value(req, RDFS.label)} "
                                    f"does not state {value}, the value of {param.label} that "
                                    f"{name} tests"))
    return sorted(out, key=lambda m: (str(m.subject), m.message))
