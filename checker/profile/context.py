"""The published JSON-LD context of the profile format, generated from the
ontology.

`python -m checker.profile.context > ontology/profile-context.jsonld`
regenerates the published file; a test checks that it is current."""

from __future__ import annotations

import json
from typing import Any

from rdflib import RDFS, XSD

from .. import ids
from ..kb.namespaces import GCC, GCP, INST, PROFILE, STATE
from . import format as schemamod

CONTEXT_URL = ids.PROFILE_CONTEXT


def _curie(iri: str) -> str:
    for prefix, base in (("gcp", str(GCP)), ("gcc", str(GCC))):
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def build(schema: schemamod.Schema) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "@version": 1.1,
        "@base": PROFILE,
        "gcp": str(GCP), "gcc": str(GCC),
        "rdfs": str(RDFS), "xsd": str(XSD),
        "id": "@id",
        "kind": "@type",
        "framework": "gcp:Framework", "bill": "gcp:Bill",
        "silent": "gcp:silent",
        "gapcheck": {"@id": "gcp:formatVersion"},
        "title": {"@id": "rdfs:label"},
        "notes": {"@id": "rdfs:comment"},
        "as_of": {"@id": "gcp:asOf", "@type": "xsd:date"},
        "fictional": {"@id": "gcp:fictional"},
        "amends": {"@id": "gcp:amends", "@type": "@id"},
        "state": {"@id": "gcp:state", "@context": {
            "@base": STATE, "code": "gcp:isoCode", "name": "rdfs:label"}},
        "groups": {"@id": "gcp:memberOf", "@type": "@vocab", "@container": "@set",
                   "@context": {n: _curie(str(i)) for n, i in schema.groups.items()}},
        "ratifications": {"@id": "gcp:ratification", "@container": "@set", "@context": {
            "instrument": {"@id": "gcp:instrument", "@type": "@vocab"},
            "@vocab": INST,
            "date": {"@id": "gcp:ratifiedOn", "@type": "xsd:date"},
            "reservations": {"@id": "gcp:reservation", "@container": "@set"}}},
        "documents": {"@id": "gcp:document", "@container": "@set", "@context": {
            "title": "rdfs:label",
            "url": {"@id": "gcp:documentUrl", "@type": "xsd:anyURI"},
            "akn": "gcp:aknFile",
            "date": {"@id": "gcp:documentDate", "@type": "xsd:date"}}},
    }
    for key, m in schema.measures.items():
        inner: dict[str, Any] = {}
        for fkey, fact in m.facts.items():
            term: dict[str, Any] = {"@id": _curie(str(fact.prop))}
            if fact.scheme is not None:
                term["@type"] = "@vocab"
                term["@context"] = {n: _curie(str(c)) for n, c in fact.values.items()}
            if fact.multiple:
                term["@container"] = "@set"
            inner[fkey] = term
        inner["evidence"] = {"@id": "gcp:evidence", "@container": "@set", "@context": {
            "document": {"@id": "gcp:citesDocument", "@type": "@id"},
            "section": "gcp:section", "eid": "gcp:eId", "quote": "gcp:quote",
            "url": {"@id": "gcp:evidenceUrl", "@type": "xsd:anyURI"},
            "about": {"@id": "gcp:about", "@type": "@vocab", "@container": "@set"}}}
        inner["notes"] = {"@id": "rdfs:comment"}
        ctx[key] = {"@id": _curie(str(m.prop)), "@context": inner}
    return {"@context": ctx}


def text(schema: schemamod.Schema | None = None) -> str:
    """The context as published (by default for the knowledge base locate.find finds)."""
    return json.dumps(build(schema or schemamod.load()), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(text(), end="")
