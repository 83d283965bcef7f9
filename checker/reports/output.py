"""Where outputs go, safely: a path that is an input, under a file, in /proc or
/sys, or not writable is refused with a message (exit 2), never a traceback;
files are written whole (a temporary file renamed into place) with the mode
the user's umask gives (0644 by default, not mkstemp's 0600); a folder is
replaced by an atomic exchange; SIGTERM is turned into an interrupt so that
temporary files are removed, and once one interrupt has come, others wait
until the clean-up is done."""

from __future__ import annotations

import errno
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError

SYSTEM_TREES = (Path("/proc"), Path("/sys"), Path("/dev"))


class Interrupted(BaseException):
    """SIGTERM (or SIGHUP) during a write: unwinds like Ctrl-C, so clean-ups run."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _in_system_tree(path: Path) -> bool:
    resolved = Path(os.path.realpath(path))
    return any(resolved == t or t in resolved.parents for t in SYSTEM_TREES)


def _check_parent(target: Path) -> None:
    parent = target.parent
    for ancestor in [parent, *parent.parents]:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise InputError.at(target, None, f"cannot write here: {ancestor} is a file, not a folder",
                                    "give a path in a folder")
            if not os.access(ancestor, os.W_OK | os.X_OK):
                raise InputError.at(target, None, f"cannot write here: the folder {ancestor} is not "
                                    "writable", "give a path in a folder you can write to")
            break


def check_output_file(target: Path, inputs: list[Path] = ()) -> None:  # type: ignore[assignment]
    """Refuse an output path that would do harm or cannot work."""
    if _in_system_tree(target):
        raise InputError.at(target, None, "refusing to write into a system folder (/proc, /sys, /dev)",
                            "give a path in a folder of yours")
    if target.is_dir():
        raise InputError.at(target, None, "the output is a folder; give a file name")
    if target.exists() and not target.is_file():
        raise InputError.at(target, None, "the output exists and is not a regular file")
    for given in inputs:
        try:
            same = target.exists() and given.exists() and os.path.samefile(target, given)
        except OSError:
            same = False
        if same or Path(os.path.realpath(target)) == Path(os.path.realpath(given)):
            raise InputError.at(target, None, "refusing to overwrite an input of this command with "
                                "its output", "give another file name")
    _check_parent(target)


def check_output_folder(out: Path) -> None:
    if _in_system_tree(out):
        raise InputError.at(out, None, "refusing to write into a system folder (/proc, /sys, /dev)",
                            "give a folder of yours, e.g. --out out/site")
    if out.exists() and not out.is_dir():
        raise InputError.at(out, None, "the output exists and is not a folder")
    _check_parent(out)


def write_atomically(path: str | Path, data: str | bytes, inputs: list[Path] = ()) -> None:  # type: ignore[assignment]
    """Write the whole output or nothing: a temporary file renamed into place,
    with the mode a new file gets under the user's umask."""
    target = Path(path)
    check_output_file(target, list(inputs))
    tmp = None
    try:
        with interruptible():
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            os.chmod(tmp, 0o666 & ~umask())
            os.replace(tmp, target)
            tmp = None
    except OSError as exc:
        raise InputError.at(target, None, f"cannot write the output: {exc.strerror}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def folder_mode(folder: Path) -> None:
    """A folder made by mkdtemp is 0700: give the tree the modes the umask gives."""
    mask = umask()
    os.chmod(folder, 0o777 & ~mask)
    for root, dirs, _files in os.walk(folder):
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o777 & ~mask)


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False when the
    system cannot."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, exchange_flag = -100, 2
    if func(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), exchange_flag) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


def exchange(new: Path, target: Path, trash: Path) -> None:
    """Put `new` where `target` is. Where both exist they are swapped atomically
    (the old one ends up at `new`'s place, then at `trash`); elsewhere the two
    renames run with interrupts held back, so no signal lands between them."""
    if target.exists() and _renameat2_exchange(new, target):
        os.replace(new, trash)
        return
    with signals_held():
        if target.exists():
            os.replace(target, trash)
        os.replace(new, target)


# the signals that stop a command; held back by signals_held()
INTERRUPTS = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP}) if hasattr(signal, "SIGHUP") \
    else frozenset()


@contextmanager
def signals_held() -> Iterator[None]:
    """Interrupts arriving inside wait until its end (a step that must not be cut
    in two). A process forked inside starts with them held too."""
    if not INTERRUPTS or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextmanager
def interruptible() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Interrupted here (their default would kill the
    process before any clean-up), Ctrl-C raises KeyboardInterrupt as usual. The
    first interrupt ignores the ones after it, so that pressing Ctrl-C again
    cannot cut the clean-up short."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    names = [s for s in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, s)]
    # a signal the caller ignores (nohup, a background job) stays ignored
    signums = [getattr(signal, n) for n in names if signal.getsignal(getattr(signal, n)) != signal.SIG_IGN]

    def handler(signum: int, _frame: object) -> None:
        for other in signums:
            signal.signal(other, signal.SIG_IGN)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Interrupted(signum)

    old = {signum: signal.signal(signum, handler) for signum in signums}
    try:
        yield
    finally:
        for signum, previous in old.items():
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)


@contextmanager
def lock_folder(folder: Path) -> Iterator[None]:
    """Serialise writers to one folder: an advisory lock on the folder itself
    (released by the system if the holder dies). Without fcntl, no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            import sys

            print(f"waiting for another gapcheck publish into {folder} to finish ...", file=sys.stderr)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
