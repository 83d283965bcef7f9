"""French and Spanish texts of the knowledge base: what counts as a text, the
record each translation carries (review status, digest of its English source),
the audit that finds missing, stale and unrecorded translations, and the
look-up that gives a text in a language.

A text is an `@en` literal (or a plain literal of a naming property such as
gc:citation). Its translation into `fr` sits in `<source>.fr.ttl` as an `@fr`
literal on the same subject and property, with one gci:TextTranslation record:

    palermo:A3-b gc:paraphrase "..."@fr ;
        gci:translation [ gci:property gc:paraphrase ; gci:language "fr" ;
                          gci:reviewStatus gcc:translation-unreviewed ;
                          gci:sourceDigest "0123456789" ] .

A text on a node without a name (a property shape's sh:message) is translated
on the nearest named node above it, the text inside the record (gci:text) and
the digest naming which English text it translates."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from .. import ids
from .languages import SOURCE_LANGUAGE, TRANSLATED, translation_file
from .namespaces import GC, GCC
from .turtle import find_subject_line, parse_turtle

GCI = Namespace(ids.I18N_VOCAB)
REVIEWED = GCC["translation-reviewed"]
UNREVIEWED = GCC["translation-unreviewed"]
REVIEW_STATUSES = {REVIEWED: "reviewed", UNREVIEWED: "unreviewed"}
DIGEST_LENGTH = 10

# plain (untagged) literals that are nonetheless English text a reader sees
UNTAGGED_TEXT = frozenset({GC.shortName, GC.citation})
# labels each language has of its own (synonyms, wrong renderings): never a
# translation of an English text, never required
LANGUAGE_SPECIFIC = frozenset({SKOS.altLabel, SKOS.hiddenLabel})
# the order of properties in a written translation file (then by IRI)
PROPERTY_ORDER = (RDFS.label, SKOS.prefLabel, GC.shortName, GC.citation, SKOS.altLabel,
                  SKOS.hiddenLabel, SKOS.definition, GC.statement, GC.gapWhen, GC.paraphrase,
                  GC.recommendation, GC.checkingNote, GC.adoptionNote, RDFS.comment, SKOS.scopeNote,
                  SH.name, SH.description, SH.message)

MISSING, STALE, NO_STATUS, ORPHAN, WRONG_LANGUAGE = (
    "missing", "stale", "no status", "orphan", "wrong language")


def digest(texts: Iterable[str]) -> str:
    """A short fingerprint of the English text(s) a translation was made from;
    insensitive to Unicode normalisation and runs of white space only."""
    norm = sorted(" ".join(unicodedata.normalize("NFC", str(t)).split()) for t in texts)
    return hashlib.sha256("\n".join(norm).encode()).hexdigest()[:DIGEST_LENGTH]


def is_english_text(pred: URIRef, obj) -> bool:
    if pred in LANGUAGE_SPECIFIC or pred == GCI.text or not isinstance(obj, Literal):
        return False
    if obj.language is not None:
        return obj.language.lower() == SOURCE_LANGUAGE
    return pred in UNTAGGED_TEXT and obj.datatype in (None, XSD.string)


def named_ancestor(graph: Graph, node) -> URIRef | None:
    """The nearest named node above a blank node (through RDF lists too)."""
    seen = set()
    while isinstance(node, BNode) and node not in seen:
        seen.add(node)
        parents = sorted(graph.subjects(None, node), key=str)
        if not parents:
            return None
        node = parents[0]
    return node if isinstance(node, URIRef) else None


@dataclass(frozen=True, order=True)
class TextKey:
    """Which text: subject and property; for a nested text (on a blank node), the
    named node above it and the digest of the English text."""

    subject: URIRef
    prop: URIRef
    nested: str = ""


def english_texts(graph: Graph) -> dict[TextKey, list[str]]:
    """Every English text of a source graph, by key."""
    texts: dict[TextKey, list[str]] = {}
    for s, p, o in graph:
        if not is_english_text(p, o):
            continue
        if isinstance(s, URIRef):
            texts.setdefault(TextKey(s, p), []).append(str(o))
        elif isinstance(s, BNode) and (anc := named_ancestor(graph, s)) is not None:
            texts.setdefault(TextKey(anc, p, digest([str(o)])), []).append(str(o))
    return {k: sorted(v) for k, v in texts.items()}


@dataclass
class Entry:
    """One translated text with its record."""

    texts: list[str]
    status: URIRef | None = None
    source_digest: str | None = None
    official: bool | None = None
    note: str | None = None


def translated_texts(graph: Graph, lang: str) -> dict[TextKey, Entry]:
    """The texts in one language of a translation graph, with their records."""
    entries: dict[TextKey, Entry] = {}
    records = set()
    for subject, rec in graph.subject_objects(GCI.translation):
        if str(graph.value(rec, GCI.language) or "") != lang or not isinstance(subject, URIRef):
            continue
        records.add(rec)
        prop = graph.value(rec, GCI.property)
        source = graph.value(rec, GCI.sourceDigest)
        official = graph.value(rec, GCI.official)
        nested = [str(o) for o in graph.objects(rec, GCI.text)
                  if isinstance(o, Literal) and o.language == lang]
        if nested:
            key = TextKey(subject, prop, str(source or ""))
            texts = nested
        else:
            key = TextKey(subject, prop)
            texts = [str(o) for o in graph.objects(subject, prop)
                     if isinstance(o, Literal) and o.language == lang]
        note = graph.value(rec, GCI.note)
        entries[key] = Entry(sorted(texts), graph.value(rec, GCI.reviewStatus),
                             str(source) if source is not None else None,
                             official.toPython() if official is not None else None,
                             str(note) if note is not None else None)
    for s, p, o in graph:
        if (isinstance(s, URIRef) and isinstance(o, Literal) and o.language == lang
                and p not in LANGUAGE_SPECIFIC and TextKey(s, p) not in entries):
            entries.setdefault(TextKey(s, p, ""), Entry([])).texts.append(str(o))
    return entries


# --- the audit ------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    source: Path
    lang: str
    key: TextKey
    kind: str
    english: str = ""

    def __str__(self) -> str:
        what = f"{_short(self.key.subject)} {_short(self.key.prop)}"
        if self.key.nested:
            what += f" (nested text {self.key.nested})"
        text = f": {self.english[:90]}" if self.english else ""
        return f"{self.source} [{self.lang}] {self.kind}: {what}{text}"


@dataclass
class FileAudit:
    """The state of one source file's translation into one language."""

    source: Path
    lang: str
    total: int = 0
    reviewed: int = 0
    unreviewed: int = 0
    issues: list[Issue] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for i in self.issues if i.kind == kind)

    @property
    def complete(self) -> bool:
        return not self.issues


def audit_file(source: Path, lang: str) -> FileAudit:
    """Compare a source file's English texts with its translation file."""
    english = english_texts(parse_turtle(source))
    target = translation_file(source, lang)
    tgraph = parse_turtle(target) if target.exists() else Graph()
    done = translated_texts(tgraph, lang)
    audit = FileAudit(source, lang, total=len(english))
    for lit in set(tgraph.objects()):
        if isinstance(lit, Literal) and lit.language and lit.language != lang:
            audit.issues.append(Issue(source, lang, TextKey(URIRef(""), RDF.value), WRONG_LANGUAGE,
                                      f'"{lit}"@{lit.language} in {target.name}'))
    orphans = {k for k in done if k not in english}
    for key, texts in sorted(english.items()):
        entry = done.get(key)
        en = " / ".join(texts)
        if entry is None or not entry.texts:
            # a nested text whose English changed shows as an orphan record beside it
            old = [o for o in orphans if o.nested and (o.subject, o.prop) == (key.subject, key.prop)]
            if old:
                orphans.discard(old[0])
            audit.issues.append(Issue(source, lang, key, STALE if old else MISSING, en))
        elif entry.status not in REVIEW_STATUSES or not entry.source_digest:
            audit.issues.append(Issue(source, lang, key, NO_STATUS, en))
        elif not key.nested and entry.source_digest != digest(texts):
            audit.issues.append(Issue(source, lang, key, STALE, en))
        elif entry.status == REVIEWED:
            audit.reviewed += 1
        else:
            audit.unreviewed += 1
    for key in sorted(orphans):
        audit.issues.append(Issue(source, lang, key, ORPHAN, "no English text to translate"))
    return audit


def audit(sources: Iterable[Path], langs: Iterable[str] = TRANSLATED) -> list[FileAudit]:
    return [audit_file(s, lang) for s in sources for lang in langs]


def source_files() -> list[Path]:
    """Every source file whose texts are translated: ontology, instruments and all
    requirement files (catalogue and shapes)."""
    from .locate import find

    return find().source_files()


# --- the look-up ----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A text in the language asked for, or the English one when there is none."""

    value: str
    lang: str
    status: str  # "source", "reviewed", "unreviewed", "stale"
    official: bool | None = None


class Texts:
    """The texts of a knowledge base in any of its languages."""

    def __init__(self, english: Graph, translations: Graph):
        self.english = english
        self.translations = translations
        self._done: dict[str, dict[TextKey, Entry]] = {}

    def _entries(self, lang: str) -> dict[TextKey, Entry]:
        if lang not in self._done:
            self._done[lang] = translated_texts(self.translations, lang)
        return self._done[lang]

    def get(self, node, prop: URIRef, lang: str) -> Text | None:
        english = sorted(str(o) for o in self.english.objects(node, prop) if is_english_text(prop, o))
        if not english:
            return None
        source = Text(" / ".join(english), SOURCE_LANGUAGE, "source")
        if lang == SOURCE_LANGUAGE:
            return source
        if isinstance(node, BNode):
            anc = named_ancestor(self.english, node)
            key = TextKey(anc, prop, digest(english)) if anc is not None else None
        else:
            key = TextKey(node, prop)
        entry = self._entries(lang).get(key) if key else None
        if entry is None or not entry.texts:
            return None
        fresh = bool(key.nested) or entry.source_digest == digest(english)
        status = REVIEW_STATUSES.get(entry.status, "unreviewed") if fresh else "stale"
        return Text(" / ".join(entry.texts), lang, status, entry.official)


# --- writing translation files ---------------------------------------------------


_LOCAL = re.compile(r"[A-Za-z_][\w-]*(?:\.[\w-]+)*")


def _short(node) -> str:
    text = str(node)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _name(graph: Graph, node: URIRef, used: set[str]) -> str:
    best = None
    for prefix, ns in graph.namespaces():
        ns = str(ns)
        if prefix and str(node).startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    if best is not None:
        local = str(node)[len(best[1]):]
        if local == "" or _LOCAL.fullmatch(local):
            used.add(best[0])
            return f"{best[0]}:{local}"
    return f"<{node}>"


def _literal(text: str, lang: str = "") -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def _prop_rank(prop: URIRef) -> tuple[int, str]:
    return (PROPERTY_ORDER.index(prop) if prop in PROPERTY_ORDER else len(PROPERTY_ORDER), str(prop))


def render(source: Path, lang: str, entries: dict[TextKey, Entry],
           extra: dict[tuple[URIRef, URIRef], list[str]] | None = None) -> str:
    """A translation file, written the same way every time (same entries, same bytes).
    `extra` holds language-specific labels (alt and hidden labels) by subject and property."""
    src = parse_turtle(source)
    src.bind("gci", GCI)
    src.bind("gcc", GCC)
    extra = extra or {}
    used: set[str] = {"gci", "gcc"}
    subjects = sorted({k.subject for k in entries} | {s for s, _ in extra},
                      key=lambda s: (find_subject_line(source, s) or 10**9, str(s)))
    blocks = []
    for subject in subjects:
        lines = []
        props = sorted({k.prop for k in entries if k.subject == subject and not k.nested}
                       | {p for s, p in extra if s == subject}, key=_prop_rank)
        for prop in props:
            entry = entries.get(TextKey(subject, prop))
            values = (entry.texts if entry else []) + extra.get((subject, prop), [])
            for value in values:
                lines.append(f"    {_name(src, prop, used)} {_literal(value, lang)}")
        records = []
        keyed = sorted((k for k in entries if k.subject == subject),
                       key=lambda k: (_prop_rank(k.prop), k.nested))
        for key in keyed:
            e = entries[key]
            parts = [f"gci:property {_name(src, key.prop, used)}", f'gci:language "{lang}"',
                     f"gci:reviewStatus {_name(src, e.status or UNREVIEWED, used)}",
                     f'gci:sourceDigest "{e.source_digest or ""}"']
            if e.official is not None:
                parts.append(f"gci:official {'true' if e.official else 'false'}")
            if e.note:
                # a note to reviewers, in English: a plain literal, not one of the file's texts
                parts.append(f"gci:note {_literal(e.note)}")
            if key.nested:
                parts += [f"gci:text {_literal(t, lang)}" for t in e.texts]
            records.append("        [ " + " ;\n          ".join(parts) + " ]")
        if records:
            lines.append("    gci:translation\n" + " ,\n".join(records))
        blocks.append(_name(src, subject, used) + "\n" + " ;\n".join(lines) + " .")
    prefixes = sorted((p, str(ns)) for p, ns in src.namespaces() if p in used)
    head = [f"# {LANGUAGE_LABEL[lang]} texts of {source.name} (the English source). Written by",
            "# `python -m checker.kb.translation_tool`; edit the texts freely, and see ontology/i18n.ttl",
            "# for the records (review status, digest of the English text translated).", ""]
    head += [f"@prefix {p}: <{ns}> ." for p, ns in prefixes]
    return "\n".join(head) + "\n\n" + "\n\n".join(blocks) + "\n"


LANGUAGE_LABEL = {"fr": "French", "es": "Spanish"}


def read_translation(source: Path, lang: str) -> tuple[dict[TextKey, Entry], dict]:
    """The entries and language-specific labels of an existing translation file."""
    target = translation_file(source, lang)
    if not target.exists():
        return {}, {}
    graph = parse_turtle(target)
    entries = {k: e for k, e in translated_texts(graph, lang).items() if e.status is not None}
    extra: dict[tuple[URIRef, URIRef], list[str]] = {}
    for s, p, o in graph:
        if p in LANGUAGE_SPECIFIC and isinstance(o, Literal) and o.language == lang:
            extra.setdefault((s, p), []).append(str(o))
    for key in [k for k in extra]:
        extra[key].sort()
    # texts without a record are kept as unreviewed texts of unknown source
    for key, e in translated_texts(graph, lang).items():
        if key not in entries and e.texts:
            entries[TextKey(key.subject, key.prop)] = Entry(sorted(e.texts), UNREVIEWED, "")
    return entries, extra

