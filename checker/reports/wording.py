"""Sentences that every plain-text output (terminal, PDF) words the same way."""

from __future__ import annotations

from ..engine.findings import ProfileInfo
from ..engine.legal_time import Binding
from ..kb.requirements import Source


def source_line(s: Source, bindings: dict[str, Binding]) -> str:
    """One source of a finding: its basis, checking status and the state's position
    ("party since ..., in force for the state since ...")."""
    text = f"{s.instrument_name} {s.citation} — {s.basis}"
    if s.status != "checked":
        text += f" ({s.status} citation)"
    if s.binding and s.instrument_slug in bindings:
        text += f" — {bindings[s.instrument_slug].note}"
    return text


def bindings_of(p: ProfileInfo) -> dict[str, Binding]:
    return {b.instrument: b for b in p.bindings}


def warning_line(w) -> str:  # noqa: ANN001 - an errors.Problem
    where = f" (line {w.line})" if w.line else ""
    return f"warning{where}: {w.message}"
