"""The published JSON-LD context of the profile format, generated from the
ontology, and a JSON-LD reader that never loads a context over the network.

`python -m checker.context > ontology/profile-context.jsonld` regenerates the
published file; a test checks that it is current."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from rdflib import RDFS, XSD, Graph, Literal

from . import schema as schemamod
from .errors import InputError, Problem
from .namespaces import GCP, INST, PROFILE, STATE

CONTEXT_URL = "https://w3id.org/gapcheck/context/profile.jsonld"


def _curie(iri: str) -> str:
    for prefix, base in (("gcp", str(GCP)), ("gcc", "https://w3id.org/gapcheck/concept#")):
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def build(schema: schemamod.Schema) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "@version": 1.1,
        "@base": PROFILE,
        "gcp": str(GCP), "gcc": "https://w3id.org/gapcheck/concept#",
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
            "denounced": {"@id": "gcp:denouncedOn", "@type": "xsd:date"},
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


def text() -> str:
    return json.dumps(build(schemamod.load()), indent=2, ensure_ascii=False) + "\n"


def _key_line(raw: str, key: str, nth: int = 1) -> int | None:
    index = -1
    for _ in range(nth):
        index = raw.find(f'"{key}"', index + 1)
        if index < 0:
            return None
    return raw.count("\n", 0, index) + 1


class DuplicateKeyError(ValueError):
    def __init__(self, key: str):
        super().__init__(f"the key {key!r} appears twice in one object; keep one")
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKeyError(key)
        out[key] = value
    return out


def _local_contexts(node: Any, path: Path, local: dict[str, Any]) -> Any:
    """Replace references to the published context by the local copy; refuse any
    other remote context, so that reading a profile never touches the network."""
    if isinstance(node, list):
        return [_local_contexts(x, path, local) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "@context":
            items = value if isinstance(value, list) else [value]
            resolved = []
            for item in items:
                if isinstance(item, str):
                    if item != CONTEXT_URL:
                        raise InputError.at(path, None, f"remote JSON-LD context {item!r} is not "
                                            "loaded (gapcheck reads no network)",
                                            f"use \"@context\": \"{CONTEXT_URL}\"")
                    item = local
                resolved.append(item)
            out[key] = resolved if isinstance(value, list) else resolved[0]
        else:
            out[key] = _local_contexts(value, path, local)
    return out


JSONLD_KEYWORDS = {"@context", "@id", "@type", "@value", "@language", "@graph", "@list", "@set",
                   "@index"}


def unknown_terms(doc: Any, ctx: dict[str, Any], where: str = "at the top level"
                  ) -> list[tuple[str, str, list[str]]]:
    """(key, where, known keys there) for every key that the context does not
    define. JSON-LD drops such keys without a word; gapcheck refuses them, as in YAML."""
    found: list[tuple[str, str, list[str]]] = []
    if isinstance(doc, list):
        for item in doc:
            found += unknown_terms(item, ctx, where)
        return found
    if not isinstance(doc, dict):
        return found
    for key, value in doc.items():
        if key in JSONLD_KEYWORDS or ":" in key:
            continue
        term = ctx.get(key)
        if term is None:
            found.append((key, where, [k for k in ctx if not k.startswith("@") and ":" not in k]))
            continue
        if isinstance(term, dict) and isinstance(term.get("@context"), dict) and isinstance(
                value, (dict, list)) and term.get("@type") != "@vocab":
            inner = {k: v for k, v in ctx.items() if not isinstance(v, dict) or "@id" in v}
            inner.update(term["@context"])
            found += unknown_terms(value, inner, f"under {key}")
    return found


def parse_jsonld(path: Path) -> Graph:
    try:
        return _parse_jsonld(path)
    except RecursionError:
        raise InputError.at(path, None, "the JSON is nested too deeply",
                            "a profile is at most a few levels deep") from None


def _parse_jsonld(path: Path) -> Graph:
    raw = path.read_text(encoding="utf-8-sig")  # a byte-order mark is no error
    try:
        doc = json.loads(raw, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError.at(path, exc.lineno, f"JSON syntax error: {exc.msg}") from None
    except DuplicateKeyError as exc:
        raise InputError.at(path, _key_line(raw, exc.key, 2), str(exc)) from None
    if not isinstance(doc, dict) or "@context" not in doc:
        raise InputError.at(path, 1, "a JSON-LD profile must be an object with an @context",
                            f'start it with {{"@context": "{CONTEXT_URL}", ...}}')
    ident = doc.get("id", doc.get("@id"))
    if isinstance(ident, str) and not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", ident):
        raise InputError.at(path, _key_line(raw, "id"), f"the profile id {ident!r} is not valid",
                            "use lower-case letters, digits and hyphens, e.g. qaa-2026")
    local = build(schemamod.load())["@context"]
    if isinstance(doc, dict) and doc.get("@context") == CONTEXT_URL:
        from .profile import did_you_mean

        seen: dict[str, int] = {}
        problems = []
        for key, where, known in unknown_terms({k: v for k, v in doc.items()
                                                if k != "@context"}, local):
            seen[key] = seen.get(key, 0) + 1
            problems.append(Problem(str(path), _key_line(raw, key, seen[key]),
                                    f"unknown key '{key}' {where}", did_you_mean(key, known)))
        if problems:
            raise InputError(problems)
    doc = _local_contexts(doc, path, local)
    graph = Graph()
    try:
        graph.parse(data=json.dumps(doc), format="json-ld")
    except Exception as exc:  # rdflib's JSON-LD errors have no common base class
        raise InputError.at(path, None, f"cannot read the JSON-LD: {exc}") from None
    return normalise_silence(graph)


def normalise_silence(graph: Graph) -> Graph:
    """The string "silent" as the value of any fact means gcp:silent, as in YAML
    (a typed term cannot also expand a string to an IRI in JSON-LD)."""
    facts = schemamod.load().by_prop
    for s, p, o in list(graph):
        if p in facts and isinstance(o, Literal) and str(o) == "silent":
            graph.remove((s, p, o))
            graph.add((s, p, GCP.silent))
    return graph


if __name__ == "__main__":
    print(text(), end="")
