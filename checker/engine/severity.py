"""The severity policy: how binding a gap is, from the profile's ratifications
and the bindingness of the requirement's sources."""

from __future__ import annotations

from rdflib import URIRef

from ..kb import requirements as reqmod
from .status import BINDING, RECOMMENDED, STANDARD


def severity(requirement: reqmod.Requirement, parties: set[URIRef]) -> tuple[str, tuple[str, ...]]:
    """binding if the state is party to a binding source; standard if the binding
    sources bind it not; recommended if every source is soft law."""
    binding = [s for s in requirement.sources if s.binding]
    party = sorted({s.instrument_name for s in binding if s.instrument in parties})
    if party:
        return BINDING, tuple(party)
    return (STANDARD if binding else RECOMMENDED), ()
