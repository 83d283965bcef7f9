"""A set of profiles checked together: the comparison matrix across states,
regional roll-ups, and bills against their baselines. The site and
`gapcheck matrix` read this; it never re-validates."""

from __future__ import annotations

import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import SKOS

from ..engine.engine import engine
from ..engine.findings import Report
from ..engine.status import GAP
from ..errors import InputError, Problem
from ..kb import base
from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..kb.locate import KbFolders
from ..kb.requirements import Requirement
from ..profile import format as schemamod
from ..profile import load as profmod
from ..profile.load import profile_files
from ..profile.model import Profile
from .bills import check_bill
from .compare import Comparison


@dataclass
class GroupRollup:
    """Per requirement, how many member states meet it, have a gap, ..."""

    group: str
    label: str
    members: list[str]  # profile ids
    counts: dict[str, Counter]  # requirement -> Counter of statuses

    def most_common_gaps(self, n: int = 10) -> list[tuple[str, int]]:
        gaps = [(req, c[GAP]) for req, c in self.counts.items() if c[GAP]]
        return sorted(gaps, key=lambda rc: (-rc[1], rc[0]))[:n]


@dataclass
class Collection:
    reports: dict[str, Report] = field(default_factory=dict)  # frameworks, by id
    bills: dict[str, Comparison] = field(default_factory=dict)  # bills, by id
    sources: dict[str, Path] = field(default_factory=dict)  # id -> file
    kb: KnowledgeBase | None = field(default=None, repr=False)  # what they were checked against

    @property
    def requirements(self) -> dict[str, Requirement]:
        return reqmod.load(self.kb).requirements

    def matrix(self) -> list[tuple[str, dict[str, str]]]:
        """(requirement, {profile id: status}) in catalogue order."""
        reqs = self.requirements
        return [(ident, {pid: r.finding(ident).status for pid, r in self.reports.items()})
                for ident in reqs]

    def rollups(self) -> list[GroupRollup]:
        schema = schemamod.load(self.kb)
        graph = (self.kb or base.load()).graph
        out = []
        for group, iri in schema.groups.items():
            members = sorted(pid for pid, r in self.reports.items() if group in r.profile.groups)
            if not members:
                continue
            counts = {ident: Counter(self.reports[m].finding(ident).status for m in members)
                      for ident in self.requirements}
            out.append(GroupRollup(group, str(graph.value(iri, SKOS.prefLabel)), members, counts))
        return out


def load(paths: list[str | Path], workers: int | None = None,
         kb: KnowledgeBase | None = None) -> Collection:
    """Check every profile once against `kb` (by default the knowledge base
    locate.find finds); every problem in every file is reported together.

    With many profiles the work is shared between worker processes (one per core
    unless `workers` says otherwise); the result is the same as in one process."""
    kb = kb if kb is not None else base.load()
    files = profile_files(paths)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= PARALLEL_FROM else 1
    if workers <= 1 or len(files) < 2:
        return _load_files(files, kb)
    chunks = [files[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # each worker reads the same knowledge base (from the parse cache)
        parts = list(pool.map(_load_files_or_problems, chunks, [kb.folders] * len(chunks)))
    problems = [p for part in parts if isinstance(part, list) for p in part]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.file or "", p.line or 0)))
    coll = _merge([part for part in parts if isinstance(part, Collection)])
    coll.kb = kb
    return coll


PARALLEL_FROM = 48


def _load_files_or_problems(files: list[Path], folders: KbFolders) -> Collection | list[Problem]:
    try:
        coll = _load_files(files, base.load(folders))
    except InputError as exc:
        return exc.problems
    coll.kb = None  # the parent has it: send back the reports only
    return coll


def _id_line(path: Path, ident: str) -> int | None:
    for i, row in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        if ident in row and not row.lstrip().startswith("#"):
            return i + 1
    return None


def _merge(parts: list[Collection]) -> Collection:
    out = Collection()
    problems = []
    for part in parts:
        for ident, path in part.sources.items():
            if ident in out.sources:
                problems.append(Problem(str(path), None, f"the id '{ident}' is also used by "
                                        f"{out.sources[ident]}", "give each profile its own id"))
            out.sources[ident] = path
        out.reports.update(part.reports)
        out.bills.update(part.bills)
    if problems:
        raise InputError(problems)
    out.reports = dict(sorted(out.reports.items()))
    out.bills = dict(sorted(out.bills.items()))
    out.sources = dict(sorted(out.sources.items()))
    return out


def _load_files(files: list[Path], kb: KnowledgeBase) -> Collection:
    problems: list[Problem] = []
    loaded: dict[str, Profile] = {}
    for path in files:
        try:
            prof = profmod.load(path, kb)
        except InputError as exc:
            problems += exc.problems
            continue
        if prof.ident in loaded:
            problems.append(Problem(str(path), _id_line(path, prof.ident),
                                    f"the id '{prof.ident}' is also used by "
                                    f"{loaded[prof.ident].path}", "give each profile its own id"))
            continue
        loaded[prof.ident] = prof
    if problems:
        raise InputError(problems)
    coll = Collection(kb=kb)
    eng = engine(kb)
    frameworks = [p for _, p in sorted(loaded.items()) if p.kind != "bill"]
    try:
        for prof, report in zip(frameworks, eng.check_many(frameworks), strict=True):
            coll.reports[prof.ident] = report
    except InputError as exc:
        problems += exc.problems
    by_path = {p.path.resolve(): p for p in loaded.values() if p.path is not None}
    for ident, prof in sorted(loaded.items()):
        coll.sources[ident] = prof.path
        if prof.kind != "bill":
            continue
        try:
            coll.bills[ident] = check_bill(eng, prof, loaded=by_path, checked=coll.reports)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return coll

