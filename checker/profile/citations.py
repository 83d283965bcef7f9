"""Verify the Akoma Ntoso citations of a profile: every cited id names exactly
one element of the document (an id used twice must say which), and every
quote is in the cited element's text. A bad citation is a profile error, like
a misspelt key. The rules themselves live in checker.akn.cite."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from ..akn import cite, reader
from ..errors import InputError, Problem
from ..kb import cache
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


ACTS_KEPT = 64  # acts kept in the parse cache: the most recently written


def read_act(path: Path) -> reader.Document:
    """The act, read once per version of the file and of the reader: from this
    process's memory, else from the parse cache (kb/cache.py), so that neither a cold
    check nor a set of profiles citing one act walks the XML again."""
    try:
        name = cache.key("akn", [path, *_reader_code()])  # the act's path, size and time are in the key
    except OSError:
        return reader.load(path)  # it says what is wrong with the path
    return _act(name, path)


@lru_cache(maxsize=1)
def _reader_code() -> tuple[Path, ...]:
    """The reader's source files (part of the cache key), listed once per process."""
    return tuple(sorted(Path(reader.__file__).parent.glob("*.py")))


@lru_cache(maxsize=ACTS_KEPT)
def _act(name: str, path: Path) -> reader.Document:
    hit = cache.get(name)
    if isinstance(hit, reader.Document):
        return hit
    document = reader.load(path)
    cache.put(name, document, versions=ACTS_KEPT)
    return document


def verify(profile: Profile) -> None:
    """Check every citation; where evidence names an element but no section, the
    section becomes the element's number path ("s. 24(1)(f)")."""
    g = profile.graph
    problems: list[Problem] = []
    for doc in sorted(g.objects(profile.iri, GCP.document), key=str):
        akn = g.value(doc, GCP.aknFile)
        if akn is None:
            continue
        try:
            document = read_act(akn_path(profile.path, str(akn)))
        except InputError as exc:
            line = profile.line_of(doc, GCP.aknFile)
            problems.append(Problem(str(profile.path), line,
                                    f"document {str(doc).rsplit('/', 1)[-1]!r} names an Akoma "
                                    f"Ntoso file that cannot be read: {exc.problems[0]}"))
            continue
        for ev in sorted(g.subjects(GCP.citesDocument, doc), key=str):
            eid, section, quote = (g.value(ev, p) for p in (GCP.eId, GCP.section, GCP.quote))
            prov = None
            if eid is not None:
                try:
                    prov = cite.resolve(document, str(eid), str(section) if section else None)
                except cite.CiteError as exc:
                    problems.append(Problem(str(profile.path), profile.line_of(ev, GCP.eId),
                                            exc.message, exc.hint))
                    continue
                if section is None and prov.path:
                    g.add((ev, GCP.section, Literal(prov.path)))
            elif section is not None:
                scope = cite.by_path(document, str(section))
                prov = scope[0] if scope else None
            if quote is not None and (bad := cite.check_quote(document, prov, str(quote))):
                problems.append(_quote_problem(profile, ev, akn, prov, bad))
    if problems:
        raise InputError(problems)


def _quote_problem(profile, ev: URIRef, akn, prov, bad) -> Problem:  # noqa: ANN001
    from ..akn.cite import describe

    where = f"{describe(prov)} ({prov.cite_id}) of {akn}" if prov is not None else str(akn)
    hint = f"the closest passage there reads: “{bad.closest}”"
    if bad.found_in is not None and bad.found_in is not prov:
        hint += (f"; the quoted words are in {describe(bad.found_in)}: cite "
                 f"`eid: {bad.found_in.cite_id}`")
    return Problem(str(profile.path), profile.line_of(ev, GCP.quote),
                   f"the quote is not in {where}", hint)


def cited_anchors(g: Graph, doc: URIRef, document) -> dict[tuple[str, str | None], str]:  # noqa: ANN001
    """(cited id, section) -> the anchor of the element on the act's page, for the
    evidence that cites the document (for the site's act pages)."""

    out: dict[tuple[str, str | None], str] = {}
    for ev in g.subjects(GCP.citesDocument, doc):
        eid, section = g.value(ev, GCP.eId), g.value(ev, GCP.section)
        if eid is None:
            continue
        key = (str(eid), str(section) if section is not None else None)
        try:
            out[key] = cite.resolve(document, *key).anchor
        except cite.CiteError:  # a profile that loaded has none; link to the page
            continue
    return out
