"""Turn a profile given as RDF (Turtle) into the tree the one profile reader takes,
following only what hangs from the profile's root, as the profile format defines
it. Every triple must find its place in the tree: a triple about another
profile's node, about a knowledge-base term (a requirement, provision, shape,
instrument or concept), about a node nothing links to, or with a property the
format does not have there, is an input error with its line. Nothing is ignored,
and nothing outside the profile is ever re-emitted: the graph the checker uses
is rebuilt by the reader from the tree."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import ids
from ..errors import InputError, Problem, did_you_mean
from ..kb.namespaces import GCP
from . import format as schemamod
from .format import Key

KB_BASES = (ids.CORE, ids.PROFILE_VOCAB, ids.REPORT_VOCAB, ids.CONCEPT, ids.SHAPES,
            ids.REQUIREMENT, ids.INSTRUMENT)


class Foreign:
    """A value of the wrong kind of RDF term (an IRI where text is due...): the
    reader refuses it and says what it was."""

    def __init__(self, describe: str):
        self.describe = describe

    def __repr__(self) -> str:
        return self.describe


@lru_cache(maxsize=512)
def _names(term: URIRef, namespaces: tuple[tuple[str, str], ...]) -> list[re.Pattern]:
    """The ways Turtle text can name `term`. The format's terms recur in every
    profile and stay cached; a profile's own terms do not recur, and a larger cache
    would only hold their patterns in a long run."""
    text = str(term)
    local = re.split(r"[#/]", text)[-1]
    out = [re.compile(re.escape(f"<{term}>"))]
    for prefix, ns in namespaces:  # prefixed names, `/` possibly escaped
        if text.startswith(ns) and len(text) > len(ns):
            rest = re.escape(text[len(ns):]).replace("/", r"\\?/")
            out.append(re.compile(r"(?<![\w:/#-])" + re.escape(prefix) + ":" + rest + r"(?![\w/-])"))
    if local:
        out.append(re.compile(r"(?<![\w:/#-])[A-Za-z][\w.-]*:" + re.escape(local) + r"(?![\w-])"))
    if term == RDF.type:
        out.append(re.compile(r"(?<![\w:<-])a(?=\s)"))
    return out


class TurtleLines:
    """Lines of subjects and properties in Turtle text, found as near as can be."""

    def __init__(self, text: str, namespaces: list[tuple[str, str]] = ()):
        self.rows = text.splitlines()
        self.namespaces = tuple((prefix, str(ns)) for prefix, ns in namespaces)
        self._subjects: dict[Node, int | None] = {}  # asked for again and again: found once

    def _names(self, term: URIRef) -> list[re.Pattern]:
        return _names(term, self.namespaces)

    def subject(self, node: Node) -> int | None:
        if node not in self._subjects:
            self._subjects[node] = self._find_subject(node)
        return self._subjects[node]

    def _find_subject(self, node: Node) -> int | None:
        if not isinstance(node, URIRef):
            return None
        names = self._names(node)
        for i, row in enumerate(self.rows):
            stripped = row.lstrip()
            if any(p.match(stripped) for p in names):
                return i + 1
        return None

    def term(self, term: Node, start: int | None) -> int | None:
        """The first line at or after `start` that names the term."""
        if not isinstance(term, URIRef):
            return None
        names = self._names(term)
        for i in range((start or 1) - 1, len(self.rows)):
            row = self.rows[i].split("#", 1)[0] if "<" not in self.rows[i] else self.rows[i]
            if any(p.search(row) for p in names):
                return i + 1
        return None


class GraphTree:
    """Walks one profile graph from its root into a tree, consuming triples."""

    def __init__(self, graph: Graph, path: Path, text: str, schema: schemamod.Schema):
        self.g = graph
        self.path = path
        self.schema = schema
        self.lines = TurtleLines(text, list(graph.namespaces()))
        self.problems: list[Problem] = []
        self.consumed: set[tuple[Node, Node, Node]] = set()
        self.placed: dict[Node, int | None] = {}  # node -> line where it was placed
        self.record_of: dict[Node, URIRef] = {}  # node -> the record class it was read as
        self.root: URIRef | None = None
        self.prefix = ""
        self.slug_of = {iri: slug for slug, iri in schema.instruments.items()}

    def problem(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(str(self.path), line, message, hint))

    # --- lines -------------------------------------------------------------------------

    def line(self, node: Node, prop: Node | None = None, near: int | None = None) -> int | None:
        start = self.lines.subject(node) or near
        if prop is None:
            return start
        return self.lines.term(prop, start) or start

    def mapping(self, line: int | None) -> CommentedMap:
        out = CommentedMap()
        out.lc.line, out.lc.col = (line or 1) - 1, 0
        return out

    def put(self, out: CommentedMap, key: str, value: Any, line: int | None) -> None:
        out[key] = value
        out.lc.add_kv_line_col(key, [(line or 1) - 1, 0, (line or 1) - 1, 0])

    def seq(self, items: list[tuple[Any, int | None]]) -> CommentedSeq:
        out = CommentedSeq()
        for value, line in items:
            out.append(value)
            out.lc.add_kv_line_col(len(out) - 1, [(line or 1) - 1, 0, (line or 1) - 1, 0])
        return out

    # --- the walk ---------------------------------------------------------------------------

    def tree(self) -> CommentedMap:
        g = self.g
        roots = sorted(set(g.subjects(RDF.type, GCP.Framework)) | set(g.subjects(RDF.type, GCP.Bill)),
                       key=str)
        if len(roots) != 1:
            raise InputError.at(self.path, None, f"expected one profile (a gcp:Framework or "
                                f"gcp:Bill), found {len(roots)}",
                                "type the profile node as gcp:Framework or gcp:Bill")
        root = roots[0]
        text = str(root)
        if not isinstance(root, URIRef) or not text.startswith(ids.PROFILE) or "/" in text[len(ids.PROFILE):]:
            raise InputError.at(self.path, self.line(root), f"the profile's IRI must be "
                                f"{ids.PROFILE}<id>, not {root}")
        self.root = root
        self.prefix = text + "/"
        line = self.line(root) or 1
        out = self.mapping(line)
        self.put(out, "id", text[len(ids.PROFILE):], line)
        kinds = [k for k, iri in (("framework", GCP.Framework), ("bill", GCP.Bill))
                 if (root, RDF.type, iri) in g]
        for kind in kinds:
            self.consumed.add((root, RDF.type, GCP.Framework if kind == "framework" else GCP.Bill))
        self.put(out, "kind", kinds[0] if len(kinds) == 1 else self.seq([(k, line) for k in kinds]), line)
        self.placed[root] = line
        self.record_of[root] = GCP.Profile
        self.fill(out, root, self.schema.records[GCP.Profile], line)
        self.leftovers()
        if self.problems:
            raise InputError(sorted(self.problems, key=lambda p: p.line or 0))
        return out

    def fill(self, out: CommentedMap, node: Node, keys: dict[str, Key], line: int | None,
             measure: schemamod.Measure | None = None) -> None:
        """Every property of the node that is a key of its record, into `out`."""
        by_prop: dict[Node, list[Key]] = {}
        for key in keys.values():
            if key.prop is not None and key.prop != RDF.type:
                by_prop.setdefault(key.prop, []).append(key)
        for prop in sorted({p for p in self.g.predicates(node, None)}, key=str):
            if prop not in by_prop:
                continue
            key = by_prop[prop][0]
            objects = sorted(self.g.objects(node, prop), key=self.order)
            pline = self.line(node, prop, line)
            values: list[tuple[Any, int | None]] = []
            for obj in objects:
                self.consumed.add((node, prop, obj))
                values.append((self.value(obj, key, pline, measure), self.line(obj) or pline))
            if key.multiple and not (len(values) == 1 and values[0][0] in ("silent", "not-applicable")):
                self.put(out, key.key, self.seq(values), pline)
            elif len(values) == 1:
                self.put(out, key.key, values[0][0], pline)
            else:
                self.put(out, key.key, self.seq(values), pline)

    def value(self, obj: Node, key: Key, line: int | None, measure: schemamod.Measure | None) -> Any:
        if key.record is not None:
            return self.record(obj, key.record, key, line)
        if key.reference is not None:
            return self.reference(obj, key, measure)
        if obj == GCP.silent:
            return "silent"
        if obj == GCP.notApplicable:
            return "not-applicable"
        if key.scheme is not None:
            if isinstance(obj, URIRef):
                for notation, concept in key.values.items():
                    if concept == obj:
                        return notation
                return re.split(r"[#/]", str(obj))[-1]  # unknown: the reader suggests a value
            return Foreign(f"the literal {str(obj)!r} (a concept such as "
                           f"<{next(iter(key.values.values()), '')}> is needed)")
        if isinstance(obj, Literal):
            if obj.ill_typed:
                return str(obj)
            value = obj.toPython()
            return value if not isinstance(value, Literal) else str(obj)
        return Foreign(f"the node {obj} (a literal value is needed)")

    def reference(self, obj: Node, key: Key, measure: schemamod.Measure | None) -> Any:
        text = str(obj)
        if key.prop == GCP.amends:
            return text[len(ids.PROFILE):] if text.startswith(ids.PROFILE) else Foreign(f"<{obj}>")
        if key.prop == GCP.instrument:
            return self.slug_of.get(obj) or re.split(r"[#/]", text)[-1]
        if key.prop == GCP.citesDocument:
            prefix = f"{self.prefix}document/"
            return text[len(prefix):] if text.startswith(prefix) else text
        if key.prop == GCP.about:
            fact = self.schema.by_prop.get(obj)
            return fact.key if fact is not None else re.split(r"[#/]", text)[-1]
        return Foreign(f"<{obj}>")

    def order(self, node: Node) -> tuple:
        """Items of a list in a stable order: by IRI, numbers as numbers (evidence/2
        before evidence/10), blank nodes by the line they are written on."""
        if isinstance(node, BNode):
            return (1, self.line(node) or 0, ())
        parts = re.split(r"(\d+)", str(node))
        return (0, 0, tuple((0, int(x), "") if x.isdigit() else (1, 0, x) for x in parts))

    def own(self, node: Node, line: int | None) -> bool:
        """A node the profile may describe: a blank node or an IRI under its own."""
        return isinstance(node, BNode) or (isinstance(node, URIRef)
                                           and str(node).startswith(self.prefix))

    def record(self, node: Node, cls: URIRef, key: Key, line: int | None) -> Any:
        if not isinstance(node, (URIRef, BNode)):
            return node.toPython() if isinstance(node, Literal) else node  # reader: "not a mapping"
        state_v1 = cls == GCP.State and str(node).startswith(ids.STATE)
        if not self.own(node, line) and not state_v1:
            self.problem(self.line(node) or line, f"the node {node} is not this profile's own",
                         f"a profile describes only nodes under its own IRI ({self.prefix}...)")
            return self.mapping(line)
        if node in self.placed:
            self.problem(self.line(node) or line, f"the node {node} is used in two places",
                         f"give each place its own node (it is first used on line {self.placed[node]})"
                         if self.placed[node] else "give each place its own node")
            return self.mapping(line)
        nline = self.line(node) or line
        self.placed[node] = nline
        self.record_of[node] = cls
        out = self.mapping(nline)
        for t in self.g.objects(node, RDF.type):
            if t == cls:
                self.consumed.add((node, RDF.type, t))
        measure = self.schema.measure_by_prop.get(key.prop) if key.prop is not None else None
        if measure is not None:
            keys = {**measure.facts, **self.schema.records[GCP.Measure]}
            self.facts(out, node, measure, keys, nline)
            return out
        if cls == GCP.NationalDocument and isinstance(node, URIRef):
            prefix = f"{self.prefix}document/"
            text = str(node)
            self.put(out, "id", text[len(prefix):] if text.startswith(prefix) else text, nline)
        keys = self.schema.records.get(cls, {})
        self.fill(out, node, keys, nline, self._measure_of(node))
        return out

    def _measure_of(self, node: Node) -> schemamod.Measure | None:
        """For evidence: the measure it hangs from (its `about` names that measure's facts)."""
        for parent in self.g.subjects(GCP.evidence, node):
            cls = self.record_of.get(parent)
            for m in self.schema.measures.values():
                if m.cls == cls:
                    return m
        return None

    def facts(self, out: CommentedMap, node: Node, measure: schemamod.Measure,
              keys: dict[str, Key], line: int | None) -> None:
        """A measure: plain values, and qualified values (nodes with gcp:value, scope...)."""
        qualified_keys = self.schema.records[GCP.QualifiedValue]
        for fkey, fact in measure.facts.items():
            objects = sorted(self.g.objects(node, fact.prop), key=self.order)
            if not objects:
                continue
            pline = self.line(node, fact.prop, line)
            values: list[tuple[Any, int | None]] = []
            for obj in objects:
                self.consumed.add((node, fact.prop, obj))
                if isinstance(obj, BNode) or (isinstance(obj, URIRef) and (obj, None, None) in self.g
                                              and str(obj).startswith(self.prefix)):
                    values.append((self.qualified(obj, fact, qualified_keys, pline, measure), pline))
                else:
                    values.append((self.value(obj, fact, pline, measure), self.line(obj) or pline))
            if fact.multiple and not (len(values) == 1 and (
                    values[0][0] in ("silent", "not-applicable") or (
                        hasattr(values[0][0], "items") and "value" not in values[0][0]))):
                self.put(out, fkey, self.seq(values), pline)
            elif len(values) == 1:
                self.put(out, fkey, values[0][0], pline)
            else:
                self.put(out, fkey, self.seq(values), pline)
        rest = {k: v for k, v in keys.items() if k not in measure.facts}
        self.fill(out, node, rest, line, measure)

    def qualified(self, node: Node, fact: Key, keys: dict[str, Key], line: int | None,
                  measure: schemamod.Measure) -> Any:
        if node in self.placed:
            self.problem(self.line(node) or line, f"the node {node} is used in two places")
            return self.mapping(line)
        nline = self.line(node) or line
        self.placed[node] = nline
        self.record_of[node] = GCP.QualifiedValue
        out = self.mapping(nline)
        for t in self.g.objects(node, RDF.type):
            if t == GCP.QualifiedValue:
                self.consumed.add((node, RDF.type, t))
        values = sorted(self.g.objects(node, GCP.value), key=str)
        vline = self.line(node, GCP.value, nline)
        for obj in values:
            self.consumed.add((node, GCP.value, obj))
        if len(values) == 1:
            self.put(out, "value", self.value(values[0], fact, vline, measure), vline)
        elif values:
            self.put(out, "value", self.seq([(self.value(v, fact, vline, measure), vline)
                                             for v in values]), vline)
        self.fill(out, node, {k: v for k, v in keys.items() if k != "value"}, nline, measure)
        return out

    # --- what is left --------------------------------------------------------------------

    def leftovers(self) -> None:
        for s, p, o in sorted(set(self.g) - self.consumed, key=lambda t: (str(t[0]), str(t[1]), str(t[2]))):
            text = str(s)
            sline = self.line(s)
            local = re.split(r"[#/]", str(p))[-1]
            if isinstance(s, URIRef) and text.startswith(KB_BASES):
                self.problem(sline, f"the profile states {local} about the knowledge-base term "
                             f"{s}; a profile may describe only its own nodes",
                             "remove the statement: requirements, provisions, shapes, instruments "
                             "and concepts are not the profile's to change")
            elif s in self.placed:
                cls = self.record_of.get(s)
                known = self._known(s, cls)
                if p == RDF.type:
                    self.problem(self.line(s, p), f"{s} has the type {o}, which a node there "
                                 "cannot have", "remove the rdf:type statement")
                else:
                    self.problem(self.line(s, p, sline), f"unknown property {local} (value {o})",
                                 did_you_mean(local, known) or "see the profile format reference")
            elif isinstance(s, URIRef) and text.startswith(ids.PROFILE) and not (
                    text + "/").startswith(self.prefix):
                self.problem(sline, f"the profile states {local} about {s}, a node of another "
                             "profile", "a profile may describe only nodes under its own IRI "
                             f"({self.prefix}...)")
            elif isinstance(s, URIRef) and str(s).startswith(ids.STATE):
                self.problem(sline, f"the profile states {local} about {s}, which it does not "
                             "name as its state")
            else:
                self.problem(sline, f"{s} is not linked from the profile, so its statements "
                             f"({local} ...) would be ignored", "link it from the profile, or "
                             "remove it")

    def _known(self, node: Node, cls: URIRef | None) -> list[str]:
        props: list[str] = []
        if cls is None:
            return props
        keys = dict(self.schema.records.get(cls, {}))
        for m in self.schema.measures.values():
            if m.cls == cls:
                keys.update(m.facts)
                keys.update(self.schema.records[GCP.Measure])
        return [re.split(r"[#/]", str(k.prop))[-1] for k in keys.values() if k.prop is not None]


def turtle_tree(graph: Graph, path: Path, text: str, schema: schemamod.Schema) -> CommentedMap:
    return GraphTree(graph, path, text, schema).tree()
