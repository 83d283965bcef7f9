"""Phase 1 shapes: is the profile well-formed? Generated from the profile schema
(which is read from the ontology), so that a new fact in the ontology is
checked without anyone writing a shape by hand. Turtle and JSON-LD profiles
rely on these; YAML profiles are also checked key by key as they load."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from ..ids import ISO3
from ..kb import base
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GC, GCC, GCP, GCS, bind_all
from . import format as schemamod

NUMERIC = (XSD.integer, XSD.decimal, XSD.double)


def _list(graph: Graph, items: list) -> BNode:
    head = BNode()
    Collection(graph, head, items)
    return head


def _property(graph: Graph, shape: URIRef, path: URIRef, message: str, **constraints) -> BNode:
    prop = BNode()
    graph.add((shape, SH.property, prop))
    graph.add((prop, SH.path, path))
    graph.add((prop, SH.message, Literal(message, lang="en")))
    for key, value in constraints.items():
        pred = SH[key]
        if isinstance(value, list):
            graph.add((prop, pred, _list(graph, value)))
        else:
            graph.add((prop, pred, value))
    return prop


def _or_silent(graph: Graph, alternatives: list[dict]) -> BNode:
    members = []
    for alt in alternatives + [{"in": [GCP.silent]}]:
        node = BNode()
        for key, value in alt.items():
            graph.add((node, SH[key], _list(graph, value) if isinstance(value, list) else value))
        members.append(node)
    return _list(graph, members)


def _node_shape(graph: Graph, name: str, label: str, closed_props: list[URIRef]) -> URIRef:
    shape = GCS[name]
    graph.add((shape, RDF.type, SH.NodeShape))
    graph.add((shape, RDFS.label, Literal(label, lang="en")))
    graph.add((shape, GC.shapeRole, GCC["role-wellformed"]))
    graph.add((shape, SH.closed, Literal(True)))
    graph.add((shape, SH.ignoredProperties, _list(graph, [RDF.type, *closed_props])))
    return shape


def build(schema: schemamod.Schema) -> Graph:
    g = Graph()
    bind_all(g)
    measure_props = [m.prop for m in schema.measures.values()]
    top = [GCP.formatVersion, GCP.state, GCP.asOf, GCP.fictional, GCP.memberOf, GCP.amends,
           GCP.ratification, GCP.document, RDFS.label, RDFS.comment, *measure_props]
    profile = _node_shape(g, "ProfileWellFormedShape", "Profile is well-formed", top)
    g.add((profile, SH.targetClass, GCP.Framework))
    g.add((profile, SH.targetClass, GCP.Bill))
    one = Literal(1)
    _property(g, profile, GCP.asOf, "as_of must be one date (YYYY-MM-DD).", maxCount=one,
              datatype=XSD.date)
    _property(g, profile, GCP.fictional, "fictional must be true or false.", maxCount=one,
              datatype=XSD.boolean)
    _property(g, profile, GCP.state, "a profile names one state.", maxCount=one)
    _property(g, profile, GCP.memberOf, "unknown regional group.",
              **{"in": list(schema.groups.values())})
    _property(g, profile, GCP.document, "a document must be named by an IRI.", nodeKind=SH.IRI)
    _property(g, profile, GCP.amends, "a bill amends one profile.", maxCount=one, nodeKind=SH.IRI)
    for m in schema.measures.values():
        _property(g, profile, m.prop, f"'{m.key}' is given more than once.", maxCount=one)

    state = _node_shape(g, "StateWellFormedShape", "State is well-formed",
                        [GCP.isoCode, RDFS.label])
    g.add((state, SH.targetObjectsOf, GCP.state))
    _property(g, state, GCP.isoCode, "the state needs one ISO 3166 alpha-3 code.", minCount=one,
              maxCount=one, pattern=Literal(f"^{ISO3.pattern}$"))
    rat = _node_shape(g, "RatificationWellFormedShape", "Ratification is well-formed",
                      [GCP.instrument, GCP.ratifiedOn, GCP.reservation])
    g.add((rat, SH.targetObjectsOf, GCP.ratification))
    _property(g, rat, GCP.instrument, "a ratification names one instrument of the knowledge base.",
              minCount=one, maxCount=one, **{"in": list(schema.instruments.values())})
    _property(g, rat, GCP.ratifiedOn, "the ratification date must be a date.", maxCount=one,
              datatype=XSD.date)
    doc = _node_shape(g, "DocumentWellFormedShape", "National document is well-formed",
                      [RDFS.label, GCP.documentUrl, GCP.aknFile, GCP.documentDate])
    g.add((doc, SH.targetObjectsOf, GCP.document))
    _property(g, doc, RDFS.label, "a document needs a title.", minCount=one)
    _property(g, doc, GCP.documentUrl, "a document's url must be a web address (https://...).",
              pattern=Literal(r"^https?://\S+$"))

    for m in schema.measures.values():
        fact_props = [f.prop for f in m.facts.values()]
        shape = _node_shape(g, f"{m.cls.split('#')[-1]}WellFormedShape",
                            f"{m.label[0].upper()}{m.label[1:]} is well-formed",
                            [*fact_props, GCP.evidence, RDFS.comment])
        g.add((shape, SH.targetObjectsOf, m.prop))
        for fact in m.facts.values():
            kw: dict = {} if fact.multiple else {"maxCount": one}
            if fact.scheme is not None:
                kw["in"] = [*fact.values.values(), GCP.silent]
                msg = f"{m.key}.{fact.key} takes {fact.kind}, or silent."
            else:
                types = NUMERIC if fact.datatype in NUMERIC else (fact.datatype,)
                kw["or"] = _or_silent(g, [{"datatype": t} for t in types])
                msg = f"{m.key}.{fact.key} must be {fact.kind}, or silent."
            _property(g, shape, fact.prop, msg, **kw)
    ev = _node_shape(g, "EvidenceWellFormedShape", "Evidence is well-formed",
                     [GCP.citesDocument, GCP.section, GCP.eId, GCP.evidenceUrl, GCP.quote, GCP.about])
    g.add((ev, SH.targetObjectsOf, GCP.evidence))
    _property(g, ev, GCP.about, "evidence is about something that is not a fact of a measure.",
              **{"in": list(schema.by_prop)})
    _property(g, ev, GCP.citesDocument, "evidence cites one document, named by an IRI.",
              maxCount=one, nodeKind=SH.IRI)
    _property(g, ev, GCP.evidenceUrl, "an evidence url must be a web address (https://...).",
              pattern=Literal(r"^https?://\S+$"))
    return g


def load(kb: KnowledgeBase | None = None) -> Graph:
    """The phase-1 shapes of a knowledge base's profile format, built once per knowledge base."""
    kb = kb if kb is not None else base.load()
    return kb.derived("wellformed-shapes", lambda k: build(schemamod.load(k)))
