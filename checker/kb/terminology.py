"""The terminology the instruments use, per language (ontology/terminology.ttl and
its translations): skos:prefLabel is the term of the authentic or official text,
skos:altLabel an accepted variant, skos:hiddenLabel a rendering that contradicts
it (e.g. "trafic d'êtres humains" for trafficking in persons). A translated text
that uses a hidden label is a terminology conflict."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import SKOS, Graph, Literal, URIRef

from .namespaces import GCC
from .translations import GCI, LANGUAGE_SPECIFIC

SCHEME = GCC.TerminologyScheme


def _fold(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u00a0", " ").casefold()


@dataclass(frozen=True)
class Conflict:
    subject: URIRef
    prop: URIRef
    lang: str
    term: str        # the contradicting wording found
    concept: URIRef
    preferred: str   # what the terminology says instead

    def __str__(self) -> str:
        return (f"{self.subject} {self.prop} [{self.lang}]: uses \"{self.term}\"; "
                f"the terminology ({self.concept}) says \"{self.preferred}\"")


def forbidden(english: Graph, translations: Graph, lang: str) -> dict[str, tuple[URIRef, str]]:
    """Hidden labels of the terminology in a language -> (concept, preferred label)."""
    out = {}
    for concept in english.subjects(SKOS.inScheme, SCHEME):
        preferred = next((str(o) for o in translations.objects(concept, SKOS.prefLabel)
                          if isinstance(o, Literal) and o.language == lang), "")
        for graph in (english, translations):
            for o in graph.objects(concept, SKOS.hiddenLabel):
                if isinstance(o, Literal) and o.language == lang:
                    out[str(o)] = (concept, preferred)
    return out


def conflicts(english: Graph, translations: Graph, langs: tuple[str, ...]) -> list[Conflict]:
    """Every translated text (nested shape messages too) that uses a hidden label."""
    found = []
    for lang in langs:
        terms = forbidden(english, translations, lang)
        if not terms:
            continue
        patterns = {t: re.compile(r"(?<!\w)" + re.escape(_fold(t)) + r"(?!\w)") for t in terms}
        for s, p, o in translations:
            if not (isinstance(o, Literal) and o.language == lang) or p in LANGUAGE_SPECIFIC:
                continue
            subject, prop = s, p
            if p == GCI.text:  # a nested text: name the node it belongs to
                subject = next(translations.subjects(GCI.translation, s), s)
                prop = translations.value(s, GCI.property) or p
            folded = _fold(str(o))
            for term, rx in patterns.items():
                if rx.search(folded):
                    concept, preferred = terms[term]
                    found.append(Conflict(subject, prop, lang, term, concept, preferred))
    return sorted(found, key=lambda c: (c.lang, str(c.subject), str(c.prop), c.term))
