"""RDF in a canonical form, so that the same knowledge base gives the same bytes:
blank nodes labelled by where they hang and what they hold, JSON-LD in a
fixed order."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from rdflib import BNode, Graph

from ..kb.namespaces import bind_all


def stable_bnodes(graph: Graph) -> Graph:
    """The graph with every blank node labelled by a hash of where it hangs and what
    it holds. The shapes' blank nodes form trees (property shapes, lists), for which
    this is canonical, and it is far cheaper than rdflib's general algorithm."""
    parents: dict[BNode, list[tuple[Any, Any]]] = {}
    for s, p, o in graph:
        if isinstance(o, BNode):
            parents.setdefault(o, []).append((s, p))
    down: dict[BNode, str] = {}

    def subtree(b: BNode, trail: frozenset = frozenset()) -> str:
        if b not in down:
            if b in trail:
                return "cycle"
            parts = sorted(f"{p}={subtree(o, trail | {b}) if isinstance(o, BNode) else o!r}"
                           for p, o in graph.predicate_objects(b))
            down[b] = hashlib.sha256("|".join(parts).encode()).hexdigest()
        return down[b]

    labels: dict[BNode, str] = {}

    def label(b: BNode, trail: frozenset = frozenset()) -> str:
        if b not in labels:
            ups = sorted(f"{label(s, trail | {b}) if isinstance(s, BNode) and s not in trail else s}"
                         f"|{p}" for s, p in parents.get(b, []))
            labels[b] = "b" + hashlib.sha256((";".join(ups) + "#" + subtree(b)).encode()
                                             ).hexdigest()[:20]
        return labels[b]

    out = Graph()
    bind_all(out)
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=False)
    for s, p, o in graph:
        out.add((BNode(label(s)) if isinstance(s, BNode) else s, p,
                 BNode(label(o)) if isinstance(o, BNode) else o))
    return out


def stable_jsonld(graph: Graph) -> str:
    """JSON-LD with nodes and values in a fixed order (rdflib follows set order)."""
    nodes = json.loads(graph.serialize(format="json-ld"))
    nodes = nodes if isinstance(nodes, list) else nodes.get("@graph", [nodes])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda n: (n.get("@id", ""), json.dumps(n, sort_keys=True)))
    return json.dumps(nodes, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
