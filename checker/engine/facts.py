"""What a finding looked at: the profile's values of the facts a requirement
reads, with their evidence, and the profile's identity for the report."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from ..kb import requirements as reqmod
from ..kb.namespaces import GCP
from ..kb.time_rules import InstrumentTime
from ..profile import format as schemamod
from ..profile.model import Profile
from ..profile.qualified import Qualities
from .findings import Evidence, FactValue, ProfileInfo
from .legal_time import judge_profile


def _display(node: Node, schema: schemamod.Schema, fact: schemamod.Fact) -> str:
    if node == GCP.silent:
        return "silent"
    if node == GCP.notApplicable:
        return "not-applicable"
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return str(int(value))  # 7, not 7.0
        return str(value).lower() if isinstance(value, bool) else str(value)
    for notation, concept in fact.values.items():
        if concept == node:
            return notation
    return str(node)


class ProfileIndex:
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


class FactReader:
    """The facts each requirement reads, from the profile format and the catalogue."""

    def __init__(self, schema: schemamod.Schema, catalogue: reqmod.Catalogue):
        self.schema = schema
        self.catalogue = catalogue

    def evidence(self, index: ProfileIndex, measure_node: Node, fact_prop: URIRef) -> tuple[Evidence, ...]:
        out = []
        for ev in index.objects(measure_node, GCP.evidence):
            about = index.objects(ev, GCP.about)
            if about and fact_prop not in about:
                continue
            doc = index.value(ev, GCP.citesDocument)
            role = index.value(ev, GCP.evidenceRole)
            status = index.value(ev, GCP.provisionStatus)
            out.append(Evidence(
                index.text(doc, RDFS.label), str(doc).rsplit("/", 1)[-1] if doc else None,
                str(doc) if doc is not None else None,
                index.text(ev, GCP.section), index.text(ev, GCP.eId),
                index.text(ev, GCP.evidenceUrl) or index.text(doc, GCP.documentUrl),
                index.text(ev, GCP.quote),
                (self.schema.notation(role) or "supports") if role is not None else "supports",
                self.schema.notation(status) if status is not None else None))
        return tuple(sorted(out, key=lambda e: tuple(x or "" for x in (e.document_id, e.section, e.eid))))

    def facts_for(self, profile: Profile, ident: str, index: ProfileIndex | None = None,
                  qualities: Qualities | None = None) -> tuple[FactValue, ...]:
        index = index or ProfileIndex(profile.graph)
        qualities = qualities if qualities is not None else Qualities(profile.graph, self.schema,
                                                                      profile.iri)
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
                fq = qualities.get(fp.measure_prop, fp.fact_prop)
                if mnode is not None:
                    # a qualified value shows as its value; its qualifiers come beside it
                    shown = [qualities.qualified.get(v, v) if v in qualities.qualified else v
                             for v in index.objects(mnode, fp.fact_prop)]
                    values = tuple(sorted(_display(v, self.schema, fact) for v in shown
                                          if v is not None))
                    if fq is not None and fq.not_applicable is not None and not values:
                        values = ("not-applicable",)
                    if values or (fq is not None and fq.contrary):
                        evidence = self.evidence(index, mnode, fp.fact_prop)
                index.facts[key] = FactValue(
                    measure.key, fact.key, fact.label, values, evidence, measure.prop,
                    tuple(fq.qualifiers) if fq else (), tuple(fq.contrary) if fq else ())
            out.append(index.facts[key])
        return tuple(out)


def profile_info(profile: Profile, schema: schemamod.Schema, amends: str | None = None,
                 instruments: dict[URIRef, InstrumentTime] | None = None) -> ProfileInfo:
    """The profile's identity; with the instruments' time rules, each ratification
    judged on the profile's date (and warnings for dates that cannot count)."""
    g, node = profile.graph, profile.iri
    state = g.value(node, GCP.state)

    def text(n: Node | None, prop: URIRef) -> str | None:
        value = g.value(n, prop) if n is not None else None
        return str(value) if value is not None else None

    groups = sorted(n for n, iri in schema.groups.items() if (node, GCP.memberOf, iri) in g)
    slugs = {iri: slug for slug, iri in schema.instruments.items()}
    rats = sorted((slugs.get(g.value(r, GCP.instrument), str(g.value(r, GCP.instrument))),
                   text(r, GCP.ratifiedOn)) for r in g.objects(node, GCP.ratification))
    fictional = g.value(node, GCP.fictional)
    bindings, warnings = judge_profile(profile, instruments) if instruments is not None else ((), ())
    assumed = sorted(slugs.get(g.value(r, GCP.instrument), "") for r in g.objects(node, GCP.ratification)
                     if g.value(r, GCP.ratificationAssumed) == Literal(True))
    return ProfileInfo(profile.ident, text(node, RDFS.label) or profile.ident, profile.kind,
                       text(state, GCP.isoCode), text(state, RDFS.label), text(node, GCP.asOf),
                       bool(fictional.toPython()) if fictional is not None else False,
                       tuple(groups), tuple(rats), str(profile.path) if profile.path else None,
                       amends, text(g.value(node, GCP.corpus), RDFS.label), tuple(assumed),
                       bindings, warnings)
