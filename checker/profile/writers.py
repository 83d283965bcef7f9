"""Write a loaded profile back out, in any of its three syntaxes, from its graph:
the tree the reader takes (as YAML), the JSON-LD form under gapcheck's context
(with every node id the reader would give), or Turtle. Used by `gapcheck
migrate` and by the tests that prove the three syntaxes mean the same."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph

from . import format as schemamod
from .context import CONTEXT_URL
from .format import FORMAT_VERSION
from .model import Profile
from .rdf_tree import GraphTree
from .reader import NOT_APPLICABLE, SILENT, is_mapping


def tree_of(profile: Profile, schema: schemamod.Schema | None = None) -> dict[str, Any]:
    """The profile as the reader's tree (plain dicts and lists), from its graph."""
    tree = GraphTree(profile.graph, profile.path or Path("<profile>"), "",
                     schema or schemamod.load()).tree()
    return _plain(tree)


def _plain(value: Any) -> Any:
    if is_mapping(value):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):  # numbers stay numbers in YAML and JSON (3.0: a decimal)
        return float(value)
    return value


def _ordered(tree: dict[str, Any]) -> dict[str, Any]:
    """The keys in the order people read a profile: who, when, what, then the facts."""
    first = ("gapcheck", "id", "kind", "title", "state", "fictional", "as_of", "groups", "amends",
             "corpus", "notes", "ratifications", "documents")
    out = {k: tree[k] for k in first if k in tree}
    out.update({k: v for k, v in sorted(tree.items()) if k not in out})
    return out


def to_yaml(profile: Profile, version: int = FORMAT_VERSION) -> str:
    from ruamel.yaml import YAML

    tree = _ordered(dict(tree_of(profile), gapcheck=version))
    if tree.get("kind") == "framework":
        del tree["kind"]
    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.sort_base_mapping_type_on_output = False
    yaml.dump(tree, out)
    return out.getvalue()


def to_jsonld(profile: Profile, version: int = FORMAT_VERSION) -> str:
    """The JSON-LD form, with the id the reader gives every node, so that a JSON-LD
    processor given gapcheck's context makes the same graph the reader makes."""
    tree = _ordered(dict(tree_of(profile), gapcheck=version))
    pid = tree["id"]
    doc: dict[str, Any] = {"@context": CONTEXT_URL, **tree}
    for d in doc.get("documents", []):
        d["id"] = f"{pid}/document/{d['id']}"
    if "state" in doc:
        doc["state"]["id"] = f"{pid}/state"
    for r in doc.get("ratifications", []):
        r["id"] = f"{pid}/ratification/{r['instrument']}"
    if "corpus" in doc:
        _ids(doc["corpus"], f"{pid}/corpus", pid)
    measures = schemamod.load().measures
    for key in measures:
        if is_mapping(doc.get(key)):
            _measure(doc[key], f"{pid}/{key}", pid, measures[key])
    return json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"


def _measure(body: dict, mid: str, pid: str, measure: schemamod.Measure) -> None:
    body["id"] = mid
    for fkey in measure.facts:
        value = body.get(fkey)
        if is_mapping(value):
            _ids(value, f"{mid}/{fkey}", pid)
        elif isinstance(value, list):
            for item in value:
                if is_mapping(item):
                    inner = item.get("value")
                    _ids(item, f"{mid}/{fkey}/{inner}", pid)
    for i, ev in enumerate(body.get("evidence", [])):
        _evidence(ev, f"{mid}/evidence/{i + 1}", pid)


def _evidence(ev: dict, eid: str, pid: str) -> None:
    ev["id"] = eid
    if "document" in ev:
        ev["document"] = f"{pid}/document/{ev['document']}"


def _ids(record: dict, rid: str, pid: str) -> None:
    """Nested records are named after their key (and position, in a list)."""
    record["id"] = rid
    for k, v in list(record.items()):
        if k == "evidence" and isinstance(v, list):
            for i, ev in enumerate(v):
                _evidence(ev, f"{rid}/evidence/{i + 1}", pid)
        elif is_mapping(v):
            _ids(v, f"{rid}/{k}", pid)
        elif isinstance(v, list):
            for i, item in enumerate(v):
                if is_mapping(item):
                    _ids(item, f"{rid}/{k}/{i + 1}", pid)


def to_turtle(profile: Profile) -> str:
    graph = Graph()
    for prefix, ns in profile.graph.namespaces():
        graph.bind(prefix, ns)
    graph += profile.graph
    return graph.serialize(format="turtle")


__all__ = ["NOT_APPLICABLE", "SILENT", "to_jsonld", "to_turtle", "to_yaml", "tree_of"]
