"""A plain, canonical Turtle writer: subjects, predicates and objects in a fixed
order, blank nodes under canonical labels, so the same graph always gives the
same bytes (rdflib's serializer labels blank nodes at random and is slow on
hundreds of reports). No control character is written raw: literals carry
them as \\u escapes."""

from __future__ import annotations

import re

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import XSD

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                   "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029]')
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')


def _string(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(
        lambda m: _STRING_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), text) + '"'


def _iri(text: str) -> str:
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", text) + ">"


def canonical(graph: Graph) -> Graph:
    """The graph with canonical blank-node labels (RDF canonicalisation as rdflib
    implements it); a graph without blank nodes is returned as it is."""
    if not any(isinstance(t, BNode) for triple in graph for t in (triple[0], triple[2])):
        return graph
    out = Graph(bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=False)
    triples = list(to_canonical_graph(graph))
    # the canonical labels are long hashes: number them in their (canonical) order
    labels = sorted({str(t) for triple in triples for t in triple if isinstance(t, BNode)})
    short = {label: BNode(f"b{i}") for i, label in enumerate(labels)}
    for s, p, o in triples:
        out.add((short.get(str(s), s) if isinstance(s, BNode) else s, p,
                 short.get(str(o), o) if isinstance(o, BNode) else o))
    return out


class _Writer:
    def __init__(self, graph: Graph):
        self.prefixes = sorted(((str(ns), p) for p, ns in graph.namespaces() if p),
                               key=lambda x: -len(x[0]))
        self.used: dict[str, str] = {}

    def term(self, node: object) -> str:
        if isinstance(node, URIRef):
            text = str(node)
            for ns, prefix in self.prefixes:
                if text.startswith(ns) and _LOCAL.fullmatch(text[len(ns):]):
                    self.used[prefix] = ns
                    return f"{prefix}:{text[len(ns):]}"
            return _iri(text)
        if isinstance(node, BNode):
            return "_:" + re.sub(r"[^A-Za-z0-9_]", "_", str(node))
        if isinstance(node, Literal):
            lexical = str(node)
            dt = node.datatype
            if dt == XSD.integer and _INTEGER.fullmatch(lexical):
                return lexical
            if dt == XSD.decimal and _DECIMAL.fullmatch(lexical):
                return lexical
            if dt == XSD.boolean and lexical in ("true", "false"):
                return lexical
            if node.language:
                return f"{_string(lexical)}@{node.language}"
            if dt is not None and dt != XSD.string:
                return f"{_string(lexical)}^^{self.term(dt)}"
            return _string(lexical)
        raise TypeError(f"not an RDF term: {node!r}")


def _order(node: object) -> tuple:
    kind = 0 if isinstance(node, URIRef) else 1 if isinstance(node, BNode) else 2
    if isinstance(node, Literal):
        return (kind, str(node), str(node.datatype or ""), node.language or "")
    return (kind, str(node), "", "")


def serialize(graph: Graph, canonicalise: bool = True) -> str:
    """Turtle in canonical order. canonicalise=False: the blank nodes already carry
    stable labels (e.g. from rdf_canon.stable_bnodes)."""
    g = canonical(graph) if canonicalise else graph
    w = _Writer(g)
    by_subject: dict = {}
    for s, p, o in g:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    blocks = []
    for s in sorted(by_subject, key=_order):
        preds = by_subject[s]
        lines = []
        for p in sorted(preds, key=lambda p: (p != RDF.type, str(p))):
            objects = ", ".join(w.term(o) for o in sorted(preds[p], key=_order))
            lines.append(f"    {'a' if p == RDF.type else w.term(p)} {objects}")
        blocks.append(w.term(s) + "\n" + " ;\n".join(lines) + " .\n")
    head = "".join(f"@prefix {p}: {_iri(ns)} .\n" for p, ns in sorted(w.used.items()))
    return head + ("\n" if head else "") + "\n".join(blocks)
