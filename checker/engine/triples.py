"""A profile graph's triples, read fast.

Iterating an rdflib Graph looks up the contexts of every triple, which costs
more than everything the engine then does with the triple. A graph that has
rdflib's in-memory store to itself (every profile graph does) is read from
the store's subject index instead; any other graph is iterated as usual."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node


def by_subject(graph: Graph) -> dict[Node, dict[Node, list[Node]]]:
    """subject -> predicate -> objects."""
    spo = _own_index(graph)
    if spo is not None:
        return {s: {p: list(objects) for p, objects in po.items()} for s, po in spo.items()}
    out: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in graph:
        out.setdefault(s, {}).setdefault(p, []).append(o)
    return out


def triples(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    spo = _own_index(graph)
    if spo is None:
        yield from graph
        return
    for s, po in spo.items():
        for p, objects in po.items():
            for o in objects:
                yield s, p, o


def _own_index(graph: Graph) -> dict | None:
    """The store's subject index, if the store holds this graph's triples and no others."""
    store = graph.store
    if type(store) is not Memory or type(graph) is not Graph or len(store) != len(graph):
        return None
    return getattr(store, "_Memory__spo", None)
