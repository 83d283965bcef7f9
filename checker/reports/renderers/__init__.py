"""Renderers: turn a Report or a Comparison into text. They read findings and
never reach back into validation."""

from __future__ import annotations

FORMATS = ("table", "json", "csv", "ttl", "md")


def render(result, fmt: str, color: bool = False) -> str:
    """Render a Report or a Comparison in one of FORMATS."""
    from ..compare import Comparison

    if fmt == "table":
        from . import terminal

        return terminal.render(result, color=color)
    if fmt == "json":
        from . import data

        return data.to_json(result)
    if fmt == "csv":
        from . import csvout

        return csvout.render(result)
    if fmt == "ttl":
        from . import turtle

        return turtle.render(result)
    if fmt == "md":
        from . import markdown

        return markdown.render_comparison(result) if isinstance(result, Comparison) else \
            markdown.render_report(result)
    raise ValueError(f"unknown format {fmt!r}")
