"""The differential test: the fast engine (pyshacl-turbo) must give exactly the
findings of the reference engine (pyshacl) — status, severity, failing shapes,
messages, facts and parties — on every requirement fixture, every example and
fixture profile, and the generated benchmark set (bills applied), and the same
well-formedness problems on every RDF profile of the bad-input corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_requirement_shapes import CASES, case_profile

from checker.engine.engine import Engine, engine
from checker.errors import InputError
from checker.kb import base
from checker.profile import bills
from checker.profile import load as profmod
from checker.profile.load import profile_files
from checker.profile.model import Profile

pytest.importorskip("pyshacl_turbo", reason="the fast engine is not installed (gapcheck[fast])")

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

GENERATED = 72  # enough for every shape to fail at least once (the test checks it)


@pytest.fixture(scope="module")
def engines() -> tuple[Engine, Engine]:
    kb = base.load()
    return engine(kb, "pyshacl"), engine(kb, "fast")


def findings(eng: Engine, prof: Profile) -> list[tuple]:
    return [(f.ident, f.status, f.severity, f.failing_shapes, f.messages, f.facts, f.party_to)
            for f in eng.check(prof).findings]


def framework(prof: Profile) -> Profile:
    """A bill as the framework it would leave; a framework as it is."""
    if prof.kind != "bill":
        return prof
    kb = base.load()
    return bills.apply(prof, bills.load_baseline(prof, kb=kb), kb)


def assert_agree(engines: tuple[Engine, Engine], prof: Profile, where: str) -> None:
    reference, fast = engines
    expected, got = findings(reference, prof), findings(fast, prof)
    differ = [(a, b) for a, b in zip(expected, got, strict=True) if a != b]
    assert not differ, f"{where}: the engines disagree on {[a[0] for a, _ in differ]}: {differ[:2]}"


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_every_fixture_case(engines: tuple[Engine, Engine], name: str, case: dict):
    assert_agree(engines, case_profile(case), name)


EXAMPLES = profile_files([ROOT / "profiles", ROOT / "tests" / "fixtures" / "profiles"])


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example(engines: tuple[Engine, Engine], path: Path):
    assert_agree(engines, framework(profmod.load(path)), path.name)


def test_generated_benchmark_set(engines: tuple[Engine, Engine], tmp_path: Path):
    files = generate(GENERATED, tmp_path)
    assert {p.suffix for p in files} == {".yaml", ".ttl", ".jsonld"}
    reference, fast = engines
    violated = set()
    for path in files:
        prof = framework(profmod.load(path))
        assert_agree(engines, prof, path.name)
        violated |= {reference.catalogue.shape_info[r.shape].node_shape
                     for r in reference.compliance.validate(prof.graph)}
    shapes = {info.node_shape for info in reference.catalogue.shape_info.values()}
    assert violated == shapes, f"never violated: {sorted(shapes - violated)}"


CORPUS_RDF = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if p.suffix in (".ttl", ".jsonld"))


@pytest.mark.parametrize("path", CORPUS_RDF, ids=[p.name for p in CORPUS_RDF])
def test_same_wellformedness_problems(engines: tuple[Engine, Engine], path: Path):
    try:
        prof = profmod.load(path)
    except InputError:
        pytest.skip("refused by the reader, before any engine")
    outcomes = []
    for eng in engines:
        try:
            eng.check_wellformed(prof)
            outcomes.append([])
        except InputError as exc:
            outcomes.append([str(p) for p in exc.problems])
    assert outcomes[0] == outcomes[1]
