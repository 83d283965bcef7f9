"""A loaded profile: its graph, its id and kind, and where each fact was written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDFS, Graph, URIRef
from rdflib.term import Node

from .. import ids


@dataclass
class Profile:
    """A loaded profile: its graph and where each fact was written."""

    path: Path | None
    iri: URIRef
    ident: str
    kind: str  # "framework" or "bill"
    graph: Graph
    amends: str | None = None
    lines: dict[tuple[Node, URIRef | None], int] = field(default_factory=dict)
    checked: bool = False  # well-formedness already checked key by key (YAML)
    lines_exact: bool = True  # False: read by the fast reader, lines fetched on demand

    # read by the fast reader, which keeps no lines: how to get them when needed
    relocate: Callable[[Path], dict[tuple[Node, URIRef | None], int]] | None = None

    def line_of(self, node: Node, prop: URIRef | None = None) -> int | None:
        if not self.lines_exact and self.path is not None and self.relocate is not None:
            # an error is being reported: read the file again with line numbers (the
            # node IRIs are derived from ids and keys, so they are the same)
            self.lines_exact = True
            self.lines = self.relocate(self.path)
        return self.lines.get((node, prop)) or self.lines.get((node, None))

    @property
    def label(self) -> str:
        value = self.graph.value(self.iri, RDFS.label)
        return str(value) if value is not None else self.ident


def profile_iri(ident: str) -> URIRef:
    return URIRef(ids.profile_iri(ident))


def document_iri(profile_ident: str, doc_ident: str) -> URIRef:
    return URIRef(ids.document_iri(profile_ident, doc_ident))
