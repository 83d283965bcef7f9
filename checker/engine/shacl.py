"""pyshacl with the shapes graph prepared once.

pyshacl.validate() wraps its shapes in a new ShapesGraph on every call, so the
shapes are harvested again for each profile. This Validator subclass hands it
the ShapesGraph built once per process instead; it uses only pyshacl's public
classes. (The upstream fix would be for validate() to accept a ShapesGraph.)"""

from __future__ import annotations

from pyshacl import Validator
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import Graph

OPTIONS = {"inference": "none", "advanced": False, "allow_infos": True, "allow_warnings": True}


class PreparedShapes:
    """A shapes graph whose shapes pyshacl harvests once, then validates many graphs."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.shapes_graph = ShapesGraph(graph)
        _ = self.shapes_graph.shapes  # harvest now, not on the first profile

    def validate(self, data: Graph) -> Graph:
        """The SHACL validation report graph for `data` (no inference: the shapes
        target classes the profile loader states explicitly)."""
        validator = _PreparedValidator(DataGraph.from_rdflib(data), self)
        _conforms, report, _text = validator.run()
        return report


class _PreparedValidator(Validator):
    def __init__(self, data_graph: DataGraph, prepared: PreparedShapes):
        super().__init__(data_graph, shacl_graph=prepared.graph, options=dict(OPTIONS))
        self.shacl_graph = prepared.shapes_graph
