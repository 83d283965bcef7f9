"""`gapcheck publish`: build the static MkDocs-Material site.

The hand-written project in site/ is copied to a scratch folder, the generated
Markdown pages and downloads are added, and `mkdocs build --strict` writes the
site to a scratch output that replaces --out only when the build succeeded.
SOURCE_DATE_EPOCH is pinned to the newest profile date, so the same input
builds the same bytes."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml as pyyaml  # ships with mkdocs; used only to write mkdocs.yml

from .. import resources
from ..errors import InputError
from ..reports.collection import Collection
from .pages import Site

SITE_MARKER = ".gapcheck-site"


def site_project() -> Path:
    """The hand-written MkDocs project (mkdocs.yml, static pages, overrides) that
    ships with gapcheck."""
    root = resources.data_root()
    project = root / "site" if root is not None else None
    if project is None or not (project / "mkdocs.yml").is_file():
        raise InputError.at(project, None, "the site project that ships with gapcheck is missing",
                            "reinstall gapcheck; the wheel carries it in checker/data/site")
    return project


@contextmanager
def build_date(epoch: int) -> Iterator[None]:
    """MkDocs and its theme read the build date from SOURCE_DATE_EPOCH: set it for
    the build only, so that the same input gives the same bytes."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def source_date(coll: Collection) -> int:
    """The newest profile date, as the build date: the same input, the same bytes."""
    dates = [r.profile.as_of for r in coll.reports.values() if r.profile.as_of]
    dates += [c.amended.profile.as_of for c in coll.bills.values() if c.amended.profile.as_of]
    newest = max(dates) if dates else "2000-01-01"
    return int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())


def build_site(coll: Collection, out: Path) -> Path:
    """Render and build; the finished site replaces `out` in one rename."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise InputError.at(out, None, "the output exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        # only a site gapcheck built is ever replaced: never a folder of the user's
        raise InputError.at(out, None, "refusing to replace this folder: it is not empty and "
                            "not a site gapcheck built", "give a new or empty folder, e.g. --out out/site")
    project = site_project()
    inputs = [Path(p).resolve() for p in coll.sources.values() if p is not None]
    checkout = resources.checkout_root()
    if any(out == i or out in i.parents for i in inputs) or out == project or out in project.parents \
            or (checkout is not None and out == checkout):
        raise InputError.at(out, None, "refusing to write the site over its own input",
                            "give a new or build folder, e.g. --out out/site")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gapcheck-", dir=out.parent) as scratch:
        src = Path(scratch) / "src"
        shutil.copytree(project, src, ignore=shutil.ignore_patterns("__pycache__"))
        site = Site(coll, src / "docs")
        site.build()
        cfg = pyyaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        cfg["nav"] = site.nav()
        (src / "mkdocs.yml").write_text(pyyaml.safe_dump(cfg, sort_keys=False, allow_unicode=True),
                                        encoding="utf-8")
        built = Path(scratch) / "site"
        warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            with build_date(source_date(coll)):
                build(load_config(config_file=str(src / "mkdocs.yml"), site_dir=str(built),
                                  strict=True))
        except (MkDocsException, SystemExit) as exc:
            raise InputError.at(None, None, "the site did not build: " + (str(exc) or "see above")
                                + ("; " + "; ".join(warnings.messages[:5]) if warnings.messages else "")
                                ) from None
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
        (built / SITE_MARKER).write_text("This folder was built by gapcheck publish and is "
                                         "replaced whole by the next build.\n", encoding="utf-8")
        if out.exists():
            trash = Path(scratch) / "old"
            out.rename(trash)
        built.rename(out)
    return out


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=30)
        self.messages: list[str] = []

    def emit(self, record) -> None:  # noqa: ANN001
        self.messages.append(record.getMessage())
