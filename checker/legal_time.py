"""When an instrument binds a state on a profile's date.

Each binding instrument carries, as data, the rule of its final clauses for a
state that becomes bound after its general entry into force (twelve months after
registration for ILO conventions, the thirtieth day after deposit for the
Palermo Protocol, the first day of the month after three months for CETS 197)
and the rule for when a denunciation takes effect. This module applies those
rules to the dates a profile gives. The functions are pure; `read_instruments`
reads the rules from a knowledge-base graph."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef

from .namespaces import GC, GCC


@dataclass(frozen=True)
class TimeRule:
    """A delay after the state's act (deposit, registration, notification)."""

    months: int = 0
    days: int = 0
    first_of_next_month: bool = False  # "the first day of the month following ..."
    text: str = ""
    provision: str | None = None  # citation of the provision it comes from
    status: str = "unverified"

    def apply(self, start: dt.date) -> dt.date:
        when = add_months(start, self.months) + dt.timedelta(days=self.days)
        if self.first_of_next_month:
            when = first_of_next_month(when)
        return when


@dataclass(frozen=True)
class InstrumentTime:
    """What the knowledge base says about when an instrument binds a state."""

    iri: URIRef
    slug: str
    name: str
    binding: bool
    entry_into_force: dt.date | None  # general entry into force
    entry_rule: TimeRule | None
    denunciation_rule: TimeRule | None


@dataclass(frozen=True)
class Binding:
    """One ratification of a profile, judged on the profile's date."""

    instrument: str  # slug
    name: str  # short name
    ratified: dt.date | None
    in_force: dt.date | None  # for this state
    denounced: dt.date | None
    ends: dt.date | None  # the denunciation takes effect
    bound: bool  # the instrument binds the state on the profile's date
    note: str  # "party since ..., in force for the state since ..."


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the last day of the month where it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def in_force_for_state(inst: InstrumentTime, ratified: dt.date) -> dt.date:
    """The instrument's rule for a late ratifier, never before its general entry into force."""
    when = inst.entry_rule.apply(ratified) if inst.entry_rule else ratified
    if inst.entry_into_force and inst.entry_into_force > when:
        return inst.entry_into_force
    return when


def denunciation_effective(inst: InstrumentTime, denounced: dt.date) -> dt.date:
    return inst.denunciation_rule.apply(denounced) if inst.denunciation_rule else denounced


def judge(inst: InstrumentTime, ratified: dt.date | None, denounced: dt.date | None,
          as_of: dt.date | None) -> tuple[Binding, list[tuple[str, str]]]:
    """The state's position under one instrument on `as_of`, and warnings as
    (message, hint) pairs for dates the profile should not have."""
    warnings: list[tuple[str, str]] = []
    name = inst.name

    def result(bound: bool, note: str, in_force=None, ends=None) -> tuple[Binding, list]:  # noqa: ANN001
        return Binding(inst.slug, name, ratified, in_force, denounced, ends, bound, note), warnings

    if not inst.binding:
        return result(False, "soft law: binds no state")
    if ratified is None:
        warnings.append((f"{name}: the ratification has no date, so gapcheck cannot tell when "
                         f"it entered into force for the state; it is counted as binding on "
                         f"{as_of or 'the profile date'}",
                         "add `date:` (the date of deposit, or of registration for an ILO convention)"))
        return result(True, "party (no date given), counted as in force for the state")
    if as_of is not None and ratified > as_of:
        warnings.append((f"{name}: the ratification is dated {ratified}, after this profile's date "
                         f"({as_of}); it is not counted, so no gap is binding through it",
                         "correct the date, or remove the ratification until it has happened"))
        return result(False, f"ratification dated {ratified}, after this profile's date: not counted")
    in_force = in_force_for_state(inst, ratified)
    if denounced is not None and denounced < ratified:
        warnings.append((f"{name}: the denunciation ({denounced}) is dated before the ratification "
                         f"({ratified}); the denunciation is not counted",
                         "correct one of the two dates"))
        denounced = None
    ends = None
    if denounced is not None and as_of is not None and denounced > as_of:
        warnings.append((f"{name}: the denunciation is dated {denounced}, after this profile's date "
                         f"({as_of}); it is not counted", "correct the date"))
        denounced = None
    if denounced is not None:
        ends = denunciation_effective(inst, denounced)
    party = f"party since {ratified}"
    if as_of is not None and in_force > as_of:
        return result(False, f"{party}, in force for the state only from {in_force}, after this "
                             "profile's date", in_force)
    if ends is not None and (as_of is None or ends <= as_of):
        return result(False, f"party from {ratified}; denounced {denounced}, no longer binding "
                             f"since {ends}", in_force, ends)
    note = f"{party}, in force for the state since {in_force}"
    if ends is not None:
        note += f"; denounced {denounced}, ceases to bind on {ends}"
    return result(True, note, in_force, ends)


def _date(value) -> dt.date | None:  # noqa: ANN001
    python = value.toPython() if value is not None else None
    return python if isinstance(python, dt.date) else None


def _rule(graph: Graph, node) -> TimeRule | None:  # noqa: ANN001
    if node is None:
        return None
    prov = graph.value(node, GC.ruleProvision)
    status = graph.value(node, GC.checkingStatus)
    return TimeRule(
        int(graph.value(node, GC.delayMonths) or 0), int(graph.value(node, GC.delayDays) or 0),
        bool(graph.value(node, GC.firstDayOfNextMonth).toPython()
             if graph.value(node, GC.firstDayOfNextMonth) is not None else False),
        str(graph.value(node, GC.ruleText) or ""),
        str(graph.value(prov, GC.citation)) if prov is not None else None,
        str(status).rsplit("#", 1)[-1] if status is not None else "unverified")


def read_instruments(graph: Graph) -> dict[URIRef, InstrumentTime]:
    """Every instrument of the knowledge base with its time rules."""
    out = {}
    for iri in graph.subjects(RDF.type, GC.Instrument):
        out[iri] = InstrumentTime(
            iri, str(iri).rsplit("/", 1)[-1], str(graph.value(iri, GC.shortName) or iri),
            graph.value(iri, GC.bindingness) == GCC.binding,
            _date(graph.value(iri, GC.entryIntoForce)),
            _rule(graph, graph.value(iri, GC.entryIntoForceRule)),
            _rule(graph, graph.value(iri, GC.denunciationRule)))
    return out
