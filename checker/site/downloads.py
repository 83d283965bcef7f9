"""The site's downloads: the knowledge base as Turtle and JSON-LD (the same
bytes for the same knowledge base), the profile context, and each report as
JSON, CSV and Turtle, with all results in one CSV."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..kb.namespaces import bind_all
from ..profile import context
from ..profile.format import Schema
from ..reports.collection import Collection
from ..reports.renderers import csvout, renderer
from .rdf_canon import stable_bnodes, stable_jsonld

# each report, in these formats of the renderer registry
DOWNLOAD_FORMATS = ("json", "csv", "ttl")


def write_downloads(dl: Path, kb: Graph, shapes: Graph, schema: Schema,
                    coll: Collection) -> list[tuple[str, str]]:
    """Write the files; returns (id, title) of each report, for the downloads page."""
    dl.mkdir(parents=True, exist_ok=True)
    graph = Graph()
    bind_all(graph)
    graph += kb  # parsed once already: the knowledge base and the shapes
    graph += shapes
    graph = stable_bnodes(graph)  # the same knowledge base, the same bytes
    (dl / "knowledge-base.ttl").write_text(graph.serialize(format="turtle"), encoding="utf-8")
    (dl / "knowledge-base.jsonld").write_text(stable_jsonld(graph), encoding="utf-8")
    (dl / "profile-context.jsonld").write_text(context.text(schema), encoding="utf-8")
    rows = []
    files = []
    results = [*((pid, r, r.profile.title) for pid, r in coll.reports.items()),
               *((bid, c, c.amended.profile.title) for bid, c in coll.bills.items())]
    for ident, result, title in results:
        for fmt in DOWNLOAD_FORMATS:
            module = renderer(fmt)
            (dl / f"{ident}{module.SUFFIX}").write_text(module.render(result), encoding="utf-8")
        files.append((ident, title))
    for report in coll.reports.values():
        rows += csvout.rows(report)
    (dl / "all-results.csv").write_text(csvout.write(rows), encoding="utf-8")
    return files
