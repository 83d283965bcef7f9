"""`gapcheck publish`: build the static MkDocs-Material site.

The hand-written project in site/ is copied to a scratch folder beside --out,
the generated Markdown pages and downloads are added, and `mkdocs build
--strict` writes the site there (once per language, into <lang>/ when there
are several); meanwhile a second process writes each
report's downloads, the PDFs, the workbook and the ZIP, and a third converts
half the report pages' Markdown (shared_markdown.py). The finished site then
takes the place of --out in one atomic exchange: there is never a moment
without a site. Concurrent publishes to the same place wait for each other (a lock on the parent
folder, which the system drops when its holder dies, so a killed publish blocks
no one); an interrupt (Ctrl-C, SIGTERM) removes the scratch folder, and a
scratch folder a killed publish (SIGKILL) left is removed by the next publish
into the same folder.
SOURCE_DATE_EPOCH is pinned to the newest profile date, so the same input
builds the same bytes."""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml as pyyaml  # ships with mkdocs; used only to write mkdocs.yml

from .. import resources
from ..errors import InputError
from ..i18n import locale
from ..reports.collection import Collection
from ..reports.output import (
    INTERRUPTS,
    check_output_folder,
    exchange,
    folder_mode,
    interruptible,
    lock_folder,
    signals_held,
)
from . import languages
from .downloads import heavy_names, write_heavy
from .pages import Site
from .settings import Settings
from .shared_markdown import shared_markdown

SITE_MARKER = ".gapcheck-site"
SCRATCH_PREFIX = ".gapcheck-"
SCRATCH_MARKER = ".gapcheck-scratch"


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


def _check_out(coll: Collection, out: Path) -> None:
    check_output_folder(out)
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


def _remove_stale_scratch(parent: Path) -> None:
    """Scratch folders a killed publish left (we hold the lock: none is in use);
    an empty one was killed before it wrote its marker."""
    for old in parent.glob(SCRATCH_PREFIX + "*"):
        if old.is_dir() and not old.is_symlink() \
                and ((old / SCRATCH_MARKER).is_file() or not any(old.iterdir())):
            shutil.rmtree(old, ignore_errors=True)


def mkdocs_config(site: Site, settings: Settings, hidden: list[str], lang: str | None = None) -> dict:
    lang = lang or settings.language
    loc = locale(lang)
    cfg = pyyaml.safe_load((site_project() / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg["nav"] = site.nav()
    cfg["site_name"] = site.title
    cfg["site_description"] = loc._("National frameworks on trafficking in persons, migrant workers "
                                     "and child labour, held against the international standards.")
    if settings.organisation:
        cfg["site_author"] = settings.organisation
    cfg["copyright"] = " · ".join(filter(None, (
        settings.organisation and f"© {settings.organisation}",
        settings.licence_name and loc._("Content licence: %(name)s", name=settings.licence_name),
        loc._("Not legal advice"))))
    cfg["theme"]["language"] = lang  # Material's own interface strings and <html lang>
    if settings.logo is not None:
        cfg["theme"]["logo"] = f"assets/{settings.logo.name}"
        cfg["theme"]["favicon"] = f"assets/{settings.logo.name}"
    cfg["plugins"] = [{"search": {"lang": [lang]}}]  # each language its own index and stemmer
    banner = settings.disclaimer_in(loc).split(". ")[0].rstrip(".") + "."
    if site.all_fictional:
        banner += " " + loc._("The states on this site are fictional examples.")
    elif site.any_fictional:
        banner += " " + loc._("Profiles marked fictional describe made-up states.")
    extra = cfg.setdefault("extra", {})
    extra["gapcheck"] = {
        "banner": banner, "organisation": settings.organisation or "",
        "licence_name": settings.licence_name or "", "licence_url": settings.licence_url or "",
        "contact_email": settings.contact_email or "", "contact_url": settings.contact_url or "",
        "lang": lang, "languages": languages.switcher(settings.languages),
        "words": {"licence": loc._("Content licence:"), "contact": loc._("Contact:")}}
    if extra["gapcheck"]["languages"]:
        # not a list: Material shows the selector (our partial, links to the same page)
        # but writes no <link rel=alternate> that its script would follow to a home page
        extra["alternate"] = True
    if hidden:
        # pages reached from their index page rather than the navigation
        cfg["not_in_nav"] = "\n".join("/" + h for h in hidden)
    return cfg


def build_site(coll: Collection, out: Path, settings: Settings | None = None) -> Path:
    """Render and build; the finished site takes the place of `out` atomically."""
    settings = settings or Settings()
    out = Path(os.path.abspath(out))
    _check_out(coll, out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError.at(out, None, f"cannot create the output folder: {exc.strerror}") from None
    check_output_folder(out)
    with interruptible(), lock_folder(out.parent):  # an interrupt while waiting is clean too
        _remove_stale_scratch(out.parent)
        _check_out(coll, out)  # again, now that no other publish is writing there
        # named before it is made: an interrupt at any instant finds it in the `finally`
        scratch = out.parent / f"{SCRATCH_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
        try:
            scratch.mkdir(mode=0o700)
            (scratch / SCRATCH_MARKER).write_text("scratch of gapcheck publish\n", encoding="utf-8")
            built = _build(coll, scratch, settings)
            exchange(built, out, scratch / "old")
        finally:
            with signals_held():
                shutil.rmtree(scratch, ignore_errors=True)
    return out


def _build(coll: Collection, scratch: Path, settings: Settings) -> Path:
    epoch = source_date(coll)
    heavy = scratch / "heavy"
    built = scratch / "site"
    workers = []
    site_title = settings.title
    date = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    try:
        for lang in settings.languages:
            src, title = _write_pages(coll, scratch / f"src-{lang}", settings, lang)
            if lang == settings.language:
                site_title = title
            # the PDFs, workbook and ZIP of this language, beside MkDocs (once the
            # quick downloads exist: the ZIP holds them)
            workers.append(_start(write_heavy, heavy / lang, src / "docs" / "downloads", coll,
                                  settings, date, lang, title))
            _run_mkdocs(src, built / languages.folder(lang, settings.languages), epoch)
    finally:
        for worker in workers:
            worker.finish()
    names = heavy_names(coll)
    for lang in settings.languages:
        downloads = built / languages.folder(lang, settings.languages) / "downloads"
        for name in names:
            os.replace(heavy / lang / name, downloads / name)
    if len(settings.languages) > 1:
        (built / "index.html").write_text(languages.root_page(settings.languages, site_title),
                                          encoding="utf-8")
    (built / SITE_MARKER).write_text("This folder was built by gapcheck publish and is "
                                     "replaced whole by the next build.\n", encoding="utf-8")
    folder_mode(built)
    return built


def _write_pages(coll: Collection, src: Path, settings: Settings, lang: str) -> tuple[Path, str]:
    """One language's MkDocs project: the hand-written pages, the generated ones
    and mkdocs.yml."""
    shutil.copytree(site_project(), src, ignore=shutil.ignore_patterns("__pycache__"))
    english_only = languages.localise_docs(src, lang)
    site = Site(coll, src / "docs", settings, lang=lang, english_only=english_only)
    site.build()
    if settings.logo is not None:
        (src / "docs" / "assets").mkdir(exist_ok=True)
        shutil.copy(settings.logo, src / "docs" / "assets" / settings.logo.name)
    cfg = mkdocs_config(site, settings, site.hidden, lang)
    (src / "mkdocs.yml").write_text(pyyaml.safe_dump(cfg, sort_keys=False, allow_unicode=True),
                                    encoding="utf-8")
    downloads = src / "docs" / "downloads"
    for name in heavy_names(coll):  # placeholders, so that links to them validate
        (downloads / name).write_bytes(b"")
    return src, site.title


def _run_mkdocs(src: Path, built: Path, epoch: int) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    warnings = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        with build_date(epoch), shared_markdown():
            build(load_config(config_file=str(src / "mkdocs.yml"), site_dir=str(built), strict=True))
    except (MkDocsException, SystemExit) as exc:
        raise InputError.at(None, None, "the site did not build: " + (str(exc) or "see above")
                            + ("; " + "; ".join(warnings.messages[:5]) if warnings.messages else "")
                            ) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)


class _Worker:
    """A function run in a forked process (where the platform forks), else here."""

    def __init__(self, func, *args) -> None:  # noqa: ANN001
        self.process = None
        if sys.platform == "win32" or os.environ.get("GAPCHECK_NO_FORK"):
            func(*args)
            return
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.process = ctx.Process(target=_run_in_child, args=(func, *args), daemon=True)
        try:
            with signals_held():  # the child takes no signal before it has set its own handling
                self.process.start()
        except BaseException:  # interrupted as it started: stop it at once
            if self.process.pid is not None:
                self.process.terminate()
                self.process.join()
            raise

    def finish(self) -> None:
        if self.process is None:
            return
        if sys.exc_info()[0] is not None:  # the build failed or was interrupted
            self.process.terminate()
            self.process.join()
            return
        self.process.join()
        if self.process.exitcode != 0:
            raise InputError.at(None, None, "the PDFs and the workbook could not be written "
                                f"(exit code {self.process.exitcode}); see the message above")


def _start(func, *args) -> _Worker:  # noqa: ANN001
    return _Worker(func, *args)


def _run_in_child(func, *args) -> None:  # noqa: ANN001  # pragma: no cover - in the child
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it terminates us
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)  # held while it started
    func(*args)


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=30)
        self.messages: list[str] = []

    def emit(self, record) -> None:  # noqa: ANN001
        self.messages.append(record.getMessage())

