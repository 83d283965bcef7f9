"""Flag passages of an act or bill that look like known gaps, for a human to
confirm. The patterns are data (checker/akn/patterns.yaml), each with examples
it must and must not match, which the tests run."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from .reader import Document

PATTERNS = Path(__file__).with_name("patterns.yaml")
CONFIDENCE = ("high", "medium", "low")


@dataclass(frozen=True)
class Pattern:
    ident: str
    requirement: str
    description: str
    all: tuple[re.Pattern, ...]  # every one must match the passage
    none: tuple[re.Pattern, ...]  # the passage is skipped if any matches
    number_below: int | None  # if set, the first number captured by `number` must be below it
    number: re.Pattern | None
    confidence: str
    fragment: dict[str, Any]
    match: tuple[str, ...]
    no_match: tuple[str, ...]

    def matches(self, text: str) -> re.Match | None:
        first = None
        for rx in self.all:
            m = rx.search(text)
            if m is None:
                return None
            first = first or m
        if any(rx.search(text) for rx in self.none):
            return None
        if self.number is not None:
            # any age below the threshold counts: "under 16 at night; under 13 at all"
            low = [m for m in self.number.finditer(text) if int(m.group(1)) < self.number_below]
            if not low:
                return None
            first = low[0]
        return first


@dataclass(frozen=True)
class Hit:
    eid: str
    label: str
    citation: str  # e.g. "9(2)": the section's number with its subsection's
    snippet: str
    pattern: Pattern


def _compile(items: list[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(x, re.I) for x in items)


KEYS = {"id", "requirement", "description", "confidence", "all", "none", "number",
        "number_below", "fragment", "examples"}


@cache
def patterns(path: Path = PATTERNS) -> tuple[Pattern, ...]:
    raw = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    out = []
    for p in raw:
        # a misspelt key would silently drop an exclusion: refuse it
        unknown = set(p) - KEYS
        if unknown:
            raise ValueError(f"{path}: pattern {p.get('id')!r} has unknown keys {sorted(unknown)}")
        if ("number" in p) != ("number_below" in p):
            raise ValueError(f"{path}: pattern {p.get('id')!r} needs both number and number_below")
        if p.get("confidence", "medium") not in CONFIDENCE:
            raise ValueError(f"{path}: pattern {p.get('id')!r} has confidence "
                             f"{p.get('confidence')!r}; use one of {CONFIDENCE}")
        out.append(Pattern(
            p["id"], p["requirement"], p["description"], _compile(p.get("all", [])),
            _compile(p.get("none", [])), p.get("number_below"),
            re.compile(p["number"], re.I) if p.get("number") else None,
            p.get("confidence", "medium"), p.get("fragment", {}),
            tuple(p.get("examples", {}).get("match", [])),
            tuple(p.get("examples", {}).get("no_match", []))))
    return tuple(out)


def snippet(text: str, m: re.Match, width: int = 160) -> str:
    start = max(0, m.start() - width // 2)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _ancestors(doc: Document, prov) -> list:  # noqa: ANN001
    by_eid = doc.by_eid()
    chain = []
    while prov.parent and prov.parent in by_eid:
        prov = by_eid[prov.parent]
        chain.append(prov)
    return chain


def citation(doc: Document, prov) -> str:  # noqa: ANN001
    """The provision's number with those of its section: "9(2)(a)"."""
    nums = [p.num for p in reversed([prov, *_ancestors(doc, prov)])
            if p.kind not in ("part", "chapter", "title", "book", "division") and p.num]
    return "".join(n.rstrip(".") for n in nums) or prov.label


def scan(doc: Document) -> list[Hit]:
    """Every provision with its own text, against every pattern, in document order.
    A subsection is read with the headings above it, which often name its subject."""
    hits = []
    for prov in doc.provisions:
        if not prov.text:
            continue
        headings = [p.heading for p in reversed(_ancestors(doc, prov)) if p.heading]
        text = " ".join(x for x in (*headings, prov.heading, prov.text) if x)
        for pat in patterns():
            m = pat.matches(text)
            if m is not None:
                hits.append(Hit(prov.eid, prov.label, citation(doc, prov), snippet(text, m), pat))
    return hits


def draft_fragment(hits: list[Hit], document_id: str = "act") -> dict[str, Any]:
    """A profile fragment for the user to confirm: the facts the hits suggest,
    each with evidence pointing at the eId."""
    out: dict[str, Any] = {}
    for hit in hits:
        for measure, facts in hit.pattern.fragment.items():
            body = out.setdefault(measure, {})
            agree = []
            for key, value in facts.items():
                if body.setdefault(key, value) == value:
                    agree.append(key)
                else:  # two passages suggest different values: say so, keep the first
                    notes = body.setdefault("notes", "")
                    body["notes"] = (notes + " " if notes else "") + (
                        f"{hit.eid} suggests {key}: {value}; confirm which applies.")
            if not agree:
                continue
            ev = body.setdefault("evidence", [])
            entry = {"document": document_id, "section": hit.citation, "eid": hit.eid,
                     "about": sorted(agree)}
            if entry not in ev:
                ev.append(entry)
    return out
