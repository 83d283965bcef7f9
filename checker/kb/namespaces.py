"""The project's namespaces. The core vocabulary is a closed DefinedNamespace so
that a misspelt term fails at import time instead of minting a new IRI."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

from .. import ids


class GC(DefinedNamespace):
    """gapcheck core vocabulary (ontology/core.ttl)."""

    _NS = Namespace(ids.CORE)
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


GCC = Namespace(ids.CONCEPT)
GCP = Namespace(ids.PROFILE_VOCAB)
GCS = Namespace(ids.SHAPES)
REQ = Namespace(ids.REQUIREMENT)
INST = ids.INSTRUMENT
PROFILE = ids.PROFILE
STATE = ids.STATE


def bind_all(graph) -> None:
    """Bind the project's prefixes so that serialisations read cleanly."""
    graph.bind("gc", GC._NS)
    graph.bind("gcc", GCC)
    graph.bind("gcp", GCP)
    graph.bind("gcs", GCS)
    graph.bind("req", REQ)
