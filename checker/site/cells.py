"""The HTML the site's Markdown carries: a status as a coloured cell."""

from __future__ import annotations

from ..engine.findings import Finding
from ..engine.status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED
from ..reports.renderers.markdown import SYMBOL

STATUS_CLASS = {GAP: "gc-gap", MET: "gc-met", NOT_ASSESSED: "gc-nas", NOT_APPLICABLE: "gc-na"}


def status_cell(f: Finding) -> str:
    """A matrix cell: the status symbol, coloured, with status and severity as tooltip."""
    tip = f.status + (f" ({f.severity})" if f.severity else "")
    return f'<span class="{STATUS_CLASS[f.status]}" title="{tip}">{SYMBOL[f.status].split()[0]}</span>'
