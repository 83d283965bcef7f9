"""A cache of parsed Turtle, so that a command starts without re-parsing the
knowledge base. Keyed by the files' paths, sizes and modification times, by
the source of the code that reads them and builds what is pickled (this
package, checker/kb/), and by the versions of Python and rdflib: an edit to
either the data or that code is a new key. Anything unreadable is ignored and
the files are parsed again. GAPCHECK_CACHE=off turns it off."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any


def folder() -> Path | None:
    setting = os.environ.get("GAPCHECK_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gapcheck"
    except RuntimeError:  # no home folder: no cache, parse every time
        return None


def code_files() -> list[Path]:
    """The modules whose code shapes what is cached: the knowledge-base wing and the
    foundation it imports."""
    package = Path(__file__).resolve().parent
    return sorted(package.glob("*.py")) + [package.parent / "errors.py", package.parent / "ids.py"]


def digest_of(files: list[Path]) -> str:
    h = hashlib.sha256()
    for path in files:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@cache
def code_digest() -> str:
    return digest_of(code_files())


def key(kind: str, files: list[Path]) -> str:
    import rdflib

    h = hashlib.sha256(f"{kind}|{code_digest()}|{sys.version_info[:2]}|{rdflib.__version__}".encode())
    for path in files:
        st = path.stat()
        h.update(f"|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return f"{kind}-{h.hexdigest()[:32]}"


def get(name: str) -> Any:
    base = folder()
    if base is None:
        return None
    path = base / f"{name}.pickle"
    try:
        # only a cache file of our own, in a folder of our own, is trusted
        if path.stat().st_uid != os.getuid() or base.stat().st_uid != os.getuid():
            return None
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - our own cache, checked above
    except Exception:  # a missing, stale or damaged cache is simply rebuilt
        return None


def put(name: str, value: Any, versions: int = 1) -> None:
    """Keep `value` as `name` ("kind-key"); of each kind the `versions` newest entries
    are kept, so that the folder never grows without bound."""
    base = folder()
    if base is None:
        return
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=base, prefix=f".{name}.")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, base / f"{name}.pickle")
        kind = name.split("-", 1)[0]
        others = [old for old in base.glob(f"{kind}-*.pickle") if old.name != f"{name}.pickle"]
        others.sort(key=lambda old: old.stat().st_mtime_ns, reverse=True)
        for old in others[versions - 1:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home is no reason to fail
