"""The HTML the site's Markdown carries: a status as a coloured cell."""

from __future__ import annotations

from ..engine.findings import Finding


def status_cell(f: Finding) -> str:
    """A matrix cell: the status symbol, coloured, with status and severity as tooltip."""
    tip = f.status + (f" ({f.severity})" if f.severity else "")
    return f'<span class="{f.status.css_class}" title="{tip}">{f.status.symbol}</span>'
