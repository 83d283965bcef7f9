"""Where the knowledge base lives: the folders beside the checker package."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("GAPCHECK_HOME", Path(__file__).resolve().parents[2]))
ONTOLOGY = ROOT / "ontology"
INSTRUMENTS = ROOT / "instruments"
SHAPES = ROOT / "shapes"
PROFILES = ROOT / "profiles"
SITE = ROOT / "site"


def turtle_files(folder: Path) -> list[Path]:
    """The Turtle files of a folder and its subfolders, in a stable order."""
    return sorted(folder.rglob("*.ttl"))
