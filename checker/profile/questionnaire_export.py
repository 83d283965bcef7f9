"""`gapcheck questionnaire export`: the questionnaire for a state, blank or
pre-filled from a profile, as a workbook (.xlsx) or as printable Markdown (.md)
for those who answer on paper. Both come from the one layout (questionnaire.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..ids import ISO3
from . import load as loadmod
from . import questionnaire as q
from .writers import tree_of

SUFFIXES = (".xlsx", ".md")


def export(source: str | None, state: str | None, out: str) -> bytes | str:
    suffix = Path(out).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError.at(out, None, f"cannot write a questionnaire as '{suffix or out}'",
                            "name the output .xlsx (a workbook) or .md (printable)")
    if state is not None and not ISO3.fullmatch(state):
        raise InputError.at(None, None, f"--state {state!r} is not an ISO 3166 alpha-3 code",
                            "three capital letters; fictional states use QAA-QZZ or XAA-XZZ")
    layout = q.load()
    data: dict[str, Any] = {}
    if source is not None:
        data = q.whole_answers(tree_of(loadmod.load(source)), q.schemamod.load())
        code = data.get("state", {}).get("code")
        if state is not None and code is not None and code != state:
            raise InputError.at(source, None, f"the profile describes {code}, not {state}",
                                "leave out --state, or give the profile of that state")
    if state is not None:
        data.setdefault("state", {})["code"] = state
    if suffix == ".md":
        from .questionnaire_markdown import render

        return render(layout, data)
    from .workbook_write import workbook_bytes

    try:
        return workbook_bytes(layout, data, data.get("as_of"))
    except InputError as exc:  # what the profile holds that no cell can: name the file
        raise InputError([Problem(source, None, p.message, p.hint) for p in exc.problems]) from None
