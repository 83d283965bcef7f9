"""Where the knowledge base lives: the folders beside the checker package."""

from __future__ import annotations

import os
from pathlib import Path

from .languages import translation_language

ROOT = Path(os.environ.get("GAPCHECK_HOME", Path(__file__).resolve().parents[2]))
ONTOLOGY = ROOT / "ontology"
INSTRUMENTS = ROOT / "instruments"
SHAPES = ROOT / "shapes"
PROFILES = ROOT / "profiles"
SITE = ROOT / "site"


def turtle_files(folder: Path) -> list[Path]:
    """The (English) source Turtle files of a folder and its subfolders, in a stable
    order; their translations (`*.fr.ttl`, `*.es.ttl`) are listed by translation_files."""
    return sorted(p for p in folder.rglob("*.ttl") if translation_language(p) is None)


def translation_files(folder: Path) -> list[Path]:
    """The translation files (`<name>.<lang>.ttl`) of a folder and its subfolders."""
    return sorted(p for p in folder.rglob("*.ttl") if translation_language(p) is not None)
