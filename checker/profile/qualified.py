"""What real law attaches to a profile's values, read from its graph: for each
fact, its values with their qualifiers in words, whether a value counts only in
part (a narrowed scope, only implied, a discretion, a weakening condition), the
reason a fact is not applicable, and the contrary rules that run against it.

From these come the views of the graph the requirement shapes are run on:

    base    every value as a plain value; not-applicable values left out
    strong  the base without the values that count only in part

A requirement met on the base view but not on the strong one is met only thanks
to values the law gives in part: it is "partial" (or a gap, when its standard
requires general coverage). The rules are data (gcp:weakens, gcp:population,
gcp:narrowedScopeIsGap in the ontology), not code per case."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from ..i18n.sentence import Sentence
from ..kb.namespaces import GCP
from . import format as schemamod


@dataclass(frozen=True)
class Qualifier:
    """One thing the law attaches to a value, in words."""

    value: str | None  # the list item it qualifies ("transfer"); None: the fact as a whole
    kind: str  # scope | coverage | modality | condition | number | source | not-applicable | contrary | notes
    text: str
    weakens: bool = False  # makes the value count only in part
    narrows: bool = False  # a scope narrower than the fact's population


@dataclass(frozen=True)
class ContraryRule:
    kind: str  # notation: punishes, detains, ...
    who: tuple[str, ...]
    summary: str
    citations: tuple[str, ...]  # "Foreigners Act, s. 14"

    @property
    def text(self) -> str:
        who = f" {', '.join(self.who)}" if self.who else ""
        cite = f" ({'; '.join(self.citations)})" if self.citations else ""
        return f"{self.kind}{who}: {self.summary}{cite}"


@dataclass
class FactQualities:
    """Everything the profile attaches to one fact of one measure."""

    qualifiers: list[Qualifier] = field(default_factory=list)
    not_applicable: str | None = None  # the reason
    contrary: list[ContraryRule] = field(default_factory=list)
    weak: list[Node] = field(default_factory=list)  # qualified-value nodes that count in part
    narrowing: bool = False


class Qualities:
    """The qualities of every fact of one profile graph."""

    def __init__(self, graph: Graph, schema: schemamod.Schema, root: URIRef):
        self.graph = graph
        self.schema = schema
        self.root = root
        self.facts: dict[tuple[URIRef, URIRef], FactQualities] = {}
        self.qualified: dict[Node, Node | None] = {}  # qualified-value node -> its value
        self.dropped: set[Node] = set()  # every node below a qualified value
        # (measure node, fact, concepts): a value that covers its whole scheme ("none-required")
        self.expand: list[tuple[Node, URIRef, Node, list[URIRef]]] = []
        self._read()

    def __bool__(self) -> bool:
        return bool(self.facts)

    def get(self, measure_prop: URIRef, fact_prop: URIRef) -> FactQualities | None:
        return self.facts.get((measure_prop, fact_prop))

    # --- reading the graph -----------------------------------------------------------

    def _read(self) -> None:
        g, schema = self.graph, self.schema
        for profile in (self.root,):
            for measure in schema.measures.values():
                mnode = g.value(profile, measure.prop)
                if mnode is None:
                    continue
                reason = g.value(mnode, GCP.notApplicableReason)
                for fact in measure.facts.values():
                    for obj in g.objects(mnode, fact.prop) if fact.multiple else ():
                        if obj in schema.covers_all or g.value(obj, GCP.value) in schema.covers_all:
                            self.expand.append((mnode, fact.prop, obj, [
                                c for c in fact.values.values() if c not in schema.covers_all]))
                    q = self._fact(mnode, measure, fact)
                    if reason is not None:
                        q = q or FactQualities()
                        q.not_applicable = str(reason)
                        q.qualifiers.append(Qualifier(None, "not-applicable", Sentence(
                            "not applicable: %(reason)s", reason=str(reason))))
                    if q is not None and (q.qualifiers or q.contrary or q.not_applicable):
                        self.facts[(measure.prop, fact.prop)] = q

    def _fact(self, mnode: Node, measure: schemamod.Measure, fact: schemamod.Fact) -> FactQualities | None:
        g = self.graph
        out: FactQualities | None = None
        for obj in g.objects(mnode, fact.prop):
            if not self._is_qualified(obj):
                continue
            out = out or FactQualities()
            value = g.value(obj, GCP.value)
            self.qualified[obj] = value
            self._below(obj)
            shown = self._show(value, fact) if fact.multiple and value is not None else None
            if value == GCP.notApplicable:
                out.not_applicable = str(g.value(obj, GCP.reason) or "")
                out.qualifiers.append(Qualifier(None, "not-applicable", Sentence(
                    "not applicable: %(reason)s", reason=out.not_applicable)))
            weak = narrow = False
            for q in self._qualifiers(obj, shown, measure, fact):
                out.qualifiers.append(q)
                weak |= q.weakens
                narrow |= q.narrows
            if weak and value is not None and value not in (GCP.silent, GCP.notApplicable):
                out.weak.append(obj)
                out.narrowing |= narrow
            for rule in sorted(g.objects(obj, GCP.contraryRule), key=str):
                out.contrary.append(self._contrary(rule))
        return out

    def _is_qualified(self, node: Node) -> bool:
        return isinstance(node, URIRef) and node not in (GCP.silent, GCP.notApplicable) and (
            (node, GCP.value, None) in self.graph or (node, GCP.contraryRule, None) in self.graph)

    def _below(self, node: Node) -> None:
        for _p, o in self.graph.predicate_objects(node):
            if isinstance(o, URIRef) and (o, None, None) in self.graph and o not in self.dropped \
                    and str(o).startswith(str(node)):
                self.dropped.add(o)
                self._below(o)

    def label(self, concept: Node) -> str:
        return self.schema.labels.get(concept) or self.schema.notation(concept) or str(concept)

    def _show(self, value: Node, fact: schemamod.Fact) -> str:
        for notation, concept in fact.values.items():
            if concept == value:
                return notation
        return str(value)

    def _qualifiers(self, q: Node, shown: str | None, measure: schemamod.Measure,
                    fact: schemamod.Fact) -> list[Qualifier]:
        g, weakening = self.graph, self.schema.weakening
        out: list[Qualifier] = []
        population = fact.population or measure.population
        scope = g.value(q, GCP.scope)
        if scope is not None:
            for who in sorted(g.objects(scope, GCP.appliesTo), key=str):
                narrows = not self._covers(who, population)
                out.append(Qualifier(shown, "scope", Sentence("only for %(group)s",
                                                              group=self.label(who)), narrows, narrows))
            for place in sorted(g.objects(scope, GCP.sector), key=str):
                out.append(Qualifier(shown, "scope", Sentence("only in the sector %(place)s",
                                                              place=str(place)), True, True))
            for place in sorted(g.objects(scope, GCP.onlyIn), key=str):
                out.append(Qualifier(shown, "scope", Sentence("only in %(place)s", place=str(place)),
                                     True, True))
            for place in sorted(g.objects(scope, GCP.exceptIn), key=str):
                out.append(Qualifier(shown, "scope", Sentence("not in %(place)s", place=str(place)),
                                     True, True))
            threshold = g.value(scope, GCP.threshold)
            if threshold is not None:
                unit = g.value(threshold, GCP.thresholdUnit)
                least = _num(g.value(threshold, GCP.thresholdMin))
                unit_text = self.label(unit) if unit is not None else ""
                out.append(Qualifier(shown, "scope", Sentence("only from %(least)s %(unit)s",
                                                              least=least, unit=unit_text)
                                     if unit_text else Sentence("only from %(least)s", least=least),
                                     True, True))
            kinds = set(g.objects(scope, GCP.frameworkKind))
            if kinds:
                every = set(self.schema.records[GCP.Scope]["frameworks"].values.values())
                narrows = kinds != every
                out.append(Qualifier(shown, "scope", Sentence(
                    "only as a country of %(kinds)s",
                    kinds=tuple(self.label(k) for k in sorted(kinds, key=str))), narrows, narrows))
        for prop, kind in ((GCP.coverage, "coverage"), (GCP.modality, "modality")):
            concept = g.value(q, prop)
            # explicit coverage and "shall" are the defaults, worth no mention
            if concept is not None and concept in weakening:
                words = (Sentence("at discretion (%(modality)s)",
                                  modality=self.schema.notation(concept)) if kind == "modality"
                         else self.label(concept))
                out.append(Qualifier(shown, kind, words, True))
        for cond in sorted(g.objects(q, GCP.condition), key=str):
            out.append(Qualifier(shown, "condition", self.label(cond), cond in weakening))
        minimum = g.value(q, GCP.minimum)
        value = g.value(q, GCP.value)
        if minimum is not None:
            out.append(Qualifier(shown, "number", Sentence("from %(minimum)s to %(value)s",
                                                           minimum=_num(minimum), value=_num(value))))
        amount = g.value(q, GCP.amount)
        if amount is not None:
            currency = g.value(amount, GCP.currency)
            number = _num(g.value(amount, GCP.amountValue))
            out.append(Qualifier(shown, "number", Sentence(
                "amount %(amount)s %(currency)s", amount=number, currency=str(currency))
                if currency else Sentence("amount %(amount)s", amount=number)))
        tiers = sorted(g.objects(q, GCP.tier), key=lambda t: float(g.value(t, GCP.tierBelow) or 0))
        if tiers:
            said = [Sentence("%(tier)s under %(below)s", tier=str(g.value(t, GCP.tierLabel)),
                             below=str(g.value(t, GCP.tierBelow))) for t in tiers]
            out.append(Qualifier(shown, "number", Sentence("tiers: %(tiers)s", tiers=said)))
        source = g.value(q, GCP.setBy)
        if source is not None:
            kind = g.value(source, GCP.sourceKind)
            citation = g.value(source, GCP.sourceCitation)
            outside = g.value(source, GCP.inCorpus) == Literal(False)
            by, cite = self.label(kind), str(citation) if citation else None
            if cite and outside:
                said = Sentence("set by %(source)s (%(citation)s), not in the corpus",
                                source=by, citation=cite)
            elif cite:
                said = Sentence("set by %(source)s (%(citation)s)", source=by, citation=cite)
            elif outside:
                said = Sentence("set by %(source)s, not in the corpus", source=by)
            else:
                said = Sentence("set by %(source)s", source=by)
            out.append(Qualifier(shown, "source", said))
        notes = g.value(q, RDFS.comment)
        if notes is not None:
            out.append(Qualifier(shown, "notes", str(notes)))
        return out

    def _covers(self, who: Node, population: Node | None) -> bool:
        """Does the group include the fact's whole population (everyone if none)?"""
        if population is None:
            return False
        return who == population or who in self.schema.broader.get(population, frozenset())

    def _contrary(self, rule: Node) -> ContraryRule:
        g = self.graph
        self.dropped.add(rule)
        citations = []
        for ev in sorted(g.objects(rule, GCP.evidence), key=str):
            doc = g.value(ev, GCP.citesDocument)
            title = g.value(doc, RDFS.label) if doc is not None else None
            citations.append(", ".join(str(x) for x in (title, g.value(ev, GCP.section)) if x))
        return ContraryRule(self.schema.notation(g.value(rule, GCP.contraryKind)) or "",
                            tuple(sorted(self.label(w) for w in g.objects(rule, GCP.contraryAffects))),
                            str(g.value(rule, GCP.summary) or ""), tuple(c for c in citations if c))

    # --- the views -------------------------------------------------------------------------

    def view(self, strong: bool = False) -> Graph:
        """The graph the requirement shapes see: qualified values as plain values, not
        applicable values left out, and (strong) the values that count in part left out;
        a value that covers its whole scheme stands for every value of it."""
        if not self.qualified and not self.expand:
            return self.graph
        weak = {n for fq in self.facts.values() for n in fq.weak} if strong else set()
        out = Graph()
        for s, p, o in self.graph:
            if s in self.qualified or s in self.dropped:
                continue
            if o in self.qualified:
                value = self.qualified[o]
                if value is None or value == GCP.notApplicable or o in weak:
                    continue
                o = value
            out.add((s, p, o))
        for mnode, prop, source, concepts in self.expand:
            if source not in weak:
                for concept in concepts:
                    out.add((mnode, prop, concept))
        return out

    def has_weak(self) -> bool:
        return any(fq.weak for fq in self.facts.values())


def _num(value: Node | None) -> str:
    if value is None:
        return ""
    text = str(value)
    return text[:-2] if text.endswith(".0") else text
