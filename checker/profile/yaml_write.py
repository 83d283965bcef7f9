"""Write profile data (the plain dicts and lists of the YAML form) as readable
YAML, with a comment on each line that says where its value came from, and
a map from each line to that origin (so that a problem the YAML reader finds
in the written text can be reported where the user wrote the value)."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import yaml
from ruamel.yaml import YAML

Path = tuple  # a place in the data: keys and list indices, e.g. ("documents", 0, "title")

_PLAIN = re.compile(r"[A-Za-z0-9(][^\n\t]*")
_RUAMEL = YAML(typ="safe", pure=True)


def scalar(value: Any) -> str:
    """A scalar as YAML that both of the project's YAML readers read back as the
    same value: plain where that is safe, double-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _plain_safe(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_safe(text: str) -> bool:
    if not _PLAIN.fullmatch(text) or text != text.strip() or ": " in text or " #" in text \
            or text.endswith(":") or any(c in text for c in "[]{},&*!|>'\"%@`"):
        return False
    try:
        return yaml.safe_load(text) == text and _RUAMEL.load(text) == text
    except Exception:  # anything a parser refuses is quoted
        return False


class Emitter:
    def __init__(self, origins: dict[Path, str]):
        self.origins = origins
        self.lines: list[str] = []
        self.line_origin: dict[int, str] = {}

    def add(self, text: str, path: Path | None) -> None:
        origin = self.origins.get(path) if path is not None else None
        self.lines.append(f"{text}  # {origin}" if origin else text)
        if origin:
            self.line_origin[len(self.lines)] = origin

    def value(self, indent: str, key: str, value: Any, path: Path) -> None:
        if isinstance(value, dict):
            self.add(f"{indent}{key}:", path)
            for k, v in value.items():
                self.value(indent + "  ", k, v, (*path, k))
        elif isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value) and not any(
                    (*path, i) in self.origins for i in range(len(value))):
                self.add(f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]", path)
                return
            self.add(f"{indent}{key}:", path)
            for i, item in enumerate(value):
                self.item(indent + "  ", item, (*path, i))
        else:
            self.add(f"{indent}{key}: {scalar(value)}", path)

    def item(self, indent: str, item: Any, path: Path) -> None:
        if isinstance(item, dict):
            first = True
            for k, v in item.items():
                if first:
                    # the first key shares the line of the dash
                    mark = len(self.lines)
                    self.value(indent + "  ", k, v, (*path, k))
                    self.lines[mark] = f"{indent}- " + self.lines[mark].lstrip()
                    if (*path, k) not in self.origins and path in self.origins:
                        self.lines[mark] += f"  # {self.origins[path]}"
                        self.line_origin[mark + 1] = self.origins[path]
                    first = False
                else:
                    self.value(indent + "  ", k, v, (*path, k))
        else:
            self.add(f"{indent}- {scalar(item)}", path)


def dump(data: dict[str, Any], origins: dict[Path, str], header: list[str]
         ) -> tuple[str, dict[int, str]]:
    """The YAML text and, for each line that states a value, where it came from."""
    em = Emitter(origins)
    for line in header:
        em.add(f"# {line}" if line else "#", None)
    for key, value in data.items():
        em.value("", key, value, (key,))
    return "\n".join(em.lines) + "\n", em.line_origin
