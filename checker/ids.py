"""How things are named, defined once: the IRI bases of the project's
namespaces and data, the patterns of the ids a user writes, and the file
suffixes a profile may have."""

from __future__ import annotations

import re

# namespaces of the vocabulary (ontology/*.ttl)
CORE = "https://w3id.org/gapcheck/ontology/core#"
PROFILE_VOCAB = "https://w3id.org/gapcheck/ontology/profile#"
REPORT_VOCAB = "https://w3id.org/gapcheck/ontology/report#"
I18N_VOCAB = "https://w3id.org/gapcheck/ontology/i18n#"
CONCEPT = "https://w3id.org/gapcheck/concept#"
SHAPES = "https://w3id.org/gapcheck/shapes#"
# bases of the data: the knowledge base's and the profiles'
REQUIREMENT = "https://w3id.org/gapcheck/requirement/"
INSTRUMENT = "https://w3id.org/gapcheck/instrument/"
PROFILE = "https://w3id.org/gapcheck/profile/"
STATE = "https://w3id.org/gapcheck/state/"
# what gapcheck publishes for others to read: the JSON schemas of its outputs and
# the JSON-LD context of the profile format
SCHEMA = "https://w3id.org/gapcheck/schema/"
PROFILE_CONTEXT = "https://w3id.org/gapcheck/context/profile.jsonld"

# a profile id, a document id: lower-case letters, digits and hyphens (use fullmatch)
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
# ISO 3166 alpha-3, and the codes left to users (what a fictional state must use)
ISO3 = re.compile(r"[A-Z]{3}")
USER_ASSIGNED = re.compile(r"Q[A-Z]{2}|X[A-Z]{2}|AA[A-Z]|ZZ[A-Z]")


def slug_hint(example: str = "qaa-2026") -> str:
    return f"use lower-case letters, digits and hyphens, e.g. {example}"

# the files a profile can be, one list for every command (check, matrix, publish,
# a bill's baseline, which is looked for in this order): JSON-LD saved as .json is a
# profile like .jsonld; a .json file that is no profile (a report) is an error,
# never skipped without a word
YAML_SUFFIXES = (".yaml", ".yml")
PROFILE_SUFFIXES = (*YAML_SUFFIXES, ".ttl", ".jsonld", ".json")


def profile_iri(ident: str) -> str:
    return PROFILE + ident


def document_iri(profile_ident: str, doc_ident: str) -> str:
    return f"{PROFILE}{profile_ident}/document/{doc_ident}"


def profile_id_of(iri: object) -> str | None:
    """The profile id an IRI names, or None when it is not a profile's IRI."""
    text = str(iri)
    if not text.startswith(PROFILE):
        return None
    return text[len(PROFILE):].split("/", 1)[0] or None
