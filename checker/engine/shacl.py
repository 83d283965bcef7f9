"""The reference engine: pyshacl, with the shapes graph prepared once.

pyshacl.validate() wraps its shapes in a new ShapesGraph on every call, so the
shapes are harvested again for each profile. This Validator subclass hands it
the ShapesGraph built once per process instead, and takes the results as
records (engine/results.py) rather than as a report graph: pyshacl's own
validation is untouched, but it neither copies every result into a new graph
nor writes the text report nobody reads. It uses only pyshacl's public classes
(the upstream fix would be for validate() to accept a ShapesGraph)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from pyshacl import Validator
from pyshacl.constraints.constraint_component import ConstraintComponent
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph, Literal
from rdflib.namespace import SH
from rdflib.term import Node

from . import results as resmod
from .results import Result

OPTIONS = {"inference": "none", "advanced": False, "allow_infos": True, "allow_warnings": True}


class PreparedShapes:
    """A shapes graph whose shapes pyshacl harvests once, then validates many graphs."""

    name = "pyshacl"

    def __init__(self, graph: Graph):
        self.graph = graph
        self.shapes_graph = ShapesGraph(graph)
        _ = self.shapes_graph.shapes  # harvest now, not on the first profile
        self._paths: dict[Node, tuple[Node, ...] | None] = {}

    def validate(self, data: Graph) -> list[Result]:
        """The top-level SHACL results for `data` (no inference: the shapes target
        classes the profile loader states explicitly)."""
        validator = _PreparedValidator(DataGraph.from_rdflib(data), self)
        with _no_text_report():
            _conforms, raw, _text = validator.run()
        return [self._result(triples) for _desc, _node, triples in raw]

    def _result(self, triples: list[tuple[Any, Any, Any]]) -> Result:
        # pyshacl's raw result: (node, predicate, object) with objects that come
        # from a graph given as (graph, node)
        fields: dict[Node, Node] = {}
        messages: list[Literal] = []
        for _s, p, o in triples:
            o = o[1] if isinstance(o, tuple) else o
            if p == SH.resultMessage:
                messages.append(o)
            else:
                fields.setdefault(p, o)
        path = fields.get(SH.resultPath)
        if path not in self._paths:
            self._paths[path] = resmod.path_steps(self.graph, path)
        return resmod.make(fields[SH.focusNode], fields[SH.sourceShape], self._paths[path], messages,
                           fields.get(SH.value), fields.get(SH.sourceConstraintComponent))


class _PreparedValidator(Validator):
    def __init__(self, data_graph: DataGraph, prepared: PreparedShapes):
        super().__init__(data_graph, shacl_graph=prepared.graph, options=dict(OPTIONS))
        self.shacl_graph = prepared.shapes_graph

    @classmethod
    def create_validation_report(cls, sg: Any, conforms: bool, results: list) -> tuple[list, str]:
        return results, ""  # the raw results; PreparedShapes reads them


def _no_description(*_args: Any, **_kwargs: Any) -> str:
    return ""


class _Parameters(list):
    """pyshacl's list of constraint parameters, with membership by hash: it asks
    `p in parameters` for every predicate of every shape it evaluates, and a scan
    of the list was a sixth of its time. Same members, same answers."""

    def __init__(self, items: list) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._members

    def copy(self) -> list:
        return list(self)  # callers that copy it go on to append to it


@contextmanager
def _no_text_report():  # noqa: ANN202
    """While our validator runs: pyshacl skips writing each result's text for the
    text report (a seventh of its time), which create_validation_report drops, and
    looks constraint parameters up by hash. Both are put back afterwards."""
    from pyshacl import shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    original = ConstraintComponent.make_v_result_description
    parameters = getattr(shape.module, "CONSTRAINT_PARAMS", None)
    ConstraintComponent.make_v_result_description = _no_description
    shape.module.CONSTRAINT_PARAMS = (_FAST_PARAMETERS.setdefault(
        "list", _Parameters(ALL_CONSTRAINT_PARAMETERS)), CONSTRAINT_PARAMETERS_MAP)
    try:
        yield
    finally:
        ConstraintComponent.make_v_result_description = original
        if parameters is None:
            del shape.module.CONSTRAINT_PARAMS
        else:
            shape.module.CONSTRAINT_PARAMS = parameters


_FAST_PARAMETERS: dict[str, _Parameters] = {}
