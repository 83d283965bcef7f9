"""MkDocs converts the pages' Markdown to HTML one after the other, and on a
site of hundreds of gap reports that is most of the build. While it does, a
forked process converts every second report page with the same MkDocs code
and configuration; its pages are taken back before any page is written, with
the warnings it logged (so that --strict still fails on them). It leans on
two MkDocs internals (`_populate_page`, `PluginCollection.on_env`); without
them MkDocs builds alone. The same input
gives the same bytes: each page is converted by the same function either way.
Where the platform cannot fork, or the helper fails, MkDocs converts every
page itself."""

from __future__ import annotations

import logging
import os
import pickle
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SHARED_PREFIX = "report/"  # the pages that are many, big and alike
KEPT = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")


@contextmanager
def shared_markdown() -> Iterator[None]:
    """While in this block, mkdocs.commands.build.build shares its Markdown work."""
    if sys.platform == "win32" or os.environ.get("GAPCHECK_NO_FORK") or not hasattr(os, "fork"):
        yield
        return
    from mkdocs.commands import build as mkbuild
    from mkdocs.plugins import PluginCollection

    # these are MkDocs internals (tested with 1.6): a release without them builds alone
    if not (callable(getattr(mkbuild, "_populate_page", None))
            and callable(getattr(PluginCollection, "on_env", None))):
        yield
        return
    populate, on_env = mkbuild._populate_page, PluginCollection.on_env
    helper: dict[str, Any] = {}

    def shared_populate(page, config, files, dirty=False) -> None:  # noqa: ANN001
        if "theirs" not in helper:
            helper.update(_start(populate, config, files))
        if page.file.src_uri not in helper["theirs"]:
            populate(page, config, files, dirty)

    def collecting_on_env(self, env, *, config, files):  # noqa: ANN001, ANN202
        if "theirs" in helper and not helper.get("done"):
            helper["done"] = True
            _take_back(helper, populate, config, files)
        return on_env(self, env, config=config, files=files)

    mkbuild._populate_page = shared_populate
    PluginCollection.on_env = collecting_on_env
    try:
        yield
    finally:
        mkbuild._populate_page = populate
        PluginCollection.on_env = on_env
        if helper.get("pid") and not helper.get("done"):  # the build failed before collecting
            os.close(helper["read"])
            _reap(helper)


def _start(populate, config, files) -> dict[str, Any]:  # noqa: ANN001
    from mkdocs.structure.pages import Page

    pages = [f for f in files.documentation_pages() if f.src_uri.startswith(SHARED_PREFIX)]
    theirs = {f.src_uri for f in pages[1::2]}
    if not theirs:
        return {"theirs": set()}
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return {"theirs": theirs, "pid": pid, "read": read}
    os.close(read)  # pragma: no cover - in the child
    status = 0
    try:
        captured = _Captured()  # logged again by the parent, not here
        for name in ("mkdocs", *(n for n in logging.root.manager.loggerDict if n.startswith("mkdocs."))):
            logger = logging.getLogger(name)
            logger.handlers = [captured] if name == "mkdocs" else []
            logger.propagate = name != "mkdocs"
        out = {}
        for f in pages[1::2]:
            page = f.page if f.page is not None else Page(None, f, config)
            populate(page, config, files)
            kept = {name: getattr(page, name) for name in KEPT}
            kept["links_to_anchors"] = {target.src_uri: links for target, links
                                        in (getattr(page, "links_to_anchors", None) or {}).items()}
            out[f.src_uri] = kept
        data = pickle.dumps((out, captured.records), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the parent converts these pages itself
        data, status = b"", 1
    try:
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
    except OSError:  # the parent gave up on us
        status = 1
    os._exit(status)


def _take_back(helper: dict[str, Any], populate, config, files) -> None:  # noqa: ANN001
    """The helper's pages into MkDocs' pages; its warnings logged here; if it
    failed, the pages converted here after all."""
    from mkdocs.structure.pages import Page

    if not helper["theirs"]:
        return
    with os.fdopen(helper["read"], "rb") as pipe:
        data = pipe.read()
    ok = _reap(helper) == 0 and data
    out, records = pickle.loads(data) if ok else ({}, [])
    for name, level, message in records:
        logging.getLogger(name).log(level, message)
    for src_uri in sorted(helper["theirs"]):
        f = files.get_file_from_path(src_uri)
        page = f.page if f.page is not None else Page(None, f, config)
        kept = out.get(src_uri)
        if kept is None:
            populate(page, config, files)
            continue
        for name in KEPT:
            setattr(page, name, kept[name])
        page.links_to_anchors = {files.get_file_from_path(target): links
                                 for target, links in kept["links_to_anchors"].items()}


def _reap(helper: dict[str, Any]) -> int:
    _, status = os.waitpid(helper.pop("pid"), 0)
    return os.waitstatus_to_exitcode(status)


class _Captured(logging.Handler):
    """Warnings and errors the helper logs, to be logged again by the parent."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))
