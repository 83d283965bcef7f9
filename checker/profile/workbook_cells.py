"""What a workbook cell holds, as the import reads it and as a message shows it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import questionnaire as q


def set_dotted(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        data = data.setdefault(part, {})
    data[parts[-1]] = value


def yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in (q.YES, q.NO):
        return value.lower() == q.YES
    return None


def as_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def shown(value: Any) -> str:
    if value is None:
        return "empty"
    text = as_text(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")
