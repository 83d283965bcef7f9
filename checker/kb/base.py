"""The knowledge base: ontology, instruments and the requirement catalogue,
parsed once per process and kept with the file each subject came from, so that
an error can name the file and line to fix."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef

from . import locate as paths
from .languages import translation_language
from .namespaces import bind_all
from .turtle import find_subject_line, parse_turtle


@dataclass
class KnowledgeBase:
    """The union graph plus, per subject, the file that defines it."""

    graph: Graph
    source_of: dict[URIRef, Path] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    # the French and Spanish texts (`*.fr.ttl`, `*.es.ttl`), kept out of `graph` so that
    # every reader of `graph` keeps getting exactly the English texts; see translations.py
    translations: Graph = field(default_factory=Graph)

    def locate(self, subject: URIRef) -> tuple[Path | None, int | None]:
        """The file and line where a subject's description starts."""
        path = self.source_of.get(subject)
        if path is None:
            return None, None
        return path, find_subject_line(path, subject)


def kb_files() -> list[Path]:
    """All Turtle files of the knowledge base, found by glob (never a fixed list):
    the English sources, then the translations of every source (shapes' messages too)."""
    requirements = paths.SHAPES / "requirements"
    return (paths.turtle_files(paths.ONTOLOGY) + paths.turtle_files(paths.INSTRUMENTS)
            + [p for p in sorted(requirements.glob("catalogue*.ttl"))
               if translation_language(p) is None]
            + paths.translation_files(paths.ONTOLOGY) + paths.translation_files(paths.INSTRUMENTS)
            + paths.translation_files(requirements))


def load_files(files: list[Path], kind: str = "kb") -> KnowledgeBase:
    """Parse the files into one graph; a pickled copy in the user's cache, keyed by
    the files' names, sizes and times, spares the parse on the next start."""
    from . import cache

    key = cache.key(kind, files)
    hit = cache.get(key)
    if isinstance(hit, KnowledgeBase):
        return hit
    kb = _parse_files(files)
    cache.put(key, kb)
    return kb


def _parse_files(files: list[Path]) -> KnowledgeBase:
    graph = Graph()
    bind_all(graph)
    kb = KnowledgeBase(graph, files=list(files))
    for path in files:
        if translation_language(path):
            parse_turtle(path, kb.translations)
            continue
        part = parse_turtle(path)
        for s in set(part.subjects()):
            if isinstance(s, URIRef):
                kb.source_of.setdefault(s, path)
        graph += part
        for prefix, ns in part.namespaces():
            if prefix and not prefix.startswith("ns"):
                graph.bind(prefix, ns, override=False)
    return kb


@cache
def load() -> KnowledgeBase:
    """The knowledge base of this checkout, parsed once per process."""
    return load_files(kb_files())
