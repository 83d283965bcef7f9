"""The published JSON-LD context of the profile format, generated from the
ontology (the same definition the reader uses), so that a JSON-LD profile
means the same triples to any JSON-LD processor as to gapcheck.

`python -m checker.profile.context > ontology/profile-context.jsonld`
regenerates the published file; a test checks that it is current."""

from __future__ import annotations

import json
from typing import Any

from rdflib import RDF, RDFS, XSD

from .. import ids
from ..kb.namespaces import GCC, GCP, INST, PROFILE
from . import format as schemamod
from .format import Key

CONTEXT_URL = ids.PROFILE_CONTEXT
# JSON has its own booleans and whole numbers; other literals are typed here
TYPED = (XSD.date, XSD.anyURI, XSD.decimal)


def _curie(iri: object) -> str:
    text = str(iri)
    for prefix, base in (("gcp", str(GCP)), ("gcc", str(GCC)), ("rdfs", str(RDFS))):
        if text.startswith(base):
            return f"{prefix}:{text[len(base):]}"
    return text


def _typing(key: Key) -> dict[str, Any]:
    if key.scheme is not None:
        return {"@type": "@vocab", "@context": {n: _curie(c) for n, c in key.values.items()}}
    if key.datatype in TYPED:
        return {"@type": _curie(key.datatype).replace(str(XSD), "xsd:")}
    return {}


def term(key: Key, schema: schemamod.Schema) -> dict[str, Any] | str:
    """The term definition of one key."""
    out: dict[str, Any] = {"@id": _curie(key.prop)}
    if key.record is not None:
        out["@context"] = record_context(key.record, schema)
    elif key.reference is not None:
        if key.prop == GCP.instrument:
            out.update({"@type": "@vocab", "@context": {"@vocab": INST}})
        elif key.prop == GCP.about:
            out["@type"] = "@vocab"  # fact keys, defined in the measure's context
        else:
            out["@type"] = "@id"
    else:
        out.update(_typing(key))
    if key.multiple:
        out["@container"] = "@set"
    return out


def record_context(cls: object, schema: schemamod.Schema) -> dict[str, Any]:
    ctx: dict[str, Any] = {}
    for k, key in schema.records[cls].items():
        if key.prop is None or key.prop == RDF.type:
            continue
        ctx[k] = term(key, schema)
    return ctx


def fact_term(fact: Key, schema: schemamod.Schema) -> dict[str, Any]:
    """A fact: its values plain, or as a qualified value whose `value` has the fact's type."""
    out: dict[str, Any] = {"@id": _curie(fact.prop)}
    typing = _typing(fact)
    out.update({k: v for k, v in typing.items() if k != "@context"})
    inner = dict(typing.get("@context", {}))
    inner["value"] = {"@id": "gcp:value", **{k: v for k, v in typing.items() if k != "@context"}}
    out["@context"] = inner
    if fact.multiple:
        out["@container"] = "@set"
    return out


def build(schema: schemamod.Schema) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "@version": 1.1,
        "@base": PROFILE,
        "gcp": str(GCP), "gcc": str(GCC),
        "rdfs": str(RDFS), "xsd": str(XSD),
        "id": "@id",
        "kind": "@type",
        "framework": "gcp:Framework", "bill": "gcp:Bill",
        "silent": "gcp:silent", "not-applicable": "gcp:notApplicable",
    }
    for k, key in schema.records[GCP.Profile].items():
        if key.prop is None or key.prop == RDF.type or key.prop in schema.measure_by_prop:
            continue
        ctx[k] = term(key, schema)
    # the keys of a qualified value, once for every fact (`value` is typed by each fact)
    for k, key in schema.records[GCP.QualifiedValue].items():
        if k != "value":
            ctx[k] = term(key, schema)
    for key, m in schema.measures.items():
        inner: dict[str, Any] = {fkey: fact_term(fact, schema) for fkey, fact in m.facts.items()}
        for k, generic in schema.records[GCP.Measure].items():
            inner[k] = term(generic, schema)
        ctx[key] = {"@id": _curie(m.prop), "@context": inner}
    return {"@context": ctx}


def text(schema: schemamod.Schema | None = None) -> str:
    """The context as published (by default for the knowledge base locate.find finds)."""
    return json.dumps(build(schema or schemamod.load()), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(text(), end="")
