"""Read a profile written in YAML into an RDF graph.

YAML is what lawyers write. It is checked key by key against the profile format
read from the ontology, so that a misspelt key or value is an error with its
line and a did-you-mean, never a dropped fact; then it becomes the same triples
the published JSON-LD context gives (ontology/profile-context.jsonld)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError, Problem, did_you_mean
from ..ids import ISO3, SLUG, STATE, USER_ASSIGNED, slug_hint
from ..kb.namespaces import GCP, bind_all
from . import format as schemamod
from .model import document_iri, profile_iri
from .yaml_syntax import line_of as _line

FORMAT_VERSION = 1
SILENT = "silent"
META_KEYS = ("gapcheck", "id", "kind", "title", "state", "fictional", "as_of", "groups",
             "amends", "ratifications", "documents", "notes")


class YamlReader:
    """Walks the YAML tree, checks every key and value, and builds the graph."""

    def __init__(self, path: Path, schema: schemamod.Schema):
        self.path = path
        self.schema = schema
        self.problems: list[Problem] = []
        self.graph = Graph()
        bind_all(self.graph)
        self.lines: dict[tuple[Node, URIRef | None], int] = {}

    def problem(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(str(self.path), line, message, hint))

    def unknown_keys(self, mapping: Any, allowed: tuple[str, ...] | list[str], where: str) -> None:
        for key in mapping:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or "allowed keys: " + ", ".join(sorted(allowed))
                self.problem(_line(mapping, key), f"unknown key '{key}' {where}", hint)

    def check_tag(self, value: Any, line: int | None) -> bool:
        tag = getattr(value, "tag", None)
        tag_value = getattr(tag, "value", tag)
        if tag_value and str(tag_value).startswith("!"):
            self.problem(line, f"YAML tag '{tag_value}' is not allowed in a profile",
                         "remove the tag; profiles hold plain values only")
            return False
        return True

    # scalar readers return None after recording a problem
    def text(self, value: Any, line: int | None, what: str) -> str | None:
        if not self.check_tag(value, line):
            return None
        if isinstance(value, str) and value.strip():
            return str(value)
        self.problem(line, f"{what} must be text, not {describe(value)}")
        return None

    def date(self, value: Any, line: int | None, what: str) -> dt.date | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(line, f"{what} must be a date written YYYY-MM-DD, not {describe(value)}")
        return None

    def read(self, data: Any) -> tuple[URIRef, str, str, str | None]:
        if data is None:
            raise InputError.at(self.path, None, "the file is empty",
                                "a profile starts with `gapcheck: 1`, `id:` and `state:`")
        if not hasattr(data, "items"):
            raise InputError.at(self.path, _line(data) or 1,
                                f"a profile must be a mapping of keys to values, not {describe(data)}")
        allowed = list(META_KEYS) + list(self.schema.measures)
        self.unknown_keys(data, allowed, "at the top of the profile")

        version = data.get("gapcheck", FORMAT_VERSION)
        if version != FORMAT_VERSION or isinstance(version, bool):
            self.problem(_line(data, "gapcheck"), f"unsupported format version {version!r}",
                         f"this gapcheck reads `gapcheck: {FORMAT_VERSION}`")
        ident = data.get("id")
        if ident is None:
            ident = re.sub(r"[^a-z0-9-]+", "-", self.path.stem.lower()).strip("-") or "profile"
        elif not (isinstance(ident, str) and SLUG.fullmatch(ident)):
            self.problem(_line(data, "id"), f"id {ident!r} is not a valid profile id",
                         slug_hint())
            ident = "invalid"
        node = profile_iri(ident)
        self.lines[(node, None)] = 1
        g = self.graph

        kind = data.get("kind", "framework")
        if kind not in ("framework", "bill"):
            self.problem(_line(data, "kind"), f"kind must be framework or bill, not {kind!r}",
                         did_you_mean(kind, ("framework", "bill")))
            kind = "framework"
        g.add((node, RDF.type, GCP.Bill if kind == "bill" else GCP.Framework))
        if "gapcheck" in data:
            g.add((node, GCP.formatVersion, Literal(FORMAT_VERSION)))
        for key, prop in (("title", RDFS.label), ("notes", RDFS.comment)):
            if key in data and (value := self.text(data[key], _line(data, key), key)):
                g.add((node, prop, Literal(value)))
                self.lines[(node, prop)] = _line(data, key)
        if "as_of" in data and (when := self.date(data["as_of"], _line(data, "as_of"), "as_of")):
            g.add((node, GCP.asOf, Literal(when)))
            self.lines[(node, GCP.asOf)] = _line(data, "as_of")
        fictional = data.get("fictional")
        if "fictional" in data:
            if isinstance(fictional, bool):
                g.add((node, GCP.fictional, Literal(fictional)))
            else:
                self.problem(_line(data, "fictional"),
                             f"fictional must be true or false, not {describe(fictional)}")

        self.read_state(data, node, kind, fictional is True)
        self.read_groups(data, node)
        amends = None
        if kind == "bill":
            amends = data.get("amends")
            if not (isinstance(amends, str) and SLUG.fullmatch(amends)):
                self.problem(_line(data, "amends") if "amends" in data else 1,
                             "a bill must name the profile it amends: `amends: <profile id>`",
                             "the id of a profile in the same folder, e.g. amends: qaa-2026")
                amends = None
            elif amends == ident:
                self.problem(_line(data, "amends"), "a bill cannot amend itself")
                amends = None
            else:
                g.add((node, GCP.amends, profile_iri(amends)))
                self.lines[(node, GCP.amends)] = _line(data, "amends")
        elif "amends" in data:
            self.problem(_line(data, "amends"), "only a bill can amend a profile",
                         "add `kind: bill`, or remove `amends`")
        elif "as_of" not in data:
            self.problem(1, "a framework profile needs `as_of:`, the date it describes",
                         "e.g. as_of: 2026-03-01")
        documents = self.read_documents(data, node, ident)
        self.read_ratifications(data, node)
        for key, measure in self.schema.measures.items():
            if key in data:
                self.read_measure(data, key, measure, node, documents)
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda p: p.line or 0))
        return node, ident, kind, amends

    def read_state(self, data: Any, node: URIRef, kind: str, fictional: bool) -> None:
        if "state" not in data:
            if kind == "framework":
                self.problem(1, "a framework profile needs `state:` with its code and name",
                             "e.g. state: {code: QAA, name: Republic of Qaa}")
            return
        state = data["state"]
        line = _line(data, "state")
        if not hasattr(state, "items"):
            self.problem(line, f"state must be a mapping with code and name, not {describe(state)}",
                         "e.g. state: {code: QAA, name: Republic of Qaa}")
            return
        self.unknown_keys(state, ("code", "name"), "under state")
        code = state.get("code")
        if not (isinstance(code, str) and ISO3.fullmatch(code)):
            self.problem(_line(state, "code") or line,
                         f"state code {code!r} is not an ISO 3166 alpha-3 code",
                         "three capital letters; fictional states use QAA-QZZ or XAA-XZZ")
            return
        if fictional and not USER_ASSIGNED.fullmatch(code):
            self.problem(_line(state, "code"), f"a fictional state must use a user-assigned code, "
                         f"not {code}", "use QAA-QZZ or XAA-XZZ, which no real state has")
        snode = URIRef(STATE + code)
        self.graph.add((node, GCP.state, snode))
        self.graph.add((snode, GCP.isoCode, Literal(code)))
        if "name" in state and (name := self.text(state["name"], _line(state, "name"), "state name")):
            self.graph.add((snode, RDFS.label, Literal(name)))
        self.lines[(snode, None)] = line

    def read_groups(self, data: Any, node: URIRef) -> None:
        if "groups" not in data:
            return
        groups = data["groups"]
        if not isinstance(groups, list):
            self.problem(_line(data, "groups"), f"groups must be a list, not {describe(groups)}")
            return
        for i, group in enumerate(groups):
            iri = self.schema.groups.get(group) if isinstance(group, str) else None
            if iri is None:
                self.problem(_line(groups, i), f"unknown regional group {group!r}",
                             did_you_mean(group, tuple(self.schema.groups))
                             or "known groups: " + ", ".join(self.schema.groups))
            else:
                self.graph.add((node, GCP.memberOf, iri))

    def read_documents(self, data: Any, node: URIRef, ident: str) -> dict[str, URIRef]:
        documents: dict[str, URIRef] = {}
        if "documents" not in data:
            return documents
        items = data["documents"]
        if not isinstance(items, list):
            self.problem(_line(data, "documents"), f"documents must be a list, not {describe(items)}")
            return documents
        for i, item in enumerate(items):
            line = _line(items, i)
            if not hasattr(item, "items"):
                self.problem(line, f"each document must be a mapping with id and title, not {describe(item)}")
                continue
            self.unknown_keys(item, ("id", "title", "url", "akn", "date"), "in a document")
            doc_id = item.get("id")
            if not (isinstance(doc_id, str) and SLUG.fullmatch(doc_id)):
                self.problem(_line(item, "id") or line, f"document id {doc_id!r} is not valid",
                             slug_hint("tip-act"))
                continue
            if doc_id in documents:
                self.problem(_line(item, "id"), f"document id '{doc_id}' is used twice")
                continue
            doc = document_iri(ident, doc_id)
            documents[doc_id] = doc
            self.graph.add((node, GCP.document, doc))
            self.lines[(doc, None)] = line
            if "title" not in item:
                self.problem(line, f"document '{doc_id}' needs a title")
            for key, prop, kind in (("title", RDFS.label, "text"), ("url", GCP.documentUrl, "url"),
                                    ("akn", GCP.aknFile, "text"), ("date", GCP.documentDate, "date")):
                if key not in item:
                    continue
                kline = _line(item, key)
                if kind == "date":
                    value = self.date(item[key], kline, f"the date of document '{doc_id}'")
                    lit = Literal(value) if value else None
                else:
                    value = self.text(item[key], kline, f"{key} of document '{doc_id}'")
                    lit = None
                    if value:
                        lit = Literal(value, datatype=XSD.anyURI) if kind == "url" else Literal(value)
                    if kind == "url" and value and not re.match(r"^https?://\S+$", value):
                        self.problem(kline, f"{value!r} is not a web address", "start it with https://")
                        lit = None
                if lit is not None:
                    self.graph.add((doc, prop, lit))
                    self.lines[(doc, prop)] = kline
        return documents

    def read_ratifications(self, data: Any, node: URIRef) -> None:
        if "ratifications" not in data:
            return
        items = data["ratifications"]
        if not isinstance(items, list):
            self.problem(_line(data, "ratifications"), f"ratifications must be a list, not {describe(items)}")
            return
        seen: set[str] = set()
        for i, item in enumerate(items):
            line = _line(items, i)
            if isinstance(item, str):  # shorthand: just the instrument
                item = {"instrument": item}
            if not hasattr(item, "items"):
                self.problem(line, "each ratification must be a mapping with an instrument, "
                             f"not {describe(item)}")
                continue
            self.unknown_keys(item, ("instrument", "date", "reservations"), "in a ratification")
            slug = item.get("instrument")
            inst = self.schema.instruments.get(slug) if isinstance(slug, str) else None
            if inst is None:
                self.problem(_line(item, "instrument") if hasattr(item, "lc") else line,
                             f"unknown instrument {slug!r} in ratifications",
                             did_you_mean(slug, tuple(self.schema.instruments))
                             or "known instruments: " + ", ".join(self.schema.instruments))
                continue
            if slug in seen:
                self.problem(line, f"instrument '{slug}' is listed twice in ratifications")
                continue
            seen.add(slug)
            rnode = URIRef(f"{node}/ratification/{slug}")
            self.lines[(rnode, None)] = line
            self.graph.add((node, GCP.ratification, rnode))
            self.graph.add((rnode, GCP.instrument, inst))
            if "date" in item and (when := self.date(item["date"], _line(item, "date"), "ratification date")):
                self.graph.add((rnode, GCP.ratifiedOn, Literal(when)))
            if "reservations" in item:
                res = item["reservations"]
                res = [res] if isinstance(res, str) else res
                if not isinstance(res, list):
                    self.problem(_line(item, "reservations"), "reservations must be text or a list of texts")
                    continue
                for j, text in enumerate(res):
                    rline = _line(res, j) if hasattr(res, "lc") else line
                    if value := self.text(text, rline, "a reservation"):
                        self.graph.add((rnode, GCP.reservation, Literal(value)))

    def read_measure(self, data: Any, key: str, measure: schemamod.Measure, node: URIRef,
                     documents: dict[str, URIRef]) -> None:
        body = data[key]
        line = _line(data, key)
        mnode = URIRef(f"{node}/{key}")
        self.lines[(mnode, None)] = line
        if body == SILENT:  # the whole topic: every fact is explicitly silent
            self.graph.add((node, measure.prop, mnode))
            for fact in measure.facts.values():
                self.graph.add((mnode, fact.prop, GCP.silent))
                self.lines[(mnode, fact.prop)] = line
            return
        if not hasattr(body, "items"):
            self.problem(line, f"'{key}' must be a mapping of facts, or `silent`, not {describe(body)}",
                         "`gapcheck new` writes a profile with every key explained")
            return
        self.graph.add((node, measure.prop, mnode))
        allowed = list(measure.facts) + ["evidence", "notes"]
        self.unknown_keys(body, allowed, f"under {key}")
        for fkey, fact in measure.facts.items():
            if fkey in body:
                fline = _line(body, fkey)
                self.lines[(mnode, fact.prop)] = fline
                for obj in self.fact_values(body[fkey], fact, fline, f"{key}.{fkey}", body):
                    self.graph.add((mnode, fact.prop, obj))
        if "notes" in body and (value := self.text(body["notes"], _line(body, "notes"), "notes")):
            self.graph.add((mnode, RDFS.comment, Literal(value)))
        if "evidence" in body:
            self.read_evidence(body, mnode, measure, documents, key)

    def fact_values(self, value: Any, fact: schemamod.Fact, line: int | None, where: str,
                    body: Any) -> list[Node]:
        if not self.check_tag(value, line):
            return []
        if value == SILENT:
            return [GCP.silent]
        if value is None:
            self.problem(line, f"{where} has no value",
                         f"give {fact.kind}, or `silent` if the law says nothing; "
                         "leave the key out if it was not assessed")
            return []
        if fact.multiple:
            if not isinstance(value, list):
                self.problem(line, f"{where} must be a list ({fact.kind}), not {describe(value)}",
                             f"e.g. {where.split('.')[-1]}: [{next(iter(fact.values), '')}]")
                return []
            if not value:
                self.problem(line, f"{where} is an empty list, which would say nothing",
                             "list the values the law covers, write `silent` if it covers none, "
                             "or leave the key out if it was not assessed")
                return []
            out: list[Node] = []
            for i, item in enumerate(value):
                out += self.one_value(item, fact, _line(value, i) or line, where)
            return out
        return self.one_value(value, fact, line, where)

    def one_value(self, value: Any, fact: schemamod.Fact, line: int | None, where: str) -> list[Node]:
        if fact.scheme is not None:
            if isinstance(value, str) and value in fact.values:
                return [fact.values[value]]
            self.problem(line, f"{where}: {value!r} is not a known value",
                         " ".join(filter(None, (did_you_mean(value, tuple(fact.values)),
                                                f"allowed: {', '.join(fact.values)}"))))
            return []
        dtype = fact.datatype
        if dtype == XSD.boolean:
            if isinstance(value, bool):
                return [Literal(value)]
        elif dtype == XSD.integer:
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10_000:
                return [Literal(int(value))]
        elif dtype == XSD.decimal:
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 10_000:
                return [Literal(int(value))] if isinstance(value, int) else [
                    Literal(Decimal(str(value)), datatype=XSD.decimal)]
        elif dtype == XSD.string and isinstance(value, str):
            return [Literal(value)]
        self.problem(line, f"{where} must be {fact.kind} (or `silent`), not {describe(value)}")
        return []

    def read_evidence(self, body: Any, mnode: URIRef, measure: schemamod.Measure,
                      documents: dict[str, URIRef], where: str) -> None:
        items = body["evidence"]
        if isinstance(items, dict) or hasattr(items, "items"):
            items = [items]
        if not isinstance(items, list):
            self.problem(_line(body, "evidence"), "evidence must be a list of citations")
            return
        for i, item in enumerate(items):
            line = _line(items, i) if hasattr(items, "lc") else _line(body, "evidence")
            if not hasattr(item, "items"):
                self.problem(line, f"each evidence item must be a mapping, not {describe(item)}",
                             "e.g. {document: tip-act, section: s. 3(1)}")
                continue
            self.unknown_keys(item, ("document", "section", "eid", "url", "quote", "about"),
                              f"in evidence under {where}")
            enode = URIRef(f"{mnode}/evidence/{i + 1}")
            self.lines[(enode, None)] = line
            self.graph.add((mnode, GCP.evidence, enode))
            doc = item.get("document")
            if doc is not None:
                if doc in documents:
                    self.graph.add((enode, GCP.citesDocument, documents[doc]))
                else:
                    self.problem(_line(item, "document"), f"evidence cites document {doc!r}, "
                                 "which is not listed under `documents`",
                                 did_you_mean(doc, tuple(documents)) if documents else
                                 "list it under `documents:` with an id and a title")
            elif "url" not in item:
                self.problem(line, "evidence needs a document (or at least a url)")
            for key, prop in (("section", GCP.section), ("eid", GCP.eId), ("quote", GCP.quote)):
                if key in item and (value := self.text(item[key], _line(item, key), f"evidence {key}")):
                    self.graph.add((enode, prop, Literal(value)))
                    self.lines[(enode, prop)] = _line(item, key)
            if "url" in item and (value := self.text(item["url"], _line(item, "url"), "evidence url")):
                if re.match(r"^https?://\S+$", value):
                    self.graph.add((enode, GCP.evidenceUrl, Literal(value, datatype=XSD.anyURI)))
                else:
                    self.problem(_line(item, "url"), f"{value!r} is not a web address",
                                 "start it with https://")
            if "quote" in item and isinstance(item["quote"], str) and len(item["quote"]) > 600:
                self.problem(_line(item, "quote"), "the quote is longer than 600 characters",
                             "quote a short key phrase and cite the section")
            about = item.get("about", [])
            about = [about] if isinstance(about, str) else about
            if not isinstance(about, list):
                self.problem(_line(item, "about"), "about must be a list of fact keys")
                continue
            for j, fkey in enumerate(about):
                fact = measure.facts.get(fkey) if isinstance(fkey, str) else None
                if fact is None:
                    self.problem(_line(about, j) if hasattr(about, "lc") else line,
                                 f"evidence is about {fkey!r}, which is not a fact of {where}",
                                 did_you_mean(fkey, tuple(measure.facts)))
                else:
                    self.graph.add((enode, GCP.about, fact.prop))


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if hasattr(value, "items"):
        return "a mapping"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return type(value).__name__
