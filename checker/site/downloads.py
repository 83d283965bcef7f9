"""The site's downloads: the knowledge base as Turtle and JSON-LD (the same
bytes for the same knowledge base), the profile context, each report as JSON,
CSV, Turtle and PDF, all results in one CSV and one workbook, and a ZIP of
everything. The knowledge base files are written with the pages; each
report's files, the PDFs, the workbook and the ZIP (`write_heavy`) by a second
process while MkDocs builds (the pages link to placeholders of them)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from rdflib import Graph

from ..i18n import locale
from ..kb.namespaces import bind_all
from ..profile import context
from ..profile.format import Schema
from ..reports.collection import Collection
from ..reports.renderers import csvout, renderer
from ..reports.turtle_writer import serialize
from . import pdf, workbook
from .rdf_canon import stable_bnodes, stable_jsonld
from .settings import Settings

# each report, in these formats of the renderer registry
DOWNLOAD_FORMATS = ("json", "csv", "ttl")
ZIP_NAME = "gapcheck-downloads.zip"
WORKBOOK_NAME = "gap-reports.xlsx"


def _results(coll: Collection) -> list[tuple[str, object, str, bool]]:
    """(id, report or comparison, title, has a PDF) of each report and bill."""
    return [*((pid, r, r.profile.title, True) for pid, r in coll.reports.items()),
            *((bid, c, c.amended.profile.title, False) for bid, c in coll.bills.items())]


def heavy_names(coll: Collection) -> list[str]:
    """The files write_heavy makes, in the downloads folder."""
    per_result = [f"{ident}{renderer(fmt).SUFFIX}" for ident, *_ in _results(coll)
                  for fmt in DOWNLOAD_FORMATS]
    return [*per_result, "all-results.csv", *(f"{pid}.pdf" for pid in coll.reports),
            WORKBOOK_NAME, ZIP_NAME]


def in_language(result, coll: Collection, lang: str):  # noqa: ANN001, ANN201
    """A report or comparison in `lang` (its knowledge-base texts and sentences)."""
    if lang == "en":
        return result
    from ..reports.localize import localize

    return localize(result, coll.kb, lang)


def write_downloads(dl: Path, kb: Graph, shapes: Graph, schema: Schema,
                    coll: Collection, lang: str = "en") -> list[tuple[str, str, bool]]:
    """Write the knowledge base files; returns (id, title, has a PDF) of each report
    and bill, whose files (in `lang`) write_heavy makes."""
    dl.mkdir(parents=True, exist_ok=True)
    graph = Graph()
    bind_all(graph)
    graph += kb  # parsed once already: the knowledge base and the shapes
    graph += shapes
    graph = stable_bnodes(graph)  # the same knowledge base, the same bytes
    (dl / "knowledge-base.ttl").write_text(serialize(graph, canonicalise=False), encoding="utf-8")
    (dl / "knowledge-base.jsonld").write_text(stable_jsonld(graph), encoding="utf-8")
    (dl / "profile-context.jsonld").write_text(context.text(schema), encoding="utf-8")
    return [(ident, title, has_pdf) for ident, _, title, has_pdf in _results(coll)]


def write_heavy(dl: Path, quick: Path, coll: Collection, settings: Settings, date: dt.datetime,
                lang: str = "en", title: str | None = None) -> None:
    """Each report's files, the PDFs and the workbook (in `lang`) into `dl`, then
    the ZIP of `quick` (the knowledge base files) and these together."""
    dl.mkdir(parents=True, exist_ok=True)
    loc = locale(lang)
    shown = {ident: in_language(result, coll, lang) for ident, result, _, _ in _results(coll)}
    for ident, result in shown.items():
        for fmt in DOWNLOAD_FORMATS:
            module = renderer(fmt)
            (dl / f"{ident}{module.SUFFIX}").write_text(module.render(result, loc=loc), encoding="utf-8")
    rows = [row for pid in coll.reports for row in csvout.rows(shown[pid], loc)]
    (dl / "all-results.csv").write_text(csvout.write(rows, loc), encoding="utf-8")
    for pid in coll.reports:
        (dl / f"{pid}.pdf").write_bytes(pdf.render(shown[pid], title or settings.title,
                                                   settings.organisation,
                                                   settings.disclaimer_in(loc), loc=loc))
    workbook.write(dl / WORKBOOK_NAME, coll, title or settings.title, date, loc,
                   [shown[pid] for pid in coll.reports])
    members = {p.name: p for p in quick.iterdir() if p.is_file() and p.name not in heavy_names(coll)}
    members.update({p.name: p for p in dl.iterdir() if p.is_file() and p.name != ZIP_NAME})
    stamp = date.timetuple()[:6] if date.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(dl / ZIP_NAME, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(f"gapcheck-downloads/{name}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, members[name].read_bytes())
