"""Phase 1 shapes: is a profile graph well-formed? Generated from the profile
format (read from the ontology), record by record and key by key, with the same
types, ranges, lengths, patterns and required keys the reader applies: one
definition, two checks. The reader refuses bad input with its line; these shapes
state the same rules as SHACL, for graphs built by other means, and a test
proves that every graph the reader makes conforms to them."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from ..kb import base
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GC, GCC, GCP, GCS, bind_all
from . import format as schemamod
from .format import Key

NUMERIC = (XSD.integer, XSD.decimal)


def _list(graph: Graph, items: list) -> BNode:
    head = BNode()
    Collection(graph, head, items)
    return head


def _add(graph: Graph, node: BNode | URIRef, constraints: dict) -> None:
    for key, value in constraints.items():
        graph.add((node, SH[key], _list(graph, value) if isinstance(value, list) else value))


def _property(graph: Graph, shape: URIRef, path: URIRef, message: str, **constraints) -> BNode:
    prop = BNode()
    graph.add((shape, SH.property, prop))
    graph.add((prop, SH.path, path))
    graph.add((prop, SH.message, Literal(message, lang="en")))
    _add(graph, prop, constraints)
    return prop


def _node_shape(graph: Graph, name: str, label: str, closed_props: list[URIRef]) -> URIRef:
    shape = GCS[name]
    graph.add((shape, RDF.type, SH.NodeShape))
    graph.add((shape, RDFS.label, Literal(label, lang="en")))
    graph.add((shape, GC.shapeRole, GCC["role-wellformed"]))
    graph.add((shape, SH.closed, Literal(True)))
    graph.add((shape, SH.ignoredProperties, _list(graph, [RDF.type, *closed_props])))
    return shape


def value_constraints(key: Key) -> dict:
    """The SHACL form of a key's type and limits (not its count)."""
    if key.scheme is not None:
        return {"in": list(key.values.values())}
    if key.record is not None or key.reference is not None:
        return {"nodeKind": SH.IRI}
    out: dict = {}
    if key.datatype is not None:
        out["datatype"] = key.datatype
    if key.numeric:
        out["minInclusive"] = Literal(key.minimum if key.minimum is not None else 0)
        out["maxInclusive"] = Literal(key.maximum if key.maximum is not None else 10_000)
    if key.max_length is not None:
        out["maxLength"] = Literal(key.max_length)
    if key.pattern is not None:
        out["pattern"] = Literal(key.pattern)
    return out


def _or(graph: Graph, alternatives: list[dict]) -> BNode:
    members = []
    for alt in alternatives:
        node = BNode()
        _add(graph, node, alt)
        members.append(node)
    return _list(graph, members)


class Builder:
    def __init__(self, schema: schemamod.Schema):
        self.schema = schema
        self.g = Graph()
        bind_all(self.g)

    def keys_shape(self, name: str, label: str, keys: dict[str, Key], target: list[URIRef],
                   extra: list[URIRef] = ()) -> URIRef:
        """A closed shape for one kind of record: each key's type, limits and count."""
        props = [k.prop for k in keys.values() if k.prop is not None and k.prop != RDF.type]
        shape = _node_shape(self.g, name, label, [*props, *extra])
        for prop in target:
            self.g.add((shape, SH.targetObjectsOf, prop))
        for k, key in keys.items():
            if key.prop is None or key.prop == RDF.type:
                continue
            count: dict = {} if key.multiple else {"maxCount": Literal(1)}
            if key.required:
                count["minCount"] = Literal(1)
            _property(self.g, shape, key.prop, f"{k} must be {key.kind}.", **count,
                      **value_constraints(key))
        return shape

    def build(self) -> Graph:
        schema, g = self.schema, self.g
        records = schema.records
        top = records[GCP.Profile]
        profile_keys = {k: v for k, v in top.items() if v.prop not in schema.measure_by_prop}
        shape = self.keys_shape("ProfileWellFormedShape", "Profile is well-formed", profile_keys, [],
                                [m.prop for m in schema.measures.values()])
        g.add((shape, SH.targetClass, GCP.Framework))
        g.add((shape, SH.targetClass, GCP.Bill))
        for m in schema.measures.values():
            _property(g, shape, m.prop, f"'{m.key}' is given more than once.", maxCount=Literal(1),
                      nodeKind=SH.IRI)
        for kind in (GCP.Framework, GCP.Bill):
            need = [k for k in top.values() if k.required_in == kind]
            if need:
                req = GCS[f"{kind.split('#')[-1]}KeysShape"]
                g.add((req, RDF.type, SH.NodeShape))
                g.add((req, RDFS.label, Literal(f"{kind.split('#')[-1]} has its required keys", lang="en")))
                g.add((req, GC.shapeRole, GCC["role-wellformed"]))
                g.add((req, SH.targetClass, kind))
                for key in need:
                    _property(g, req, key.prop, f"a {kind.split('#')[-1].lower()} profile needs "
                              f"`{key.key}`.", minCount=Literal(1))
        # every nested record, targeted through the properties that hold it
        holders: dict[URIRef, list[URIRef]] = {}
        for keys in records.values():
            for key in keys.values():
                if key.record is not None and key.prop is not None:
                    holders.setdefault(key.record, []).append(key.prop)
        for key in records[GCP.Measure].values():
            if key.record is not None:
                holders.setdefault(key.record, []).append(key.prop)
        for cls, keys in records.items():
            if cls in (GCP.Profile, GCP.Measure) or cls in {m.cls for m in schema.measures.values()}:
                continue
            if cls == GCP.QualifiedValue:
                continue  # one shape per fact, below: its value has the fact's type
            name = cls.split("#")[-1]
            self.keys_shape(f"{name}WellFormedShape", f"{name} is well-formed", keys,
                            sorted(set(holders.get(cls, [])), key=str))
        for m in schema.measures.values():
            self.measure(m)
        return g

    def measure(self, m: schemamod.Measure) -> None:
        g, records = self.g, self.schema.records
        generic = records[GCP.Measure]
        cname = m.cls.split("#")[-1]
        shape = self.keys_shape(f"{cname}WellFormedShape",
                                f"{m.label[0].upper()}{m.label[1:]} is well-formed",
                                generic, [m.prop], [f.prop for f in m.facts.values()])
        for fkey, fact in m.facts.items():
            qshape = self.qualified(m, fact)
            plain = value_constraints(fact)
            alternatives = [plain, {"in": [GCP.silent]}, {"nodeKind": SH.IRI, "node": qshape}]
            count = {} if fact.multiple else {"maxCount": Literal(1)}
            _property(g, shape, fact.prop, f"{m.key}.{fkey} must be {fact.kind}, or silent, or "
                      "a qualified value.", **count, **{"or": _or(g, alternatives)})

    def qualified(self, m: schemamod.Measure, fact: Key) -> URIRef:
        """A qualified value of this fact: its value has the fact's type (or is silent,
        or not applicable); the qualifiers are those of every qualified value."""
        keys = self.schema.records[GCP.QualifiedValue]
        name = f"{m.cls.split('#')[-1]}-{fact.key}-QualifiedValueShape"
        shape = self.keys_shape(name, f"{m.key}.{fact.key} qualified value is well-formed",
                                {k: v for k, v in keys.items() if k != "value"}, [], [GCP.value])
        _property(self.g, shape, GCP.value, f"{m.key}.{fact.key} must be {fact.kind}, silent or "
                  "not-applicable.", maxCount=Literal(1), **{"or": _or(self.g, [
                      value_constraints(fact), {"in": [GCP.silent, GCP.notApplicable]}])})
        return shape


def build(schema: schemamod.Schema) -> Graph:
    return Builder(schema).build()


def load(kb: KnowledgeBase | None = None) -> Graph:
    """The phase-1 shapes of a knowledge base's profile format, built once per knowledge base."""
    kb = kb if kb is not None else base.load()
    return kb.derived("wellformed-shapes", lambda k: build(schemamod.load(k)))
