"""A set of profiles checked together: the comparison matrix across states,
regional roll-ups, and bills against their baselines. The site and
`gapcheck matrix` read this; it never re-validates.

Every profile is checked on its own (engine.check validates its own graph
only), so a set gives exactly the findings each profile gets alone. With many
profiles the work is shared between worker processes. Reports come back
pickled and are unpickled only when read; a large set keeps them in a spool
file on disk and holds only a small Summary of each in memory, which is all
the matrix and the roll-ups read."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import tempfile
import weakref
from collections import Counter
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from rdflib import SKOS

from ..engine.engine import Engine, engine
from ..engine.findings import ProfileInfo, Report
from ..engine.status import GAP, NOT_ASSESSED, SEVERITIES, Severity, Status
from ..errors import InputError, Problem
from ..kb import base
from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..kb.locate import KbFolders
from ..kb.requirements import Requirement
from ..profile import format as schemamod
from ..profile import load as profmod
from ..profile.load import profile_files
from .bills import check_bill
from .compare import CHANGES, Comparison

PARALLEL_FROM = 48  # fewer profiles than this are checked in this process
SPOOL_FROM = 500  # more profiles than this keep their reports on disk until read
TASK_SIZE = 8  # profiles per task handed to a worker


@dataclass(frozen=True)
class Summary:
    """What the matrix and the roll-ups read of a report, kept for every profile."""

    profile: ProfileInfo
    statuses: tuple[Status, ...]  # in catalogue order
    gaps: tuple[int, ...]  # gaps per severity, in the order of SEVERITIES

    @classmethod
    def of(cls, report: Report) -> Summary:
        return cls(report.profile, tuple(f.status for f in report.findings),
                   tuple(report.gap_counts()[s] for s in SEVERITIES))

    @property
    def coverage(self) -> float:
        """As Report.coverage: the share of requirements that could be assessed."""
        if not self.statuses:
            return 0.0
        return 1 - self.statuses.count(NOT_ASSESSED) / len(self.statuses)

    def gap_counts(self) -> dict[Severity, int]:
        return dict(zip(SEVERITIES, self.gaps, strict=True))


@dataclass(frozen=True)
class BillSummary:
    """What the matrix reads of a bill: the framework it amends, changes by kind."""

    amends: str
    changes: tuple[int, ...]  # in the order of compare.CHANGES

    @classmethod
    def of(cls, comparison: Comparison) -> BillSummary:
        return cls(comparison.baseline.profile.ident,
                   tuple(len(comparison.by_change(c)) for c in CHANGES))

    def count(self, change: str) -> int:
        return self.changes[CHANGES.index(change)]


T = TypeVar("T")


@dataclass(frozen=True)
class _Spooled:
    """Where a pickled object sits in a spool file."""

    path: Path
    offset: int
    size: int


class Stored(Mapping[str, T], Generic[T]):
    """Objects by id, kept as they came: the object itself, its pickle, or a place in
    a spool file. A pickle is unpickled when first read, and kept: what never reads
    the reports (the matrix reads the summaries) never holds them."""

    def __init__(self, keep: bool = True) -> None:
        self._entries: dict[str, Any] = {}
        self._keep = keep  # False: unpickled on every read and never held (a bill's baseline)

    def put(self, key: str, entry: Any) -> None:
        self._entries[key] = entry

    def sort(self) -> None:
        self._entries = dict(sorted(self._entries.items()))

    def raw(self, key: str) -> Any:
        """The entry as stored (to hand to another process without unpickling it)."""
        return self._entries[key]

    def __getitem__(self, key: str) -> T:
        entry = self._entries[key]
        if isinstance(entry, _Spooled):
            with entry.path.open("rb") as handle:
                handle.seek(entry.offset)
                entry = handle.read(entry.size)
        if isinstance(entry, bytes):
            entry = pickle.loads(entry)  # noqa: S301 - written by this run's own workers
            if self._keep:
                self._entries[key] = entry
        return entry

    def __contains__(self, key: object) -> bool:
        # Mapping's own `in` reads the entry: it would unpickle (and keep) a report
        # only to say it is there
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


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
    reports: Mapping[str, Report] = field(default_factory=dict)  # frameworks, by id
    bills: Mapping[str, Comparison] = field(default_factory=dict)  # bills, by id
    sources: dict[str, Path] = field(default_factory=dict)  # id -> file
    kb: KnowledgeBase | None = field(default=None, repr=False)  # what they were checked against
    summaries: dict[str, Summary] = field(default_factory=dict)  # frameworks, by id
    bill_summaries: dict[str, BillSummary] = field(default_factory=dict)
    engine: str | None = None  # the SHACL engine that checked them

    @property
    def requirements(self) -> dict[str, Requirement]:
        return reqmod.load(self.kb).requirements

    def all_reports(self) -> list[Report]:
        """Every framework report and every bill as applied, for their warnings."""
        return [*self.reports.values(), *(c.amended for c in self.bills.values())]

    def summary(self, pid: str) -> Summary:
        if pid not in self.summaries:  # a collection put together by hand
            self.summaries[pid] = Summary.of(self.reports[pid])
        return self.summaries[pid]

    def bill_summary(self, bid: str) -> BillSummary:
        if bid not in self.bill_summaries:
            self.bill_summaries[bid] = BillSummary.of(self.bills[bid])
        return self.bill_summaries[bid]

    def status(self, pid: str, ident: str) -> Status:
        """A framework's status on a requirement, without reading its report."""
        return self.summary(pid).statuses[list(self.requirements).index(ident)]

    def matrix(self) -> list[tuple[str, dict[str, Status]]]:
        """(requirement, {profile id: status}) in catalogue order."""
        columns = {pid: self.summary(pid).statuses for pid in self.reports}
        return [(ident, {pid: statuses[i] for pid, statuses in columns.items()})
                for i, ident in enumerate(self.requirements)]

    def rollups(self) -> list[GroupRollup]:
        schema = schemamod.load(self.kb)
        graph = (self.kb or base.load()).graph
        out = []
        for group, iri in schema.groups.items():
            members = sorted(pid for pid in self.reports if group in self.summary(pid).profile.groups)
            if not members:
                continue
            counts = {ident: Counter(self.summary(m).statuses[i] for m in members)
                      for i, ident in enumerate(self.requirements)}
            out.append(GroupRollup(group, str(graph.value(iri, SKOS.prefLabel)), members, counts))
        return out


@dataclass
class _Checked:
    """What a worker sends back for one file."""

    ident: str
    path: Path
    kind: str  # framework / bill
    summary: Summary | BillSummary | None = None
    entry: Any = None  # the report or comparison: object, pickle or spool place
    amends: str | None = None  # a bill: the id of the profile it amends


def load(paths: list[str | Path], workers: int | None = None,
         kb: KnowledgeBase | None = None, engine_name: str | None = None) -> Collection:
    """Check every profile once against `kb` (by default the knowledge base
    locate.find finds), with SHACL engine `engine_name` (engine/choice.py); every
    problem in every file is reported together.

    With many profiles the work is shared between worker processes (one per core
    unless `workers` says otherwise); the result is the same as in one process."""
    kb = kb if kb is not None else base.load()
    eng = engine(kb, engine_name)  # built here first: workers forked from us inherit it
    files = profile_files(paths)
    if workers is None:
        workers = min(_cores(), 4) if len(files) >= PARALLEL_FROM else 1
    spool = Path(tempfile.mkdtemp(prefix="gapcheck-reports-")) if len(files) > SPOOL_FROM else None
    coll = Collection(Stored(), Stored(), kb=kb, engine=eng.name)
    if spool is not None:
        weakref.finalize(coll, shutil.rmtree, spool, True)
    tasks = [files[i:i + TASK_SIZE] for i in range(0, len(files), TASK_SIZE)]
    # what is loaded by now (knowledge base, engine) is left out of the garbage
    # collections to come, which would walk it again and again and, in a worker,
    # copy every memory page it touches
    gc.freeze()
    try:
        if workers <= 1 or len(files) < 2:
            bills = _collect(coll, [_check_files(t, eng, spool, inline=True) for t in tasks], files)
            _collect(coll, [_check_bills(_bill_tasks(coll, bills), eng, spool, inline=True)], files)
        else:
            with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                                     initargs=(kb.folders, eng.name)) as pool:
                bills = _collect(coll, pool.map(_worker_files, tasks, [spool] * len(tasks)), files)
                todo = _bill_tasks(coll, bills)
                chunks = [todo[i::workers] for i in range(workers)] if todo else []
                _collect(coll, pool.map(_worker_bills, chunks, [spool] * len(chunks)), files)
    finally:
        gc.unfreeze()
    for part in (coll.reports, coll.bills):
        part.sort()
    coll.sources = dict(sorted(coll.sources.items()))
    coll.summaries = dict(sorted(coll.summaries.items()))
    coll.bill_summaries = dict(sorted(coll.bill_summaries.items()))
    return coll


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _collect(coll: Collection, parts: Any, files: list[Path]) -> list[_Checked]:
    """Gather what the workers sent back; raise every problem at once. Returns the
    bills still to check."""
    problems: list[Problem] = []
    bills: list[_Checked] = []
    for checked, found in parts:
        problems += found
        for item in checked:
            if item.ident in coll.sources and coll.sources[item.ident] != item.path:
                problems.append(Problem(str(item.path), _id_line(item.path, item.ident),
                                        f"the id '{item.ident}' is also used by "
                                        f"{coll.sources[item.ident]}", "give each profile its own id"))
                continue
            coll.sources[item.ident] = item.path
            if item.kind == "bill" and item.entry is None:
                bills.append(item)  # checked in the second round, once every framework is
                continue
            if item.kind == "bill":
                coll.bills.put(item.ident, item.entry)
                coll.bill_summaries[item.ident] = item.summary
            else:
                coll.reports.put(item.ident, item.entry)
                coll.summaries[item.ident] = item.summary
    if problems:
        order = {str(p): i for i, p in enumerate(files)}
        raise InputError(sorted(problems, key=lambda p: (order.get(p.file or "", len(order)),
                                                         p.file or "", p.line or 0)))
    return bills


def _bill_tasks(coll: Collection, bills: list[_Checked]) -> list[tuple[Path, Stored[Report]]]:
    """Each bill with the report of the framework it amends, as stored, when that
    framework is in the set (it is compared with that report, not checked again)."""
    tasks = []
    for bill in sorted(bills, key=lambda b: b.ident):
        # a worker gets many bills at once: holding each baseline once read would grow
        # it by one report per bill
        checked: Stored[Report] = Stored(keep=False)
        if bill.amends in coll.reports:
            checked.put(bill.amends, coll.reports.raw(bill.amends))
        tasks.append((bill.path, checked))
    return tasks


def _check_files(files: list[Path], eng: Engine, spool: Path | None,
                 inline: bool = False) -> tuple[list[_Checked], list[Problem]]:
    """Load and check frameworks; read bills (they are checked in a second round)."""
    out: list[_Checked] = []
    problems: list[Problem] = []
    for path in files:
        try:
            prof = profmod.load(path, eng.kb)
            if prof.kind == "bill":
                out.append(_Checked(prof.ident, path, "bill", amends=prof.amends))
                continue
            report = eng.check(prof)
        except InputError as exc:
            problems += exc.problems
            continue
        out.append(_Checked(prof.ident, path, "framework", Summary.of(report),
                            _entry(report, spool, inline)))
    return out, problems


def _check_bills(tasks: list[tuple[Path, Stored[Report]]], eng: Engine, spool: Path | None,
                 inline: bool = False) -> tuple[list[_Checked], list[Problem]]:
    out: list[_Checked] = []
    problems: list[Problem] = []
    for path, checked in tasks:
        try:
            bill = profmod.load(path, eng.kb)
            comparison = check_bill(eng, bill, checked=checked)
        except InputError as exc:
            problems += exc.problems
            continue
        out.append(_Checked(bill.ident, path, "bill", BillSummary.of(comparison),
                            _entry(comparison, spool, inline)))
    return out, problems


def _entry(value: Any, spool: Path | None, inline: bool) -> Any:
    """The object itself (same process), its pickle, or its place in this process's
    spool file (large sets)."""
    if inline and spool is None:
        return value
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if spool is None:
        return data
    path = spool / f"{os.getpid()}.spool"
    with path.open("ab") as handle:
        offset = handle.tell()
        handle.write(data)
    return _Spooled(path, offset, len(data))


# worker processes: the engine is built once per process (inherited when forked)
_WORKER: dict[str, Engine] = {}


def _start_worker(folders: KbFolders | None, engine_name: str) -> None:
    import logging

    logging.getLogger("rdflib").setLevel(logging.CRITICAL)  # as the CLI does
    _WORKER["engine"] = engine(base.load(folders), engine_name)


def _worker_files(files: list[Path], spool: Path | None) -> tuple[list[_Checked], list[Problem]]:
    return _check_files(files, _WORKER["engine"], spool)


def _worker_bills(tasks: list[tuple[Path, Stored[Report]]], spool: Path | None
                  ) -> tuple[list[_Checked], list[Problem]]:
    return _check_bills(tasks, _WORKER["engine"], spool)


def _id_line(path: Path, ident: str) -> int | None:
    for i, row in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        if ident in row and not row.lstrip().startswith("#"):
            return i + 1
    return None

