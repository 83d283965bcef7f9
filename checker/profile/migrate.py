"""`gapcheck migrate`: move a profile written for an older format version to the
current one (format 1 -> 2).

What changes from format 1 to 2:
- `gapcheck: 2`;
- lists are lists: `evidence`, `reservations` and `about` given as one item
  without the list become lists of one;
- (Turtle, JSON-LD) the state is a node of the profile (`<profile>/state`), not
  a shared `.../state/<code>` node, and the file is written in the canonical form.

A YAML profile keeps its comments, order and layout; only those keys change.
The result is read again before it is returned, so a migrated profile loads."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import InputError
from ..kb.base import KnowledgeBase
from . import format as schemamod
from .format import FORMAT_VERSION
from .load import load, load_yaml, read_text
from .reader import is_mapping
from .writers import to_jsonld, to_turtle
from .yaml_syntax import read_yaml

LISTS = ("evidence", "reservations", "about")


def _lists(node, changes: list[str], where: str = "") -> None:
    """Wrap the one-item forms format 1 allowed into lists, everywhere in the tree."""
    from ruamel.yaml.comments import CommentedSeq

    if is_mapping(node):
        for key in list(node):
            value = node[key]
            here = f"{where}.{key}" if where else str(key)
            if key in LISTS and (is_mapping(value) or isinstance(value, str)):
                seq = CommentedSeq([value])
                node[key] = seq
                changes.append(f"{here}: one item made a list")
            _lists(node[key], changes, here)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _lists(item, changes, f"{where}[{i}]")


def migrate_yaml(path: Path, text: str, schema: schemamod.Schema) -> tuple[str, list[str]]:
    from ruamel.yaml import YAML

    data = read_yaml(path, text)
    if not is_mapping(data):
        raise InputError.at(path, 1, "a profile must be a mapping of keys to values")
    version = data.get("gapcheck", 1)
    changes: list[str] = []
    if version == FORMAT_VERSION:
        return text, changes
    _lists(data, changes)
    if not changes:  # only the version changes: the file stays as it is, byte for byte
        new = _version_line(text, version)
        load_yaml(path, new, schema)
        return new, [f"gapcheck: {version} -> {FORMAT_VERSION}"]
    if "gapcheck" in data:
        data["gapcheck"] = FORMAT_VERSION
    else:
        data.insert(0, "gapcheck", FORMAT_VERSION)
    changes.insert(0, f"gapcheck: {version} -> {FORMAT_VERSION}")
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 96
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(data, out)
    new = out.getvalue()
    load_yaml(path, new, schema)  # the migrated profile must load
    return new, changes


def _version_line(text: str, version: object) -> str:
    lines = text.splitlines(keepends=True)
    for i, row in enumerate(lines):
        if re.match(r"gapcheck\s*:", row):
            lines[i] = re.sub(r"(gapcheck\s*:\s*)\S+", rf"\g<1>{FORMAT_VERSION}", row, count=1)
            return "".join(lines)
    for i, row in enumerate(lines):  # no version line: one before the first key
        if row.strip() and not row.lstrip().startswith(("#", "%", "---")):
            lines.insert(i, f"gapcheck: {FORMAT_VERSION}\n")
            return "".join(lines)
    return text


def migrate(path: str | Path, kb: KnowledgeBase | None = None) -> tuple[str, list[str]]:
    """The profile in the current format, and what changed (empty: it was current)."""
    path = Path(path)
    schema = schemamod.load(kb)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return migrate_yaml(path, read_text(path), schema)
    profile = load(path, kb)  # format 1 is still read
    version = profile.graph.value(profile.iri, _version_prop(schema))
    if version is not None and int(version) == FORMAT_VERSION:
        return read_text(path), []
    text = to_turtle(profile) if suffix == ".ttl" else to_jsonld(profile)
    return text, [f"format {version or 1} -> {FORMAT_VERSION}: written in the canonical "
                  f"{'Turtle' if suffix == '.ttl' else 'JSON-LD'} form"]


def _version_prop(schema: schemamod.Schema):
    from ..kb.namespaces import GCP

    return GCP.formatVersion
