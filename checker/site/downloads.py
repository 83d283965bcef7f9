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
from ..reports.renderers import csvout, data
from ..reports.renderers import turtle as turtle_render
from .rdf_canon import stable_bnodes, stable_jsonld


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
    for pid, report in coll.reports.items():
        (dl / f"{pid}.json").write_text(data.to_json(report), encoding="utf-8")
        (dl / f"{pid}.csv").write_text(csvout.render(report), encoding="utf-8")
        (dl / f"{pid}.ttl").write_text(turtle_render.render(report), encoding="utf-8")
        rows += csvout.rows(report)
        files.append((pid, report.profile.title))
    for bid, comp in coll.bills.items():
        (dl / f"{bid}.json").write_text(data.to_json(comp), encoding="utf-8")
        (dl / f"{bid}.csv").write_text(csvout.render(comp), encoding="utf-8")
        (dl / f"{bid}.ttl").write_text(turtle_render.render(comp), encoding="utf-8")
        files.append((bid, comp.amended.profile.title))
    (dl / "all-results.csv").write_text(csvout.write(rows), encoding="utf-8")
    return files
