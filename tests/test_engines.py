"""Choosing the SHACL engine (--engine, GAPCHECK_ENGINE, auto), and what the
engine keeps in the parse cache for the next start."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run_gapcheck

from checker import api
from checker.engine import choice, prepared
from checker.engine.engine import engine
from checker.errors import InputError
from checker.kb import base
from checker.kb import requirements as reqmod
from checker.profile import format as schemamod
from checker.profile import load as profmod

QBA = ROOT / "profiles" / "qba-2026.yaml"


def test_auto_takes_the_fast_engine_when_installed(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(choice.ENV, raising=False)
    assert choice.resolve() == ("fast" if choice.fast_installed() else "pyshacl")
    monkeypatch.setattr(choice, "fast_installed", lambda: False)
    assert choice.resolve("auto") == "pyshacl"


def test_the_variable_and_the_option_force_an_engine(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(choice.ENV, "pyshacl")
    assert choice.resolve() == "pyshacl"
    assert choice.resolve("Fast ") == "fast" or not choice.fast_installed()


def test_an_unknown_or_missing_engine_is_bad_input(monkeypatch: pytest.MonkeyPatch):
    with pytest.raises(InputError, match="unknown engine 'turbo'"):
        choice.resolve("turbo")
    monkeypatch.setattr(choice, "fast_installed", lambda: False)
    with pytest.raises(InputError) as caught:
        choice.resolve("fast")
    assert "gapcheck[fast]" in str(caught.value)


def test_cli_engines_give_the_same_report():
    outputs = {}
    for name in ("pyshacl", "fast"):
        done = run_gapcheck("check", str(QBA), "--format", "json", "--engine", name)
        assert done.returncode == 1, done.stderr  # Belmora has binding gaps
        outputs[name] = json.loads(done.stdout)
    assert outputs["pyshacl"] == outputs["fast"]


def test_cli_refuses_an_unknown_engine_without_a_traceback(monkeypatch: pytest.MonkeyPatch):
    done = run_gapcheck("check", str(QBA), "--engine", "turbo")
    assert done.returncode == 2 and "turbo" in done.stderr and "Traceback" not in done.stderr
    monkeypatch.setenv(choice.ENV, "turbo")
    done = run_gapcheck("matrix", str(QBA))
    assert done.returncode == 2 and "unknown engine 'turbo'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GAPCHECK_CACHE", str(tmp_path))
    monkeypatch.setattr(base, "_LOADED", {})
    return tmp_path


def test_the_next_start_reads_the_catalogue_and_compiled_shapes_from_the_cache(fresh_cache: Path):
    first = base.load()
    expected = [(f.ident, f.status, f.messages) for f in
                engine(first, "pyshacl").check(profmod.load(QBA, first)).findings]
    if choice.fast_installed():
        engine(first, "fast")  # keeps its compiled form beside the catalogue
    base._LOADED.clear()
    again = base.load()  # a new process would get this object from the parse cache
    assert again is not first and not again._derived
    prepared.prime(again)
    assert schemamod.load(again) is again._derived[prepared.DERIVED["schema"]]
    assert reqmod.load(again) is again._derived[prepared.DERIVED["catalogue"]]
    if choice.fast_installed():
        assert prepared.cached(again, "fast-form") is not None
        fast = engine(again, "fast")
        got = [(f.ident, f.status, f.messages) for f in fast.check(profmod.load(QBA, again)).findings]
        assert got == expected


def test_a_check_from_the_cache_reads_neither_the_graph_nor_the_translations(fresh_cache: Path):
    """Cold start: what a check needs comes from the engine's cache entry; the knowledge
    base's graph, its subjects' files and the translations stay unread (a `gapcheck
    check` that read them took twice as long), and the report is the same."""
    from checker.reports.localize import localize

    first = base.load()
    expected = localize(api.check(QBA, kb=first), first, "en")
    base._LOADED.clear()
    again = base.load()
    assert isinstance(again._graph, bytes) and isinstance(again._translations, bytes)
    got = localize(api.check(QBA, kb=again), again, "en")
    assert [(f.ident, f.status, f.severity, f.messages, f.facts, f.party_to) for f in got.findings] == \
        [(f.ident, f.status, f.severity, f.messages, f.facts, f.party_to) for f in expected.findings]
    assert isinstance(again._graph, bytes), "the check read the knowledge base's graph"
    assert isinstance(again._source_of, bytes)
    assert isinstance(again._translations, bytes), "an English report read the translations"
    assert localize(got, again, "fr").findings[0].requirement.title != got.findings[0].requirement.title


def test_a_catalogue_built_before_the_engine_is_never_mixed_with_a_cached_form(fresh_cache: Path):
    """The compiled form in the cache names the blank nodes of the cached catalogue's
    shapes; a process that built its own catalogue first (a command that read the
    requirements before checking) must not take that form with it."""
    pytest.importorskip("pyshacl_turbo")
    first = base.load()
    expected = [(f.ident, f.status, f.messages) for f in
                engine(first, "pyshacl").check(profmod.load(QBA, first)).findings]
    engine(first, "fast")  # the cache now holds a catalogue and its compiled form
    for built_first in ((reqmod.load,), (reqmod.load, schemamod.load)):
        base._LOADED.clear()
        for parsed in [*fresh_cache.glob("kb-*.pickle"), *fresh_cache.glob("shapes-*.pickle")]:
            parsed.unlink()  # parsed again: the shapes' blank nodes are not the cached catalogue's
        again = base.load()
        for build in built_first:
            build(again)
        fast = engine(again, "fast")
        got = [(f.ident, f.status, f.messages) for f in fast.check(profmod.load(QBA, again)).findings]
        assert got == expected


def test_a_stale_compiled_form_is_compiled_again(fresh_cache: Path):
    pytest.importorskip("pyshacl_turbo")
    from checker.engine.fast import CompiledShapes

    shapes = reqmod.load(base.load()).shapes_graph
    form = CompiledShapes(shapes).compiled_form
    assert form is not None
    stale = ("0.0.0", *form[1:])
    again = CompiledShapes(shapes, stale)
    assert again.compiled_form == form  # compiled from the graph, not from the stale form


def test_the_fast_engine_reads_its_report_directly_and_agrees_with_its_public_path():
    pytest.importorskip("pyshacl_turbo")
    eng = engine(name="fast")
    assert eng.compliance._direct, "the pinned pyshacl-turbo should allow the direct path"
    prof = profmod.load(QBA)
    direct = eng.compliance.validate(prof.graph)
    eng.compliance._direct = False
    try:
        public = eng.compliance.validate(prof.graph)
    finally:
        eng.compliance._direct = True
    assert sorted(map(repr, direct)) == sorted(map(repr, public))
