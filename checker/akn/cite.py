"""Cite an element of an Akoma Ntoso document, as profile evidence does.

- `resolve`: the element an id names. Any element with an id can be cited
  (sections, subsections, paragraphs, points, list items and list containers,
  schedules and their entries, tables). An id used more than once in the act
  is refused, naming every place, unless the citation says which: `id@2` (the
  second element with that id, in document order) or a `section` that matches
  the number path of exactly one of them ("s. 4(1)").
- `check_quote`: whether a quote is in the cited element's text (see
  checker.akn.text for what is normalised).
- `suggest`: the ids nearest a missing one in the document's structure: the
  same provision first (the deepest part of the id that exists), then by the
  distance between numbers; never by spelling alone across sections."""

from __future__ import annotations

import difflib
import re
import weakref
from dataclasses import dataclass

from .reader import ID_GRAMMAR, Document, Provision
from .text import closest, contains, quote_parts, skeleton

CITATION = re.compile(rf"(?P<id>{ID_GRAMMAR.pattern})(?:@(?P<n>[1-9][0-9]{{0,4}}))?")


class CiteError(Exception):
    """A citation that cannot be resolved: what is wrong, and what to write instead."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def shown(value: str) -> str:
    """A value from a profile, safe to print: quoted, control characters escaped."""
    text = value if len(value) <= 80 else value[:77] + "..."
    return repr(text) if not CITATION.fullmatch(value) else f"'{text}'"


def where(doc: Document, prov: Provision) -> str:
    return f"{doc.path}:{prov.line}" if prov.line else str(doc.path)


def describe(prov: Provision) -> str:
    """"s. 24(1)(f)" with the heading when there is one."""
    bits = [prov.path or prov.kind]
    if prov.heading:
        bits.append(prov.heading.rstrip(".—–- "))
    return " ".join(bits)


def normal_path(text: str) -> str:
    """A number path as a user might write it, reduced for comparison:
    "section 24 (1)(f)" and "s. 24(1)(f)" are the same."""
    text = text.casefold().strip()
    text = re.sub(r"^(ss?|secs?|sections?|arts?|articles?|r|rules?|regs?|regulations?|paras?|"
                  r"paragraphs?|cls?|clauses?)\b\.?\s*", "", text)
    return re.sub(r"[\s.,]", "", text)


def by_path(doc: Document, section: str) -> list[Provision]:
    """The provisions whose number path is the one given, outermost first."""
    want = normal_path(section)
    return [p for p in doc.provisions if want and normal_path(p.path) == want]


def resolve(doc: Document, value: str, section: str | None = None) -> Provision:
    """The element a citation names; CiteError if there is none or it is ambiguous."""
    m = CITATION.fullmatch(value)
    if not m:
        raise CiteError(f"{shown(value)} is not an element id",
                        "an id is letters, digits and _ . - : ~, as in the XML "
                        "(`gapcheck akn outline FILE` lists them); add @2 for the second "
                        "element with the same id")
    base, n = m.group("id"), m.group("n")
    found = doc.by_id().get(base, [])
    if not found:
        raise CiteError(f"evidence cites eId '{base}', which is not in {doc.path}",
                        _suggestion_hint(doc, base))
    if n is not None:
        if int(n) > len(found):
            raise CiteError(f"'{value}' asks for element {n} with the id '{base}', but "
                            f"{doc.path} has {len(found)}",
                            "; ".join(f"{p.cite_id}: {describe(p)} at {where(doc, p)}"
                                      for p in found) if len(found) > 1 else f"write '{base}'")
        return found[int(n) - 1]
    if len(found) == 1:
        return found[0]
    if section:
        same = [p for p in found if normal_path(p.path) == normal_path(section)]
        if len(same) == 1:
            return same[0]
    places = "; ".join(f"{describe(p)} at {where(doc, p)}" for p in found)
    raise CiteError(f"the id '{base}' is used {len(found)} times in {doc.path}, so the "
                    f"citation is ambiguous: {places}",
                    "say which: " + ", ".join(f"`eid: {p.cite_id}` for line {p.line}"
                                               for p in found)
                    + (", or give the section as the act numbers it" if len(
                        {normal_path(p.path) for p in found}) == len(found) else ""))


# --- quotes ------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteProblem:
    closest: str  # the passage of the cited text nearest the quote
    found_in: Provision | None  # a finer or other element where the quote is


class _Skeletons:
    """Skeletons of the elements' texts, computed once per document. Each entry
    remembers its document weakly: a document read later may get the id of one
    that is gone, and must not get its skeletons."""

    def __init__(self) -> None:
        self.cache: dict[tuple[int, int, bool], tuple[weakref.ref, str]] = {}

    def of(self, doc: Document, prov: Provision | None, own: bool = False) -> str:
        key = (id(doc), prov.index if prov is not None else -1, own)
        entry = self.cache.get(key)
        if entry is None or entry[0]() is not doc:
            if len(self.cache) > 200_000:
                self.cache.clear()
            text = doc.full_text() if prov is None else (prov.text if own else prov.full_text)
            entry = self.cache[key] = (weakref.ref(doc), skeleton(text))
        return entry[1]


_SKELETONS = _Skeletons()


def quote_in(doc: Document, prov: Provision | None, quote: str) -> bool:
    """Whether the quote is in the element's whole text, or in its own text as the
    outline shows it (which skips its sub-provisions)."""
    parts = quote_parts(quote)
    if not parts:  # nothing but punctuation: compare as written
        text = prov.full_text if prov is not None else doc.full_text()
        return quote.strip() in text
    return contains(_SKELETONS.of(doc, prov), parts) or (
        prov is not None and contains(_SKELETONS.of(doc, prov, own=True), parts))


def check_quote(doc: Document, prov: Provision | None, quote: str) -> QuoteProblem | None:
    """None when the quote is in the element's text (the whole act's when prov is
    None); otherwise the nearest passage, and the finest element that does hold it."""
    if quote_in(doc, prov, quote):
        return None
    parts = quote_parts(quote)
    found_in = None
    if parts:
        holders = [p for p in doc.provisions if contains(_SKELETONS.of(doc, p), parts)]
        if holders:
            found_in = max(holders, key=lambda p: (p.depth, -p.index))
    text = prov.full_text if prov is not None else doc.full_text()
    return QuoteProblem(closest(text, quote), found_in)


# --- did you mean ------------------------------------------------------------------

_SPLIT = re.compile(r"__|[._\-/:~]")
_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})", re.I)


def _tokens(ident: str) -> list[tuple[str, object]]:
    """An id as a list of labels ("section", "list") and values (24, "f", "iv")."""
    out: list[tuple[str, object]] = []
    for i, part in enumerate(p for p in _SPLIT.split(ident) if p):
        m = re.fullmatch(r"([A-Za-z]*?)(\d+)([A-Za-z]*)", part)
        if m:
            if m.group(1):
                out.append(("label", m.group(1).lower()))
            out.append(("value", (int(m.group(2)), m.group(3).lower())))
        elif i > 0 and len(part) <= 4 and (len(part) <= 2 or _ROMAN.fullmatch(part)):
            out.append(("value", part.lower()))
        else:
            out.append(("label", part.lower()))
    return out


def _letters(value: str) -> int | None:
    if not value.isalpha():
        return None
    n = 0
    for ch in value:
        n = n * 26 + (ord(ch) - 96)
    return n if value == value[0] * len(value) or len(value) <= 2 else None


def _roman(value: str) -> int | None:
    if not value or not _ROMAN.fullmatch(value):
        return None
    nums = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    for a, b in zip(value, value[1:] + " ", strict=True):
        va, vb = nums[a], nums.get(b, 0)
        total += -va if va < vb else va
    return total


def _distance(a: object, b: object) -> float:
    """How far apart two values are, as numbers: 3 and 5 are 2 apart, (f) and (e)
    are 1 apart, (iv) and (v) are 1 apart."""
    if a == b:
        return 0.0
    if isinstance(a, tuple) and isinstance(b, tuple):
        return abs(a[0] - b[0]) + (0.5 if a[1] != b[1] else 0)
    if isinstance(a, str) and isinstance(b, str):
        options = []
        for conv in (_letters, _roman):
            x, y = conv(a), conv(b)
            if x is not None and y is not None:
                options.append(abs(x - y))
        return float(min(options)) if options else 10.0
    return 10.0


def _sub_cost(a: tuple[str, object], b: tuple[str, object]) -> float:
    if a[0] != b[0]:
        return 1.5
    if a[0] == "label":
        return 0.0 if a[1] == b[1] else 1.5
    return 0.0 if a[1] == b[1] else min(1.0, 0.2 + 0.1 * _distance(a[1], b[1]))


def next_number(a: str, b: str) -> bool:
    """Whether num b comes right after num a: (c) after (b), (iv) after (iii), 4 after 3."""
    x, y = (re.sub(r"[^\w]", "", n).lower() for n in (a, b))
    if x.isdigit() and y.isdigit():
        return int(y) == int(x) + 1
    for conv in (_letters, _roman):
        vx, vy = conv(x), conv(y)
        if vx is not None and vy is not None and vy == vx + 1:
            return True
    return False


def _cost(x: list[tuple[str, object]], y: list[tuple[str, object]]) -> float:
    """Edit distance between two token lists (insert or drop a level: 1)."""
    prev = [float(j) for j in range(len(y) + 1)]
    for i in range(1, len(x) + 1):
        cur = [float(i)] + [0.0] * len(y)
        for j in range(1, len(y) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + _sub_cost(x[i - 1], y[j - 1]))
        prev = cur
    return prev[-1]


def _first_value(tokens: list[tuple[str, object]]) -> tuple[int, object] | None:
    return next(((i, t[1]) for i, t in enumerate(tokens) if t[0] == "value"), None)


def suggest(doc: Document, value: str, n: int = 3) -> list[Provision]:
    """The citable elements nearest a missing id, nearest first."""
    ids = doc.by_id()
    # the deepest part of the id that exists: look inside it
    cuts = [m.start() for m in _SPLIT.finditer(value)]
    want = _tokens(value)
    for cut in reversed(cuts):
        head = ids.get(value[:cut])
        if not head:
            continue
        pool = [p for p in doc.elements if p.role != "meta" and p not in head and any(
            doc.within(h, p) for h in head)]
        scored = sorted((_cost(want, _tokens(p.eid)), p.index, p) for p in pool)
        near = [p for cost, _, p in scored[:n] if cost <= 3.0]
        if near:
            return near
    # nothing of it exists: elements of the same kind, nearest number first
    first = _first_value(want)
    if first is None:
        return []
    at, number = first
    labels = [t for t in want[:at] if t[0] == "label"]
    pool = [p for p in doc.elements if p.role != "meta"]
    if labels:
        known = {t[1] for p in pool for t in _tokens(p.eid)[:1] if t[0] == "label"}
        label = labels[0][1]
        if label not in known:
            close = difflib.get_close_matches(label, sorted(known), n=1, cutoff=0.6)
            if not close:
                return []
            label = close[0]
        pool = [p for p in pool if _tokens(p.eid)[:1] == [("label", label)]]
    scored = []
    for p in pool:
        toks = _tokens(p.eid)
        other = _first_value(toks)
        if other is None or other[0] != at:
            continue
        scored.append(((_distance(number, other[1]), _cost(want[at + 1:], toks[at + 1:]),
                        p.index), p))
    scored.sort(key=lambda s: s[0])
    return [p for _, p in scored[:n]]


def _suggestion_hint(doc: Document, value: str) -> str:
    near = suggest(doc, value)
    listing = f"`gapcheck akn outline {doc.path}` lists its ids"
    if not near:
        return listing
    return "did you mean " + " or ".join(f"'{p.cite_id}' ({describe(p)})" for p in near) + \
        f"? {listing}"
