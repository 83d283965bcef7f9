"""Names that reports show for ids: an instrument's short name and title for its slug."""

from __future__ import annotations

from functools import cache


@cache
def instruments() -> dict[str, tuple[str, str]]:
    """Instrument slug -> (short name, full title), from the knowledge base."""
    from rdflib import RDF, RDFS

    from ..kb import base as kb
    from ..kb.namespaces import GC

    g = kb.load().graph
    return {str(i).rsplit("/", 1)[-1]: (str(g.value(i, GC.shortName) or i), str(g.value(i, RDFS.label) or ""))
            for i in g.subjects(RDF.type, GC.Instrument)}


def instrument_name(slug: str) -> str:
    return instruments().get(slug, (slug, ""))[0]
