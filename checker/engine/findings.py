"""What the engine returns: findings per requirement, with the facts and
evidence they looked at, gathered in a Report per profile."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field, fields
from typing import Any

from rdflib import Graph, URIRef

from ..errors import Problem
from ..kb import requirements as reqmod
from ..profile.qualified import ContraryRule, Qualifier
from .legal_time import Binding
from .status import GAP, NOT_ASSESSED, SEVERITIES, STATUSES


@dataclass(frozen=True)
class Evidence:
    document: str | None  # title of the national document
    document_id: str | None
    document_iri: str | None
    section: str | None
    eid: str | None
    url: str | None
    quote: str | None
    role: str = "supports"  # supports | contrary | context | pointer
    provision_status: str | None = None  # repealed | omitted, as the source shows it


@dataclass(frozen=True)
class FactValue:
    measure: str  # YAML key of the measure
    fact: str  # YAML key of the fact
    label: str
    values: tuple[str, ...]  # notations / literals as written; "silent" for silence
    evidence: tuple[Evidence, ...]
    measure_prop: URIRef | None = None  # the property that links the profile to the measure
    qualifiers: tuple[Qualifier, ...] = ()  # what the law attaches to the values
    contrary: tuple[ContraryRule, ...] = ()  # rules that run against the requirement

    @property
    def path(self) -> str:
        return f"{self.measure}.{self.fact}"

    @property
    def assessed(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True)
class Finding:
    requirement: reqmod.Requirement
    status: str
    severity: str | None  # for gaps only
    messages: tuple[str, ...]
    facts: tuple[FactValue, ...]
    party_to: tuple[str, ...]  # source instruments that bind the state on the profile's date
    failing_shapes: tuple[str, ...] = ()
    rests_on: tuple[URIRef, ...] = ()  # for a gap or partial: the provisions of the shapes that failed
    explanations: tuple[str, ...] = ()  # why qualifiers, contrary rules or silence shaped it

    def failed_source(self, source: reqmod.Source) -> bool:
        """Does the finding rest on this source (a provision of a shape that failed)?"""
        return source.provision in self.rests_on

    @property
    def ident(self) -> str:
        return self.requirement.ident

    def __reduce_ex__(self, protocol: Any) -> Any:
        # between processes a requirement travels as its id and the receiver uses its
        # own catalogue's object: 66 requirements per report are not copied by value
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        for token, requirements in reversed(_CATALOGUES):
            if requirements.get(self.ident) is self.requirement:
                state["requirement"] = (token, self.ident)
                return (_finding, (state,))
        return super().__reduce_ex__(protocol)


# (token, requirements) of every catalogue an engine of this process was built on
_CATALOGUES: list[tuple[str, dict[str, reqmod.Requirement]]] = []


def register_catalogue(token: str, requirements: dict[str, reqmod.Requirement]) -> None:
    """Let findings on these requirements travel by id; `token` names the knowledge
    base, the same in every process that reads the same files."""
    if not any(r is requirements for _t, r in _CATALOGUES):
        _CATALOGUES.append((token, requirements))


def _finding(state: dict[str, Any]) -> Finding:
    token, ident = state["requirement"]
    found = next((r for t, r in reversed(_CATALOGUES) if t == token), None)
    if found is None:
        raise RuntimeError("a finding arrived for a knowledge base this process has not "
                           "loaded (build its engine first)")
    state["requirement"] = found[ident]
    return Finding(**state)


@dataclass(frozen=True)
class ProfileInfo:
    ident: str
    title: str
    kind: str
    state_code: str | None
    state_name: str | None
    as_of: str | None
    fictional: bool
    groups: tuple[str, ...]
    ratifications: tuple[tuple[str, str | None], ...]  # (instrument slug, date)
    path: str | None
    amends: str | None = None
    corpus: str | None = None  # the corpus of acts the profile describes, and only it
    assumed: tuple[str, ...] = ()  # instruments whose ratification is assumed, not confirmed
    bindings: tuple[Binding, ...] = ()  # each ratification on the profile's date
    warnings: tuple[Problem, ...] = ()  # dates the profile should not have
    lang: str | None = None  # the language the author wrote the profile's texts in (`lang:`)

    def binding(self, slug: str) -> Binding | None:
        return next((b for b in self.bindings if b.instrument == slug), None)

    @property
    def bound(self) -> frozenset[str]:
        """Slugs of the instruments that bind the state on the profile's date."""
        return frozenset(b.instrument for b in self.bindings if b.bound)


@dataclass
class Report:
    profile: ProfileInfo
    findings: list[Finding]
    # the profile's graph; between worker processes it travels as bytes and is
    # rebuilt only if someone reads it (checking many profiles never does)
    _graph: Graph | bytes = field(repr=False, default_factory=Graph)

    @property
    def graph(self) -> Graph:
        if isinstance(self._graph, bytes):
            self._graph = pickle.loads(self._graph)  # noqa: S301 - our own worker's bytes
        return self._graph

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        if isinstance(self._graph, Graph):
            state["_graph"] = pickle.dumps(self._graph, protocol=pickle.HIGHEST_PROTOCOL)
        return state

    def by_status(self, status: str) -> list[Finding]:
        return [f for f in self.findings if f.status == status]

    @property
    def coverage(self) -> float:
        """Share of requirements the profile lets us assess (all but 'not assessed')."""
        if not self.findings:
            return 0.0
        return 1 - len(self.by_status(NOT_ASSESSED)) / len(self.findings)

    def counts(self) -> dict[str, int]:
        return {s: len(self.by_status(s)) for s in STATUSES}

    def gap_counts(self) -> dict[str, int]:
        gaps = self.by_status(GAP)
        return {s: sum(1 for f in gaps if f.severity == s) for s in SEVERITIES}

    def finding(self, ident: str) -> Finding:
        return next(f for f in self.findings if f.ident == ident)
