"""Knowledge-base texts on the site's pages, in the page's language: each one
carries its language and its translation's review status, which the pages show
discreetly after it ("not yet reviewed"). A text with no current translation
is shown in English, marked as English (`lang="en"`) and as not translated.

A `KbValue` is a `str` (templates print it as the text, escaped as any value)
with `.lang` and `.status`; the `tr` filters add the mark."""

from __future__ import annotations

import dataclasses

from markupsafe import Markup, escape
from rdflib import RDF, RDFS, SKOS, Graph, URIRef

from ..i18n import SOURCE_LANGUAGE, locale
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GC
from ..kb.requirements import Catalogue, Requirement, Source
from ..kb.translations import Texts
from ..reports.escape import md


class KbValue(str):
    """A text of the knowledge base, with its language and review status
    ("source", "reviewed", "unreviewed"; "missing" when English stands in)."""

    lang: str = SOURCE_LANGUAGE
    status: str = "source"

    def __new__(cls, value: str, lang: str = SOURCE_LANGUAGE, status: str = "source") -> KbValue:
        obj = super().__new__(cls, value)
        obj.lang = lang
        obj.status = status
        return obj


def mark(value: object, page_lang: str, html: bool) -> Markup:
    """The text (escaped for Markdown or for HTML) with its language and status mark."""
    text = escape(value) if html else md(value)
    if not isinstance(value, KbValue) or value.status == "source" and page_lang == SOURCE_LANGUAGE:
        return Markup(text)
    loc = locale(page_lang)
    if value.status == "missing":
        title, word = loc._("Not yet translated: the English text"), "EN"
    elif value.status == "reviewed":
        title, word = loc._("Translation reviewed"), loc._("reviewed")
    else:
        title, word = loc._("Translation not yet reviewed"), loc._("not reviewed")
    lang_attr = f' lang="{value.lang}"' if value.lang != page_lang else ""
    body = f"<span{lang_attr}>{text}</span>" if lang_attr else str(text)
    return Markup(f'{body} <sup class="gc-tr gc-tr-{value.status}" title="{escape(title)}">'
                  f"{escape(word)}</sup>")


class KbTexts:
    """The knowledge base's texts in one language."""

    def __init__(self, base: KnowledgeBase, lang: str, english: Graph | None = None):
        """english: the graph of the English texts (the shapes graph for shapes)."""
        self.lang = lang
        self.graph = base.graph if english is None else english
        # English needs no translation: the translations (large) are not even read
        self.texts = Texts(self.graph, base.translations if lang != SOURCE_LANGUAGE else Graph())
        self.areas = {str(self.graph.value(a, SKOS.notation)): a
                      for a in self.graph.subjects(RDF.type, GC.Area)}

    def get(self, node, prop: URIRef, english: str | None = None) -> KbValue:  # noqa: ANN001
        """The text of `prop` on `node` in this language; English (marked missing)
        when it has no current translation; `english` when the graph has none."""
        if self.lang == SOURCE_LANGUAGE:
            found = self.texts.get(node, prop, SOURCE_LANGUAGE)
            return KbValue(found.value if found else (english or ""))
        found = self.texts.get(node, prop, self.lang)
        if found is not None and found.status in ("reviewed", "unreviewed"):
            return KbValue(found.value, self.lang, found.status)
        source = self.texts.get(node, prop, SOURCE_LANGUAGE)
        value = source.value if source else (english or str(self.graph.value(node, prop) or ""))
        return KbValue(value, SOURCE_LANGUAGE, "missing" if value else "source")

    def title_of(self, req: Requirement) -> KbValue:
        """A requirement's title: its label without the "PRO-01:" before it."""
        label = self.get(req.iri, RDFS.label, req.title)
        for sep in (" : ", ": "):
            if sep in label:
                return KbValue(label.split(sep, 1)[-1].strip(), label.lang, label.status)
        return label

    def source(self, s: Source, link=None) -> Source:  # noqa: ANN001
        return dataclasses.replace(
            s, citation=self.get(s.provision, GC.citation, s.citation),
            label=self.get(s.provision, RDFS.label, s.label),
            instrument_name=self.get(s.instrument, GC.shortName, s.instrument_name),
            basis_note=self.get(link, GC.basisNote, s.basis_note)
            if s.basis_note and link is not None else s.basis_note)

    def requirement(self, req: Requirement) -> Requirement:
        links = {self.graph.value(link, GC.linkedProvision): link
                 for link in self.graph.objects(req.iri, GC.sourceLink)}
        area = self.areas.get(req.area)
        return dataclasses.replace(
            req, title=self.title_of(req), statement=self.get(req.iri, GC.statement, req.statement),
            gap_when=self.get(req.iri, GC.gapWhen, req.gap_when),
            recommendation=self.get(req.iri, GC.recommendation, req.recommendation),
            area_label=self.get(area, SKOS.prefLabel, req.area_label) if area is not None
            else KbValue(req.area_label),
            sources=tuple(self.source(s, links.get(s.provision)) for s in req.sources))

    def catalogue(self, cat: Catalogue) -> tuple[dict[str, Requirement], dict[str, KbValue]]:
        """The requirements and the areas' labels in this language."""
        reqs = {ident: self.requirement(r) for ident, r in cat.requirements.items()}
        areas = {code: self.get(self.areas[code], SKOS.prefLabel, label) if code in self.areas
                 else KbValue(label) for code, label in cat.areas.items()}
        return reqs, areas
