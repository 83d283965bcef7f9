"""The engine: validate profiles against the requirement shapes and turn the
SHACL results into findings.

Results are sorted by the role of the shape that produced them: coverage ->
"not assessed"; compliance -> "gap". Dependencies then make some requirements
"not applicable". Profiles given as RDF are first checked for well-formedness
(phase 1, engine/wellformed.py)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..i18n.sentence import Sentence
from ..kb import base, cache, time_rules
from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GCP
from ..profile import format as schemamod
from ..profile.model import Profile
from ..profile.qualified import Qualities
from . import choice, prepared, severity, silence
from .facts import FactReader, ProfileIndex, profile_info
from .findings import FactValue, Finding, ProfileInfo, Report, register_catalogue
from .qualified_status import adjust
from .results import Result
from .status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, STANDARD, Severity, Status
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
        self.instruments = time_rules.instruments(kb)
        register_catalogue(cache.key("catalogue", kb.files), self.catalogue.requirements)

    def profile_info(self, profile: Profile, amends: str | None = None) -> ProfileInfo:
        return profile_info(profile, self.schema, amends, self.instruments)

    def check_wellformed(self, profile: Profile) -> None:
        """Phase 1 for profiles given as RDF (YAML is checked key by key as it loads)."""
        self.wellformed.check(profile)

    def facts_for(self, profile: Profile, ident: str, index: ProfileIndex | None = None
                  ) -> tuple[FactValue, ...]:
        return self.facts.facts_for(profile, ident, index)

    @staticmethod
    def _stated(view: ProfileIndex, result: Result) -> bool:
        """Did this compliance result look at a fact the profile states?"""
        if result.path is None or len(result.path) != 2:
            return False
        measure = view.value(result.focus, result.path[0])
        return measure is not None and view.value(measure, result.path[1]) is not None

    def _silent(self, view: ProfileIndex, result: Result) -> bool:
        """Did this result fail on a fact the profile gives as `silent`? (A node-level
        constraint over several facts: is any of the facts it reads silent?)"""
        if result.value == GCP.silent:
            return True
        if result.path is not None and len(result.path) == 2:
            measure = view.value(result.focus, result.path[0])
            return measure is not None and GCP.silent in view.objects(measure, result.path[1])
        shape = self.catalogue.shape_info.get(result.shape)
        if shape is None:
            return False
        for fp in self.catalogue.fact_paths.get(shape.requirement, ()):
            measure = view.value(result.focus, fp.measure_prop)
            if measure is not None and GCP.silent in view.objects(measure, fp.fact_prop):
                return True
        return False

    def raw_status(self, view: ProfileIndex, ident: str, res: dict[str, list[Result]]) -> Status:
        """Before dependencies: a stated fact that fails is a gap even if other facts
        are missing; otherwise missing facts mean not assessed."""
        if ident not in self.catalogue.fact_paths:
            return NOT_ASSESSED  # no shape reads any fact: never report "met" blind
        compliance = res.get("compliance", [])
        if any(self._stated(view, r) for r in compliance):
            return GAP
        if res.get("coverage"):
            return NOT_ASSESSED
        return GAP if compliance else MET

    def results_by_requirement(self, results: list[Result], focus: Node
                               ) -> dict[str, dict[str, list[Result]]]:
        """The results about one profile, by requirement and shape role (results on
        another framework node, which the readers allow none of, never count)."""
        by_req: dict[str, dict[str, list[Result]]] = {}
        for r in results:
            if r.focus != focus:
                continue
            info = self.catalogue.shape_info.get(r.shape)
            if info is None:
                raise RuntimeError(f"a result came from a shape that is not linked to a "
                                   f"requirement: {r.shape}")
            by_req.setdefault(info.requirement, {}).setdefault(info.role, []).append(r)
        return by_req

    def check(self, profile: Profile) -> Report:
        """Findings for a framework (a bill must be applied to its baseline first),
        validated on the profile's own graph: nothing another profile states can
        reach it. The shapes see its values as plain values (qualified values
        unwrapped, not-applicable ones left out): profile/qualified.py."""
        self.check_wellformed(profile)
        qualities = Qualities(profile.graph, self.schema, profile.iri)
        view = qualities.view()
        return self.findings(profile, self.compliance.validate(view), qualities, view)

    def check_many(self, profiles: list[Profile]) -> list[Report]:
        """Findings for many frameworks, each validated on its own graph."""
        return [self.check(profile) for profile in profiles]

    def findings(self, profile: Profile, results: list[Result], qualities: Qualities | None = None,
                 view: Graph | None = None) -> Report:
        """The findings from the SHACL results of this profile's own validation."""
        if qualities is None:
            qualities = Qualities(profile.graph, self.schema, profile.iri)
        if view is None:
            view = qualities.view()
        by_req = self.results_by_requirement(results, profile.iri)
        # an assumed ratification does not make a gap binding (issue 13: provenance)
        ratified = list(profile.graph.objects(profile.iri, GCP.ratification))
        assumed = {profile.graph.value(r, GCP.instrument) for r in ratified
                   if profile.graph.value(r, GCP.ratificationAssumed) == Literal(True)}
        info = self.profile_info(profile)
        bound = info.bound - set(info.assumed)
        caps = self.catalogue.basis_caps
        index = ProfileIndex(profile.graph)
        seen = index if view is profile.graph else ProfileIndex(view)
        raw = {ident: self.raw_status(seen, ident, by_req.get(ident, {}))
               for ident in self.catalogue.requirements}
        shaped = adjust(self, profile.iri, qualities, view, raw)
        raw = shaped.raw
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
            messages: list[str] = []
            shapes: set[str] = set()
            severities: list[Severity] = []
            rests_on: set[URIRef] = set()
            by_provision = {s.provision: s for s in req.sources}
            if status in (GAP, NOT_ASSESSED):
                chosen = res.get("compliance" if status == GAP else "coverage", [])
                stated = [r for r in chosen if self._stated(seen, r)]
                if status == GAP and stated and res.get("coverage"):
                    chosen = stated  # other facts are missing: report only what failed
                for r in chosen:
                    msg = silence.wording(r.message, self._silent(seen, r))
                    if msg and msg not in messages:
                        messages.append(msg)
                    node_shape = self.catalogue.shape_info[r.shape].node_shape
                    shapes.add(str(node_shape).rsplit("#", 1)[-1])
            if status.falls_short:
                # the severity of each part that failed: the sources its shape rests on
                # (a partial: the shapes that fail once the values counting in part are left out)
                failed = [r.shape for r in chosen] if status == GAP else []
                failed += shaped.failed.get(ident, [])
                for source_shape in dict.fromkeys(failed):
                    info_shape = self.catalogue.shape_info.get(source_shape)
                    if info_shape is None:
                        continue
                    provs = [p for p in self.catalogue.rests_on.get(source_shape, ())
                             if p in by_provision] or list(by_provision)
                    rests_on.update(provs)
                    severities.append(severity.shape_severity(
                        (severity.source_severity(by_provision[p], caps, bound) for p in provs),
                        self.catalogue.numbers_checked.get(info_shape.node_shape, True)))
                if not severities:  # made by qualifiers or a contrary rule: on every source
                    rests_on.update(by_provision)
                    severities.append(severity.shape_severity(
                        severity.source_severity(s, caps, bound) for s in req.sources))
            if status.falls_short and not messages:  # a gap made by qualifiers or a contrary rule
                messages = list(shaped.explanations.get(ident, []))
            sev = (severity.strongest(severities) or STANDARD) if status.falls_short else None
            party = tuple(sorted({s.instrument_name for s in req.sources
                                  if s.binding and s.instrument_slug in bound}))
            notes = list(shaped.explanations.get(ident, []))
            if status.falls_short:
                notes += [Sentence("binding only if the assumed ratification of %(instrument)s is "
                                   "confirmed; until then it counts as not ratified",
                                   instrument=s.instrument_name)
                          for s in req.sources if s.binding and s.instrument in assumed]
            findings.append(Finding(req, status, sev, tuple(sorted(messages)),
                                    self.facts.facts_for(profile, ident, index, qualities), party,
                                    tuple(sorted(shapes)), tuple(sorted(rests_on)),
                                    tuple(dict.fromkeys(notes))))
        return Report(info, findings, profile.graph)


def engine(kb: KnowledgeBase | None = None, name: str | None = None) -> Engine:
    """The engine of a knowledge base (by default the one locate.find finds), with
    the SHACL engine `name` (by default: engine/choice.py), prepared once per
    knowledge base and engine and kept on the knowledge base."""
    name = choice.resolve(name)
    return (kb if kb is not None else base.load()).derived(f"engine-{name}",
                                                            lambda k: Engine(k, name))
