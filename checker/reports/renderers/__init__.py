"""Renderers: turn a Report or a Comparison into text. They read findings and
never reach back into validation.

Each renderer is one module here with `SUFFIX` (the file suffix of its output)
and `render(result, color=False) -> str`. Adding an output format is one module
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


def render(result, fmt: str, color: bool = False) -> str:  # noqa: ANN001 - Report | Comparison
    """Render a Report or a Comparison in one of FORMATS (color: terminal styling)."""
    return renderer(fmt).render(result, color=color)
