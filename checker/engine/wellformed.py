"""Phase 1 of a check: is a profile given as RDF well-formed? Runs the shapes
generated from the profile format and turns their results into problems that
name the file and, as near as can be found, the line."""

from __future__ import annotations

import re

from rdflib import URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..errors import InputError, Problem, did_you_mean
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GCP, INST, PROFILE
from ..profile import format as schemamod
from ..profile import wellformed
from ..profile.model import Profile
from . import choice
from .results import Result


class WellFormedness:
    """The phase-1 shapes, prepared on first use (only RDF profiles need them)."""

    def __init__(self, kb: KnowledgeBase, engine: str = "pyshacl"):
        self.kb = kb
        self.engine = engine
        self.schema = schemamod.load(kb)
        self._shapes: choice.Shapes | None = None

    def check(self, profile: Profile) -> None:
        """Phase 1 for profiles given as RDF. A YAML profile was already checked key
        by key as it loaded, against the same schema, with line numbers."""
        if profile.checked:
            return
        if self._shapes is None:
            self._shapes = choice.prepare(self.engine, wellformed.load(self.kb))
        found = self._shapes.validate(profile.graph)
        if found:
            raise InputError(self.wellformed_problems(profile, found))

    def _text_line(self, profile: Profile, *words: str) -> int | None:
        """For RDF profiles, which keep no lines: the first line holding the words."""
        if profile.path is None or not profile.path.is_file():
            return None
        for i, row in enumerate(profile.path.read_text(encoding="utf-8", errors="replace")
                                .splitlines()):
            if all(w in row for w in words if w):
                return i + 1
        return None

    def _known_values(self, path: Node) -> list[str]:
        fact = self.schema.by_prop.get(path)
        if fact is not None:
            return list(fact.values)
        if path == GCP.instrument:
            return list(self.schema.instruments)
        if path == GCP.memberOf:
            return list(self.schema.groups)
        return []

    def wellformed_problems(self, profile: Profile, results: list[Result]) -> list[Problem]:
        problems = []
        for r in results:
            focus, path, value, component = r.focus, r.single_path, r.value, r.component
            line = profile.line_of(focus, path) if path is not None else profile.line_of(focus)
            local_path = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if path else ""
            # an IRI made from a misspelt value: show what the author wrote
            shown = re.split(r"[/#]", str(value))[-1] if isinstance(value, URIRef) and (
                str(value).startswith((PROFILE, INST))) else value
            if path is not None and (line is None or line == profile.line_of(focus)):
                key = self.schema.keys.get(path)
                names = [local_path] + ([f'"{key}"'] if key else [])
                shown_text = str(shown) if shown is not None else ""
                line = next((found for name in names for words in ((name, shown_text), (name,))
                             if (found := self._text_line(profile, *words))), None) or (
                    self._text_line(profile, f'"{shown_text}"') if shown_text else None) or line
            if component == SH.ClosedConstraintComponent:
                local = str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                known = [str(p).rsplit("#", 1)[-1] for p in self.schema.by_prop]
                message = f"unknown property {local} (value {value})"
                hint = did_you_mean(local, known) or "see the profile format reference"
            else:
                message = r.message or "not well-formed"
                if value is not None:
                    message += f" (found {shown})"
                hint = None
                if component == SH.InConstraintComponent and (known := self._known_values(path)):
                    hint = did_you_mean(str(shown), known) or "allowed: " + ", ".join(known)
            problems.append(Problem(str(profile.path) if profile.path else None, line, message, hint))
        return sorted(problems, key=lambda p: (p.line or 0, p.message))
