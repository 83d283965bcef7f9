"""The vocabularies are closed and match the ontology: checker/kb/vocab.py is
generated from ontology/*.ttl, a misspelt term is an error, and neither the code
nor the knowledge base uses a term the ontology does not define. The profile
format's facts are data: the code never names them."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT
from rdflib import URIRef

from checker.kb import base, locate, vocab_gen
from checker.kb.namespaces import GC, GCC, GCP, GCR
from checker.kb.requirements import load as catalogue

VOCABS = {"GC": GC, "GCP": GCP, "GCR": GCR, "GCC": GCC}


def test_the_generated_namespaces_are_current():
    published = (ROOT / "checker" / "kb" / "vocab.py").read_text(encoding="utf-8")
    assert published == vocab_gen.current(), (
        "checker/kb/vocab.py is stale: run `make generated` (python -m checker.kb.vocab_gen)")


@pytest.mark.parametrize(("namespace", "term"), [(GC, "Instrumnet"), (GCP, "asof"), (GCR, "Findings"),
                                                 (GCC, "status-gapp")])
def test_a_misspelt_term_is_an_error(namespace, term):
    with pytest.raises(AttributeError, match=term):
        namespace[term]
    if term.isidentifier():
        with pytest.raises(AttributeError):
            getattr(namespace, term)


def test_defined_terms_are_the_ontology_iris():
    assert GCP.asOf == URIRef("https://w3id.org/gapcheck/ontology/profile#asOf")
    assert GCC["status-not-assessed"] == URIRef("https://w3id.org/gapcheck/concept#status-not-assessed")


def test_the_code_uses_only_defined_terms():
    """Also in branches no test runs: every `GCP.term` written in the package exists."""
    wrong = []
    for path in sorted((ROOT / "checker").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in VOCABS and not node.attr.startswith("_") \
                    and node.attr not in VOCABS[node.value.id]:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    assert not wrong, "terms the ontology does not define:\n" + "\n".join(wrong)


ONTOLOGY = vocab_gen.ontology(locate.turtle_files(locate.find().ontology))


def test_every_ontology_term_is_closed_or_a_profile_fact():
    named = vocab_gen.defined(ONTOLOGY)
    facts = vocab_gen.format_terms(ONTOLOGY)
    assert GCP.hasMeasure in named and len(facts) > 100
    for term in named:
        for ns in VOCABS.values():
            if str(term).startswith(str(ns)) and term != URIRef(str(ns)):
                assert (term in ns) != (term in facts), term


def test_profile_facts_are_not_names_in_code():
    assert URIRef(str(GCP) + "reflectionPeriod") in vocab_gen.format_terms(ONTOLOGY)
    with pytest.raises(AttributeError):
        GCP.reflectionPeriod  # noqa: B018 - read through the profile format instead


def test_the_knowledge_base_uses_only_defined_terms():
    """A misspelt gc:/gcp:/gcc:/gcr: term in an instrument or a shape is an error too."""
    kb = base.load()
    named = vocab_gen.defined(ONTOLOGY)
    wrong = set()
    for graph in (kb.graph, catalogue(kb).shapes_graph):
        for triple in graph:
            for term in triple:
                if isinstance(term, URIRef) and any(str(term).startswith(str(ns)) for ns in VOCABS.values()) \
                        and term not in named:
                    wrong.add(str(term))
    assert not wrong, "\n".join(sorted(wrong))
