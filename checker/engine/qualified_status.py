"""How what real law attaches to values changes a finding, before dependencies
are resolved (profile/qualified.py reads the qualifiers):

- not applicable: a requirement that cannot be assessed because the facts it
  reads do not apply to this kind of framework is "not applicable", with the reason;
- partial: a requirement met on the base view but not once the values that count
  only in part are left out (strong view) is "partial", or a gap when its standard
  requires general coverage and a value is narrowed in scope;
- contrary rules: a requirement that reads a fact with a contrary rule is a gap,
  whatever the rest says;
- corpus: a gap resting on silence in a profile written from a named corpus of
  acts says so ("silent in these acts").

The shapes stay as they are: the engine runs them on the views."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDFS, Graph, URIRef
from rdflib.term import Node

from ..i18n.sentence import Sentence
from ..kb.namespaces import GCP
from ..profile.qualified import Qualities
from .facts import ProfileIndex
from .results import Result
from .status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, PARTIAL, Status


@dataclass
class Shaped:
    """Statuses after qualifiers, and what to say about each change."""

    raw: dict[str, Status]
    explanations: dict[str, list[str]] = field(default_factory=dict)
    messages: dict[str, list[str]] = field(default_factory=dict)  # partial: what fails without
    failed: dict[str, list[Node]] = field(default_factory=dict)  # partial: the shapes that fail without

    def say(self, ident: str, text: str) -> None:
        self.explanations.setdefault(ident, [])
        if text not in self.explanations[ident]:
            self.explanations[ident].append(text)


def adjust(engine, profile_iri: URIRef, qualities: Qualities, view: Graph,
           raw: dict[str, Status]) -> Shaped:
    shaped = Shaped(dict(raw))
    catalogue, schema = engine.catalogue, engine.schema
    strong: dict[str, Status] | None = None
    strong_results: dict[str, dict[str, list[Result]]] | None = None
    if qualities.has_weak():
        sview = qualities.view(strong=True)
        by_req = engine.results_by_requirement(engine.compliance.validate(sview), profile_iri)
        seen = ProfileIndex(sview)
        strong = {ident: engine.raw_status(seen, ident, by_req.get(ident, {}))
                  for ident in catalogue.requirements}
        strong_results = by_req
    corpus = view.value(profile_iri, GCP.corpus)
    corpus_name = view.value(corpus, RDFS.label) if corpus is not None else None
    for ident, req in catalogue.requirements.items():
        paths = catalogue.fact_paths.get(ident, ())
        fqs = [fq for fp in paths if (fq := qualities.get(fp.measure_prop, fp.fact_prop))]
        status = shaped.raw[ident]
        reasons = sorted({fq.not_applicable for fq in fqs if fq.not_applicable})
        if status == NOT_ASSESSED and reasons:
            status = NOT_APPLICABLE
            for reason in reasons:
                shaped.say(ident, Sentence("not applicable to this kind of framework: %(reason)s",
                                           reason=reason))
        if status == MET and strong is not None and strong[ident] != MET and any(fq.weak for fq in fqs):
            strict = req.iri in schema.narrowed_is_gap and any(fq.narrowing for fq in fqs)
            status = GAP if strict else PARTIAL
            weak = [Sentence("%(value)s: %(text)s", value=q.value, text=q.text) if q.value else q.text
                    for fq in fqs for q in fq.qualifiers if q.weakens]
            shaped.say(ident, Sentence("a gap: the standard requires general coverage, but the law "
                                       "gives it only in part (%(qualifiers)s)", qualifiers=weak)
                       if strict else
                       Sentence("met only in part (%(qualifiers)s)", qualifiers=weak))
            failing = strong_results.get(ident, {}).get("compliance", [])
            msgs = [r.message for r in failing]
            shaped.failed[ident] = [r.shape for r in failing]
            shaped.messages[ident] = sorted({m for m in msgs if m})
        rules = [rule for fq in fqs for rule in fq.contrary]
        if rules:
            status = GAP
            for rule in rules:
                shaped.say(ident, Sentence("the law runs against it: %(rule)s", rule=rule.text))
        if status == GAP and corpus_name is not None and _rests_on_silence(view, profile_iri, paths):
            shaped.say(ident, Sentence("silent in %(corpus)s: the profile describes only these "
                                       "acts, not the state's whole law", corpus=str(corpus_name)))
        shaped.raw[ident] = status
    return shaped


def _rests_on_silence(view: Graph, root: URIRef, paths) -> bool:
    for fp in paths:
        mnode = view.value(root, fp.measure_prop)
        if mnode is not None and (mnode, fp.fact_prop, GCP.silent) in view:
            return True
    return False
