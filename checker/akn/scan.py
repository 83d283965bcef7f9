"""Flag passages of an act or bill that a lawyer checking it against the
requirements would read first, for a human to confirm. The patterns are data
(checker/akn/patterns.yaml), each with sentences it must and must not match,
which the tests run.

How a passage is read:
- passages are the smallest numbered units that have words of their own,
  list items included; repealed and omitted ones are skipped;
- each is read in its context: the schedule it is in, the headings above it,
  and the words of the provisions around it (a list's opening words, the
  "shall be punished" after a list of offences); a hit belongs to the passage
  whose own words complete the match, so an opening phrase that matches alone
  is flagged once, not once per item under it;
- "contravenes section 3" is read with the text of section 3;
- numbers written in words are read as numbers ("fourteenth year" is 14th);
- definitions ("'child' means ...") are skipped unless a pattern reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from . import cite
from .reader import Document, Provision
from .text import numbers_in_words

PATTERNS = Path(__file__).with_name("patterns.yaml")
CONFIDENCE = ("high", "medium", "low")
KEYS = {"id", "requirement", "description", "confidence", "all", "none", "number",
        "number_below", "number_min", "collect", "collect_min", "fragment", "note",
        "definitions", "title", "own", "examples", "collect_one"}
NUMBER = "{number}"  # in a fragment: the number the pattern found
_DEFINITION = re.compile(r"^\W{0,3}(“[^”]{1,80}”|\"[^\"]{1,80}\"|‘[^’]{1,80}’|'[^']{1,80}'|‟[^”]{1,80}”)"
                         r"[^.;:]{0,200}?\b(means|mean|includes|include|has the|have the|shall have|"
                         r"shall mean|shall include|is defined)\b", re.I)
# the matters rules may deal with: a list of subjects, not rules
_ENABLING = re.compile(r"\b(rules|regulations|orders|by-?laws)\b[^.;]{0,40}\b(may|shall) (provide|"
                       r"prescribe|deal with|make provision) (for|as to)\b"
                       r"|\bpower to make (rules|regulations)\b", re.I)
_XREF = re.compile(r"\b(?:contravenes?|contravention of|fails? to comply with|in breach of|breach\w* of)"
                   r"\b[^.;]{0,40}?\b(?:sections?\s+(\d+[A-Z]{0,2})\b|sub-?sections?\s+\((\w+)\))", re.I)
AGGREGATE_LIMIT = 1500  # a list read as a whole, for values spread over its items


@dataclass(frozen=True)
class Pattern:
    ident: str
    requirement: str
    description: str
    all: tuple[re.Pattern, ...]  # every one must match the passage
    none: tuple[re.Pattern, ...]  # the passage is skipped if any matches
    own: tuple[re.Pattern, ...]  # every one must match the passage's own words
    number: re.Pattern | None  # captures a number in its first group
    number_below: int | None  # the number must be below this ...
    number_min: int | None  # ... and at least this
    # measure, fact, whether it takes a list, and the values with their regexes
    collect: tuple[tuple[str, str, bool, tuple[tuple[Any, re.Pattern], ...]], ...]
    collect_min: int
    confidence: str
    fragment: dict[str, Any]
    note: str | None
    definitions: bool  # read definitions too
    title: bool  # the act's title is part of the context
    match: tuple[str, ...]
    no_match: tuple[str, ...]

    def matches(self, text: str, own: str | None = None) -> Match | None:
        """Whether the pattern flags `text` (a passage in its context); `own` is the
        passage's own words, which must hold the `own` regexes and the number (by
        default the whole text)."""
        return self.read(_Text(text), _Text(own) if own is not None else None)

    def read(self, text: _Text, own: _Text | None = None) -> Match | None:
        own = own or text
        first = None
        for rx in self.all:
            m = text.search(rx)
            if m is None:
                return None
            first = first or m
        if any(own.search(rx) is None for rx in self.own):
            return None
        if any(text.search(rx) for rx in self.none):
            return None
        number = None
        if self.number is not None:
            found = [m for m in self.number.finditer(own.text) if self._in_range(int(m.group(1)))]
            if not found:
                return None
            number = int(found[0].group(1))
            if own is text:
                first = found[0]
        collected: dict[tuple[str, str], list[Any]] = {}
        for measure, fact, _, values in self.collect:
            got = [value for value, rx in values if text.search(rx)]
            if got:
                collected[(measure, fact)] = got
        if self.collect and sum(len(v) for v in collected.values()) < self.collect_min:
            return None
        return Match(first.start() if first else 0, first.end() if first else 0, number, collected)

    def _in_range(self, n: int) -> bool:
        return (self.number_below is None or n < self.number_below) and (
            self.number_min is None or n >= self.number_min)

    def facts(self, found: Match) -> dict[str, dict[str, Any]]:
        """The profile fragment a match suggests: the pattern's own facts with the
        number it found, and the values it collected."""
        out: dict[str, dict[str, Any]] = {}
        for measure, facts in self.fragment.items():
            body = out.setdefault(measure, {})
            for key, value in (facts or {}).items():
                body[key] = found.number if value == NUMBER else value
        multiple = {(m, f): many for m, f, many, _ in self.collect}
        for (measure, fact), values in found.collected.items():
            body = out.setdefault(measure, {})
            if multiple[(measure, fact)]:
                body[fact] = sorted(set(values) | set(body.get(fact) or []), key=str)
            else:  # one value: the first the pattern lists that the passage holds
                body[fact] = values[0]
        return out


class _Text:
    """A text and the results of the regexes already run on it: the patterns share
    many pieces (offence wording, repeal wording), each run once per passage."""

    __slots__ = ("text", "seen")

    def __init__(self, text: str):
        self.text = text
        self.seen: dict[re.Pattern, re.Match | None] = {}

    def search(self, rx: re.Pattern) -> re.Match | None:
        if rx not in self.seen:
            self.seen[rx] = rx.search(self.text)
        return self.seen[rx]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    number: int | None
    collected: dict[tuple[str, str], list[Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    eid: str  # the id to cite it by (id@2 when the id is used twice)
    label: str
    citation: str  # its number path, e.g. "s. 24(1)(f)"
    snippet: str
    quote: str | None  # exact words of the passage, verified against the act
    pattern: Pattern
    facts: dict[str, dict[str, Any]]
    index: int = 0  # the element's position in the document


def reads(pattern: Pattern, sentence: str) -> Match | None:
    """Whether a pattern flags a sentence read on its own, as the scan reads text
    (numbers in words as digits): what the examples in patterns.yaml are tested with."""
    return pattern.matches(numbers_in_words(sentence)[0])


@cache
def _regex(text: str) -> re.Pattern:
    # one object per regex (_Text remembers results by it); ASCII classes: twice as fast,
    # and the patterns are written in English
    return re.compile(text, re.I | re.A)


def _compile(items: list[str]) -> tuple[re.Pattern, ...]:
    return tuple(_regex(x) for x in items)


@cache
def patterns(path: Path = PATTERNS) -> tuple[Pattern, ...]:
    raw = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    out = []
    for p in raw["patterns"]:
        # a misspelt key would silently drop an exclusion: refuse it
        unknown = set(p) - KEYS
        if unknown:
            raise ValueError(f"{path}: pattern {p.get('id')!r} has unknown keys {sorted(unknown)}")
        if ("number_below" in p or "number_min" in p) and "number" not in p:
            raise ValueError(f"{path}: pattern {p.get('id')!r} has a number range but no number")
        if p.get("confidence", "medium") not in CONFIDENCE:
            raise ValueError(f"{path}: pattern {p.get('id')!r} has confidence "
                             f"{p.get('confidence')!r}; use one of {CONFIDENCE}")
        collect = []
        for where, values in (p.get("collect") or {}).items():
            # a fact collected as yes/no takes one value, one collected as concepts a list
            # unless `collect_one` names it; tests/test_akn_patterns.py checks this against
            # the profile format (this wing sits below the format and does not read it)
            measure, fact = where.split(".", 1)
            multiple = not (all(isinstance(v, bool) for v in values)
                            or where in (p.get("collect_one") or ()))
            collect.append((measure, fact, multiple,
                            tuple((v, _regex(rx)) for v, rx in values.items())))
        out.append(Pattern(
            p["id"], p["requirement"], p["description"], _compile(p.get("all", [])),
            _compile(p.get("none", [])), _compile(p.get("own", [])),
            _regex(p["number"]) if p.get("number") else None,
            p.get("number_below"), p.get("number_min"), tuple(collect), p.get("collect_min", 1),
            p.get("confidence", "medium"), p.get("fragment") or {}, p.get("note"),
            bool(p.get("definitions")), bool(p.get("title")),
            tuple(p.get("examples", {}).get("match", [])),
            tuple(p.get("examples", {}).get("no_match", []))))
    return tuple(out)


def snippet(text: str, start: int, end: int, width: int = 160) -> str:
    begin = max(0, min(start, len(text)) - width // 2)
    stop = min(len(text), max(begin + width, end))
    return ("…" if begin else "") + text[begin:stop].strip() + ("…" if stop < len(text) else "")


@dataclass
class Passage:
    prov: Provision
    context: str  # the headings of its section and below, and the words around it
    # (a Part's or Chapter's heading is too broad to make a passage relevant)
    own: str  # its own words (and what it cross-refers to), numbers as digits
    where: list[int]  # position in `words` of each character of `own`
    words: str  # what `own` was read from: the passage's own text, or a list's whole text
    titled: str  # the act's title and every heading: for patterns that read the title
    definition: bool  # a definition, or part of one
    enabling: bool  # a matter that rules may deal with


def passages(doc: Document) -> list[Passage]:
    out = []
    for prov in doc.provisions:
        if not prov.text or prov.status:
            continue
        out.append(_passage(doc, prov, prov.text))
    return out


def _passage(doc: Document, prov: Provision, words: str) -> Passage:
    """A provision's words (its own text, or its whole text) in their context."""
    above = [p for p in reversed(doc.ancestors(prov)) if p.role == "block"]
    headings = [prov.component] if prov.component else []
    headings += [p.heading for p in above if p.heading] + ([prov.heading] if prov.heading else [])
    around_parts = []
    for p in [*above, prov]:
        around_parts.extend(t for t in _continued(doc, p) if t)
        if p is not prov and p.text and not p.status:
            around_parts.append(p.text)
    context = _join(headings, around_parts)
    chain = [*above, prov]
    unit = next((i for i, p in enumerate(chain) if p.eid == prov.section), None)
    near = _join([p.heading for p in chain[unit:] if p.heading] if unit is not None else headings,
                 around_parts)
    own, where = numbers_in_words(words)
    extra = _cross_reference(doc, prov)
    if extra:
        own += " " + extra
    ctx = numbers_in_words(context)[0].strip()
    title = numbers_in_words(doc.title or "")[0]
    definition = any(_DEFINITION.match(t) for t in [prov.text, *around_parts[-2:]])
    enabling = bool(_ENABLING.search(" ".join([*headings, *around_parts[-2:]])))
    near = numbers_in_words(near)[0].strip()
    return Passage(prov, near, own, where, words, (title + ". " + ctx) if title else ctx,
                   definition, enabling)


def _join(headings: list[str], around: list[str]) -> str:
    text = ". ".join(h.rstrip(".—–-: ") for h in headings if h)
    return (text + ". " if text else "") + " ".join(around)


def _continued(doc: Document, lst: Provision) -> list[str]:
    """The opening words of the lists a list continues: a conversion sometimes breaks
    one list in two ("(a) (b)" then "(c) (d)"), leaving the second without its
    opening words."""
    out: list[str] = []
    if lst.kind not in ("blockList", "list") or lst.parent_index is None:
        return out
    siblings = doc.children(doc.elements[lst.parent_index])
    at = siblings.index(lst)
    while at > 0:
        prev, cur = siblings[at - 1], siblings[at]
        if prev.kind not in ("blockList", "list") or not _follows(doc, prev, cur):
            break
        out.insert(0, prev.text)
        at -= 1
    return out


def _follows(doc: Document, prev: Provision, cur: Provision) -> bool:
    items = [p for p in doc.children(prev) if p.num]
    nxt = [p for p in doc.children(cur) if p.num]
    if not items or not nxt:
        return False
    return cite.next_number(items[-1].num, nxt[0].num)


def _cross_reference(doc: Document, prov: Provision) -> str:
    """The text of the sections (or subsections of its own section) a passage says
    one must not contravene."""
    texts = []
    units = doc.by_id().get(prov.section or "", [])
    unit = units[0] if len(units) == 1 else None
    for m in _XREF.finditer(prov.text):
        if m.group(1):
            target = cite.by_path(doc, f"s. {m.group(1)}")
        elif unit is not None:
            target = cite.by_path(doc, f"{unit.path}({m.group(2)})")
        else:
            target = []
        if target and target[0] is not prov and not doc.within(target[0], prov):
            body = target[0].full_text
            texts.append(f"[{target[0].path}: {body[:600]}]")
    return numbers_in_words(" ".join(texts))[0] if texts else ""


def scan(doc: Document, only: tuple[Pattern, ...] | None = None) -> list[Hit]:
    """Every passage against every pattern, in document order. A passage is flagged
    when the pattern matches it in its context, and either the context alone does
    not match, or the passage's own words carry most of the pattern and no
    provision above it is flagged for it (headings alone matched). Then a list
    whose items together hold what a pattern collects (the means of trafficking
    listed one per item) is flagged as a whole."""
    hits = []
    flagged: dict[str, set[int]] = {}
    chosen = only or patterns()
    for passage in passages(doc):
        prov = passage.prov
        above = {p.index for p in doc.ancestors(prov)}
        own = _Text(passage.own)
        texts: dict[str, tuple[_Text, _Text]] = {}
        for pat in chosen:
            if (passage.definition and not pat.definitions) or passage.enabling:
                continue
            ctx = passage.titled if pat.title else passage.context
            if ctx not in texts:
                texts[ctx] = (_Text(f"{ctx} {passage.own}" if ctx else passage.own), _Text(ctx))
            text, alone = texts[ctx]
            found = pat.read(text, own)
            if found is None:
                continue
            if ctx and pat.read(alone, own) is not None:
                # the context matches without the passage's own words: only a passage
                # that carries most of the pattern itself, under no flagged provision
                carried = sum(1 for rx in pat.all if rx.search(passage.own))
                if above & flagged.get(pat.ident, set()) or 2 * carried <= len(pat.all):
                    continue
            flagged.setdefault(pat.ident, set()).add(prov.index)
            hits.append(_hit(doc, passage, pat, found, len(ctx) + 1 if ctx else 0))
    hits.extend(_lists(doc, [p for p in chosen if p.collect_min > 1], flagged))
    return sorted(hits, key=lambda h: h.index)


def _lists(doc: Document, chosen: list[Pattern], flagged: dict[str, set[int]]) -> list[Hit]:
    hits: list[Hit] = []
    for prov in doc.provisions:
        if not doc.children(prov) or prov.status or len(prov.full_text) > AGGREGATE_LIMIT:
            continue
        passage = None
        for pat in chosen:
            done = flagged.get(pat.ident, set())
            if any(doc.within(doc.elements[i], prov) or doc.within(prov, doc.elements[i])
                   for i in done):
                continue
            passage = passage or _passage(doc, prov, prov.full_text)
            if (passage.definition and not pat.definitions) or passage.enabling:
                continue
            ctx = passage.titled if pat.title else passage.context
            found = pat.matches(f"{ctx} {passage.own}" if ctx else passage.own, passage.own)
            if found is None or (ctx and pat.matches(ctx, passage.own) is not None):
                continue
            done.add(prov.index)
            flagged[pat.ident] = done
            hits.append(_hit(doc, passage, pat, found, len(ctx) + 1 if ctx else 0))
    return hits


def _hit(doc: Document, passage: Passage, pat: Pattern, found: Match, offset: int) -> Hit:
    prov, words = passage.prov, passage.words
    own_start = found.start - offset
    if 0 <= own_start < len(passage.where):
        at = passage.where[own_start]
        end = passage.where[min(found.end - offset, len(passage.where)) - 1] + 1
    else:  # the match began in the context: the passage as a whole
        at, end = 0, min(len(words), 80)
    return Hit(prov.cite_id, prov.label, prov.path or prov.label, snippet(words, at, end),
               quote_for(doc, prov, at, end, words), pat, pat.facts(found), prov.index)


_BOUNDARY = re.compile(r"(?<=[.;:])\s+|—")


def quote_for(doc: Document, prov: Provision, start: int, end: int, text: str,
              limit: int = 240) -> str | None:
    """Exact words of the passage around a match: the clause it is in, shortened
    with an ellipsis where long; None if no such quote verifies (never a quote
    that `gapcheck check` would refuse)."""
    bounds = [0] + [m.end() for m in _BOUNDARY.finditer(text)] + [len(text)]
    left = max(b for b in bounds if b <= start)
    right = min((b for b in bounds if b >= end), default=len(text))
    candidates = [text[left:right].strip()]
    if right - left > limit:
        lo = max(left, start - limit // 3)
        hi = min(right, max(end, lo + limit))
        lo = text.rfind(" ", left, lo) + 1 if lo > left else left
        hi_space = text.find(" ", hi)
        hi = right if hi_space < 0 or hi_space > right else hi_space
        candidates = [("… " if lo > left else "") + text[lo:hi].strip() + (" …" if hi < right else "")]
    candidates.append(text[:limit].rsplit(" ", 1)[0] if len(text) > limit else text)
    for quote in candidates:
        quote = quote.strip(" ,;:—–-")
        if len(quote) >= 3 and cite.quote_in(doc, prov, quote):
            return quote
    return None
