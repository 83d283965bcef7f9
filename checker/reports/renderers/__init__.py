"""Renderers: turn a Report or a Comparison into text. They read findings and
never reach back into validation.

Each renderer is one module here with `SUFFIX` (the file suffix of its output)
and `render(result, color=False, loc=ENGLISH) -> str`: `loc` (an i18n.Locale)
says the interface words and dates in its language; the knowledge-base texts
come in the result itself (reports/localize.py gives a report in a language).
Adding an output format is one module
plus one line in REGISTRY; `gapcheck check --format` offers what REGISTRY
holds, and a test checks that REGISTRY and the modules agree."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

# --format name -> renderer module
REGISTRY = {
    "table": "terminal",
    "json": "data",
    "csv": "csvout",
    "ttl": "turtle",
    "md": "markdown",
}
FORMATS = tuple(REGISTRY)


def renderer(fmt: str) -> ModuleType:
    if fmt not in REGISTRY:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return import_module(f"{__name__}.{REGISTRY[fmt]}")


def render(result, fmt: str, color: bool = False, loc=None) -> str:  # noqa: ANN001 - Report | Comparison
    """Render a Report or a Comparison in one of FORMATS (color: terminal styling;
    loc: the Locale of the interface words, English by default)."""
    from ...i18n import locale

    return renderer(fmt).render(result, color=color, loc=loc or locale("en"))
