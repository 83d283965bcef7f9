"""Status and severity as the site shows them: a symbol and a word, coloured
(never colour alone), as an inline HTML badge built from our own words only."""

from __future__ import annotations

from markupsafe import Markup

from ..engine.findings import Finding
from ..engine.status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED

STATUS_CLASS = {GAP: "gc-gap", MET: "gc-met", NOT_ASSESSED: "gc-nas", NOT_APPLICABLE: "gc-na"}
SYMBOL = {GAP: "✗", MET: "✓", NOT_ASSESSED: "?", NOT_APPLICABLE: "–"}
SEVERITY_LETTER = {"binding": "B", "standard": "S", "recommended": "R"}


def badge(status: str, severity: str | None = None) -> Markup:
    """'✗ gap · binding' as a coloured badge."""
    cls = STATUS_CLASS[status] + (f" gc-sev-{severity}" if severity else "")
    text = f"{SYMBOL[status]} {status}" + (f" · {severity}" if severity else "")
    return Markup(f'<span class="gc-badge {cls}">{text}</span>')


def finding_badge(f: Finding) -> Markup:
    return badge(f.status, f.severity)


def status_cell(f: Finding) -> Markup:
    """A matrix cell's content: the symbol and the severity's letter, both visible;
    the words for screen readers and as a tooltip."""
    words = f.status + (f", {f.severity}" if f.severity else "")
    letter = SEVERITY_LETTER.get(f.severity or "", "")
    return Markup(f'<span class="gc-sym" aria-hidden="true">{SYMBOL[f.status]}{letter}</span>'
                  f'<span class="gc-sr">{words}</span>')
