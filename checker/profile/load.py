"""Load a profile file, whatever its syntax: the checks every file gets (size,
encoding, emptiness), then the reader its suffix calls for."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from ..errors import InputError, Problem
from ..ids import PROFILE_SUFFIXES, READABLE_SUFFIXES, YAML_SUFFIXES
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GCP
from . import fastyaml
from . import format as schemamod
from .model import Profile
from .rdf_reader import from_graph, load_graph
from .yaml_reader import YamlReader
from .yaml_syntax import plain_yaml_problems, read_yaml

MAX_BYTES = 5 * 1024 * 1024


def read_text(path: Path) -> str:
    if not path.exists():
        raise InputError.at(path, None, "no such file", "check the path")
    if path.is_dir():
        raise InputError.at(path, None, "this is a folder, not a profile file",
                            "give a .yaml, .ttl or .jsonld file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError.at(path, None, f"the file is {size // 1024 // 1024} MB; "
                                f"profiles are limited to {MAX_BYTES // 1024 // 1024} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read the file: {exc.strerror}") from None
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
                            "a profile starts with `gapcheck: 1`, `id:` and `state:`")
    return text


def load(path: str | Path, kb: KnowledgeBase | None = None) -> Profile:
    """Load a profile file, read against the profile format of `kb` (by default
    the knowledge base locate.find finds); any problem raises InputError naming
    file and line."""
    path = Path(path)
    schema = schemamod.load(kb)
    suffix = path.suffix.lower()
    if not path.exists() or path.is_dir():
        read_text(path)  # says which
    if suffix in YAML_SUFFIXES:
        prof = load_yaml(path, read_text(path), schema)
    elif suffix in READABLE_SUFFIXES:
        read_text(path)  # the same checks on size, encoding and emptiness
        prof = from_graph(load_graph(path, suffix, schema), path)
    else:
        raise InputError.at(path, None, f"unknown profile format '{suffix or path.name}'",
                            "use .yaml, .ttl or .jsonld")
    if (None, GCP.aknFile, None) in prof.graph:
        from .citations import verify

        verify(prof)
    return prof


def load_yaml(path: Path, text: str, schema: schemamod.Schema) -> Profile:
    """The fast reader first; on anything to report, the reader that keeps line
    numbers, so that the message can point at the line."""
    data = fastyaml.load(text)
    if data is not None:
        problems: list[Problem] = []
        plain_yaml_problems(data, path, problems, 0)
        if not problems:
            reader = YamlReader(path, schema)
            try:
                node, ident, kind, amends = reader.read(data)
                return Profile(path, node, ident, kind, reader.graph, amends, {},
                               checked=True, lines_exact=False,
                               relocate=partial(exact_lines, schema=schema))
            except InputError:
                pass  # read again below, for the lines
    reader = YamlReader(path, schema)
    node, ident, kind, amends = reader.read(read_yaml(path, text))
    return Profile(path, node, ident, kind, reader.graph, amends, reader.lines, checked=True)


def exact_lines(path: Path, schema: schemamod.Schema) -> dict:
    """Read a YAML file again with the reader that keeps line numbers."""
    reader = YamlReader(path, schema)
    reader.read(read_yaml(path, read_text(path)))
    return reader.lines


def profile_files(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders expanded to their profile files, sorted."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES
                          and p.is_file() and not p.name.startswith("."))
        else:
            out.append(path)
    return out
