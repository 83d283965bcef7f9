"""The severity policy: how binding a gap is, from the basis of each requirement-source link.

Every link between a requirement and a provision has a basis (obligation,
hedged-obligation, interpretation, soft-law, policy; ontology/concepts.ttl),
and each basis caps the severity of a gap that rests on it. A gap is binding
only through an obligation in an instrument that binds the state on the
profile's date, in a provision whose text was read (an unverified provision is
a pointer to confirm, not authority), tested against numbers that were checked.
A requirement can have several compliance shapes resting on different
provisions: a gap takes the strongest severity among the shapes that failed."""

from __future__ import annotations

from collections.abc import Iterable

from ..kb.requirements import Source
from .status import BINDING, RECOMMENDED, SEVERITIES, STANDARD, Severity

OBLIGATION, HEDGED, INTERPRETATION, SOFT_LAW, POLICY = (
    "obligation", "hedged-obligation", "interpretation", "soft-law", "policy")
BASES = (OBLIGATION, HEDGED, INTERPRETATION, SOFT_LAW, POLICY)  # strongest first


def weaker(a: str, b: str) -> Severity:
    """The less severe of two severities."""
    return max(Severity(a), Severity(b), key=SEVERITIES.index)


def strongest(severities: Iterable[str]) -> Severity | None:
    found = [Severity(s) for s in severities]
    return min(found, key=SEVERITIES.index) if found else None


def link_severity(cap: str, bound: bool, provision_status: str) -> Severity:
    """What one link can make of a gap. `cap` is the basis's severity cap (binding
    for an obligation); `bound`: the provision's instrument binds the state on the
    profile's date."""
    severity = Severity(cap)
    if severity == BINDING and not bound:
        severity = STANDARD
    if severity == BINDING and provision_status == "unverified":
        severity = STANDARD
    return severity


def shape_severity(link_severities: Iterable[str], numbers_checked: bool = True) -> Severity:
    """A failed shape: the strongest of the links it rests on, standard at most when
    a number it tests is not checked (e.g. the unverified two-year cap of LAB-04)."""
    severity = strongest(link_severities) or RECOMMENDED
    return severity if numbers_checked else weaker(severity, STANDARD)


def source_severity(source: Source, caps: dict[str, str], bound: frozenset[str]) -> Severity:
    """What one source can make of a gap, for a state bound by `bound` (slugs)."""
    return link_severity(caps.get(source.basis, STANDARD),
                         source.binding and source.instrument_slug in bound, source.status)
