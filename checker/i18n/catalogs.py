"""Keeping the catalogs in step with the code: extract every interface string
from the package (Python `_()`, `n_()`, `p_()`; templates `{{ _() }}` and
`{% trans %}`) into `gapcheck.pot` and merge it into each `<lang>.po`.

Run `python -m checker.i18n.catalogs` (or `make messages`); the message test
fails when the template is out of date or a translation is missing."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from . import TRANSLATED
from .locale import DOMAIN, MESSAGES, catalog_file

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATE = MESSAGES / f"{DOMAIN}.pot"
# Sentence("..."): an engine sentence said in the reader's language later (i18n/sentence.py)
KEYWORDS = {**DEFAULT_KEYWORDS, "n_": (1, 2), "p_": ((1, "c"), 2), "Sentence": None}
METHODS = [("**/templates/**.j2", "jinja2"), ("**.py", "python")]
OPTIONS = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
# fixed so the files change only when a message does
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
WIDTH = 100


def extract() -> Catalog:
    """Every interface string in the package, with where it is used."""
    catalog = Catalog(project="gapcheck", domain=DOMAIN, creation_date=STAMP, revision_date=STAMP,
                      msgid_bugs_address="", copyright_holder="gapcheck", charset="utf-8")
    found = extract_from_dir(PACKAGE, METHODS, options_map=OPTIONS, keywords=KEYWORDS,
                             comment_tags=("TRANSLATORS:",), strip_comment_tags=True)
    for filename, lineno, message, comments, context in sorted(
            found, key=lambda m: (m[0], m[1], str(m[2]))):
        where = (f"checker/{Path(filename).as_posix()}", lineno)
        catalog.add(message, None, [where], auto_comments=comments, context=context)
    return catalog


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    catalog.creation_date = catalog.revision_date = STAMP
    with path.open("wb") as fh:
        write_po(fh, catalog, width=WIDTH, sort_output=True, include_previous=True)


def update() -> list[Path]:
    """Write the template and merge it into each language's catalog; new
    strings arrive untranslated, changed ones fuzzy (never shown until checked)."""
    template = extract()
    MESSAGES.mkdir(exist_ok=True)
    write(TEMPLATE, template)
    written = [TEMPLATE]
    for lang in TRANSLATED:
        path = catalog_file(lang)
        catalog = read(path, lang) if path.is_file() else Catalog(locale=lang, domain=DOMAIN)
        catalog.update(template, update_creation_date=False)
        catalog.obsolete.clear()  # a message the code no longer uses is gone, not kept as a ghost
        write(path, catalog)
        written.append(path)
    return written


def main() -> int:
    for path in update():
        print(path.relative_to(PACKAGE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
