"""The knowledge base: ontology, instruments and the requirement catalogue,
parsed into one graph and kept with the file each subject came from, so that an
error can name the file and line to fix.

A KnowledgeBase is an explicit object: the engine, the profile readers and the
site are given one. What is built from it (the requirement catalogue, the
profile format, a prepared engine) is kept on it, with `derived()`, so it is
built once per knowledge base and never outlives it."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rdflib import RDF, Graph, URIRef

from ..errors import InputError
from . import cache
from .languages import translation_language
from .locate import KbFolders, find
from .namespaces import GC, bind_all
from .turtle import find_subject_line, parse_turtle

T = TypeVar("T")


@dataclass
class KnowledgeBase:
    """The union graph plus, per subject, the file that defines it."""

    # the graph and the file of each subject come from the parse cache as bytes, unpickled
    # when first read: a check whose catalogue, format and shapes come from the engine's
    # cache entry (engine/prepared.py) need not read them at all
    _graph: Graph | bytes
    _source_of: dict[URIRef, Path] | bytes = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    folders: KbFolders | None = None
    # the French and Spanish texts (`*.fr.ttl`, `*.es.ttl`), kept out of `graph` so that
    # every reader of `graph` keeps getting exactly the English texts; see translations.py.
    # Unpickled when first read too: most commands never read them, and they are the
    # larger part of the cache
    _translations: Graph | bytes = field(default_factory=Graph, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # the kinds of thing (gc:Instrument, gc:Requirement) the graph describes none of,
    # found when parsed: a knowledge base from the cache is judged without reading it
    lacks: tuple[URIRef, ...] = ()

    @property
    def graph(self) -> Graph:
        if isinstance(self._graph, bytes):
            self._graph = pickle.loads(self._graph)  # noqa: S301 - our own cache
        return self._graph

    @property
    def source_of(self) -> dict[URIRef, Path]:
        if isinstance(self._source_of, bytes):
            self._source_of = pickle.loads(self._source_of)  # noqa: S301 - our own cache
        return self._source_of

    @property
    def translations(self) -> Graph:
        if isinstance(self._translations, bytes):
            self._translations = pickle.loads(self._translations)  # noqa: S301 - our own cache
        return self._translations

    def locate(self, subject: URIRef) -> tuple[Path | None, int | None]:
        """The file and line where a subject's description starts."""
        path = self.source_of.get(subject)
        if path is None:
            return None, None
        return path, find_subject_line(path, subject)

    def derived(self, name: str, build: Callable[[KnowledgeBase], T]) -> T:
        """What `build` makes of this knowledge base, made once."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return self._derived[name]

    def __getstate__(self) -> dict:
        # the parse cache and worker processes get the parsed graph, not what was
        # built from it (prepared shapes do not pickle, and are cheap to rebuild)
        state = dict(self.__dict__)
        state["_derived"] = {}
        for name in ("_graph", "_source_of", "_translations"):
            if not isinstance(state[name], bytes):
                state[name] = pickle.dumps(state[name], protocol=pickle.HIGHEST_PROTOCOL)
        return state


def load_files(files: list[Path], kind: str = "kb") -> KnowledgeBase:
    """Parse the files into one graph; a pickled copy in the user's cache (keyed by
    the files and the code that reads them) spares the parse on the next start."""
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
    kb.lacks = tuple(cls for cls in (GC.Instrument, GC.Requirement) if (None, RDF.type, cls) not in graph)
    return kb


_LOADED: dict[str, KnowledgeBase] = {}


def load(folders: KbFolders | str | Path | None = None) -> KnowledgeBase:
    """The knowledge base in `folders` (a KbFolders, a folder, or None for the one
    found by locate.find: GAPCHECK_KB or the one installed with gapcheck).

    The same files give the same object within a process, so that what is built
    from it (the engine's prepared shapes) is built once."""
    if not isinstance(folders, KbFolders):
        folders = find(folders)
    files = folders.kb_files()
    key = cache.key("kb", files)
    if key not in _LOADED:
        kb = load_files(files)
        kb.folders = folders
        _check_not_empty(kb)
        _LOADED.clear()  # one knowledge base at a time is the rule; keep memory flat
        _LOADED[key] = kb
    return _LOADED[key]


def _check_not_empty(kb: KnowledgeBase) -> None:
    """Files that parse but define nothing are no knowledge base."""
    for cls, what in ((GC.Instrument, "instruments"), (GC.Requirement, "requirements")):
        if cls in kb.lacks:
            root = kb.folders.root if kb.folders else None
            raise InputError.at(root, None, f"the knowledge base defines no {what}",
                                "its Turtle files parse, but none describes a gc:" + cls.split("#")[-1])
