"""Compare two reports requirement by requirement: what a bill (or a later
framework) closes, opens, leaves in place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rdflib import URIRef

from ..engine.findings import Evidence, FactValue, Finding, Report
from ..engine.status import MET, Severity, Status
from ..kb.namespaces import GCC


class ChangeKind(StrEnum):
    """What an amendment does to a requirement, in the order reports list them."""

    title: str
    colour: str

    OPENS = ("opens", "Opens (regressions)", "red")
    CLOSES = ("closes", "Closes", "green")
    REMAINS = ("remains", "Remains", "yellow")
    UNCHANGED = ("unchanged", "Unchanged", "")

    def __new__(cls, word: str, title: str, colour: str) -> ChangeKind:
        member = str.__new__(cls, word)
        member._value_ = word
        member.title, member.colour = title, colour
        return member

    @property
    def concept(self) -> URIRef:
        return GCC[f"change-{self.value}"]


OPENS, CLOSES, REMAINS, UNCHANGED = (ChangeKind.OPENS, ChangeKind.CLOSES, ChangeKind.REMAINS,
                                     ChangeKind.UNCHANGED)
CHANGES = tuple(ChangeKind)
SHOWN = (OPENS, CLOSES, REMAINS)  # what a comparison shows; unchanged is counted only


@dataclass(frozen=True)
class FactChange:
    """One fact as the framework had it and as the bill (or later framework) leaves
    it, with the new evidence that makes the change: the bill's clause and quote."""

    key: str  # measure.fact, as a profile author writes it
    label: str
    before: tuple[str, ...]  # () when the fact was not stated
    after: tuple[str, ...]
    clauses: tuple[Evidence, ...]


def fact_change(before: FactValue | None, after: FactValue) -> FactChange | None:
    old = before.values if before else ()
    same_qualifiers = before is not None and (before.qualifiers, before.contrary) == (
        after.qualifiers, after.contrary)
    if old == after.values and (same_qualifiers or before is None):
        return None
    known = set(before.evidence) if before else set()
    return FactChange(after.path, after.label, old, after.values,
                      tuple(e for e in after.evidence if e not in known))


@dataclass(frozen=True)
class Change:
    before: Finding
    after: Finding
    change: ChangeKind

    @property
    def ident(self) -> str:
        return self.after.ident

    @property
    def fact_changes(self) -> tuple[FactChange, ...]:
        """The facts this requirement reads whose value changes, in the order it reads them."""
        old = {f.path: f for f in self.before.facts}
        found = (fact_change(old.get(f.path), f) for f in self.after.facts)
        return tuple(c for c in found if c is not None)


@dataclass
class Comparison:
    baseline: Report
    amended: Report
    changes: list[Change]

    def by_change(self, change: str) -> list[Change]:
        return [c for c in self.changes if c.change == change]

    def fact_changes(self) -> list[tuple[FactChange, tuple[str, ...]]]:
        """Every fact the bill changes, once, with the requirements that read it."""
        seen: dict[str, tuple[FactChange, list[str]]] = {}
        for ch in self.changes:
            for fc in ch.fact_changes:
                seen.setdefault(fc.key, (fc, []))[1].append(ch.ident)
        return [(fc, tuple(idents)) for fc, idents in seen.values()]

    def opened_at_or_above(self, severity: str) -> list[Change]:
        """Regressions whose severity is at or above the given level."""
        rank = Severity(severity).rank
        return [c for c in self.by_change(OPENS) if Severity(c.after.severity).rank <= rank]


def classify(before: Finding, after: Finding) -> ChangeKind:
    """A gap and a partial finding both fall short of the requirement: a bill that
    narrows a protection (met -> partial) opens a gap; partial -> met closes one."""
    short_before, short_after = Status(before.status).falls_short, Status(after.status).falls_short
    if short_before and short_after:
        return REMAINS
    if short_before and after.status == MET:
        return CLOSES
    if short_after:
        return OPENS
    if short_before:
        return REMAINS  # now not applicable: the gap moved to what it depends on
    return UNCHANGED


def compare(baseline: Report, amended: Report) -> Comparison:
    before = {f.ident: f for f in baseline.findings}
    changes = [Change(before[f.ident], f, classify(before[f.ident], f)) for f in amended.findings]
    return Comparison(baseline, amended, changes)
