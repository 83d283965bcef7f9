"""Turtle: the profile's facts plus one gcr:Finding per requirement, in the
report vocabulary (ontology/report.ttl), written in canonical order with
canonical blank-node labels: the same bytes on every run."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ... import ids
from ...engine.findings import Report
from ...engine.status import Severity, Status
from ...i18n import Locale
from ...kb.namespaces import GCP, GCR, bind_all
from ...profile.model import profile_iri
from ..compare import ChangeKind, Comparison
from ..turtle_writer import serialize

SUFFIX = ".ttl"


def add_report(graph: Graph, report: Report, changes: dict[str, str] | None = None,
               baseline: Report | None = None, lang: str = "en") -> URIRef:
    """The report's findings; its human texts (warnings, messages, explanations) are
    tagged with `lang`, the language the report was localised to."""
    profile = profile_iri(report.profile.ident)
    node = URIRef(f"{profile}/report")
    graph.add((node, RDF.type, GCR.Report))
    graph.add((node, GCR.profile, profile))
    graph.add((node, GCR.coverage, Literal(f"{report.coverage:.4f}", datatype=XSD.decimal)))
    for w in report.profile.warnings:
        graph.add((node, GCR.warning, Literal(w.message, lang=lang)))
    ratification = {report.graph.value(r, GCP.instrument): r
                    for r in report.graph.objects(profile, GCP.ratification)}
    for b in report.profile.bindings:
        inst = URIRef(f"{ids.INSTRUMENT}{b.instrument}")
        rnode = ratification.get(inst)
        if rnode is not None and b.in_force is not None:
            graph.add((rnode, GCR.inForceForState, Literal(b.in_force)))
        if b.bound:
            graph.add((node, GCR.boundBy, inst))
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
            graph.add((fnode, GCR.message, Literal(msg, lang=lang)))
        for note in f.explanations:
            graph.add((fnode, GCR.explanation, Literal(note, lang=lang)))
        for s in f.requirement.sources:
            if s.instrument_name in f.party_to:
                graph.add((fnode, GCR.partyTo, s.instrument))
            if f.failed_source(s):
                graph.add((fnode, GCR.restsOn, s.provision))
        for fact in f.facts:
            measure = report.graph.value(profile, fact.measure_prop)
            if measure is not None:
                graph.add((fnode, GCR.lookedAt, measure))
    return node


def render(result: Report | Comparison, color: bool = False, loc: Locale | None = None) -> str:
    lang = loc.lang if loc is not None else "en"
    graph = Graph()
    bind_all(graph)
    graph.bind("gcr", GCR._NS)
    if isinstance(result, Comparison):
        graph += result.amended.graph
        add_report(graph, result.amended, {c.ident: c.change for c in result.changes},
                   result.baseline, lang)
    else:
        graph += result.graph
        add_report(graph, result, lang=lang)
    return serialize(graph)
