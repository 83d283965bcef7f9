"""Reading Turtle files of the knowledge base (and profiles given as Turtle):
syntax errors become InputErrors with their line, and a subject's line can be
found again to point a message at it."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from ..errors import InputError


def parse_turtle(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one Turtle file; a syntax error becomes an InputError with its line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.at(path, None, f"cannot read the file: {exc.strerror}") from None
    return parse_turtle_bytes(path, data, graph)


def parse_turtle_text(path: Path, text: str, graph: Graph | None = None) -> Graph:
    """Parse Turtle already read (a profile, read within its size limit)."""
    return parse_turtle_bytes(path, text.encode("utf-8"), graph)


def parse_turtle_bytes(path: Path, data: bytes, graph: Graph | None = None) -> Graph:
    graph = graph if graph is not None else Graph()
    try:
        graph.parse(data=data, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        line = data[: exc._i].count(b"\n") + 1 if hasattr(exc, "_i") else None
        raise InputError.at(path, line, f"Turtle syntax error: {exc._why}",
                            "fix the statement on this line or the one before it") from None
    except RecursionError:
        raise InputError.at(path, None, "cannot parse the Turtle: it is nested too deeply") from None
    except Exception as exc:  # rdflib raises plain exceptions for bad IRIs, prefixes, literals
        raise InputError.at(path, None, f"cannot parse the Turtle: {exc}") from None
    return graph


def find_subject_line(path: Path, subject: URIRef) -> int | None:
    """The first line where the subject opens a statement, by prefixed or full name."""
    text = path.read_text(encoding="utf-8", errors="replace")
    local = re.split(r"[#/]", str(subject))[-1]
    patterns = [re.escape(f"<{subject}>")]
    if local:
        patterns.append(r"[A-Za-z][\w-]*:" + re.escape(local) + r"(?=[\s;,.])")
    rx = re.compile(r"^(?:" + "|".join(patterns) + r")", re.M)
    m = rx.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None
