"""The languages of the knowledge base and how their files are named.

English is the source: every text is written in `<name>.ttl` with `@en`. A
translation lives beside it in `<name>.<lang>.ttl` (e.g. `palermo.fr.ttl`),
holding the same subjects and properties with `@fr` / `@es` texts."""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE, TRANSLATED

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "SOURCE_LANGUAGE", "TRANSLATED"]

_TRANSLATION_FILE = re.compile(r"^(?P<stem>.+)\.(?P<lang>" + "|".join(TRANSLATED) + r")\.ttl$")


def translation_language(path: Path) -> str | None:
    """`fr` for `palermo.fr.ttl`; None for a source file."""
    m = _TRANSLATION_FILE.match(path.name)
    return m.group("lang") if m else None


def source_of_translation(path: Path) -> Path:
    """`instruments/palermo.ttl` for `instruments/palermo.fr.ttl`."""
    m = _TRANSLATION_FILE.match(path.name)
    if not m:
        raise ValueError(f"{path} is not a translation file")
    return path.with_name(m.group("stem") + ".ttl")


def translation_file(source: Path, lang: str) -> Path:
    """`instruments/palermo.fr.ttl` for `instruments/palermo.ttl` and `fr`."""
    return source.with_name(f"{source.stem}.{lang}.ttl")
