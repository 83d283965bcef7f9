"""Apply a bill to the framework it amends: the framework as it would stand.

A bill states only what it changes. Each fact it states replaces that fact of
the baseline; evidence for a replaced fact is replaced by the bill's evidence;
everything else of the baseline stands."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from ..errors import InputError
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
        if candidate.is_file():
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


def apply(bill: Profile, baseline: Profile, kb: KnowledgeBase | None = None) -> Profile:
    """The baseline as amended by the bill, as a framework profile named after the bill."""
    schema = schemamod.load(kb)
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
    for prop in (GCP.asOf, RDFS.label):  # the bill's date and title replace the baseline's
        if (value := bill.graph.value(bill.iri, prop)) is not None:
            merged.set((node, prop, value))
    for prop in (GCP.document, GCP.ratification):
        for obj in bill.graph.objects(bill.iri, prop):
            merged.add((node, prop, obj))
            for triple in bill.graph.triples((obj, None, None)):
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
        for fact_prop in changed:
            merged.remove((base_m, fact_prop, None))
            for value in bill.graph.objects(bill_m, fact_prop):
                merged.add((base_m, fact_prop, value))
        # baseline evidence about replaced facts only no longer holds
        for ev in list(merged.objects(base_m, GCP.evidence)):
            about = set(merged.objects(ev, GCP.about))
            if about and about <= changed and base_m != bill_m:
                merged.remove((base_m, GCP.evidence, ev))
        for ev in bill.graph.objects(bill_m, GCP.evidence):
            merged.add((base_m, GCP.evidence, ev))
            for triple in bill.graph.triples((ev, None, None)):
                merged.add(triple)
        for triple in bill.graph.triples((bill_m, None, None)):
            if triple[1] not in schema.by_prop and triple[1] != GCP.evidence:
                merged.add((base_m, triple[1], triple[2]))
        for (subject, prop), line in bill.lines.items():
            if subject == bill_m:
                lines[(base_m, prop)] = line
    # both parts were checked as they loaded (YAML) or are checked here as one (RDF)
    return Profile(bill.path, node, bill.ident, "framework", merged, None, lines,
                   checked=bill.checked and baseline.checked)
