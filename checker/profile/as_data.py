"""A loaded profile as the plain data of its YAML form (dicts, lists, scalars),
whatever syntax it was read from: what the questionnaire export pre-fills.
The inverse of yaml_reader, key for key."""

from __future__ import annotations

import re
from typing import Any

from rdflib import RDFS, Literal, URIRef
from rdflib.term import Node

from .. import ids
from ..kb.namespaces import GCP
from . import format as schemamod
from .model import Profile
from .questionnaire import Field, Layout
from .yaml_reader import FORMAT_VERSION, SILENT


def value_of(node: Node, fld: Field | schemamod.Fact) -> Any:
    """One RDF value as the YAML scalar that states it."""
    if node == GCP.silent:
        return SILENT
    if fld.values:
        for notation, concept in fld.values.items():
            if concept == node:
                return notation
        return str(node)
    if isinstance(node, Literal):
        return node.toPython()
    return str(node)


def _values(graph, subject: Node, fld: Field | schemamod.Fact) -> list[Any]:
    return sorted((value_of(o, fld) for o in graph.objects(subject, fld.prop)), key=_order)


def _order(value: Any) -> tuple[str, str]:
    return (type(value).__name__, str(value))


def _evidence_number(node: Node) -> tuple[int, str]:
    match = re.search(r"/evidence/(\d+)$", str(node))
    return (int(match.group(1)) if match else 1 << 30, str(node))


def profile_data(prof: Profile, schema: schemamod.Schema, layout: Layout) -> dict[str, Any]:
    g, node = prof.graph, prof.iri
    data: dict[str, Any] = {"gapcheck": FORMAT_VERSION, "id": prof.ident}
    if prof.kind == "bill":
        data["kind"] = "bill"
    if (title := g.value(node, RDFS.label)) is not None:
        data["title"] = str(title)
    state = g.value(node, GCP.state)
    if state is not None:
        data["state"] = {k: str(v) for k, v in (("code", g.value(state, GCP.isoCode)),
                                                ("name", g.value(state, RDFS.label))) if v}
    if (fictional := g.value(node, GCP.fictional)) is not None:
        data["fictional"] = fictional.toPython()
    if (as_of := g.value(node, GCP.asOf)) is not None:
        data["as_of"] = as_of.toPython()
    groups = {v: k for k, v in schema.groups.items()}
    if members := sorted(groups.get(o, str(o)) for o in g.objects(node, GCP.memberOf)):
        data["groups"] = members
    if prof.amends:
        data["amends"] = prof.amends
    elif (amends := g.value(node, GCP.amends)) is not None:
        data["amends"] = ids.profile_id_of(amends)
    instruments = {v: k for k, v in schema.instruments.items()}
    ratifications = []
    for rnode in g.objects(node, GCP.ratification):
        item: dict[str, Any] = {"instrument": instruments.get(g.value(rnode, GCP.instrument), "")}
        for fld in layout.ratification_fields:
            if values := _values(g, rnode, fld):
                item[fld.key] = values if fld.multiple else values[0]
        ratifications.append(item)
    if ratifications:
        data["ratifications"] = sorted(ratifications, key=lambda r: r["instrument"])
    documents = []
    doc_ids: dict[Node, str] = {}
    for dnode in g.objects(node, GCP.document):
        doc_id = str(dnode).rsplit("/document/", 1)[-1]
        doc_ids[dnode] = doc_id
        item = {"id": doc_id}
        if (label := g.value(dnode, RDFS.label)) is not None:
            item["title"] = str(label)
        for fld in layout.document_fields:
            if fld.prop is not None and (values := _values(g, dnode, fld)):
                item[fld.key] = values if fld.multiple else values[0]
        documents.append(item)
    if documents:
        data["documents"] = sorted(documents, key=lambda d: d["id"])
    if (notes := g.value(node, RDFS.comment)) is not None:
        data["notes"] = str(notes)
    for key, measure in schema.measures.items():
        mnode = g.value(node, measure.prop)
        if mnode is not None:
            data[key] = measure_data(g, mnode, measure, layout, doc_ids)
    return data


def measure_data(g, mnode: Node, measure: schemamod.Measure, layout: Layout,
                 doc_ids: dict[Node, str]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for fkey, fact in measure.facts.items():
        values = _values(g, mnode, fact)
        if not values:
            continue
        body[fkey] = values if fact.multiple and values != [SILENT] else values[0]
    keys = {f.prop: k for k, f in measure.facts.items()}
    evidence = []
    for enode in sorted(g.objects(mnode, GCP.evidence), key=_evidence_number):
        item: dict[str, Any] = {}
        for fld in layout.evidence_fields:
            values = [doc_ids.get(o, str(o)) if isinstance(o, URIRef) and fld.key == "document"
                      else value_of(o, fld) for o in g.objects(enode, fld.prop)]
            if values:
                item[fld.key] = sorted(values, key=_order) if fld.multiple else values[0]
        about = sorted(keys[p] for p in g.objects(enode, GCP.about) if p in keys)
        if about:
            item["about"] = about
        evidence.append(item)
    if evidence:
        body["evidence"] = evidence
    if (notes := g.value(mnode, RDFS.comment)) is not None:
        body["notes"] = str(notes)
    return body

