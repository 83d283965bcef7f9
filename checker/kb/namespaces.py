"""The project's namespaces. The vocabularies are closed (checker/kb/vocab.py,
generated from the ontology), so that a misspelt term fails instead of minting a
new IRI; the shapes' and the requirements' own names are data, so open."""

from __future__ import annotations

from rdflib import Namespace

from .. import ids
from .vocab import GC, GCC, GCP, GCR

__all__ = ["GC", "GCC", "GCP", "GCR", "GCS", "REQ", "INST", "PROFILE", "STATE", "bind_all"]

GCS = Namespace(ids.SHAPES)
REQ = Namespace(ids.REQUIREMENT)
INST = ids.INSTRUMENT
PROFILE = ids.PROFILE
STATE = ids.STATE


def bind_all(graph) -> None:  # noqa: ANN001 - any rdflib graph
    """Bind the project's prefixes so that serialisations read cleanly."""
    graph.bind("gc", GC._NS)
    graph.bind("gcc", GCC._NS)
    graph.bind("gcp", GCP._NS)
    graph.bind("gcs", GCS)
    graph.bind("req", REQ)
