"""The places the architecture page names for extending gapcheck are the real
ones: an output format is one renderer module plus one registry line, and the
command offers exactly what the registry holds."""

from __future__ import annotations

import inspect
import re

import pytest
from conftest import ROOT

from checker import api
from checker.cli import check_command
from checker.reports import renderers

RENDERERS = ROOT / "checker" / "reports" / "renderers"
ARCHITECTURE = ROOT / "site" / "docs" / "architecture.md"


def test_the_registry_names_every_renderer_module_and_only_those():
    modules = {p.stem for p in RENDERERS.glob("*.py") if p.stem != "__init__"}
    assert set(renderers.REGISTRY.values()) == modules
    assert len(set(renderers.REGISTRY.values())) == len(renderers.REGISTRY)


def test_the_command_offers_what_the_registry_holds():
    option = next(p for p in check_command.params if p.name == "fmt")
    assert tuple(option.type.choices) == renderers.FORMATS


@pytest.fixture(scope="module")
def results():
    return {"report": api.check(ROOT / "profiles" / "qba-2026.yaml"),
            "comparison": api.check(ROOT / "profiles" / "qba-bill-border-2026.yaml")}


@pytest.mark.parametrize("fmt", renderers.FORMATS)
def test_every_renderer_keeps_the_protocol(fmt, results):
    module = renderers.renderer(fmt)
    assert re.fullmatch(r"\.[a-z]+", module.SUFFIX)
    params = inspect.signature(module.render).parameters
    assert list(params)[:2] == ["result", "color"] and params["color"].default is False
    for result in results.values():
        text = renderers.render(result, fmt)
        assert isinstance(text, str) and "PRO-03" in text


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        renderers.renderer("pdf")


def table_rows() -> dict[str, tuple[list[str], int, int]]:
    """to add -> (the paths the row names, places now, places before)."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    rows = {}
    for line in text.split("## Where to add things", 1)[1].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[2].isdigit():
            rows[cells[0]] = (re.findall(r"`([\w./<>-]+/[\w./<>-]*)`", cells[1]), int(cells[2]),
                              int(cells[3]))
    return rows


def test_the_architecture_page_counts_the_places():
    rows = table_rows()
    assert set(rows) == {"a requirement", "… that reads a new fact", "an instrument", "an output format"}
    for what, (paths, now, before) in rows.items():
        assert now < before, what
        files = [p for p in paths if not p.endswith("__init__.py") or what != "an output format"]
        # every place named is a real place in the tree (<...> stands for any name)
        for path in paths:
            pattern = re.sub(r"<[^>]+>", "*", path)
            assert list(ROOT.glob(pattern)), f"{what}: {path} names nothing in the tree"
        # the count is the number of places named: files, plus the registry line
        assert now == len(files) + (1 if what == "an output format" else 0), what


def test_a_requirement_or_an_instrument_needs_no_python():
    """What the page promises: the code names no profile fact and lists no instrument."""
    rows = table_rows()
    for what in ("a requirement", "… that reads a new fact", "an instrument"):
        assert not any(p.endswith(".py") for p in rows[what][0]), what
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "checker").rglob("*.py"))
    for slug in ("palermo", "cets197", "c189"):
        assert not re.search(rf"[\"']{slug}[\"':]", code), slug
