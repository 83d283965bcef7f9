"""Turtle: the profile's facts plus one gcr:Finding per requirement, in the
report vocabulary (ontology/report.ttl), written in canonical order with
canonical blank-node labels: the same bytes on every run."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ...engine.findings import Report
from ...engine.status import Severity, Status
from ...kb.namespaces import GCR, bind_all
from ...profile.model import profile_iri
from ..compare import ChangeKind, Comparison
from ..turtle_writer import serialize

SUFFIX = ".ttl"


def add_report(graph: Graph, report: Report, changes: dict[str, str] | None = None,
               baseline: Report | None = None) -> URIRef:
    profile = profile_iri(report.profile.ident)
    node = URIRef(f"{profile}/report")
    graph.add((node, RDF.type, GCR.Report))
    graph.add((node, GCR.profile, profile))
    graph.add((node, GCR.coverage, Literal(f"{report.coverage:.4f}", datatype=XSD.decimal)))
    if baseline is not None:
        graph.add((node, GCR.baseline,
                   profile_iri(baseline.profile.ident)))
    for f in report.findings:
        fnode = URIRef(f"{node}/{f.ident}")
        graph.add((node, GCR.finding, fnode))
        graph.add((fnode, RDF.type, GCR.Finding))
        graph.add((fnode, GCR.requirement, f.requirement.iri))
        graph.add((fnode, GCR.status, Status(f.status).concept))
        if f.severity:
            graph.add((fnode, GCR.severity, Severity(f.severity).concept))
        if changes:
            graph.add((fnode, GCR.change, ChangeKind(changes[f.ident]).concept))
        for msg in f.messages:
            graph.add((fnode, GCR.message, Literal(msg, lang="en")))
        for note in f.explanations:
            graph.add((fnode, GCR.explanation, Literal(note, lang="en")))
        for s in f.requirement.sources:
            if s.instrument_name in f.party_to:
                graph.add((fnode, GCR.partyTo, s.instrument))
        for fact in f.facts:
            measure = report.graph.value(profile, fact.measure_prop)
            if measure is not None:
                graph.add((fnode, GCR.lookedAt, measure))
    return node


def render(result: Report | Comparison, color: bool = False) -> str:
    graph = Graph()
    bind_all(graph)
    graph.bind("gcr", GCR._NS)
    if isinstance(result, Comparison):
        graph += result.amended.graph
        add_report(graph, result.amended, {c.ident: c.change for c in result.changes},
                   result.baseline)
    else:
        graph += result.graph
        add_report(graph, result)
    return serialize(graph)
