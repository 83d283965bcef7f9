"""The engine: validate profiles against the requirement shapes and turn the
SHACL results into findings.

Results are sorted by the role of the shape that produced them: coverage ->
"not assessed"; compliance -> "gap". Dependencies then make some requirements
"not applicable". Profiles given as RDF are first checked for well-formedness
(phase 1, engine/wellformed.py)."""

from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..kb import base, time_rules
from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GCP
from ..profile import format as schemamod
from ..profile.model import Profile
from ..profile.qualified import Qualities
from . import severity, silence
from .facts import FactReader, ProfileIndex, profile_info
from .findings import FactValue, Finding, ProfileInfo, Report
from .qualified_status import adjust
from .shacl import PreparedShapes
from .status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, STANDARD, Severity, Status
from .wellformed import WellFormedness


class Engine:
    """The requirement shapes of one knowledge base, prepared once; check() as many
    profiles as you like."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.schema = schemamod.load(kb)
        self.catalogue = reqmod.load(kb)
        self.compliance = PreparedShapes(self.catalogue.shapes_graph)
        self.wellformed = WellFormedness(kb)
        self.facts = FactReader(self.schema, self.catalogue)
        self.instruments = time_rules.instruments(kb)

    def profile_info(self, profile: Profile, amends: str | None = None) -> ProfileInfo:
        return profile_info(profile, self.schema, amends, self.instruments)

    def check_wellformed(self, profile: Profile) -> None:
        """Phase 1 for profiles given as RDF (YAML is checked key by key as it loads)."""
        self.wellformed.check(profile)

    def facts_for(self, profile: Profile, ident: str, index: ProfileIndex | None = None
                  ) -> tuple[FactValue, ...]:
        return self.facts.facts_for(profile, ident, index)

    @staticmethod
    def _stated(graph: Graph, results: Graph, result: Node) -> bool:
        """Did this compliance result look at a fact the profile states?"""
        path = results.value(result, SH.resultPath)
        if path is None or (path, RDF.first, None) not in results:
            return False
        steps = list(results.items(path))
        if len(steps) != 2:
            return False
        measure = graph.value(results.value(result, SH.focusNode), steps[0])
        return measure is not None and graph.value(measure, steps[1]) is not None

    def _silent(self, graph: Graph, results: Graph, result: Node) -> bool:
        """Did this result fail on a fact the profile gives as `silent`? (A node-level
        constraint over several facts: is any of the facts it reads silent?)"""
        if results.value(result, SH.value) == GCP.silent:
            return True
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        if path is not None and (path, RDF.first, None) in results:
            steps = list(results.items(path))
            if len(steps) == 2:
                measure = graph.value(focus, steps[0])
                return (measure, steps[1], GCP.silent) in graph
        shape = self.catalogue.shape_info.get(results.value(result, SH.sourceShape))
        if shape is None:
            return False
        for fp in self.catalogue.fact_paths.get(shape.requirement, ()):
            measure = graph.value(focus, fp.measure_prop)
            if measure is not None and (measure, fp.fact_prop, GCP.silent) in graph:
                return True
        return False

    def raw_status(self, graph: Graph, results: Graph, ident: str,
                   res: dict[str, list[Node]]) -> Status:
        """Before dependencies: a stated fact that fails is a gap even if other facts
        are missing; otherwise missing facts mean not assessed."""
        if ident not in self.catalogue.fact_paths:
            return NOT_ASSESSED  # no shape reads any fact: never report "met" blind
        compliance = res.get("compliance", [])
        if any(self._stated(graph, results, r) for r in compliance):
            return GAP
        if res.get("coverage"):
            return NOT_ASSESSED
        return GAP if compliance else MET

    def results_by_requirement(self, results: Graph, focus: Node,
                               nodes: list[Node] | None = None) -> dict[str, dict[str, list[Node]]]:
        """The results about one profile, by requirement and shape role."""
        if nodes is None:
            nodes = [r for r in results.objects(None, SH.result)
                     if results.value(r, SH.focusNode) == focus]
        by_req: dict[str, dict[str, list[Node]]] = {}
        for r in nodes:
            info = self.catalogue.shape_info.get(results.value(r, SH.sourceShape))
            if info is None:
                raise RuntimeError("a result came from a shape that is not linked to a "
                                   f"requirement: {results.value(r, SH.sourceShape)}")
            by_req.setdefault(info.requirement, {}).setdefault(info.role, []).append(r)
        return by_req

    def check(self, profile: Profile) -> Report:
        """Findings for a framework (a bill must be applied to its baseline first)."""
        return self.check_many([profile])[0]

    def check_many(self, profiles: list[Profile], batch: int = 16) -> list[Report]:
        """Findings for many frameworks. Profiles are validated a batch at a time in
        one graph (each has its own IRIs), which spreads pyshacl's per-call cost."""
        for profile in profiles:
            self.check_wellformed(profile)
        reports: list[Report] = []
        # the shapes see each profile's values as plain values (qualified values unwrapped,
        # not-applicable ones left out): profile/qualified.py
        qualities = {p.iri: Qualities(p.graph, self.schema, p.iri) for p in profiles}
        views = {iri: q.view() for iri, q in qualities.items()}
        for start in range(0, len(profiles), batch):
            group = profiles[start:start + batch]
            if len(group) == 1:
                data = views[group[0].iri]
            else:
                data = Graph()
                for profile in group:
                    data += views[profile.iri]
            results = self.compliance.validate(data)
            by_focus: dict[Node, list[Node]] = {}
            for r in results.objects(None, SH.result):
                by_focus.setdefault(results.value(r, SH.focusNode), []).append(r)
            for profile in group:
                reports.append(self.findings(profile, results, by_focus.get(profile.iri, []),
                                             qualities[profile.iri], views[profile.iri]))
        return reports

    def findings(self, profile: Profile, results: Graph, result_nodes: list[Node],
                 qualities: Qualities | None = None, view: Graph | None = None) -> Report:
        if qualities is None:
            qualities = Qualities(profile.graph, self.schema, profile.iri)
        if view is None:
            view = qualities.view()
        by_req = self.results_by_requirement(results, profile.iri, result_nodes)
        # an assumed ratification does not make a gap binding (issue 13: provenance)
        ratified = list(profile.graph.objects(profile.iri, GCP.ratification))
        assumed = {profile.graph.value(r, GCP.instrument) for r in ratified
                   if profile.graph.value(r, GCP.ratificationAssumed) == Literal(True)}
        info = self.profile_info(profile)
        bound = info.bound - set(info.assumed)
        caps = self.catalogue.basis_caps
        index = ProfileIndex(profile.graph)
        raw = {ident: self.raw_status(view, results, ident, by_req.get(ident, {}))
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
                stated = [r for r in chosen if self._stated(view, results, r)]
                if status == GAP and stated and res.get("coverage"):
                    chosen = stated  # other facts are missing: report only what failed
                for r in chosen:
                    msg = silence.wording(str(results.value(r, SH.resultMessage) or ""),
                                          self._silent(view, results, r))
                    if msg and msg not in messages:
                        messages.append(msg)
                    source_shape = results.value(r, SH.sourceShape)
                    node_shape = self.catalogue.shape_info[source_shape].node_shape
                    shapes.add(str(node_shape).rsplit("#", 1)[-1])
            if status.falls_short:
                # the severity of each part that failed: the sources its shape rests on
                # (a partial: the shapes that fail once the values counting in part are left out)
                failed = [results.value(r, SH.sourceShape) for r in chosen] if status == GAP else []
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
                notes += [f"binding only if the assumed ratification of {s.instrument_name} is "
                          "confirmed; until then it counts as not ratified"
                          for s in req.sources if s.binding and s.instrument in assumed]
            findings.append(Finding(req, status, sev, tuple(sorted(messages)),
                                    self.facts.facts_for(profile, ident, index, qualities), party,
                                    tuple(sorted(shapes)), tuple(sorted(rests_on)),
                                    tuple(dict.fromkeys(notes))))
        return Report(info, findings, profile.graph)


def engine(kb: KnowledgeBase | None = None) -> Engine:
    """The engine of a knowledge base (by default the one locate.find finds),
    prepared once per knowledge base and kept on it."""
    return (kb if kb is not None else base.load()).derived("engine", Engine)
