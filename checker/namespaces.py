"""The project's namespaces. The core vocabulary is a closed DefinedNamespace so
that a misspelt term fails at import time instead of minting a new IRI."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef


class GC(DefinedNamespace):
    """gapcheck core vocabulary (ontology/core.ttl)."""

    _NS = Namespace("https://w3id.org/gapcheck/ontology/core#")
    _fail = True

    Instrument: URIRef
    Provision: URIRef
    Requirement: URIRef
    Area: URIRef
    shortName: URIRef
    instrumentKind: URIRef
    bindingness: URIRef
    adopted: URIRef
    adoptionNote: URIRef
    entryIntoForce: URIRef
    supplements: URIRef
    treatyTextId: URIRef
    citation: URIRef
    paraphrase: URIRef
    inInstrument: URIRef
    parentProvision: URIRef
    checkingStatus: URIRef
    checkingNote: URIRef
    listedAs: URIRef
    order: URIRef
    statement: URIRef
    gapWhen: URIRef
    area: URIRef
    derivesFrom: URIRef
    dependsOn: URIRef
    recommendation: URIRef
    checksRequirement: URIRef
    shapeRole: URIRef
    termStatus: URIRef
    SourceLink: URIRef
    sourceLink: URIRef
    linkedProvision: URIRef
    basis: URIRef
    basisNote: URIRef
    severityCap: URIRef
    TimeRule: URIRef
    entryIntoForceRule: URIRef
    denunciationRule: URIRef
    delayDays: URIRef
    delayMonths: URIRef
    firstDayOfNextMonth: URIRef
    ruleProvision: URIRef
    ruleText: URIRef
    Amendment: URIRef
    amendedBy: URIRef
    Parameter: URIRef
    DatedValue: URIRef
    parameterValue: URIRef
    value: URIRef
    validFrom: URIRef
    unit: URIRef
    parameterSource: URIRef
    testsParameter: URIRef


GCC = Namespace("https://w3id.org/gapcheck/concept#")
GCP = Namespace("https://w3id.org/gapcheck/ontology/profile#")
GCS = Namespace("https://w3id.org/gapcheck/shapes#")
REQ = Namespace("https://w3id.org/gapcheck/requirement/")
INST = "https://w3id.org/gapcheck/instrument/"
PROFILE = "https://w3id.org/gapcheck/profile/"
STATE = "https://w3id.org/gapcheck/state/"


def instrument_iri(slug: str) -> URIRef:
    return URIRef(INST + slug)


def bind_all(graph) -> None:
    """Bind the project's prefixes so that serialisations read cleanly."""
    graph.bind("gc", GC._NS)
    graph.bind("gcc", GCC)
    graph.bind("gcp", GCP)
    graph.bind("gcs", GCS)
    graph.bind("req", REQ)
