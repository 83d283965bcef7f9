"""Check the knowledge base against its meta-shapes (shapes/kb/).

Returns the failures as data; the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH

from .base import KnowledgeBase
from .explore import display_name
from .locate import KbFolders, find
from .turtle import parse_turtle


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


def meta_shapes(folders: KbFolders) -> Graph:
    graph = Graph()
    for path in folders.meta_shape_files():
        parse_turtle(path, graph)
    return graph


def check(kb: KnowledgeBase) -> list[KbFailure]:
    """Validate the knowledge base; an empty list means it passes."""
    _conforms, report, _text = validate(
        kb.graph, shacl_graph=meta_shapes(kb.folders or find()), inference="none", advanced=False,
        allow_warnings=True)
    failures = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage) or Literal("does not conform")
        path, line = kb.locate(focus) if isinstance(focus, URIRef) else (None, None)
        failures.append(KbFailure(path, line, focus, display_name(kb.graph, focus),
                                  str(message)))
    return sorted(failures, key=lambda f: (str(f.file), f.line or 0, str(f.subject), f.message))
