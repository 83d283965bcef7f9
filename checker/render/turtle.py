"""Turtle: the profile's facts plus one gcr:Finding per requirement, in the
report vocabulary (ontology/report.ttl). Every node has an IRI, so the
serialisation is the same bytes on every run."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from .. import schema as schemamod
from ..compare import Comparison
from ..namespaces import GCC, GCP, bind_all
from ..validate import Report

GCR = Namespace("https://w3id.org/gapcheck/ontology/report#")


def _slug(text: str) -> str:
    return text.replace(" ", "-")


def add_report(graph: Graph, report: Report, changes: dict[str, str] | None = None,
               baseline: Report | None = None) -> URIRef:
    schema = schemamod.load()
    profile = URIRef(f"https://w3id.org/gapcheck/profile/{report.profile.ident}")
    node = URIRef(f"{profile}/report")
    graph.add((node, RDF.type, GCR.Report))
    graph.add((node, GCR.profile, profile))
    graph.add((node, GCR.coverage, Literal(f"{report.coverage:.4f}", datatype=XSD.decimal)))
    for w in report.profile.warnings:
        graph.add((node, GCR.warning, Literal(w.message, lang="en")))
    ratification = {report.graph.value(r, GCP.instrument): r
                    for r in report.graph.objects(profile, GCP.ratification)}
    for b in report.profile.bindings:
        inst = URIRef(f"https://w3id.org/gapcheck/instrument/{b.instrument}")
        rnode = ratification.get(inst)
        if rnode is not None and b.in_force is not None:
            graph.add((rnode, GCR.inForceForState, Literal(b.in_force)))
        if b.bound:
            graph.add((node, GCR.boundBy, inst))
    if baseline is not None:
        graph.add((node, GCR.baseline,
                   URIRef(f"https://w3id.org/gapcheck/profile/{baseline.profile.ident}")))
    for f in report.findings:
        fnode = URIRef(f"{node}/{f.ident}")
        graph.add((node, GCR.finding, fnode))
        graph.add((fnode, RDF.type, GCR.Finding))
        graph.add((fnode, GCR.requirement, f.requirement.iri))
        graph.add((fnode, GCR.status, GCC[f"status-{_slug(f.status)}"]))
        if f.severity:
            graph.add((fnode, GCR.severity, GCC[f"severity-{f.severity}"]))
        if changes:
            graph.add((fnode, GCR.change, GCC[f"change-{changes[f.ident]}"]))
        for msg in f.messages:
            graph.add((fnode, GCR.message, Literal(msg, lang="en")))
        for s in f.requirement.sources:
            if s.instrument_name in f.party_to:
                graph.add((fnode, GCR.partyTo, s.instrument))
            if f.failed_source(s):
                graph.add((fnode, GCR.restsOn, s.provision))
        for fact in f.facts:
            measure = report.graph.value(profile, schema.measures[fact.measure].prop)
            if measure is not None:
                graph.add((fnode, GCR.lookedAt, measure))
    return node


def render(result: Report | Comparison) -> str:
    graph = Graph()
    bind_all(graph)
    graph.bind("gcr", GCR)
    if isinstance(result, Comparison):
        graph += result.amended.graph
        add_report(graph, result.amended, {c.ident: c.change for c in result.changes},
                   result.baseline)
    else:
        graph += result.graph
        add_report(graph, result)
    return graph.serialize(format="turtle")
