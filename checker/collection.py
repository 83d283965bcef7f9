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

from . import kb, merge
from . import profile as profmod
from . import schema as schemamod
from .compare import Comparison, compare
from .errors import InputError, Problem
from .validate import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, Report, engine, profile_info

PROFILE_SUFFIXES = (".yaml", ".yml", ".ttl", ".jsonld")


def profile_files(paths: list[str | Path]) -> list[Path]:
    """Files as given; folders expanded to their profile files, sorted."""
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in PROFILE_SUFFIXES
                          and p.is_file() and not p.name.startswith("."))
        else:
            out.append(path)
    return out


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

    def all_reports(self) -> list[Report]:
        """Every framework report and every bill as applied, for their warnings."""
        return [*self.reports.values(), *(c.amended for c in self.bills.values())]

    def matrix(self) -> list[tuple[str, dict[str, str]]]:
        """(requirement, {profile id: status}) in catalogue order."""
        reqs = engine().catalogue.requirements
        return [(ident, {pid: r.finding(ident).status for pid, r in self.reports.items()})
                for ident in reqs]

    def rollups(self) -> list[GroupRollup]:
        schema = schemamod.load()
        graph = kb.load().graph
        out = []
        for group, iri in schema.groups.items():
            members = sorted(pid for pid, r in self.reports.items() if group in r.profile.groups)
            if not members:
                continue
            counts = {ident: Counter(self.reports[m].finding(ident).status for m in members)
                      for ident in engine().catalogue.requirements}
            out.append(GroupRollup(group, str(graph.value(iri, SKOS.prefLabel)), members, counts))
        return out


def load(paths: list[str | Path], workers: int | None = None) -> Collection:
    """Check every profile once; every problem in every file is reported together.

    With many profiles the work is shared between worker processes (one per core
    unless `workers` says otherwise); the result is the same as in one process."""
    files = profile_files(paths)
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= PARALLEL_FROM else 1
    if workers <= 1 or len(files) < 2:
        return _load_files(files)
    chunks = [files[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(_load_files_or_problems, chunks))
    problems = [p for part in parts if isinstance(part, list) for p in part]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.file or "", p.line or 0)))
    return _merge([part for part in parts if isinstance(part, Collection)])


PARALLEL_FROM = 48


def _load_files_or_problems(files: list[Path]) -> Collection | list[Problem]:
    try:
        return _load_files(files)
    except InputError as exc:
        return exc.problems


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


def _load_files(files: list[Path]) -> Collection:
    problems: list[Problem] = []
    loaded: dict[str, profmod.Profile] = {}
    for path in files:
        try:
            prof = profmod.load(path)
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
    coll = Collection()
    eng = engine()
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
            base = merge.load_baseline(prof, loaded=by_path)
            merged = merge.apply(prof, base)
            amended = eng.check(merged)
            amended.profile = profile_info(merged, amends=base.ident)
            baseline = coll.reports.get(base.ident) or eng.check(base)
            coll.bills[ident] = compare(baseline, amended)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return coll


STATUS_SYMBOL = {GAP: "✗", MET: "✓", NOT_ASSESSED: "?", NOT_APPLICABLE: "–"}
