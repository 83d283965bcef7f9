"""Apply a bill to the framework it amends: the framework as it would stand.

A bill states only what it changes. Each fact it states replaces that fact of
the baseline; evidence for a replaced fact is replaced by the bill's evidence;
everything else of the baseline stands."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from ..errors import InputError, Problem
from ..ids import PROFILE_SUFFIXES
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GCP, bind_all
from . import format as schemamod
from .load import load
from .model import Profile


def find_baseline(bill: Profile) -> Path:
    """The file of the profile a bill amends: `<id>.yaml|.ttl|.jsonld` beside the bill."""
    folder = bill.path.parent if bill.path else Path.cwd()
    for suffix in PROFILE_SUFFIXES:
        candidate = folder / f"{bill.amends}{suffix}"
        if candidate.exists() or candidate.is_symlink():
            # a link that leads out of the bill's folder is not followed (as for Akoma Ntoso)
            real, home = candidate.resolve(), folder.resolve()
            if real.parent != home and home not in real.parents:
                raise InputError.at(bill.path, bill.line_of(bill.iri, GCP.amends),
                                    f"the baseline {candidate.name} beside the bill is a link to "
                                    f"a file outside the bill's folder, which is not read",
                                    "copy the baseline into the folder, or pass --baseline FILE")
            return candidate
    raise InputError.at(bill.path, bill.line_of(bill.iri, GCP.amends),
                        f"the bill amends '{bill.amends}', but there is no {bill.amends}.yaml "
                        f"(or .ttl, .jsonld) in {folder}",
                        "put the baseline profile beside the bill, or pass --baseline FILE")


def load_baseline(bill: Profile, baseline_path: Path | None = None,
                  _seen: tuple[str, ...] = (), loaded: dict[Path, Profile] | None = None,
                  kb: KnowledgeBase | None = None) -> Profile:
    """The framework a bill amends, itself resolved if it is a bill (no cycles).
    `loaded`: profiles already read, by resolved path, so that none is read twice."""
    path = baseline_path or find_baseline(bill)
    base = (loaded or {}).get(path.resolve()) or load(path, kb)
    if base.ident in (*_seen, bill.ident):
        raise InputError.at(bill.path, bill.line_of(bill.iri, GCP.amends),
                            "the bills amend each other in a cycle: "
                            + " -> ".join((*_seen, bill.ident, base.ident)))
    if bill.amends and baseline_path is None and base.ident != bill.amends:
        raise InputError.at(path, None, f"this file's id is '{base.ident}', "
                            f"but the bill amends '{bill.amends}'")
    if base.kind == "bill":
        return apply(base, load_baseline(base, None, (*_seen, bill.ident), loaded, kb), kb)
    return base


def _measure(graph: Graph, profile: URIRef, prop: URIRef) -> Node | None:
    return graph.value(profile, prop)


def _subtree(graph: Graph, node: Node) -> list[tuple[Node, Node, Node]]:
    """The triples of a node and of the nodes named under it (a qualified value's
    scope, contrary rules and their evidence): profile IRIs nest by construction."""
    if not isinstance(node, URIRef):
        return list(graph.triples((node, None, None)))
    text = str(node)
    return [t for t in graph if t[0] == node or str(t[0]).startswith(text + "/")]


def _replace(merged: Graph, subject: Node, prop: URIRef) -> None:
    """Remove a fact's values, with the subtrees of qualified values."""
    for value in list(merged.objects(subject, prop)):
        for triple in _subtree(merged, value):
            merged.remove(triple)
    merged.remove((subject, prop, None))


def _check_meta(bill: Profile, baseline: Profile) -> None:
    """What a bill may say about the framework it amends: the same state, the same
    fictional flag; anything else would change who the framework is about."""
    problems = []
    for prop, what in ((GCP.fictional, "fictional"),):
        given, base = bill.graph.value(bill.iri, prop), baseline.graph.value(baseline.iri, prop)
        if given is not None and given != base:
            problems.append(Problem(str(bill.path), bill.line_of(bill.iri, prop),
                                    f"the bill says {what}: {given}, but the framework it amends "
                                    f"says {base if base is not None else 'nothing'}",
                                    f"remove `{what}` from the bill, or make it match"))
    bstate, fstate = bill.graph.value(bill.iri, GCP.state), baseline.graph.value(baseline.iri, GCP.state)
    if bstate is not None:
        code = bill.graph.value(bstate, GCP.isoCode)
        base_code = baseline.graph.value(fstate, GCP.isoCode) if fstate is not None else None
        if code != base_code:
            problems.append(Problem(str(bill.path), bill.line_of(bill.iri, GCP.state),
                                    f"the bill is about state {code}, but the framework it amends "
                                    f"({baseline.ident}) is about {base_code}",
                                    "a bill amends the framework of its own state"))
    if problems:
        raise InputError(problems)


def apply(bill: Profile, baseline: Profile, kb: KnowledgeBase | None = None) -> Profile:
    """The baseline as amended by the bill, as a framework profile named after the bill.

    What the bill says is carried or refused, never dropped: its date, title, notes
    and corpus replace the baseline's; its state and `fictional` must match the
    baseline's; its documents are added; a ratification it lists replaces the
    baseline's ratification of the same instrument; each fact it states replaces
    that fact (qualifiers, contrary rules and evidence about it included)."""
    schema = schemamod.load(kb)
    _check_meta(bill, baseline)
    merged = Graph()
    bind_all(merged)
    node = bill.iri

    prefix = f"{baseline.iri}/"

    def rename(term: Node) -> Node:
        # the amended framework gets its own node IRIs, so that it can be validated
        # in one graph with its baseline; documents keep theirs (their files are the
        # baseline's)
        if term == baseline.iri:
            return node
        text = str(term)
        if isinstance(term, URIRef) and text.startswith(prefix) and "/document/" not in text:
            return URIRef(f"{node}/baseline/{text[len(prefix):]}")
        return term

    for s, p, o in baseline.graph:
        merged.add((rename(s), p, rename(o)))
    merged.remove((node, RDF.type, None))
    merged.add((node, RDF.type, GCP.Framework))
    lines = {(rename(k[0]), k[1]): v for k, v in baseline.lines.items()}
    # the bill's date, title and notes replace the baseline's
    for prop in (GCP.asOf, RDFS.label, RDFS.comment):
        if (value := bill.graph.value(bill.iri, prop)) is not None:
            merged.set((node, prop, value))
    if (corpus := bill.graph.value(bill.iri, GCP.corpus)) is not None:
        _replace(merged, node, GCP.corpus)
        merged.add((node, GCP.corpus, corpus))
        for triple in _subtree(bill.graph, corpus):
            merged.add(triple)
    instruments = {}
    for rat in merged.objects(node, GCP.ratification):
        instruments[merged.value(rat, GCP.instrument)] = rat
    for obj in bill.graph.objects(bill.iri, GCP.ratification):
        old = instruments.get(bill.graph.value(obj, GCP.instrument))
        if old is not None:  # the bill's entry for an instrument replaces the baseline's
            merged.remove((node, GCP.ratification, old))
            for triple in _subtree(merged, old):
                merged.remove(triple)
        merged.add((node, GCP.ratification, obj))
        for triple in _subtree(bill.graph, obj):
            merged.add(triple)
    for obj in bill.graph.objects(bill.iri, GCP.document):
        merged.add((node, GCP.document, obj))
        for triple in _subtree(bill.graph, obj):
            merged.add(triple)
    for measure in schema.measures.values():
        bill_m = _measure(bill.graph, bill.iri, measure.prop)
        if bill_m is None:
            continue
        base_m = _measure(merged, node, measure.prop)
        if base_m is None:
            base_m = bill_m
            merged.add((node, measure.prop, bill_m))
        changed = {p for p in bill.graph.predicates(bill_m, None) if p in schema.by_prop}
        whole = bill.graph.value(bill_m, GCP.notApplicableReason) is not None
        if whole:  # the bill makes the whole measure not applicable
            changed |= {f.prop for f in measure.facts.values()}
        if changed and base_m != bill_m:
            merged.remove((base_m, GCP.notApplicableReason, None))
        for fact_prop in changed:
            if base_m != bill_m:
                _replace(merged, base_m, fact_prop)
            for value in bill.graph.objects(bill_m, fact_prop):
                merged.add((base_m, fact_prop, value))
                if value != base_m:
                    for triple in _subtree(bill.graph, value):
                        merged.add(triple)
        # baseline evidence about replaced facts only no longer holds
        for ev in list(merged.objects(base_m, GCP.evidence)):
            about = set(merged.objects(ev, GCP.about))
            if about and about <= changed and base_m != bill_m:
                merged.remove((base_m, GCP.evidence, ev))
                for triple in _subtree(merged, ev):
                    merged.remove(triple)
        for ev in bill.graph.objects(bill_m, GCP.evidence):
            merged.add((base_m, GCP.evidence, ev))
            for triple in _subtree(bill.graph, ev):
                merged.add(triple)
        for triple in bill.graph.triples((bill_m, None, None)):
            if triple[1] not in schema.by_prop and triple[1] != GCP.evidence:
                merged.add((base_m, triple[1], triple[2]))
        for (subject, prop), line in bill.lines.items():
            if subject == bill_m:
                lines[(base_m, prop)] = line
    # both parts were checked as they loaded
    return Profile(bill.path, node, bill.ident, "framework", merged, None, lines,
                   checked=bill.checked and baseline.checked)
