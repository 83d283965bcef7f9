"""The knowledge base: ontology, instruments and the requirement catalogue,
parsed once per process and kept with the file each subject came from, so that
an error can name the file and line to fix."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from . import paths
from .errors import InputError
from .namespaces import bind_all


def parse_turtle(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one Turtle file; a syntax error becomes an InputError with its line."""
    graph = graph if graph is not None else Graph()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read the file: {exc.strerror}") from None
    try:
        graph.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        line = data[: exc._i].count(b"\n") + 1 if hasattr(exc, "_i") else None
        raise InputError.at(path, line, f"Turtle syntax error: {exc._why}",
                            "fix the statement on this line or the one before it") from None
    except Exception as exc:  # rdflib raises plain exceptions for bad IRIs, prefixes, literals
        raise InputError.at(path, None, f"cannot parse the Turtle: {exc}") from None
    return graph


@dataclass
class KnowledgeBase:
    """The union graph plus, per subject, the file that defines it."""

    graph: Graph
    source_of: dict[URIRef, Path] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def locate(self, subject: URIRef) -> tuple[Path | None, int | None]:
        """The file and line where a subject's description starts."""
        path = self.source_of.get(subject)
        if path is None:
            return None, None
        return path, find_subject_line(path, subject)


def kb_files() -> list[Path]:
    """All Turtle files of the knowledge base, found by glob (never a fixed list)."""
    return (paths.turtle_files(paths.ONTOLOGY) + paths.turtle_files(paths.INSTRUMENTS)
            + sorted((paths.SHAPES / "requirements").glob("catalogue*.ttl")))


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


def find_subject_line(path: Path, subject: URIRef) -> int | None:
    """The first line where the subject opens a statement, by prefixed or full name."""
    text = path.read_text(encoding="utf-8", errors="replace")
    local = re.split(r"[#/]", str(subject))[-1]
    patterns = [re.escape(f"<{subject}>")]
    if local:
        patterns.append(r"[A-Za-z][\w-]*:" + re.escape(local) + r"(?=[\s;,.])")
    rx = re.compile(r"^(?:" + "|".join(patterns) + r")", re.M)
    m = rx.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None
