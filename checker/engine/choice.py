"""Which SHACL engine validates profiles.

`pyshacl` is the reference. `fast` is pyshacl-turbo (`pip install
gapcheck[fast]`), verified against the reference by a differential test. By
default (`auto`) the fast engine is used when it is installed; `--engine` or
the GAPCHECK_ENGINE variable forces one. Either gives the same findings."""

from __future__ import annotations

import os
from importlib.util import find_spec
from typing import TYPE_CHECKING, Protocol

from ..errors import InputError

if TYPE_CHECKING:  # this module is read by `gapcheck --help`: no rdflib at import
    from rdflib import Graph

    from .results import Result

ENV = "GAPCHECK_ENGINE"
ENGINES = ("pyshacl", "fast")
CHOICES = ("auto", *ENGINES)


class Shapes(Protocol):
    """A shapes graph an engine has prepared: validate as many data graphs as needed."""

    name: str

    def validate(self, data: Graph) -> list[Result]: ...


def fast_installed() -> bool:
    return find_spec("pyshacl_turbo") is not None


def resolve(name: str | None = None) -> str:
    """The engine to use: `name` if given, else GAPCHECK_ENGINE, else auto."""
    name = (name or os.environ.get(ENV) or "auto").strip().lower()
    if name == "auto":
        return "fast" if fast_installed() else "pyshacl"
    if name not in ENGINES:
        raise InputError.at(None, None, f"unknown engine {name!r}",
                            "use " + ", ".join(CHOICES) + f" (--engine or {ENV})")
    if name == "fast" and not fast_installed():
        raise InputError.at(None, None, "the fast engine is not installed",
                            "pip install 'gapcheck[fast]', or use --engine pyshacl")
    return name


def prepare(name: str, graph: Graph, compiled_form: tuple | None = None) -> Shapes:
    """The shapes in `graph`, prepared by engine `name` (a resolved name);
    `compiled_form`: what the fast engine kept of this graph before."""
    if name == "fast":
        from .fast import CompiledShapes

        return CompiledShapes(graph, compiled_form)
    from .shacl import PreparedShapes

    return PreparedShapes(graph)
