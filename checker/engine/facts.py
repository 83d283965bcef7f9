"""What a finding looked at: the profile's values of the facts a requirement
reads, with their evidence, and the profile's identity for the report."""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from ..kb import requirements as reqmod
from ..kb.namespaces import GCP
from ..kb.time_rules import InstrumentTime
from ..profile import format as schemamod
from ..profile.model import Profile
from ..profile.qualified import Qualities
from . import triples
from .findings import Evidence, FactValue, ProfileInfo
from .legal_time import judge_profile

# terms read for every fact of every profile, looked up once (an attribute of a
# namespace builds a new IRI each time)
SILENT, NOT_APPLICABLE = GCP.silent, GCP.notApplicable
EVIDENCE, ABOUT, CITES, SECTION, EID, QUOTE = (GCP.evidence, GCP.about, GCP.citesDocument,
                                               GCP.section, GCP.eId, GCP.quote)
EVIDENCE_URL, DOCUMENT_URL, LABEL = GCP.evidenceUrl, GCP.documentUrl, RDFS.label
ROLE, STATUS = GCP.evidenceRole, GCP.provisionStatus


def _display(node: Node, schema: schemamod.Schema, fact: schemamod.Fact) -> str:
    if node == SILENT:
        return "silent"
    if node == NOT_APPLICABLE:
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
        self.by_subject = triples.by_subject(graph)
        self.facts: dict[tuple[URIRef, URIRef], FactValue] = {}
        self.evidence: dict[Node, list[tuple[list[Node], Evidence]]] = {}

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
        # what each requirement reads, as (measure property, measure, fact), once
        self.reads: dict[str, tuple[tuple[URIRef, schemamod.Measure, schemamod.Fact], ...]] = {}
        for ident, paths in catalogue.fact_paths.items():
            self.reads[ident] = tuple(
                (fp.measure_prop, schema.measure_by_prop[fp.measure_prop], schema.by_prop[fp.fact_prop])
                for fp in paths
                if fp.measure_prop in schema.measure_by_prop and fp.fact_prop in schema.by_prop)

    def all_evidence(self, index: ProfileIndex, measure_node: Node
                     ) -> list[tuple[list[Node], Evidence]]:
        """A measure's evidence, each with the facts it is about (none: all), in order."""
        out = []
        for ev in index.objects(measure_node, EVIDENCE):
            doc = index.value(ev, CITES)
            role = index.value(ev, ROLE)
            status = index.value(ev, STATUS)
            out.append((index.objects(ev, ABOUT), Evidence(
                index.text(doc, LABEL), str(doc).rsplit("/", 1)[-1] if doc else None,
                str(doc) if doc is not None else None,
                index.text(ev, SECTION), index.text(ev, EID),
                index.text(ev, EVIDENCE_URL) or index.text(doc, DOCUMENT_URL),
                index.text(ev, QUOTE),
                (self.schema.notation(role) or "supports") if role is not None else "supports",
                self.schema.notation(status) if status is not None else None)))
        # a total order (every field, then the facts it is about): two citations of one
        # clause must not come out in the graph's order, which differs between processes
        return sorted(out, key=lambda ae: (tuple(x or "" for x in (
            ae[1].document_id, ae[1].section, ae[1].eid, ae[1].url, ae[1].quote, ae[1].role,
            ae[1].provision_status)), sorted(str(a) for a in ae[0])))

    def evidence(self, index: ProfileIndex, measure_node: Node, fact_prop: URIRef) -> tuple[Evidence, ...]:
        if measure_node not in index.evidence:  # every fact of a measure reads the same list
            index.evidence[measure_node] = self.all_evidence(index, measure_node)
        return tuple(ev for about, ev in index.evidence[measure_node]
                     if not about or fact_prop in about)

    def facts_for(self, profile: Profile, ident: str, index: ProfileIndex | None = None,
                  qualities: Qualities | None = None) -> tuple[FactValue, ...]:
        index = index or ProfileIndex(profile.graph)
        qualities = qualities if qualities is not None else Qualities(profile.graph, self.schema,
                                                                      profile.iri)
        out = []
        for measure_prop, measure, fact in self.reads.get(ident, ()):
            key = (measure_prop, fact.prop)
            if key not in index.facts:  # several requirements read the same fact
                mnode = index.value(profile.iri, measure_prop)
                values: tuple[str, ...] = ()
                evidence: tuple[Evidence, ...] = ()
                fq = qualities.get(measure_prop, fact.prop)
                if mnode is not None:
                    # a qualified value shows as its value; its qualifiers come beside it
                    shown = [qualities.qualified.get(v, v) if v in qualities.qualified else v
                             for v in index.objects(mnode, fact.prop)]
                    values = tuple(sorted(_display(v, self.schema, fact) for v in shown
                                          if v is not None))
                    if fq is not None and fq.not_applicable is not None and not values:
                        values = ("not-applicable",)
                    if values or (fq is not None and fq.contrary):
                        evidence = self.evidence(index, mnode, fact.prop)
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
                       bindings, warnings, text(node, DCTERMS.language))
