"""Read a profile written in YAML: the tree that ruamel.yaml (or the fast reader)
gives goes through the one profile reader (reader.py), as Turtle and JSON-LD do."""

from __future__ import annotations

from .format import FORMAT_VERSION
from .reader import SILENT, TreeReader, describe

YamlReader = TreeReader

__all__ = ["FORMAT_VERSION", "SILENT", "TreeReader", "YamlReader", "describe"]
