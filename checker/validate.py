"""Validate a profile and turn SHACL results into findings.

One pyshacl run per profile with the well-formedness shapes and the
requirement shapes together; results are sorted by the role of the shape that
produced them: well-formedness -> an InputError; coverage -> "not assessed";
compliance -> "gap". Dependencies then make some requirements "not applicable"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from . import basis as basismod
from . import legal_time, silence, wellformed
from . import requirements as reqmod
from . import schema as schemamod
from .basis import BINDING, RECOMMENDED, SEVERITIES, STANDARD  # noqa: F401 - re-exported
from .errors import InputError, Problem
from .namespaces import GCP, INST, PROFILE
from .profile import Profile, did_you_mean
from .shacl import PreparedShapes

MET, GAP, NOT_ASSESSED, NOT_APPLICABLE = "met", "gap", "not assessed", "not applicable"
STATUSES = (GAP, MET, NOT_APPLICABLE, NOT_ASSESSED)


@dataclass(frozen=True)
class Evidence:
    document: str | None  # title of the national document
    document_id: str | None
    document_iri: str | None
    section: str | None
    eid: str | None
    url: str | None
    quote: str | None


@dataclass(frozen=True)
class FactValue:
    measure: str  # YAML key of the measure
    fact: str  # YAML key of the fact
    label: str
    values: tuple[str, ...]  # notations / literals as written; "silent" for silence
    evidence: tuple[Evidence, ...]

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
    rests_on: tuple[URIRef, ...] = ()  # for a gap: the provisions of the shapes that failed

    def failed_source(self, source: reqmod.Source) -> bool:
        """Does the gap rest on this source (a provision of a shape that failed)?"""
        return source.provision in self.rests_on

    @property
    def ident(self) -> str:
        return self.requirement.ident


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
    bindings: tuple[legal_time.Binding, ...] = ()  # each ratification on the profile's date
    warnings: tuple[Problem, ...] = ()  # dates the profile should not have

    def binding(self, slug: str) -> legal_time.Binding | None:
        return next((b for b in self.bindings if b.instrument == slug), None)

    @property
    def bound(self) -> frozenset[str]:
        """Slugs of the instruments that bind the state on the profile's date."""
        return frozenset(b.instrument for b in self.bindings if b.bound)


@dataclass
class Report:
    profile: ProfileInfo
    findings: list[Finding]
    graph: Graph = field(repr=False, default_factory=Graph)

    def __getstate__(self) -> dict:
        # between worker processes the profile graph travels as bytes and is
        # rebuilt only if someone reads it (checking many profiles never does)
        import pickle

        state = dict(self.__dict__)
        state["graph"] = pickle.dumps(state["graph"], protocol=pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattribute__(self, name: str):  # noqa: ANN204
        value = object.__getattribute__(self, name)
        if name == "graph" and isinstance(value, bytes):
            import pickle

            value = pickle.loads(value)  # noqa: S301 - our own worker's bytes
            object.__setattr__(self, "graph", value)
        return value

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


def source_severity(source: reqmod.Source, caps: dict[str, str], bound: frozenset[str]) -> str:
    """What one source can make of a gap, for a state bound by `bound` (slugs)."""
    return basismod.link_severity(caps.get(source.basis, STANDARD),
                                  source.binding and source.instrument_slug in bound, source.status)


def _display(node: Node, schema: schemamod.Schema, fact: schemamod.Fact) -> str:
    if node == GCP.silent:
        return "silent"
    if isinstance(node, Literal):
        value = node.toPython()
        return str(value).lower() if isinstance(value, bool) else str(value)
    for notation, concept in fact.values.items():
        if concept == node:
            return notation
    return str(node)


class _Index:
    """The profile graph as dictionaries: findings read it hundreds of times."""

    def __init__(self, graph: Graph):
        self.by_subject: dict[Node, dict[Node, list[Node]]] = {}
        for s, p, o in graph:
            self.by_subject.setdefault(s, {}).setdefault(p, []).append(o)
        self.facts: dict[tuple[URIRef, URIRef], FactValue] = {}

    def objects(self, s: Node | None, p: URIRef) -> list[Node]:
        return self.by_subject.get(s, {}).get(p, []) if s is not None else []

    def value(self, s: Node | None, p: URIRef) -> Node | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def text(self, s: Node | None, p: URIRef) -> str | None:
        value = self.value(s, p)
        return str(value) if value is not None else None


class Engine:
    """Shapes and catalogue parsed once; check() as many profiles as you like."""

    def __init__(self) -> None:
        self.schema = schemamod.load()
        self.catalogue = reqmod.load()
        self.compliance = PreparedShapes(self.catalogue.shapes_graph)
        self._wellformed: PreparedShapes | None = None  # only profiles given as RDF need it

    def _evidence(self, index: _Index, measure_node: Node, fact_prop: URIRef) -> tuple[Evidence, ...]:
        out = []
        for ev in index.objects(measure_node, GCP.evidence):
            about = index.objects(ev, GCP.about)
            if about and fact_prop not in about:
                continue
            doc = index.value(ev, GCP.citesDocument)
            out.append(Evidence(
                index.text(doc, RDFS.label), str(doc).rsplit("/", 1)[-1] if doc else None,
                str(doc) if doc is not None else None,
                index.text(ev, GCP.section), index.text(ev, GCP.eId),
                index.text(ev, GCP.evidenceUrl) or index.text(doc, GCP.documentUrl),
                index.text(ev, GCP.quote)))
        return tuple(sorted(out, key=lambda e: tuple(x or "" for x in (e.document_id, e.section, e.eid))))

    def facts_for(self, profile: Profile, ident: str, index: _Index | None = None
                  ) -> tuple[FactValue, ...]:
        index = index or _Index(profile.graph)
        out = []
        for fp in self.catalogue.fact_paths.get(ident, ()):
            measure = self.schema.measure_by_prop.get(fp.measure_prop)
            fact = self.schema.by_prop.get(fp.fact_prop)
            if measure is None or fact is None:
                continue
            key = (fp.measure_prop, fp.fact_prop)
            if key not in index.facts:  # several requirements read the same fact
                mnode = index.value(profile.iri, fp.measure_prop)
                values: tuple[str, ...] = ()
                evidence: tuple[Evidence, ...] = ()
                if mnode is not None:
                    values = tuple(sorted(_display(v, self.schema, fact)
                                          for v in index.objects(mnode, fp.fact_prop)))
                    if values:
                        evidence = self._evidence(index, mnode, fp.fact_prop)
                index.facts[key] = FactValue(measure.key, fact.key, fact.label, values, evidence)
            out.append(index.facts[key])
        return tuple(out)

    def check_wellformed(self, profile: Profile) -> None:
        """Phase 1 for profiles given as RDF. A YAML profile was already checked key
        by key as it loaded, against the same schema, with line numbers."""
        if profile.checked:
            return
        if self._wellformed is None:
            self._wellformed = PreparedShapes(wellformed.load())
        results = self._wellformed.validate(profile.graph)
        found = list(results.objects(None, SH.result))
        if found:
            raise InputError(self.wellformed_problems(profile, results, found))

    def _text_line(self, profile: Profile, *words: str) -> int | None:
        """For RDF profiles, which keep no lines: the first line holding the words."""
        if profile.path is None or not profile.path.is_file():
            return None
        for i, row in enumerate(profile.path.read_text(encoding="utf-8", errors="replace")
                                .splitlines()):
            if all(w in row for w in words if w):
                return i + 1
        return None

    def _known_values(self, path: Node) -> list[str]:
        fact = self.schema.by_prop.get(path)
        if fact is not None:
            return list(fact.values)
        if path == GCP.instrument:
            return list(self.schema.instruments)
        if path == GCP.memberOf:
            return list(self.schema.groups)
        return []

    def wellformed_problems(self, profile: Profile, results: Graph,
                            result_nodes: list[Node]) -> list[Problem]:
        problems = []
        for r in result_nodes:
            focus = results.value(r, SH.focusNode)
            path = results.value(r, SH.resultPath)
            value = results.value(r, SH.value)
            component = results.value(r, SH.sourceConstraintComponent)
            line = profile.line_of(focus, path) if path is not None else profile.line_of(focus)
            local_path = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path else ""
            # an IRI made from a misspelt value: show what the author wrote
            shown = re.split(r"[/#]", str(value))[-1] if isinstance(value, URIRef) and (
                str(value).startswith((PROFILE, INST))) else value
            if path is not None and (line is None or line == profile.line_of(focus)):
                key = self.schema.keys.get(path)
                names = [local_path] + ([f'"{key}"'] if key else [])
                shown_text = str(shown) if shown is not None else ""
                line = next((found for name in names for words in ((name, shown_text), (name,))
                             if (found := self._text_line(profile, *words))), None) or (
                    self._text_line(profile, f'"{shown_text}"') if shown_text else None) or line
            if component == SH.ClosedConstraintComponent:
                local = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                known = [str(p).rsplit("#", 1)[-1] for p in self.schema.by_prop]
                message = f"unknown property {local} (value {value})"
                hint = did_you_mean(local, known) or "see the profile format reference"
            else:
                message = str(results.value(r, SH.resultMessage) or "not well-formed")
                if value is not None:
                    message += f" (found {shown})"
                hint = None
                if component == SH.InConstraintComponent and (known := self._known_values(path)):
                    hint = did_you_mean(str(shown), known) or "allowed: " + ", ".join(known)
            problems.append(Problem(str(profile.path) if profile.path else None, line, message, hint))
        return sorted(problems, key=lambda p: (p.line or 0, p.message))

    def _stated(self, profile: Profile, results: Graph, result: Node) -> bool:
        """Did this compliance result look at a fact the profile states?"""
        path = results.value(result, SH.resultPath)
        if path is None or (path, RDF.first, None) not in results:
            return False
        steps = list(results.items(path))
        if len(steps) != 2:
            return False
        measure = profile.graph.value(results.value(result, SH.focusNode), steps[0])
        return measure is not None and profile.graph.value(measure, steps[1]) is not None

    def _silent(self, profile: Profile, results: Graph, result: Node) -> bool:
        """Did this result fail on a fact the profile gives as `silent`? (A node-level
        constraint over several facts: is any of the facts it reads silent?)"""
        if results.value(result, SH.value) == GCP.silent:
            return True
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        if path is not None and (path, RDF.first, None) in results:
            steps = list(results.items(path))
            if len(steps) == 2:
                measure = profile.graph.value(focus, steps[0])
                return (measure, steps[1], GCP.silent) in profile.graph
        shape = self.catalogue.shape_info.get(results.value(result, SH.sourceShape))
        if shape is None:
            return False
        for fp in self.catalogue.fact_paths.get(shape.requirement, ()):
            measure = profile.graph.value(focus, fp.measure_prop)
            if measure is not None and (measure, fp.fact_prop, GCP.silent) in profile.graph:
                return True
        return False

    def _raw_status(self, profile: Profile, results: Graph, ident: str,
                    res: dict[str, list[Node]]) -> str:
        """Before dependencies: a stated fact that fails is a gap even if other facts
        are missing; otherwise missing facts mean not assessed."""
        if ident not in self.catalogue.fact_paths:
            return NOT_ASSESSED  # no shape reads any fact: never report "met" blind
        compliance = res.get("compliance", [])
        if any(self._stated(profile, results, r) for r in compliance):
            return GAP
        if res.get("coverage"):
            return NOT_ASSESSED
        return GAP if compliance else MET

    def check(self, profile: Profile) -> Report:
        """Findings for a framework (a bill must be applied to its baseline first)."""
        return self.check_many([profile])[0]

    def check_many(self, profiles: list[Profile], batch: int = 16) -> list[Report]:
        """Findings for many frameworks. Profiles are validated a batch at a time in
        one graph (each has its own IRIs), which spreads pyshacl's per-call cost."""
        for profile in profiles:
            self.check_wellformed(profile)
        reports: list[Report] = []
        for start in range(0, len(profiles), batch):
            group = profiles[start:start + batch]
            if len(group) == 1:
                data = group[0].graph
            else:
                data = Graph()
                for profile in group:
                    data += profile.graph
            results = self.compliance.validate(data)
            by_focus: dict[Node, list[Node]] = {}
            for r in results.objects(None, SH.result):
                by_focus.setdefault(results.value(r, SH.focusNode), []).append(r)
            for profile in group:
                reports.append(self.findings(profile, results, by_focus.get(profile.iri, [])))
        return reports

    def findings(self, profile: Profile, results: Graph, result_nodes: list[Node]) -> Report:
        by_req: dict[str, dict[str, list[Node]]] = {}
        for r in result_nodes:
            info = self.catalogue.shape_info.get(results.value(r, SH.sourceShape))
            if info is None:
                raise RuntimeError("a result came from a shape that is not linked to a "
                                   f"requirement: {results.value(r, SH.sourceShape)}")
            by_req.setdefault(info.requirement, {}).setdefault(info.role, []).append(r)
        info = profile_info(profile)
        bound = info.bound
        caps = self.catalogue.basis_caps
        index = _Index(profile.graph)
        raw = {ident: self._raw_status(profile, results, ident, by_req.get(ident, {}))
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
            messages: list[str] = []
            shapes: set[str] = set()
            severities: list[str] = []
            rests_on: set[URIRef] = set()
            by_provision = {s.provision: s for s in req.sources}
            if status in (GAP, NOT_ASSESSED):
                chosen = res.get("compliance" if status == GAP else "coverage", [])
                stated = [r for r in chosen if self._stated(profile, results, r)]
                if status == GAP and stated and res.get("coverage"):
                    chosen = stated  # other facts are missing: report only what failed
                for r in chosen:
                    msg = silence.wording(str(results.value(r, SH.resultMessage) or ""),
                                          self._silent(profile, results, r))
                    if msg and msg not in messages:
                        messages.append(msg)
                    source_shape = results.value(r, SH.sourceShape)
                    node_shape = self.catalogue.shape_info[source_shape].node_shape
                    shapes.add(str(node_shape).rsplit("#", 1)[-1])
                    if status == GAP:
                        # the severity of this part: the sources the failed shape rests on
                        provs = [p for p in self.catalogue.rests_on.get(source_shape, ())
                                 if p in by_provision] or list(by_provision)
                        rests_on.update(provs)
                        severities.append(basismod.shape_severity(
                            (source_severity(by_provision[p], caps, bound) for p in provs),
                            self.catalogue.numbers_checked.get(node_shape, True)))
            sev = (basismod.strongest(severities) or STANDARD) if status == GAP else None
            party = tuple(sorted({s.instrument_name for s in req.sources
                                  if s.binding and s.instrument_slug in bound}))
            findings.append(Finding(req, status, sev, tuple(sorted(messages)),
                                    self.facts_for(profile, ident, index), party,
                                    tuple(sorted(shapes)), tuple(sorted(rests_on))))
        return Report(info, findings, profile.graph)


def profile_info(profile: Profile, amends: str | None = None) -> ProfileInfo:
    g, node = profile.graph, profile.iri
    state = g.value(node, GCP.state)

    def text(n: Node | None, prop: URIRef) -> str | None:
        value = g.value(n, prop) if n is not None else None
        return str(value) if value is not None else None

    schema = schemamod.load()
    groups = sorted(n for n, iri in schema.groups.items() if (node, GCP.memberOf, iri) in g)
    slugs = {iri: slug for slug, iri in schema.instruments.items()}
    rats = sorted((slugs.get(g.value(r, GCP.instrument), str(g.value(r, GCP.instrument))),
                   text(r, GCP.ratifiedOn)) for r in g.objects(node, GCP.ratification))
    fictional = g.value(node, GCP.fictional)
    bindings, warnings = judge_ratifications(profile)
    return ProfileInfo(profile.ident, text(node, RDFS.label) or profile.ident, profile.kind,
                       text(state, GCP.isoCode), text(state, RDFS.label), text(node, GCP.asOf),
                       bool(fictional.toPython()) if fictional is not None else False,
                       tuple(groups), tuple(rats), str(profile.path) if profile.path else None,
                       amends, bindings, warnings)


def _date_of(graph: Graph, node: Node, prop: URIRef):  # noqa: ANN202
    value = graph.value(node, prop)
    python = value.toPython() if value is not None else None
    return python if hasattr(python, "isoformat") else None


def judge_ratifications(profile: Profile) -> tuple[tuple[legal_time.Binding, ...], tuple[Problem, ...]]:
    """Each ratification of the profile on its `as_of` date, and a warning (with
    the file and line) for each date that cannot be counted."""
    g, node = profile.graph, profile.iri
    instruments = _instruments()
    as_of = _date_of(g, node, GCP.asOf)
    bindings, warnings = [], []
    for rnode in g.objects(node, GCP.ratification):
        inst = instruments.get(g.value(rnode, GCP.instrument))
        if inst is None:
            continue  # well-formedness reports unknown instruments
        binding, problems = legal_time.judge(inst, _date_of(g, rnode, GCP.ratifiedOn),
                                             _date_of(g, rnode, GCP.denouncedOn), as_of)
        bindings.append(binding)
        if problems:  # a line costs a second read of a profile the fast reader loaded
            # a bill applied to its baseline: the baseline's ratifications are not in the bill's file
            from_baseline = str(rnode).startswith(f"{node}/baseline/")
            line = None if from_baseline else profile.line_of(rnode)
            warnings += [Problem(str(profile.path) if profile.path else None, line, message, hint)
                         for message, hint in problems]
    return (tuple(sorted(bindings, key=lambda b: b.instrument)),
            tuple(sorted(warnings, key=lambda w: (w.line or 0, w.message))))


_INSTRUMENTS: dict | None = None


def _instruments() -> dict:
    global _INSTRUMENTS
    if _INSTRUMENTS is None:
        from . import kb

        _INSTRUMENTS = legal_time.read_instruments(kb.load().graph)
    return _INSTRUMENTS


_ENGINE: Engine | None = None


def engine() -> Engine:
    """The process-wide engine: the knowledge base and shapes are parsed once."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine()
    return _ENGINE
