"""A report in another language. The engine writes every report in English
(its knowledge-base texts and its own sentences); `localize` gives the same
report with every text a reader sees in French or Spanish:

- from the knowledge base: requirement titles, statements, gap_when,
  recommendations, area labels, provision labels and citations, instrument
  short names (also in `party_to` and the ratifications), basis notes, fact
  labels and the shapes' messages (by the shape's own translated sh:message);
- the engine's own sentences (i18n/sentence.py): explanations, what each
  ratification means on the profile's date ("party since ..."), warnings.

Codes stay as they are (requirement ids, statuses, severities, bases,
notations, IRIs), and so does everything the profile's author wrote
(titles, notes, quotes, qualifier texts): it is shown as written.

    >>> from checker import api
    >>> from checker.reports.localize import localize
    >>> report = api.check("profiles/qba-2026.yaml")               # doctest: +SKIP
    >>> fr = localize(report, kb, "fr")                            # doctest: +SKIP
    >>> fr.findings[0].requirement.title, fr.findings[0].status    # doctest: +SKIP
    ('Incrimination de la traite des personnes', <Status.MET: 'met'>)

A text not (yet) translated stays English; `localize(report, kb, "en")` gives
the report with the engine's sentences said in English (dates as English
readers write them)."""

from __future__ import annotations

from dataclasses import replace

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SH, SKOS

from ..engine.findings import FactValue, Finding, ProfileInfo, Report
from ..engine.silence import translated_wording, wording
from ..errors import Problem
from ..i18n import SOURCE_LANGUAGE, Locale, locale
from ..i18n.sentence import Sentence, say
from ..kb import base as kb_base
from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GC, GCP
from ..profile.qualified import Qualifier
from .compare import Change, Comparison

# qualifier kinds whose text is a concept's label (the others are the author's words)
LABELLED = frozenset({"coverage", "condition"})


class Localizer:
    """Everything needed to say reports of one knowledge base in one language;
    built once per knowledge base and language (`localizer(kb, lang)`)."""

    def __init__(self, kb: KnowledgeBase, lang: str):
        self.lang = lang
        self.loc: Locale = locale(lang)
        self.catalogue = reqmod.load(kb, lang=lang)
        english = reqmod.load(kb)
        if lang == SOURCE_LANGUAGE:
            # the knowledge base's texts are already English: every lookup below would
            # map a text to itself, and reading the translations costs a cold start
            # more than the check itself
            self.names, self.labels, self.words, self.messages = {}, {}, {}, {}
            return
        graph = kb.graph
        text = reqmod.texts_in(graph, kb.translations, lang)
        # instrument short names: English -> this language
        self.names = {str(name): text(i, GC.shortName) or str(name)
                      for i, name in graph.subject_objects(GC.shortName)
                      if (i, RDF.type, GC.Instrument) in graph}
        # fact labels of the profile format (key declarations): English -> this language
        self.labels = {str(label): text(decl, RDFS.label) or str(label)
                       for decl in graph.subjects(GCP.key, None)
                       for label in graph.objects(decl, RDFS.label)
                       if isinstance(label, Literal) and label.language == SOURCE_LANGUAGE}
        # labels of concepts (groups, conditions, coverage, sources of rules) that the
        # profile reader writes into qualifiers: English -> this language
        concepts = {}
        for prop in (SKOS.prefLabel, RDFS.label):
            for node, label in graph.subject_objects(prop):
                if isinstance(label, Literal) and label.language == SOURCE_LANGUAGE:
                    concepts.setdefault(str(label), text(node, prop) or str(label))
        self.words = {**concepts, **self.names}
        self.messages = self._messages(english, lang)

    def _messages(self, english: reqmod.Catalogue, lang: str) -> dict[str, str]:
        """Each shape message as a finding shows it (with and without the silence
        clause) -> the shape's own message in this language."""
        shapes, text = english.shapes_graph, self.catalogue.texts
        out: dict[str, str] = {}
        for node, message in sorted(shapes.subject_objects(SH.message), key=lambda so: str(so[1])):
            if not isinstance(message, Literal) or message.language not in (SOURCE_LANGUAGE, None):
                continue
            said = text(node, SH.message) if text is not None else None
            if not said or said == str(message):
                continue
            out.setdefault(str(message), said)
            out.setdefault(wording(str(message), False), translated_wording(str(message), said, lang))
        return out

    def say(self, text: str) -> str:
        """An engine sentence or a shape message in this language."""
        return self.messages.get(text) or say(text, self.loc, self.words)

    def qualifier(self, q: Qualifier) -> Qualifier:
        """A qualifier as the reader words it (a Sentence, or a concept's label); what
        the author wrote (notes, reasons) stays as written."""
        if isinstance(q.text, Sentence):
            return replace(q, text=q.text.say(self.loc, self.words))
        return replace(q, text=self.words.get(q.text, q.text) if q.kind in LABELLED else q.text)

    def problem(self, p: Problem) -> Problem:
        return replace(p, message=self.say(p.message), hint=self.say(p.hint) if p.hint else p.hint)

    def profile(self, p: ProfileInfo) -> ProfileInfo:
        bindings = tuple(replace(b, name=self.names.get(b.name, b.name), note=self.say(b.note))
                         for b in p.bindings)
        return replace(p, bindings=bindings, warnings=tuple(self.problem(w) for w in p.warnings))

    def fact(self, v: FactValue) -> FactValue:
        return replace(v, label=self.labels.get(v.label, v.label),
                       qualifiers=tuple(self.qualifier(q) for q in v.qualifiers))

    def finding(self, f: Finding) -> Finding:
        requirement = self.catalogue.requirements.get(f.ident, f.requirement)
        return replace(f, requirement=requirement,
                       messages=tuple(self.say(m) for m in f.messages),
                       explanations=tuple(self.say(e) for e in f.explanations),
                       party_to=tuple(self.names.get(n, n) for n in f.party_to),
                       facts=tuple(self.fact(v) for v in f.facts))

    def report(self, report: Report) -> Report:
        return Report(self.profile(report.profile), [self.finding(f) for f in report.findings],
                      report._graph)

    def comparison(self, c: Comparison) -> Comparison:
        baseline, amended = self.report(c.baseline), self.report(c.amended)
        before = {f.ident: f for f in baseline.findings}
        return Comparison(baseline, amended, [Change(before[ch.ident], amended.finding(ch.ident),
                                                     ch.change) for ch in c.changes])


def localizer(kb: KnowledgeBase | None, lang: str) -> Localizer:
    kb = kb if kb is not None else kb_base.load()
    return kb.derived(f"localizer-{lang}", lambda k: Localizer(k, lang))


def localize(result: Report | Comparison, kb: KnowledgeBase | None, lang: str) -> Report | Comparison:
    """The report (or comparison) with every knowledge-base text and engine
    sentence in `lang` ("en", "fr", "es"); codes and the author's text unchanged."""
    loc = localizer(kb, lang)
    return loc.comparison(result) if isinstance(result, Comparison) else loc.report(result)


__all__ = ["Localizer", "localize", "localizer"]
