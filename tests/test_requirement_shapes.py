"""Every requirement shape has fixtures that must pass and fixtures that must
fail, and each case asserts exactly which requirements and shapes fail."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from checker.engine.engine import engine
from checker.engine.status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, PARTIAL
from checker.kb import requirements as reqmod
from checker.profile import format as schemamod
from checker.profile.model import Profile
from checker.profile.yaml_reader import YamlReader

FIXTURES = Path(__file__).parent / "fixtures" / "requirements"
HEADER = {"gapcheck": 2, "id": "fixture", "title": "Fixture", "fictional": True,
          "state": {"code": "QZZ", "name": "Fixture State"}, "as_of": "2026-01-01"}


def load_cases() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        for case in YAML(typ="safe").load(path.read_text(encoding="utf-8")) or []:
            cases.append((f"{path.stem}: {case['name']}", case))
    return cases


CASES = load_cases()


def case_profile(case: dict) -> Profile:
    reader = YamlReader(Path(f"<case {case['name']}>"), schemamod.load())
    data = YAML(typ="rt").load(YAML_DUMP(dict(HEADER, **case["profile"])))
    node, ident, kind, _ = reader.read(data)
    return Profile(None, node, ident, kind, reader.graph, None, reader.lines, checked=True)


def run_case(case: dict) -> dict:
    return {f.ident: f for f in engine().check(case_profile(case)).findings}


def YAML_DUMP(data: dict) -> str:  # noqa: N802 - reads like the YAML it makes
    import io

    out = io.StringIO()
    YAML(typ="safe").dump(data, out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_case(name: str, case: dict):
    findings = run_case(case)
    gaps = {i for i, f in findings.items() if f.status == GAP}
    assert gaps == set(case["gaps"]), f"gaps: expected {sorted(case['gaps'])}, got {sorted(gaps)}"
    failing = {s for f in findings.values() for s in f.failing_shapes if f.status == GAP}
    assert failing == set(case["failing_shapes"])
    for key, status in (("met", MET), ("not_applicable", NOT_APPLICABLE),
                        ("not_assessed", NOT_ASSESSED), ("partial", PARTIAL)):
        for ident in case.get(key, []):
            assert findings[ident].status == status, f"{ident}: {findings[ident].status}"
    for ident, sev in case.get("severity", {}).items():
        assert findings[ident].severity == sev, f"{ident}: severity {findings[ident].severity}"
    for ident in gaps:
        assert findings[ident].messages, f"{ident} is a gap without a message"


def shapes_by_role() -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = {}
    for info in set(reqmod.load().shape_info.values()):
        name = str(info.node_shape).rsplit("#", 1)[-1]
        out.setdefault(info.requirement, {}).setdefault(info.role, set()).add(name)
    return out


def test_every_requirement_has_coverage_and_compliance_shapes():
    roles = shapes_by_role()
    missing = [r for r in reqmod.load().requirements
               if not roles.get(r, {}).get("compliance") or not roles.get(r, {}).get("coverage")]
    assert not missing, f"requirements without shapes: {missing}"


def test_every_compliance_shape_has_a_failing_and_a_passing_fixture():
    failing = {s for _, c in CASES for s in c["failing_shapes"]}
    met = {r for _, c in CASES for r in c.get("met", [])}
    for req, roles in shapes_by_role().items():
        for shape in roles.get("compliance", ()):
            assert shape in failing, f"{shape} ({req}) has no fixture that must fail"
        assert req in met, f"{req} has no fixture in which it is met"


def test_every_shape_is_named_as_a_shape():
    for roles in shapes_by_role().values():
        for names in roles.values():
            assert all(n.endswith("Shape") for n in names)


def test_an_empty_profile_is_not_assessed_on_anything():
    findings = run_case({"name": "empty", "profile": {}})
    assert {f.status for f in findings.values()} == {NOT_ASSESSED}
