"""`gapcheck publish` replaces a site in one step.

An interrupt (Ctrl-C, SIGTERM; to the process or to its whole group; once or
over and over) leaves the previous site byte for byte and no scratch folder,
and exits 130 / 143 with one line; publishes into one folder wait for each
other, so the folder ends up holding the whole site of one of them; a publish
killed outright blocks no one; a reader never finds the site missing.

Each publish runs as a real `gapcheck` process. The tests act on what it does on
disk (its scratch folder appearing, a line on stderr), found by polling with
generous time limits, never after a fixed sleep."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from checker.reports import output
from checker.site.build import SCRATCH_PREFIX, SITE_MARKER

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and locks")

OLD = ROOT / "profiles" / "qaa-2026.yaml"  # the site already published
NEW = ROOT / "profiles" / "qba-2026.yaml"  # the site a publish replaces it with
LIMIT = 300  # seconds; only ever reached when something is wrong
EXIT_FOR = {signal.SIGINT: 130, signal.SIGTERM: 143}
WAITING = "waiting for another gapcheck publish"

# The real command line, paused for good just before the swap: a signal then
# lands at the last moment the old site is in place.
PAUSED_AT_SWAP = """
import os, sys, time
import checker.site.build as build
def paused(new, target, trash):
    open(os.environ["GAPCHECK_TEST_PAUSED"], "w").close()
    time.sleep(600)
build.exchange = paused
sys.argv[0] = "gapcheck"
from checker.cli import run
run()
"""

Tree = dict[str, bytes | None]


def tree(folder: Path) -> Tree:
    """Every file's bytes and every folder (None) under `folder`."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def put(site: Tree, out: Path) -> Path:
    out.mkdir(parents=True)
    for rel, data in site.items():
        (out / rel).mkdir() if data is None else (out / rel).write_bytes(data)
    assert tree(out) == site
    return out


def scratch(parent: Path) -> list[Path]:
    return sorted(parent.glob(SCRATCH_PREFIX + "*"))


class Publish(subprocess.Popen):
    """`gapcheck publish PROFILE --out OUT` in a session of its own (so that a
    test can signal its whole group, as a terminal or a service manager does);
    stderr goes to a file the test can read while it runs."""

    def __init__(self, profile: Path, out: Path, logs: Path, script: str | None = None,
                 env: dict[str, str] | None = None) -> None:
        logs.mkdir(parents=True, exist_ok=True)
        self.err_path = logs / f"stderr-{time.monotonic_ns()}"
        self._err = self.err_path.open("w")
        cmd = ["-c", script] if script else ["-m", "checker.cli"]
        super().__init__([sys.executable, *cmd, "publish", str(profile), "--out", str(out)],
                         cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self._err,
                         env={**os.environ, **(env or {})}, start_new_session=True)

    @property
    def stderr_text(self) -> str:
        return self.err_path.read_text()

    def finish(self) -> int:
        try:
            return self.wait(timeout=LIMIT)
        finally:
            self._err.close()


@contextlib.contextmanager
def running(*procs: Publish) -> Iterator[None]:
    """Never leave a publish running behind a failed test."""
    try:
        yield
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.finish()


def poll(condition: Callable[[], object], what: str, *procs: Publish) -> object:
    """Wait until `condition()` holds; fail, never hang, after LIMIT seconds or
    when one of `procs` ends first."""
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        for proc in procs:
            if proc.poll() is not None:
                pytest.fail(f"publish ended (exit {proc.returncode}) before {what}: {proc.stderr_text}")
        time.sleep(0.02)
    pytest.fail(f"no {what} after {LIMIT} s")


def live_members(pgid: int) -> list[int]:
    """Processes of the group still running (zombies aside: pid 1 may not reap)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(stat.parent.name))
    return pids


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, Tree]:
    """The sites of OLD and NEW, each published alone: what a folder must hold
    after any publish, byte for byte."""
    sites = {}
    for name, profile in (("old", OLD), ("new", NEW)):
        out = tmp_path_factory.mktemp(name) / "site"
        proc = Publish(profile, out, out.parent / "logs")
        with running(proc):
            assert proc.finish() == 0, proc.stderr_text
        sites[name] = tree(out)
        assert SITE_MARKER in sites[name] and "index.html" in sites[name]
    assert sites["old"]["index.html"] != sites["new"]["index.html"]
    return sites


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The --out folder; its parent holds nothing else (scratch folders go there)."""
    return tmp_path / "pub" / "site"


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    return tmp_path / "logs"


def assert_cleanly_interrupted(proc: Publish, sig: int, out: Path, site: Tree) -> None:
    code = proc.finish()
    err = proc.stderr_text
    assert "Traceback" not in err, err
    assert code == EXIT_FOR[sig], err
    assert [line for line in err.splitlines() if WAITING not in line] == ["interrupted"], err
    assert tree(out) == site
    assert scratch(out.parent) == []
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]
    if sys.platform == "linux":  # the PDF worker is stopped too, not left writing
        poll(lambda: not live_members(proc.pid), "end of every process of the publish")


# (signal, sent to the whole group?, what the publish is doing when it arrives:
# a path in its scratch folder that exists by then)
MOMENTS = [
    (signal.SIGINT, False, "."),          # it has just made its scratch folder
    (signal.SIGTERM, False, "src-en/docs"),  # it writes the pages (one folder per language)
    (signal.SIGINT, True, "heavy"),       # a second process draws the PDFs
    (signal.SIGTERM, True, "site"),       # MkDocs writes the site
]


@pytest.mark.parametrize(("sig", "group", "moment"), MOMENTS,
                         ids=[f"{s.name}-{'group' if g else 'process'}-{m}" for s, g, m in MOMENTS])
def test_an_interrupt_while_building_leaves_the_previous_site(published, out, logs, sig, group, moment):
    put(published["old"], out)
    for _attempt in range(3):
        proc = Publish(NEW, out, logs)
        with running(proc):
            poll(lambda: [p for p in scratch(out.parent) if (p / moment).exists()],
                 f"{moment} in the scratch folder", proc)
            (os.killpg if group else os.kill)(proc.pid, sig)
            if proc.finish() in (0, EXIT_FOR[sig]) and tree(out) == published["new"]:
                # the build outran this test's polling and the signal came after
                # the swap (the new site, whole, is right then): nothing was
                # tested; put the old site back and try again
                assert scratch(out.parent) == [] and "Traceback" not in proc.stderr_text
                os.rename(out, out.parent.parent / f"done-{_attempt}")
                put(published["old"], out)
                continue
            assert_cleanly_interrupted(proc, sig, out, published["old"])
            return
    pytest.fail("three times the publish was done before the signal: nothing was tested")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
def test_an_interrupt_at_the_swap_leaves_the_previous_site(published, out, logs, sig):
    """The site is built and about to be swapped in (the publish is held there)."""
    put(published["old"], out)
    paused = logs / "paused"
    proc = Publish(NEW, out, logs, PAUSED_AT_SWAP, {"GAPCHECK_TEST_PAUSED": str(paused)})
    with running(proc):
        poll(paused.exists, "pause at the swap", proc)
        assert [p for p in scratch(out.parent) if (p / "site" / SITE_MARKER).is_file()]
        os.kill(proc.pid, sig)
        assert_cleanly_interrupted(proc, sig, out, published["old"])


def test_ctrl_c_pressed_over_and_over_still_cleans_up(published, out, logs):
    """A user who presses Ctrl-C again while the publish stops: the first one
    stops it, the others do not cut the clean-up short."""
    put(published["old"], out)
    for _attempt in range(3):
        proc = Publish(NEW, out, logs)
        with running(proc):
            poll(lambda: [p for p in scratch(out.parent) if (p / "site").exists()],
                 "the MkDocs build", proc)
            sent = 0
            while proc.poll() is None and sent < LIMIT * 200:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGINT)
                sent += 1
                time.sleep(0.005)
            assert_cleanly_interrupted(proc, signal.SIGINT, out, published["old"])
        if sent > 1:  # it was still cleaning up when the next Ctrl-C came
            return
    pytest.fail("every publish stopped before a second Ctrl-C could reach it")


def test_a_publish_waits_for_the_one_in_progress(published, out, logs):
    """While another publish holds the folder (here the test holds its lock), a
    publish says it waits and writes nothing; it can be stopped while it waits;
    once the lock is free it publishes its whole site."""
    put(published["old"], out)
    lock = output.lock_folder(out.parent)
    lock.__enter__()
    waiting, stopped = Publish(NEW, out, logs), Publish(NEW, out, logs)
    with running(waiting, stopped):
        try:
            for proc in (waiting, stopped):
                poll(lambda p=proc: WAITING in p.stderr_text, "message that it waits", waiting, stopped)
            assert scratch(out.parent) == []
            os.kill(stopped.pid, signal.SIGTERM)
            assert_cleanly_interrupted(stopped, signal.SIGTERM, out, published["old"])
            assert waiting.poll() is None
        finally:
            lock.__exit__(None, None, None)
        assert waiting.finish() == 0, waiting.stderr_text
    assert tree(out) == published["new"]
    assert scratch(out.parent) == []


def test_two_publishes_into_one_folder_leave_the_whole_site_of_one(published, out, logs):
    first, second = Publish(OLD, out, logs), Publish(NEW, out, logs)
    with running(first, second):
        assert first.finish() == 0, first.stderr_text
        assert second.finish() == 0, second.stderr_text
    for proc in (first, second):
        assert "Traceback" not in proc.stderr_text
    assert tree(out) in (published["old"], published["new"])
    assert scratch(out.parent) == []


def test_a_killed_publish_blocks_no_one(published, out, logs):
    """SIGKILL cannot be caught: the killed publish leaves its scratch folder. Its
    lock goes with its processes, and the next publish removes the leftovers."""
    put(published["old"], out)
    killed = Publish(NEW, out, logs)
    with running(killed):
        poll(lambda: [p for p in scratch(out.parent) if (p / "heavy").exists()], "the build", killed)
        os.killpg(killed.pid, signal.SIGKILL)
        killed.finish()
    assert scratch(out.parent), "the killed publish left nothing: this test tests nothing"
    assert tree(out) == published["old"]
    after = Publish(NEW, out, logs)
    with running(after):
        assert after.finish() == 0, after.stderr_text
    assert tree(out) == published["new"]
    assert scratch(out.parent) == []


def test_a_reader_always_finds_a_whole_site(published, out, logs):
    """A web server reading the folder during a publish finds index.html and the
    marker every time, old or new, never missing. (Sampling cannot prove that no
    instant is missing; test_the_swap_is_one_step_here shows why there is none.)"""
    put(published["old"], out)
    seen: list[bytes] = []
    problems: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                seen.append((out / "index.html").read_bytes())
                (out / SITE_MARKER).read_bytes()
            except OSError as exc:
                problems.append(repr(exc))
            time.sleep(0.001)  # leave the publish a core

    reader = threading.Thread(target=read)
    reader.start()
    try:
        proc = Publish(NEW, out, logs)
        with running(proc):
            assert proc.finish() == 0, proc.stderr_text
    finally:
        stop.set()
        reader.join()
    assert problems == []
    assert set(seen) <= {published["old"]["index.html"], published["new"]["index.html"]}
    assert seen[0] == published["old"]["index.html"]
    assert tree(out) == published["new"]


def test_the_swap_is_one_step_here(tmp_path: Path):
    """On Linux the new site and the old one change places in one renameat2
    call, so there is no instant without a site."""
    new, target = tmp_path / "new", tmp_path / "target"
    for folder in (new, target):
        folder.mkdir()
        (folder / "index.html").write_text(folder.name)
    if not output._renameat2_exchange(new, target):
        pytest.skip("no atomic exchange on this system: the two renames below apply")
    assert (target / "index.html").read_text() == "new"
    assert (new / "index.html").read_text() == "target"


def test_without_an_exchange_no_signal_lands_between_the_two_renames(tmp_path: Path, monkeypatch):
    """Where the system cannot exchange two folders, the old site is moved away
    and the new one moved in with signals held back: an interrupt waits until
    both are done, so it never leaves the folder missing."""
    new, target, trash = tmp_path / "new", tmp_path / "target", tmp_path / "trash"
    for folder in (new, target):
        folder.mkdir()
        (folder / "index.html").write_text(folder.name)
    monkeypatch.setattr(output, "_renameat2_exchange", lambda a, b: False)
    real_replace = os.replace
    renames = []

    def replace(src, dst):  # noqa: ANN001
        if not renames:  # between the two renames; to this thread, which holds it back
            signal.pthread_kill(threading.main_thread().ident, signal.SIGTERM)
        renames.append((Path(src).name, Path(dst).name))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(output.Interrupted), output.interruptible():
        output.exchange(new, target, trash)
    assert renames == [("target", "trash"), ("new", "target")]
    assert (target / "index.html").read_text() == "new"
    assert (trash / "index.html").read_text() == "target"


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path: Path):
    """`--out` names a folder of the user's: refused (exit 2), left as it was."""
    from click.testing import CliRunner

    from checker.cli import main

    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter-1.md").write_text("a year of work\n")
    result = CliRunner().invoke(main, ["publish", str(OLD), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "refusing to replace this folder" in result.stderr
    assert tree(out) == {"chapter-1.md": b"a year of work\n"}
    assert scratch(tmp_path) == []


def _report_signal_state(path: str) -> None:  # runs in the worker process
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    path_ = Path(path)
    path_.write_text(repr((sorted(int(s) for s in mask & output.INTERRUPTS),
                           signal.getsignal(signal.SIGINT) == signal.SIG_IGN,
                           signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)))


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks")
def test_the_pdf_worker_takes_no_signal_before_it_handles_its_own(tmp_path: Path, monkeypatch):
    """The worker starts with interrupts held (inherited from the fork), sets its
    own handling (Ctrl-C is the parent's business; SIGTERM ends it), then lets
    them in; an interrupt while it starts stops it at once."""
    from multiprocessing.process import BaseProcess

    from checker.site.build import _Worker

    monkeypatch.delenv("GAPCHECK_NO_FORK", raising=False)
    state = tmp_path / "state"
    with output.interruptible():
        _Worker(_report_signal_state, str(state)).finish()
    assert state.read_text() == repr(([], True, True))

    started = []
    real_start = BaseProcess.start

    def start(self):  # noqa: ANN001, ANN202
        real_start(self)
        started.append(self)
        signal.pthread_kill(threading.main_thread().ident, signal.SIGTERM)  # while it starts

    monkeypatch.setattr(BaseProcess, "start", start)
    with pytest.raises(output.Interrupted), output.interruptible():
        _Worker(time.sleep, 600)
    assert started and started[0].exitcode is not None  # stopped and reaped, not left running
