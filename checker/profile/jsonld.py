"""Read a profile given as JSON-LD. A JSON-LD profile is the JSON form of the YAML
tree under gapcheck's own context (ontology/profile-context.jsonld, generated
from the ontology): the same keys, plus `@context`, `kind` and node ids. It is
turned into that tree and read by the one profile reader, so it is checked
exactly like YAML.

No JSON-LD processor runs on it, so nothing is ever fetched: a context other
than gapcheck's own, a list of contexts, an embedded or nested context,
`@import`, `@graph` (named graphs) and every other keyword are refused, as is
a node id outside the profile's own IRIs (another profile's node)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..ids import PROFILE, SLUG
from .context import CONTEXT_URL
from .json_syntax import read_json
from .reader import is_mapping
from .yaml_syntax import line_of

KEYWORD_HINT = ("a gapcheck JSON-LD profile uses the keys of the profile format under "
                f'"@context": "{CONTEXT_URL}", and no other JSON-LD keyword')


def _relative(value: Any, pid: str) -> str | None:
    """A node id relative to the profile base (`qaa-2026/document/act`), or None."""
    if not isinstance(value, str):
        return None
    return value[len(PROFILE):] if value.startswith(PROFILE) else value


class JsonLdTree:
    """Checks the JSON-LD specifics and gives the profile tree the reader takes."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []
        self.ids: dict[str, int | None] = {}
        self.pid = ""
        self.version = 2

    def problem(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(str(self.path), line, message, hint))

    def tree(self, doc: Any) -> Any:
        if not is_mapping(doc) or "@context" not in doc:
            raise InputError.at(self.path, line_of(doc) or 1,
                                "a JSON-LD profile must be an object with an @context",
                                f'start it with {{"@context": "{CONTEXT_URL}", ...}}')
        self.context(doc["@context"], line_of(doc, "@context"))
        del doc["@context"]
        version = doc.get("gapcheck")
        self.version = version if version in (1, 2) and not isinstance(version, bool) else 2
        ident = _relative(doc.get("id"), "")
        if "id" in doc:
            if ident is None or "/" in ident:
                self.problem(line_of(doc, "id"), f"the profile id {doc['id']!r} is not valid",
                             "a profile id such as qaa-2026 (lower-case letters, digits, hyphens)")
            doc["id"] = ident
        self.pid = ident if isinstance(ident, str) else ""
        if "kind" not in doc:
            self.problem(1, 'a JSON-LD profile needs "kind": "framework" or "bill"',
                         "JSON-LD types the profile node by its kind")
        self.walk(doc, None, 0)
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda p: p.line or 0))
        return doc

    def context(self, ctx: Any, line: int | None) -> None:
        if isinstance(ctx, str) and ctx == CONTEXT_URL:
            return
        if isinstance(ctx, str):
            raise InputError.at(self.path, line, f"remote JSON-LD context {ctx!r} is not loaded "
                                "(gapcheck reads no network and no other file)",
                                f'use "@context": "{CONTEXT_URL}"')
        what = "a list of contexts" if isinstance(ctx, list) else "an embedded context"
        raise InputError.at(self.path, line, f"{what} is not read in a profile (a context could "
                            "redefine or drop keys)", f'use "@context": "{CONTEXT_URL}"')

    def node_id(self, mapping: Any, parent: str | None) -> None:
        """A nested node's id: inside the profile's own IRIs, used once; then dropped,
        since the reader names every node after its place in the profile."""
        value = mapping["id"]
        line = line_of(mapping, "id")
        rel = _relative(value, self.pid)
        if parent == "state" and isinstance(value, str) and "/" not in value and ":" not in value:
            del mapping["id"]  # format 1 named a state by its code (under .../state/)
            return
        if rel is None or not self.pid or not rel.startswith(f"{self.pid}/"):
            self.problem(line, f"the node id {value!r} is not one of this profile's own",
                         f"a profile holds only nodes under its own IRI ({self.pid}/...); leave "
                         "the id out, or start it with the profile's id")
            return
        if rel in self.ids:
            self.problem(line, f"the node id {value!r} is used twice",
                         f"it is also on line {self.ids[rel]}" if self.ids[rel] else None)
            return
        self.ids[rel] = line
        if parent == "documents":
            prefix = f"{self.pid}/document/"
            slug = rel[len(prefix):] if rel.startswith(prefix) else ""
            if not SLUG.fullmatch(slug):
                self.problem(line, f"a document's id must be {prefix}<document id>, not {value!r}")
                return
            mapping["id"] = slug
            return
        del mapping["id"]

    def walk(self, node: Any, parent: str | None, depth: int) -> None:
        if isinstance(node, list):
            for item in node:
                self.walk(item, parent, depth + 1)
            return
        if not is_mapping(node):
            return
        for key in list(node):
            if isinstance(key, str) and key.startswith("@"):
                what = ("a nested @context" if key == "@context" else
                        "@graph (named graphs and graph content)" if key == "@graph" else f"{key}")
                self.problem(line_of(node, key), f"JSON-LD keyword {what} is not read in a profile",
                             KEYWORD_HINT)
                del node[key]
        if depth > 0 and "id" in node:
            self.node_id(node, parent)
        if parent == "evidence" and isinstance(node.get("document"), str):
            rel = _relative(node["document"], self.pid) or ""
            prefix = f"{self.pid}/document/"
            if rel.startswith(prefix):
                node["document"] = rel[len(prefix):]
            else:
                self.problem(line_of(node, "document"), f"evidence cites {node['document']!r}, "
                             f"which is not a document of this profile",
                             f"cite a listed document by its id, {prefix}<document id>")
        for key, value in node.items():
            if key in ("about",):
                continue
            self.walk(value, key, depth + 1)


def read_jsonld(path: Path, text: str) -> Any:
    """The profile tree of a JSON-LD profile, for the one reader."""
    return JsonLdTree(path).tree(read_json(path, text))
