"""When an instrument binds a state, as data: its general entry into force and
the rules of its final clauses for a state that becomes bound later (twelve
months after registration for ILO conventions, the thirtieth day after deposit
for the Palermo Protocol, the first day of the month after three months for
CETS 197) and for when a denunciation takes effect. engine/legal_time.py
applies them to the dates a profile gives."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from rdflib import RDF, Graph, URIRef

from .base import KnowledgeBase
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


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the last day of the month where it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


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


def instruments(kb: KnowledgeBase) -> dict[URIRef, InstrumentTime]:
    """The time rules of a knowledge base's instruments, read once per knowledge base."""
    return kb.derived("instrument_times", lambda base: read_instruments(base.graph))
