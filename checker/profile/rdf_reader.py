"""Read a profile given as RDF (Turtle or JSON-LD): exactly one framework or
bill node, checked by the rules the YAML reader applies key by key."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError, Problem
from ..ids import PROFILE, SLUG, USER_ASSIGNED, slug_hint
from ..kb.namespaces import GCP, bind_all
from ..kb.turtle import find_subject_line, parse_turtle
from .format import Schema
from .model import Profile


def load_graph(path: Path, suffix: str, schema: Schema) -> Graph:
    if suffix == ".ttl":
        return parse_turtle(path)
    from .jsonld import parse_jsonld

    return parse_jsonld(path, schema)


def from_graph(graph: Graph, path: Path | None = None) -> Profile:
    """A profile given as RDF: exactly one framework or bill node."""
    bind_all(graph)
    nodes = sorted(set(graph.subjects(RDF.type, GCP.Framework)) | set(graph.subjects(RDF.type, GCP.Bill)))
    if len(nodes) != 1:
        raise InputError.at(path, None, f"expected one profile (a gcp:Framework or gcp:Bill), "
                            f"found {len(nodes)}", "type the profile node as gcp:Framework or gcp:Bill")
    node = nodes[0]
    if not isinstance(node, URIRef) or not str(node).startswith(PROFILE):
        raise InputError.at(path, None, f"the profile's IRI must start with {PROFILE}, not {node}")
    ident = str(node)[len(PROFILE):]
    kind = "bill" if (node, RDF.type, GCP.Bill) in graph else "framework"
    lines: dict[tuple[Node, URIRef | None], int] = {}
    if path is not None and path.suffix.lower() == ".ttl":
        line = find_subject_line(path, node)
        if line:
            lines[(node, None)] = line
    line = lines.get((node, None))
    # the rules the YAML reader applies key by key, for profiles given as RDF
    problems: list[Problem] = []
    if not SLUG.fullmatch(ident):
        problems.append(Problem(str(path), line, f"the profile id {ident!r} is not valid",
                                slug_hint()))
    amends = graph.value(node, GCP.amends)
    amends_id = None
    if kind == "bill":
        amends_id = str(amends)[len(PROFILE):] if amends is not None and str(
            amends).startswith(PROFILE) else None
        if amends_id is None or not SLUG.fullmatch(amends_id):
            problems.append(Problem(str(path), line, "a bill must name the profile it amends by "
                                    f"its id (gcp:amends <{PROFILE}ID>), not {amends}",
                                    "the id of a profile in the same folder, e.g. qaa-2026"))
            amends_id = None
        elif amends_id == ident:
            problems.append(Problem(str(path), line, "a bill cannot amend itself"))
    else:
        if graph.value(node, GCP.asOf) is None:
            problems.append(Problem(str(path), line, "a framework profile needs gcp:asOf, the "
                                    "date it describes"))
        state = graph.value(node, GCP.state)
        code = graph.value(state, GCP.isoCode) if state is not None else None
        if code is None:
            problems.append(Problem(str(path), line, "a framework profile needs gcp:state with "
                                    "gcp:isoCode"))
        elif graph.value(node, GCP.fictional) == Literal(True) and not USER_ASSIGNED.fullmatch(str(code)):
            problems.append(Problem(str(path), line, f"a fictional state must use a user-assigned "
                                    f"code, not {code}", "use QAA-QZZ or XAA-XZZ"))
    if problems:
        raise InputError(problems)
    return Profile(path, node, ident, kind, graph, amends_id, lines)
