"""Load a profile file, whatever its syntax: the checks every file gets (a regular
file, its size before it is read, encoding, emptiness), then the front end its
suffix calls for, which gives the tree that the one reader (reader.py) checks
and turns into the profile's graph:

    YAML     ruamel.yaml (or the fast C reader)  -> tree -> reader -> graph
    JSON-LD  strict JSON, gapcheck's context only -> tree -> reader -> graph
    Turtle   rdflib, walked from the root          -> tree -> reader -> graph
"""

from __future__ import annotations

import os
import stat
from functools import partial
from pathlib import Path

from ..errors import InputError, Problem
from ..ids import PROFILE_SUFFIXES, YAML_SUFFIXES
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GCP
from . import fastyaml
from . import format as schemamod
from .model import Profile
from .reader import TreeReader
from .yaml_syntax import plain_yaml_problems, read_yaml, syntax_problems

MAX_BYTES = 5 * 1024 * 1024


def read_bytes(path: Path, limit: int = MAX_BYTES, what: str = "profiles") -> bytes:
    """The bytes of a regular file, refused before reading when it is a device, a
    FIFO, a socket (or a link to one) or larger than `limit`: nothing a profile
    names can make gapcheck block or read without end."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError.at(path, None, "no such file", "check the path") from None
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read the file: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError.at(path, None, "this is a folder, not a profile file",
                            "give a .yaml, .ttl or .jsonld file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError.at(path, None, "this is not a regular file (a device, a pipe or a "
                            "socket, or a link to one), so it is not read",
                            "give a file saved on disk")
    if st.st_size > limit:
        raise InputError.at(path, None, f"the file is {st.st_size // 1024 // 1024} MB; "
                            f"{what} are limited to {limit // 1024 // 1024} MB")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read the file: {exc.strerror}") from None
    try:
        # the file may have been swapped since stat(): check what was opened
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError.at(path, None, "this is not a regular file, so it is not read")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputError.at(path, None, f"the file is larger than {limit // 1024 // 1024} MB; "
                                f"{what} are limited to {limit // 1024 // 1024} MB")
        return b"".join(chunks)
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read the file: {exc.strerror}") from None
    finally:
        os.close(fd)


def read_text(path: Path) -> str:
    data = read_bytes(path)
    if b"\x00" in data:
        raise InputError.at(path, None, "this is a binary file, not a profile")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError.at(path, line, "the file is not UTF-8 text",
                            "save it as UTF-8") from None
    if not text.strip():
        raise InputError.at(path, None, "the file is empty",
                            "a profile starts with `gapcheck: 2`, `id:` and `state:`")
    return text


def load(path: str | Path, kb: KnowledgeBase | None = None) -> Profile:
    """Load a profile file, read against the profile format of `kb` (by default
    the knowledge base locate.find finds); any problem raises InputError naming
    file and line."""
    path = Path(path)
    schema = schemamod.load(kb)
    suffix = path.suffix.lower()
    if suffix not in PROFILE_SUFFIXES:
        read_bytes(path)  # a missing file or a folder says so first
        raise InputError.at(path, None, f"unknown profile format '{suffix or path.name}'",
                            "use .yaml, .ttl or .jsonld (or .json)")
    text = read_text(path)
    if suffix in YAML_SUFFIXES:
        prof = load_yaml(path, text, schema)
    else:
        prof = load_tree(path, rdf_tree_of(path, suffix, text, schema), schema,
                         "turtle" if suffix == ".ttl" else "jsonld")
    if (None, GCP.aknFile, None) in prof.graph:
        from .citations import verify

        verify(prof)
    return prof


def rdf_tree_of(path: Path, suffix: str, text: str, schema: schemamod.Schema):
    """The profile tree of a Turtle or JSON-LD file."""
    if suffix == ".ttl":
        from ..kb.turtle import parse_turtle_text
        from .rdf_tree import turtle_tree

        return turtle_tree(parse_turtle_text(path, text), path, text, schema)
    from .jsonld import read_jsonld

    return read_jsonld(path, text)


def load_tree(path: Path, tree, schema: schemamod.Schema, syntax: str) -> Profile:
    reader = TreeReader(path, schema, syntax)
    node, ident, kind, amends = reader.read(tree)
    return Profile(path, node, ident, kind, reader.graph, amends, reader.lines, checked=True)


def load_yaml(path: Path, text: str, schema: schemamod.Schema) -> Profile:
    """The fast reader first; on anything to report, the reader that keeps line
    numbers, so that the message can point at the line. Tags, anchors, merge keys
    and deep nesting are refused from the event stream before either reads."""
    if problems := syntax_problems(path, text):
        raise InputError(problems)
    data = fastyaml.load(text)
    if data is not None:
        problems: list[Problem] = []
        plain_yaml_problems(data, path, problems, 0)
        if not problems:
            reader = TreeReader(path, schema)
            try:
                node, ident, kind, amends = reader.read(data)
                return Profile(path, node, ident, kind, reader.graph, amends, {},
                               checked=True, lines_exact=False,
                               relocate=partial(exact_lines, schema=schema))
            except InputError:
                pass  # read again below, for the lines
    reader = TreeReader(path, schema)
    node, ident, kind, amends = reader.read(read_yaml(path, text))
    return Profile(path, node, ident, kind, reader.graph, amends, reader.lines, checked=True)


def exact_lines(path: Path, schema: schemamod.Schema) -> dict:
    """Read a YAML file again with the reader that keeps line numbers."""
    reader = TreeReader(path, schema)
    reader.read(read_yaml(path, read_text(path)))
    return reader.lines


def profile_files(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders expanded to their profile files (every suffix of
    ids.PROFILE_SUFFIXES), sorted."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES
                          and not p.name.startswith(".") and not p.is_dir())
        else:
            out.append(path)
    return out
