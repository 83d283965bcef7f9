"""Verify that every Akoma Ntoso eId a profile cites exists in the document it
names. A dangling citation is a profile error, like a misspelt key."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from ..akn import reader
from ..errors import InputError, Problem, did_you_mean
from ..kb.namespaces import GCP
from .model import Profile


def akn_path(profile_path: Path | None, value: str) -> Path:
    """The Akoma Ntoso file a profile names, relative to the profile; it must stay
    inside the profile's folder (a profile never makes gapcheck read elsewhere)."""
    base = (profile_path.parent if profile_path else Path.cwd()).resolve()
    path = (base / value).resolve()
    if base != path and base not in path.parents:
        raise InputError.at(profile_path, None, f"the Akoma Ntoso file {value!r} is outside the "
                            "profile's folder", "keep the XML beside the profile or below it")
    return path


def verify(profile: Profile) -> None:
    g = profile.graph
    problems: list[Problem] = []
    for doc in sorted(g.objects(profile.iri, GCP.document), key=str):
        akn = g.value(doc, GCP.aknFile)
        if akn is None:
            continue
        try:
            document = reader.load(akn_path(profile.path, str(akn)))
        except InputError as exc:
            line = profile.line_of(doc, GCP.aknFile)
            problems.append(Problem(str(profile.path), line,
                                    f"document {str(doc).rsplit('/', 1)[-1]!r} names an Akoma "
                                    f"Ntoso file that cannot be read: {exc.problems[0]}"))
            continue
        eids = document.by_eid()
        for ev in sorted(g.subjects(GCP.citesDocument, doc), key=str):
            eid = g.value(ev, GCP.eId)
            if eid is None or str(eid) in eids:
                continue
            problems.append(Problem(
                str(profile.path), profile.line_of(ev, GCP.eId),
                f"evidence cites eId '{eid}', which is not in {akn}",
                did_you_mean(str(eid), list(eids)) or "`gapcheck akn outline "
                f"{akn}` lists its eIds"))
    if problems:
        raise InputError(problems)


def cited_eids(g: Graph) -> dict[URIRef, set[str]]:
    """document -> the eIds evidence cites in it (for the site's act pages)."""
    out: dict[URIRef, set[str]] = {}
    for ev in g.subjects(GCP.citesDocument, None):
        eid = g.value(ev, GCP.eId)
        if eid is not None:
            out.setdefault(g.value(ev, GCP.citesDocument), set()).add(str(eid))
    return out
