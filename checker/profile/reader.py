"""The one profile reader: a tree of keys and values (what YAML gives; Turtle and
JSON-LD profiles are first turned into the same tree) is checked key by key
against the profile format read from the ontology, and becomes the profile's
graph. Every syntax therefore accepts and refuses exactly the same things: the
same keys, types, ranges, lengths, required keys, empty lists and duplicates.

A misspelt key or value is an error with its line and a did-you-mean, never a
dropped fact. Every node the graph holds hangs from the profile's own IRI."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError, Problem, did_you_mean
from ..ids import USER_ASSIGNED, slug_hint
from ..kb.namespaces import GCP, bind_all
from . import format as schemamod
from .format import FORMAT_VERSION, FORMAT_VERSIONS, Key
from .model import document_iri, profile_iri
from .yaml_syntax import line_of as _line

SILENT = "silent"
NOT_APPLICABLE = "not-applicable"
DEFAULT_LIMITS = (Decimal(0), Decimal(10_000))  # numbers without limits of their own
MIGRATE_HINT = "`gapcheck migrate FILE` moves a profile to the current format"

Tree = Any  # a mapping, a list or a scalar, as YAML (or the Turtle/JSON-LD front ends) give it


def is_mapping(value: Any) -> bool:
    return hasattr(value, "items") and not isinstance(value, (str, bytes))


class TreeReader:
    """Walks the tree, checks every key and value, and builds the graph."""

    def __init__(self, path: Path, schema: schemamod.Schema, syntax: str = "yaml"):
        self.path = path
        self.schema = schema
        self.syntax = syntax
        self.problems: list[Problem] = []
        self.graph = Graph()
        bind_all(self.graph)
        self.lines: dict[tuple[Node, URIRef | None], int] = {}
        self.version = FORMAT_VERSION
        self.kind_iri: URIRef | None = None
        self.fictional = False
        self.documents: dict[str, URIRef] = {}
        self.top_line = 1  # where the profile starts (for Turtle: its root's first line)

    # --- problems -------------------------------------------------------------------

    def problem(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(str(self.path), line, message, hint))

    def add(self, s: Node, p: URIRef, o: Node, line: int | None) -> None:
        self.graph.add((s, p, o))
        if line and (s, p) not in self.lines:
            self.lines[(s, p)] = line

    def node(self, iri: str, line: int | None) -> URIRef:
        node = URIRef(iri)
        if line:
            self.lines.setdefault((node, None), line)
        return node

    def check_keys(self, mapping: Any, keys: dict[str, Key], where: str,
                   extra: tuple[str, ...] = ()) -> None:
        """Unknown keys, and keys newer than the profile's format version."""
        allowed = [*keys, *extra]
        for k in mapping:
            if not isinstance(k, str):
                self.problem(_line(mapping, k), f"the key {k!r} is not text")
            elif k not in allowed:
                hint = did_you_mean(k, allowed) or "allowed keys: " + ", ".join(sorted(allowed))
                self.problem(_line(mapping, k), f"unknown key '{k}' {where}", hint)
            elif k in keys and keys[k].since > self.version:
                self.problem(_line(mapping, k),
                             f"'{k}' is a key of format version {keys[k].since}; this profile "
                             f"says `gapcheck: {self.version}`", MIGRATE_HINT)

    def missing(self, mapping: Any, keys: dict[str, Key], what: str, line: int | None,
                skip: tuple[str, ...] = ()) -> None:
        for k, key in keys.items():
            if k not in skip and key.is_required(self.kind_iri) and k not in mapping:
                self.problem(line, f"{what} needs `{k}`", key.definition or None)

    def non_empty_mapping(self, value: Any, line: int | None, where: str) -> bool:
        if not is_mapping(value):
            self.problem(line, f"{where} must be a mapping of keys to values, not {describe(value)}")
            return False
        if not value:
            self.problem(line, f"{where} is an empty mapping, which would say nothing",
                         "give its keys, or leave it out")
            return False
        return True

    def as_list(self, value: Any, line: int | None, where: str, key: Key) -> list | None:
        """A list value: a list with no item twice, never empty; format 1 also took one item."""
        if not isinstance(value, list):
            if self.version == 1 and value is not None and (is_mapping(value) or isinstance(value, str)) \
                    and key.key in ("evidence", "reservations", "about"):
                return [value]  # format 1: one item without the list
            self.problem(line, f"{where} must be a list, not {describe(value)}",
                         f"e.g. {key.key}: [{next(iter(key.values), '...')}]" if key.values
                         else f"write each item on its own line, starting with `- `; {MIGRATE_HINT}"
                         if key.key in ("evidence", "reservations", "about") else None)
            return None
        if not value:
            self.problem(line, f"{where} is an empty list, which would say nothing",
                         "list what the law provides, write `silent` if it provides none, "
                         "or leave the key out if it was not assessed" if key.prop in
                         self.schema.by_prop else "leave the key out")
            return None
        seen: dict[str, int] = {}
        for i, item in enumerate(value):
            if isinstance(item, (str, int, float, Decimal, bool, dt.date)) and not isinstance(item, bool):
                token = f"{type(item).__name__}:{item}"
                if token in seen:
                    self.problem(_line(value, i) or line, f"{where} lists {item!r} twice")
                seen[token] = i
        return value

    # --- scalars ------------------------------------------------------------------------

    def literal(self, value: Any, key: Key, line: int | None, where: str,
                facts: bool = False) -> Node | None:
        """A value of a literal or concept key, checked against its type and limits;
        None after recording a problem."""
        tag = getattr(getattr(value, "tag", None), "value", None)
        if tag:
            self.problem(line, f"YAML tag '{tag}' is not allowed in a profile",
                         "remove the tag; profiles hold plain values only")
            return None
        if value is None:
            self.problem(line, f"{where} has no value",
                         f"give {key.kind}, or `silent` if the law says nothing; leave the key "
                         "out if it was not assessed" if facts else f"give {key.kind}, or leave "
                         "the key out")
            return None
        silent = " (or `silent`)" if facts else ""
        if key.scheme is not None:
            if isinstance(value, str) and value in key.values:
                return key.values[value]
            hint = " ".join(filter(None, (did_you_mean(str(value), tuple(key.values)),
                                          f"allowed: {', '.join(key.values)}")))
            if isinstance(value, str):
                self.problem(line, f"{where}: {value!r} is not a known value", hint)
            else:
                self.problem(line, f"{where} must be {key.kind}{silent}, not {describe(value)}", hint)
            return None
        dtype = key.datatype
        if dtype == XSD.boolean:
            if isinstance(value, bool):
                return Literal(value)
        elif dtype in (XSD.integer, XSD.decimal):
            number = self.number(value, integer=dtype == XSD.integer)
            if number is not None:
                low, high = (key.minimum if key.minimum is not None else DEFAULT_LIMITS[0],
                             key.maximum if key.maximum is not None else DEFAULT_LIMITS[1])
                if not low <= number <= high:
                    self.problem(line, f"{where} must be from {low} to {high}, not {_num(number)}")
                    return None
                if dtype == XSD.integer:
                    return Literal(int(number))
                return decimal_literal(number)
        elif dtype == XSD.date:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return Literal(value)
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                try:
                    return Literal(dt.date.fromisoformat(value))
                except ValueError:
                    pass
            self.problem(line, f"{where} must be a date written YYYY-MM-DD, not {describe(value)}")
            return None
        elif dtype in (XSD.string, XSD.anyURI):
            if isinstance(value, str) and value.strip():
                if key.max_length is not None and len(value) > key.max_length:
                    self.problem(line, f"the {key.key} is longer than {key.max_length} characters",
                                 "quote a short key phrase and cite the section"
                                 if key.key == "quote" else "shorten it")
                    return None
                if key.pattern and not re.fullmatch(key.pattern.strip("^$"), value):
                    if dtype == XSD.anyURI:
                        self.problem(line, f"{value!r} is not a web address", "start it with https://")
                    else:
                        self.problem(line, f"{where} {value!r} does not have the form it needs",
                                     key.definition or None)
                    return None
                return Literal(value, datatype=XSD.anyURI) if dtype == XSD.anyURI else Literal(value)
            if isinstance(value, str):
                self.problem(line, f"{where} is blank", f"give {key.kind}, or leave the key out")
                return None
        self.problem(line, f"{where} must be {key.kind}{silent}, not {describe(value)}")
        return None

    @staticmethod
    def number(value: Any, integer: bool) -> Decimal | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return Decimal(value)
        if integer:
            return None
        if isinstance(value, float):
            if math.isnan(value) or math.isinf(value):
                return None
            try:
                return Decimal(str(value))
            except InvalidOperation:
                return None
        if isinstance(value, Decimal) and value.is_finite():
            return value
        return None

    # --- records ------------------------------------------------------------------------

    def record(self, mapping: Any, cls: URIRef, node: URIRef, path: str, line: int | None,
               handled: tuple[str, ...] = (), place: str | None = None) -> None:
        """The keys of one record: unknown and required keys checked, every plain key
        (literals, concepts, nested records) read; `handled` keys are the caller's.
        `path` names the record in messages (reflection_period.days.scope)."""
        keys = self.schema.records[cls]
        self.check_keys(mapping, keys, place or f"under {path}")
        self.missing(mapping, keys, path, line, skip=handled)
        for k, key in keys.items():
            if k in mapping and k not in handled and key.since <= self.version:
                self.plain(mapping, k, key, node, f"{path}.{k}")

    def plain(self, mapping: Any, k: str, key: Key, node: URIRef, where: str) -> None:
        value, line = mapping[k], _line(mapping, k)
        if key.prop is None:
            return
        items: list = [value]
        if key.multiple:
            items = self.as_list(value, line, where, key) or []
        elif isinstance(value, list):
            self.problem(line, f"{where} must be {key.kind}, not a list")
            return
        for i, item in enumerate(items):
            iline = (_line(value, i) if key.multiple else None) or line
            if key.record is not None:
                child = self.node(f"{node}/{k}/{i + 1}" if key.multiple else f"{node}/{k}", iline)
                if self.nested(item, key.record, child, where, iline):
                    self.add(node, key.prop, child, iline)
            elif (obj := self.literal(item, key, iline, where)) is not None:
                self.add(node, key.prop, obj, iline)

    def nested(self, value: Any, cls: URIRef, node: URIRef, path: str, line: int | None) -> bool:
        """A nested record (scope, threshold, amount, tier, source, corpus, contrary rule)."""
        if not self.non_empty_mapping(value, line, path):
            return False
        if cls == GCP.ContraryRule:
            self.record(value, cls, node, path, line, handled=("evidence",),
                        place=f"in a contrary rule under {path.rsplit('.', 1)[0]}")
            if "evidence" in value:
                self.evidence_list(value, "evidence", node, None, path)
            return True
        self.record(value, cls, node, path, line)
        return True

    # --- the profile ------------------------------------------------------------------

    def read(self, data: Tree) -> tuple[URIRef, str, str, str | None]:
        if data is None:
            raise InputError.at(self.path, None, "the file is empty",
                                "a profile starts with `gapcheck: 2`, `id:` and `state:`")
        if not is_mapping(data):
            raise InputError.at(self.path, _line(data) or 1,
                                f"a profile must be a mapping of keys to values, not {describe(data)}")
        top = self.schema.records[GCP.Profile]
        self.top_line = _line(data) or 1
        self.read_version(data, top["gapcheck"])
        kind = data.get("kind", "framework")
        if kind not in ("framework", "bill"):
            self.problem(_line(data, "kind"), f"kind must be framework or bill, not {kind!r}",
                         did_you_mean(str(kind), ("framework", "bill")))
            kind = "framework"
        self.kind_iri = GCP.Bill if kind == "bill" else GCP.Framework
        ident = self.read_id(data, top["id"])
        node = profile_iri(ident)
        self.lines[(node, None)] = self.top_line
        self.check_keys(data, top, "at the top of the profile")
        self.graph.add((node, RDF.type, self.kind_iri))
        if "gapcheck" in data and self.version in FORMAT_VERSIONS:
            self.graph.add((node, GCP.formatVersion, Literal(self.version)))
        handled = ("gapcheck", "id", "kind", "state", "groups", "amends", "ratifications",
                   "documents", "as_of", *self.schema.measures)
        self.missing(data, top, "the profile", self.top_line, skip=handled)
        fictional = data.get("fictional")
        self.fictional = fictional is True
        for k, key in top.items():
            if k in data and k not in handled and k != "kind" and key.since <= self.version:
                self.plain(data, k, key, node, k)
        if "as_of" in data:
            self.plain(data, "as_of", top["as_of"], node, "as_of")
        elif kind == "framework":
            self.problem(self.top_line, "a framework profile needs `as_of:`, the date it describes",
                         "e.g. as_of: 2026-03-01")
        self.read_state(data, node, kind)
        self.read_groups(data, node)
        amends = self.read_amends(data, node, ident, kind)
        documents = self.read_documents(data, node, ident)
        self.documents = documents
        self.read_ratifications(data, node)
        for key, measure in self.schema.measures.items():
            if key in data:
                self.read_measure(data, key, measure, node, documents)
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda p: p.line or 0))
        return node, ident, kind, amends

    def read_version(self, data: Any, key: Key) -> None:
        if "gapcheck" not in data:
            return
        version = data["gapcheck"]
        if isinstance(version, bool) or version not in FORMAT_VERSIONS:
            self.problem(_line(data, "gapcheck"), f"unsupported format version {version!r}",
                         f"this gapcheck reads `gapcheck: {FORMAT_VERSION}` (and the older "
                         + ", ".join(str(v) for v in FORMAT_VERSIONS[:-1]) + ")")
            return
        self.version = int(version)

    def read_id(self, data: Any, key: Key) -> str:
        ident = data.get("id")
        if ident is None:
            return re.sub(r"[^a-z0-9-]+", "-", self.path.stem.lower()).strip("-")[:64] or "profile"
        if not (isinstance(ident, str) and key.pattern and re.fullmatch(key.pattern.strip("^$"), ident)
                and len(ident) <= (key.max_length or 64)):
            self.problem(_line(data, "id"), f"id {ident!r} is not a valid profile id", slug_hint())
            return "invalid"
        return ident

    def read_state(self, data: Any, node: URIRef, kind: str) -> None:
        if "state" not in data:
            if kind == "framework":
                self.problem(self.top_line, "a framework profile needs `state:` with its code and name",
                             "e.g. state: {code: QAA, name: Republic of Qaa}")
            return
        state, line = data["state"], _line(data, "state")
        if not is_mapping(state):
            self.problem(line, f"state must be a mapping with code and name, not {describe(state)}",
                         "e.g. state: {code: QAA, name: Republic of Qaa}")
            return
        keys = self.schema.records[GCP.State]
        self.check_keys(state, keys, "under state")
        code = state.get("code")
        pattern = keys["code"].pattern or ""
        if not (isinstance(code, str) and re.fullmatch(pattern.strip("^$"), code)):
            self.problem(_line(state, "code") or line,
                         f"state code {code!r} is not an ISO 3166 alpha-3 code",
                         "three capital letters; fictional states use QAA-QZZ or XAA-XZZ")
            return
        if self.fictional and not USER_ASSIGNED.fullmatch(code):
            self.problem(_line(state, "code"), f"a fictional state must use a user-assigned code, "
                         f"not {code}", "use QAA-QZZ or XAA-XZZ, which no real state has")
        snode = self.node(f"{node}/state", line)
        self.add(node, GCP.state, snode, line)
        self.add(snode, GCP.isoCode, Literal(code), _line(state, "code"))
        if "name" in state:
            self.plain(state, "name", keys["name"], snode, "state name")

    def read_groups(self, data: Any, node: URIRef) -> None:
        if "groups" not in data:
            return
        key = self.schema.records[GCP.Profile]["groups"]
        groups = self.as_list(data["groups"], _line(data, "groups"), "groups", key)
        for i, group in enumerate(groups or []):
            iri = self.schema.groups.get(group) if isinstance(group, str) else None
            if iri is None:
                self.problem(_line(groups, i) or _line(data, "groups"),
                             f"unknown regional group {group!r}",
                             did_you_mean(str(group), tuple(self.schema.groups))
                             or "known groups: " + ", ".join(self.schema.groups))
            else:
                self.add(node, GCP.memberOf, iri, _line(data, "groups"))

    def read_amends(self, data: Any, node: URIRef, ident: str, kind: str) -> str | None:
        line = _line(data, "amends")
        if kind != "bill":
            if "amends" in data:
                self.problem(line, "only a bill can amend a profile", "add `kind: bill`, or remove `amends`")
            return None
        for meta in ("groups",):  # what only the framework a bill amends can say
            if meta in data:
                self.problem(_line(data, meta), f"a bill cannot set `{meta}`: they belong to the "
                             "framework it amends", f"remove `{meta}` from the bill")
        amends = data.get("amends")
        if not (isinstance(amends, str) and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", amends)):
            given = f", not {amends!r}" if "amends" in data else ""
            self.problem(line if "amends" in data else self.top_line,
                         f"a bill must name the profile it amends: `amends: <profile id>`{given}",
                         "the id of a profile in the same folder, e.g. amends: qaa-2026")
            return None
        if amends == ident:
            self.problem(line, "a bill cannot amend itself")
            return None
        self.add(node, GCP.amends, profile_iri(amends), line)
        return amends

    def read_documents(self, data: Any, node: URIRef, ident: str) -> dict[str, URIRef]:
        documents: dict[str, URIRef] = {}
        if "documents" not in data:
            return documents
        top = self.schema.records[GCP.Profile]["documents"]
        items = self.as_list(data["documents"], _line(data, "documents"), "documents", top)
        keys = self.schema.records[GCP.NationalDocument]
        for i, item in enumerate(items or []):
            line = _line(items, i) or _line(data, "documents")
            if not is_mapping(item):
                self.problem(line, f"each document must be a mapping with id and title, not {describe(item)}")
                continue
            self.check_keys(item, keys, "in a document")
            doc_id = item.get("id")
            if not (isinstance(doc_id, str) and re.fullmatch((keys["id"].pattern or "").strip("^$"), doc_id)
                    and len(doc_id) <= (keys["id"].max_length or 64)):
                self.problem(_line(item, "id") or line, f"document id {doc_id!r} is not valid",
                             slug_hint("tip-act"))
                continue
            if doc_id in documents:
                self.problem(_line(item, "id"), f"document id '{doc_id}' is used twice")
                continue
            doc = self.node(str(document_iri(ident, doc_id)), line)
            documents[doc_id] = doc
            self.add(node, GCP.document, doc, line)
            self.missing(item, keys, f"document '{doc_id}'", line, skip=("id", "title"))
            if "title" not in item:
                self.problem(line, f"document '{doc_id}' needs a title")
            for k, key in keys.items():
                if k in item and k != "id" and key.since <= self.version:
                    self.plain(item, k, key, doc, f"{k} of document '{doc_id}'")
        return documents

    def read_ratifications(self, data: Any, node: URIRef) -> None:
        if "ratifications" not in data:
            return
        top = self.schema.records[GCP.Profile]["ratifications"]
        items = self.as_list(data["ratifications"], _line(data, "ratifications"), "ratifications", top)
        keys = self.schema.records[GCP.Ratification]
        seen: dict[str, int | None] = {}
        for i, item in enumerate(items or []):
            line = _line(items, i) or _line(data, "ratifications")
            if isinstance(item, str):  # shorthand: just the instrument
                item = {"instrument": item}
            if not is_mapping(item):
                self.problem(line, "each ratification must be a mapping with an instrument, "
                             f"not {describe(item)}")
                continue
            self.check_keys(item, keys, "in a ratification")
            slug = item.get("instrument")
            inst = self.schema.instruments.get(slug) if isinstance(slug, str) else None
            if inst is None:
                self.problem(_line(item, "instrument") or line,
                             f"unknown instrument {slug!r} in ratifications",
                             did_you_mean(str(slug), tuple(self.schema.instruments))
                             or "known instruments: " + ", ".join(self.schema.instruments))
                continue
            if slug in seen:
                self.problem(line, f"instrument '{slug}' is listed twice in ratifications",
                             f"keep one entry (the other is on line {seen[slug]})" if seen[slug] else None)
                continue
            seen[slug] = line
            rnode = self.node(f"{node}/ratification/{slug}", line)
            self.add(node, GCP.ratification, rnode, line)
            self.add(rnode, GCP.instrument, inst, _line(item, "instrument") or line)
            for k, key in keys.items():
                if k in item and k != "instrument" and key.since <= self.version:
                    self.plain(item, k, key, rnode, f"{k} of the ratification of {slug}")

    # --- measures and facts ----------------------------------------------------------------

    def read_measure(self, data: Any, key: str, measure: schemamod.Measure, node: URIRef,
                     documents: dict[str, URIRef]) -> None:
        body, line = data[key], _line(data, key)
        mnode = self.node(f"{node}/{key}", line)
        if body == SILENT:  # the whole topic: every fact is explicitly silent
            self.graph.add((node, measure.prop, mnode))
            for fact in measure.facts.values():
                self.add(mnode, fact.prop, GCP.silent, line)
            return
        if body == NOT_APPLICABLE:
            self.problem(line, f"'{key}' cannot be just `not-applicable`: say why",
                         f"{key}: {{not_applicable: <the reason it does not apply to this kind "
                         "of framework>}")
            return
        if not is_mapping(body):
            self.problem(line, f"'{key}' must be a mapping of facts, or `silent`, not {describe(body)}",
                         "see the profile format reference for its keys")
            return
        if not body:
            self.problem(line, f"'{key}' is an empty mapping, which would say nothing",
                         "give its facts, write `silent` if the law says nothing on it, or "
                         "leave it out if it was not assessed")
            return
        self.graph.add((node, measure.prop, mnode))
        generic = self.schema.records[GCP.Measure]
        self.check_keys(body, {**measure.facts, **generic}, f"under {key}")
        if "not_applicable" in body and generic["not_applicable"].since <= self.version:
            given = [f for f in measure.facts if f in body]
            if given:
                self.problem(_line(body, given[0]), f"'{key}' is not applicable as a whole, so "
                             f"it cannot also give {given[0]}",
                             "remove the facts, or mark only some facts `not-applicable`")
            else:
                self.plain(body, "not_applicable", generic["not_applicable"], mnode,
                           f"{key}.not_applicable")
        for fkey, fact in measure.facts.items():
            if fkey in body:
                self.read_fact(body, fkey, fact, mnode, f"{key}.{fkey}")
        if "notes" in body:
            self.plain(body, "notes", generic["notes"], mnode, f"{key}.notes")
        if "evidence" in body:
            self.evidence_list(body, "evidence", mnode, measure, key)

    def read_fact(self, body: Any, fkey: str, fact: Key, mnode: URIRef, where: str) -> None:
        value, line = body[fkey], _line(body, fkey)
        self.lines[(mnode, fact.prop)] = line
        if is_mapping(value):
            if self.version < 2:
                self.problem(line, f"{where} takes qualifiers only in format version 2",
                             MIGRATE_HINT)
                return
            q = self.node(f"{mnode}/{fkey}", line)
            self.qualified(value, fact, q, mnode, where, line, whole=True)
            return
        if value == SILENT:
            self.add(mnode, fact.prop, GCP.silent, line)
            return
        if value == NOT_APPLICABLE:
            self.problem(line, f"{where} is `not-applicable` without a reason",
                         f"write {fkey}: {{value: not-applicable, reason: <why it does not apply "
                         "to this kind of framework>}")
            return
        if fact.multiple:
            if value is None:
                self.literal(None, fact, line, where, facts=True)
                return
            items = self.as_list(value, line, where, fact)
            seen: set[str] = set()
            for i, item in enumerate(items or []):
                iline = _line(items, i) or line
                token = str(item.get("value")) if is_mapping(item) else str(item)
                if is_mapping(item) and token in seen:
                    self.problem(iline, f"{where} lists {token!r} twice")
                    continue
                seen.add(token)
                if is_mapping(item):
                    if self.version < 2:
                        self.problem(iline, f"{where} takes qualified items only in format "
                                     "version 2", MIGRATE_HINT)
                        continue
                    inner = item.get("value")
                    name = inner if isinstance(inner, str) and re.fullmatch(r"[a-z0-9-]+", inner) \
                        else str(i + 1)
                    q = self.node(f"{mnode}/{fkey}/{name}", iline)
                    self.qualified(item, fact, q, mnode, where, iline, whole=False)
                elif item in (SILENT, NOT_APPLICABLE):
                    self.problem(iline, f"{where}: `{item}` stands for the whole list, not one item",
                                 f"write {fkey}: {item}" if item == SILENT else
                                 f"write {fkey}: {{value: not-applicable, reason: ...}}")
                elif (obj := self.literal(item, fact, iline, where, facts=True)) is not None:
                    self.add(mnode, fact.prop, obj, iline)
            return
        if (obj := self.literal(value, fact, line, where, facts=True)) is not None:
            self.add(mnode, fact.prop, obj, line)

    def qualified(self, value: Any, fact: Key, q: URIRef, mnode: URIRef, where: str,
                  line: int | None, whole: bool) -> None:
        """A value with what the law attaches to it (format 2): `{value: ..., scope: ...}`."""
        keys = self.schema.records[GCP.QualifiedValue]
        if not value:
            self.problem(line, f"{where} is an empty mapping, which would say nothing",
                         "give `value:` (and its qualifiers), or leave the key out")
            return
        inner = value.get("value")
        vline = _line(value, "value") or line
        special = inner if inner in (SILENT, NOT_APPLICABLE) else None
        if any(k not in keys for k in value):  # a misspelt key says so, whatever else is wrong
            self.check_keys(value, keys, f"in the value of {where}")
            return
        if "value" not in value and "contrary" not in value:
            self.problem(line, f"{where} needs `value:`",
                         "give the value the law provides (or `contrary:` rules alone, when the "
                         "law only works against the requirement)")
            return
        allowed = {SILENT: ("value", "notes", "contrary"), NOT_APPLICABLE: ("value", "reason", "notes")}
        if special is not None:
            if not whole:
                self.problem(vline, f"{where}: `{special}` stands for the whole list, not one item")
                return
            extra = [k for k in value if k not in allowed[special]]
            if extra:
                self.problem(_line(value, extra[0]), f"{where} is `{special}`, so it cannot have "
                             f"`{extra[0]}`", f"with `{special}` give only: "
                             + ", ".join(k for k in allowed[special] if k != "value"))
                return
        if special == NOT_APPLICABLE and "reason" not in value:
            self.problem(line, f"{where} is `not-applicable` without a reason",
                         "add `reason:` saying why it does not apply to this kind of framework")
            return
        if "reason" in value and special != NOT_APPLICABLE:
            self.problem(_line(value, "reason"), f"{where}: `reason` goes with `value: "
                         "not-applicable` only", "use `notes` for other remarks")
            return
        if fact.multiple and whole and "value" in value and special is None:
            self.problem(vline, f"{where}: qualify each item of the list, not the whole list",
                         f"write {fact.key}: [item, {{value: item, ...}}]")
            return
        numeric_only = [k for k in ("minimum", "tiers") if k in value]
        if numeric_only and not fact.numeric:
            self.problem(_line(value, numeric_only[0]), f"{where}: `{numeric_only[0]}` is for "
                         "facts that take a number")
            return
        obj: Node | None = None
        if "value" in value:
            obj = {SILENT: GCP.silent, NOT_APPLICABLE: GCP.notApplicable}.get(special) if special \
                else self.literal(inner, fact, vline, where, facts=True)
            if obj is None:
                return
        if "minimum" in value and obj is not None and isinstance(obj, Literal):
            low = self.number(value["minimum"], integer=False)
            if low is not None and low > Decimal(str(obj.toPython())):
                self.problem(_line(value, "minimum"), f"{where}: the minimum {_num(low)} is above "
                             f"the value {obj}")
        self.add(mnode, fact.prop, q, line)
        if obj is not None:
            self.add(q, GCP.value, obj, vline)
        self.record(value, GCP.QualifiedValue, q, where, line, handled=("value",),
                    place=f"in the value of {where}")

    def evidence_list(self, body: Any, k: str, parent: URIRef, measure: schemamod.Measure | None,
                      where: str) -> None:
        documents = self.documents
        keys = self.schema.records[GCP.Evidence]
        listkey = self.schema.records[GCP.Measure]["evidence"]
        line = _line(body, k)
        items = self.as_list(body[k], line, f"evidence under {where}", listkey)
        for i, item in enumerate(items or []):
            iline = _line(items, i) if isinstance(body[k], list) else line
            iline = iline or line
            if not is_mapping(item):
                self.problem(iline, f"each evidence item must be a mapping, not {describe(item)}",
                             "e.g. {document: tip-act, section: s. 3(1)}")
                continue
            if not item:
                self.problem(iline, "an evidence item is empty", "give at least a document or a url")
                continue
            place = f"in evidence under {where}"
            self.check_keys(item, keys, place)
            if measure is None and "about" in item:
                self.problem(_line(item, "about"), "evidence of a contrary rule is about the rule; "
                             "it takes no `about`")
            enode = self.node(f"{parent}/evidence/{i + 1}", iline)
            self.add(parent, GCP.evidence, enode, iline)
            doc = item.get("document")
            if doc is not None:
                if isinstance(doc, str) and doc in documents:
                    self.add(enode, GCP.citesDocument, documents[doc], _line(item, "document"))
                else:
                    self.problem(_line(item, "document"), f"evidence cites document {doc!r}, "
                                 "which is not listed under `documents`",
                                 did_you_mean(str(doc), tuple(documents)) if documents else
                                 "list it under `documents:` with an id and a title")
            elif "url" not in item:
                self.problem(iline, "evidence needs a document (or at least a url)")
            for ek, key in keys.items():
                if ek in item and ek not in ("document", "about") and key.since <= self.version:
                    self.plain(item, ek, key, enode, f"evidence {ek}")
            status = item.get("provision_status")
            role = item.get("role", "supports")
            if status in ("repealed", "omitted") and role == "supports":
                self.problem(_line(item, "provision_status"), f"a {status} provision cannot "
                             "support a value", "give it `role: context` (or `contrary`), and "
                             "cite the provision in force")
            if measure is not None and "about" in item:
                self.about(item, measure, enode, where, iline)

    def about(self, item: Any, measure: schemamod.Measure, enode: URIRef, where: str,
              line: int | None) -> None:
        key = self.schema.records[GCP.Evidence]["about"]
        about = self.as_list(item["about"], _line(item, "about") or line, "about", key)
        for j, fkey in enumerate(about or []):
            fact = measure.facts.get(fkey) if isinstance(fkey, str) else None
            if fact is None:
                self.problem(_line(about, j) or _line(item, "about") or line,
                             f"evidence is about {fkey!r}, which is not a fact of {where}",
                             did_you_mean(str(fkey), tuple(measure.facts)))
            else:
                self.add(enode, GCP.about, fact.prop, _line(item, "about"))



def decimal_literal(number: Decimal) -> Literal:
    """xsd:decimal in its canonical form (7.0, 7.5), so that every syntax, and Turtle
    written and read again, gives the same literal."""
    if number == number.to_integral_value():
        return Literal(f"{int(number)}.0", datatype=XSD.decimal)
    return Literal(format(number.normalize(), "f"), datatype=XSD.decimal)


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float, Decimal)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if is_mapping(value):
        return "a mapping"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    described = getattr(value, "describe", None)  # a wrong kind of RDF term (rdf_tree.Foreign)
    return described if isinstance(described, str) else type(value).__name__
