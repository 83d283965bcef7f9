"""Read a profile given as JSON-LD, never loading a context over the network:
the published context is replaced by the one generated here, keys it does not
define are refused (JSON-LD would drop them), and `"silent"` means silence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal

from ..errors import InputError, Problem, did_you_mean
from ..ids import SLUG, slug_hint
from ..kb.namespaces import GCP
from . import format as schemamod
from .context import CONTEXT_URL, build


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


def parse_jsonld(path: Path, schema: schemamod.Schema) -> Graph:
    try:
        return _parse_jsonld(path, schema)
    except RecursionError:
        raise InputError.at(path, None, "the JSON is nested too deeply",
                            "a profile is at most a few levels deep") from None


def _parse_jsonld(path: Path, schema: schemamod.Schema) -> Graph:
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
    if isinstance(ident, str) and not SLUG.fullmatch(ident):
        raise InputError.at(path, _key_line(raw, "id"), f"the profile id {ident!r} is not valid",
                            slug_hint())
    local = build(schema)["@context"]
    if isinstance(doc, dict) and doc.get("@context") == CONTEXT_URL:
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
    return normalise_silence(graph, schema)


def normalise_silence(graph: Graph, schema: schemamod.Schema) -> Graph:
    """The string "silent" as the value of any fact means gcp:silent, as in YAML
    (a typed term cannot also expand a string to an IRI in JSON-LD)."""
    facts = schema.by_prop
    for s, p, o in list(graph):
        if p in facts and isinstance(o, Literal) and str(o) == "silent":
            graph.remove((s, p, o))
            graph.add((s, p, GCP.silent))
    return graph
