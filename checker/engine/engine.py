"""The engine: validate profiles against the requirement shapes and turn the
SHACL results into findings.

Results are sorted by the role of the shape that produced them: coverage ->
"not assessed"; compliance -> "gap". Dependencies then make some requirements
"not applicable". Profiles given as RDF are first checked for well-formedness
(phase 1, engine/wellformed.py)."""

from __future__ import annotations

from ..kb import base, cache
from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GCP
from ..profile import format as schemamod
from ..profile.model import Profile
from . import choice, prepared
from .facts import FactReader, ProfileIndex, profile_info
from .findings import FactValue, Finding, ProfileInfo, Report, register_catalogue
from .results import Result
from .severity import severity
from .status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED
from .wellformed import WellFormedness


class Engine:
    """The requirement shapes of one knowledge base, prepared once by one SHACL
    engine (engine/choice.py); check() as many profiles as you like."""

    def __init__(self, kb: KnowledgeBase, engine: str | None = None) -> None:
        self.kb = kb
        self.name = choice.resolve(engine)
        prepared.prime(kb)
        self.schema = schemamod.load(kb)
        self.catalogue = reqmod.load(kb)
        self.compliance = choice.prepare(self.name, self.catalogue.shapes_graph,
                                         prepared.cached(kb, f"{self.name}-form"))
        form = getattr(self.compliance, "compiled_form", None)
        if form is not None and form != prepared.cached(kb, f"{self.name}-form"):
            prepared.keep(kb, f"{self.name}-form", form)
        self.wellformed = WellFormedness(kb, self.name)
        self.facts = FactReader(self.schema, self.catalogue)
        register_catalogue(cache.key("catalogue", kb.files), self.catalogue.requirements)

    def profile_info(self, profile: Profile, amends: str | None = None) -> ProfileInfo:
        return profile_info(profile, self.schema, amends)

    def check_wellformed(self, profile: Profile) -> None:
        """Phase 1 for profiles given as RDF (YAML is checked key by key as it loads)."""
        self.wellformed.check(profile)

    def facts_for(self, profile: Profile, ident: str, index: ProfileIndex | None = None
                  ) -> tuple[FactValue, ...]:
        return self.facts.facts_for(profile, ident, index)

    @staticmethod
    def _stated(index: ProfileIndex, result: Result) -> bool:
        """Did this compliance result look at a fact the profile states?"""
        if result.path is None or len(result.path) != 2:
            return False
        measure = index.value(result.focus, result.path[0])
        return measure is not None and index.value(measure, result.path[1]) is not None

    def _raw_status(self, index: ProfileIndex, ident: str, res: dict[str, list[Result]]) -> str:
        """Before dependencies: a stated fact that fails is a gap even if other facts
        are missing; otherwise missing facts mean not assessed."""
        if ident not in self.catalogue.fact_paths:
            return NOT_ASSESSED  # no shape reads any fact: never report "met" blind
        compliance = res.get("compliance", [])
        if any(self._stated(index, r) for r in compliance):
            return GAP
        if res.get("coverage"):
            return NOT_ASSESSED
        return GAP if compliance else MET

    def check(self, profile: Profile) -> Report:
        """Findings for a framework (a bill must be applied to its baseline first)."""
        self.check_wellformed(profile)
        return self.findings(profile, self.compliance.validate(profile.graph))

    def check_many(self, profiles: list[Profile]) -> list[Report]:
        """Findings for many frameworks, each validated on its own graph: nothing one
        profile states can reach another's validation."""
        return [self.check(profile) for profile in profiles]

    def findings(self, profile: Profile, results: list[Result]) -> Report:
        """The findings from the SHACL results of this profile's own validation."""
        by_req: dict[str, dict[str, list[Result]]] = {}
        for r in results:
            if r.focus != profile.iri:
                continue  # another framework node (the reader allows none; never count it)
            info = self.catalogue.shape_info.get(r.shape)
            if info is None:
                raise RuntimeError(f"a result came from a shape that is not linked to a "
                                   f"requirement: {r.shape}")
            by_req.setdefault(info.requirement, {}).setdefault(info.role, []).append(r)
        index = ProfileIndex(profile.graph)
        parties = {index.value(r, GCP.instrument) for r in index.objects(profile.iri, GCP.ratification)}
        raw = {ident: self._raw_status(index, ident, by_req.get(ident, {}))
               for ident in self.catalogue.requirements}
        final: dict[str, str] = {}

        def status_of(ident: str, trail: tuple[str, ...] = ()) -> str:
            # dependencies first, whatever the catalogue order; a cycle is a catalogue bug
            if ident not in final:
                if ident in trail:
                    raise RuntimeError(f"requirements depend on each other: {trail}")
                deps = self.catalogue.requirements[ident].depends_on
                parent_gap = any(status_of(d, (*trail, ident)) == GAP for d in deps)
                final[ident] = NOT_APPLICABLE if parent_gap else raw[ident]
            return final[ident]

        findings: list[Finding] = []
        for ident, req in self.catalogue.requirements.items():
            status = status_of(ident)
            res = by_req.get(ident, {})
            messages: set[str] = set()
            shapes: set[str] = set()
            if status in (GAP, NOT_ASSESSED):
                chosen = res.get("compliance" if status == GAP else "coverage", [])
                stated = [r for r in chosen if self._stated(index, r)]
                if status == GAP and stated and res.get("coverage"):
                    chosen = stated  # other facts are missing: report only what failed
                for r in chosen:
                    if r.message:
                        messages.add(r.message)
                    node_shape = self.catalogue.shape_info[r.shape].node_shape
                    shapes.add(str(node_shape).rsplit("#", 1)[-1])
            sev, party = severity(req, parties) if status == GAP else (None, ())
            findings.append(Finding(req, status, sev, tuple(sorted(messages)),
                                    self.facts_for(profile, ident, index), party,
                                    tuple(sorted(shapes))))
        return Report(self.profile_info(profile), findings, profile.graph)


def engine(kb: KnowledgeBase | None = None, name: str | None = None) -> Engine:
    """The engine of a knowledge base (by default the one locate.find finds), with
    the SHACL engine `name` (by default: engine/choice.py), prepared once per
    knowledge base and engine and kept on the knowledge base."""
    name = choice.resolve(name)
    return (kb if kb is not None else base.load()).derived(f"engine-{name}",
                                                            lambda k: Engine(k, name))
