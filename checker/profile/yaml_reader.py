"""Read a profile written in YAML: the tree that ruamel.yaml (or the fast reader)
gives goes through the one profile reader (reader.py), as Turtle and JSON-LD do."""

from __future__ import annotations

from .reader import SILENT, TreeReader, describe

YamlReader = TreeReader

__all__ = ["SILENT", "TreeReader", "YamlReader", "describe"]
