"""A cache of parsed Turtle, so that a command starts without re-parsing the
knowledge base. Keyed by the files' paths, sizes and modification times and
by the versions of gapcheck and rdflib; anything unreadable is ignored and the
files are parsed again. GAPCHECK_CACHE=off turns it off."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
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


def key(kind: str, files: list[Path]) -> str:
    import rdflib

    from .. import __version__

    h = hashlib.sha256(f"{kind}|{__version__}|{rdflib.__version__}".encode())
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


def put(name: str, value: Any) -> None:
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
        for old in base.glob(f"{kind}-*.pickle"):  # keep one version per kind
            if old.name != f"{name}.pickle":
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home is no reason to fail
