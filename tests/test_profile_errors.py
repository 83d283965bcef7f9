"""Bad profiles: one clear message naming the file, the line and the fix,
exit code 2, no traceback, never a silently dropped fact."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_gapcheck

HEAD = """gapcheck: 1
id: qaa-bad
state: {code: QAA, name: Qaa}
fictional: true
as_of: 2026-01-01
"""

# (name, text after HEAD (or whole file if it starts with '!'), line, words the message must hold)
CASES = [
    ("misspelt measure", "reflexion_period:\n  provided: true\n", 6,
     ["unknown key 'reflexion_period'", "did you mean 'reflection_period'"]),
    ("misspelt fact", "reflection_period:\n  provided: true\n  dayz: 30\n", 8,
     ["unknown key 'dayz' under reflection_period", "did you mean 'days'"]),
    ("text for a number", "reflection_period:\n  days: thirty\n", 7,
     ["reflection_period.days must be a whole number", "'thirty'"]),
    ("list for a boolean", "reflection_period:\n  provided: [true]\n", 7,
     ["reflection_period.provided must be true or false", "a list"]),
    ("yes is not a boolean", "reflection_period:\n  provided: yes\n", 7,
     ["must be true or false", "'yes'"]),
    ("unknown concept value", "recruitment:\n  worker_fees: banned\n", 7,
     ["'banned' is not a known value", "allowed: capped, permitted, prohibited"]),
    ("misspelt concept value", "trafficking_offence:\n  acts: [recruitment, harboring]\n", 7,
     ["'harboring' is not a known value", "did you mean 'harbouring'"]),
    ("unknown instrument", "ratifications:\n  - instrument: palermo2\n", 7,
     ["unknown instrument 'palermo2'", "did you mean 'palermo'"]),
    ("unknown group", "groups: [bali]\n", 6, ["unknown regional group 'bali'"]),
    ("empty value", "reflection_period:\n  days:\n", 7, ["reflection_period.days has no value", "silent"]),
    ("evidence cites an unlisted document", "institutions:\n  ngo_cooperation: true\n  evidence:\n"
     "    - document: tip-act\n", 9, ["cites document 'tip-act'", "not listed under `documents`"]),
    ("evidence about an unknown fact", "documents:\n  - {id: act, title: Act}\ninstitutions:\n"
     "  ngo_cooperation: true\n  evidence:\n    - {document: act, about: [ngo]}\n", 11,
     ["evidence is about 'ngo'"]),
    ("duplicate key", "institutions:\n  ngo_cooperation: true\n  ngo_cooperation: false\n", 8,
     ["a key appears twice"]),
    ("YAML syntax error", "institutions: [\n", 6, ["YAML syntax error"]),
    ("YAML tag", "institutions:\n  ngo_cooperation: !!python/object:os.system true\n", 7,
     ["not allowed"]),
    ("fictional state with a real code", "!gapcheck: 1\nid: x\nstate: {code: FRA, name: F}\n"
     "fictional: true\nas_of: 2026-01-01\n", 3, ["must use a user-assigned code"]),
    ("framework without a date", "!id: x\nstate: {code: QAA}\n", 1, ["needs `as_of:`"]),
    ("bad date", "!id: x\nstate: {code: QAA}\nas_of: 1 March 2026\n", 3,
     ["as_of must be a date written YYYY-MM-DD"]),
    ("bill without amends", "!kind: bill\nid: b\nas_of: 2026-01-01\n", 1,
     ["a bill must name the profile it amends"]),
    ("bill amends itself", "!kind: bill\nid: b\namends: b\n", 3, ["cannot amend itself"]),
    ("not a mapping", "!- a\n- b\n", 1, ["must be a mapping"]),
]


@pytest.mark.parametrize(("name", "body", "line", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_profile(tmp_path: Path, name, body, line, words):
    path = tmp_path / "profile.yaml"
    path.write_text(body[1:] if body.startswith("!") else HEAD + body, encoding="utf-8")
    result = run_gapcheck("check", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{path}:{line}:" in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_all_problems_are_reported_at_once(tmp_path: Path):
    path = tmp_path / "p.yaml"
    path.write_text(HEAD + "reflection_period:\n  dayz: 30\n  provided: maybe\n", encoding="utf-8")
    result = run_gapcheck("check", str(path))
    assert result.returncode == 2
    assert f"{path}:7:" in result.stderr and f"{path}:8:" in result.stderr


@pytest.mark.parametrize(("name", "make", "words"), [
    ("missing file", lambda d: d / "nope.yaml", ["no such file"]),
    ("a directory", lambda d: d, ["folder, not a profile"]),
    ("an empty file", lambda d: _write(d / "e.yaml", b""), ["empty"]),
    ("blank lines only", lambda d: _write(d / "e.yaml", b"\n\n  \n"), ["empty"]),
    ("not UTF-8", lambda d: _write(d / "l.yaml", "id: caf\xe9\n".encode("latin-1")), ["not UTF-8"]),
    ("binary", lambda d: _write(d / "b.yaml", b"\x89PNG\x00\x00"), ["binary"]),
    ("unknown extension", lambda d: _write(d / "p.txt", b"id: x\n"), ["unknown profile format"]),
    ("Turtle syntax", lambda d: _write(d / "p.ttl", b"@prefix x: <http://x/> .\nx:a x:b .\nx:c\n"),
     ["Turtle syntax error"]),
    ("JSON syntax", lambda d: _write(d / "p.jsonld", b'{"id": "x",\n "kind": }'), ["JSON syntax error"]),
    ("remote JSON-LD context", lambda d: _write(d / "p.jsonld",
                                                b'{"@context": "https://example.org/ctx"}'),
     ["remote JSON-LD context"]),
    ("Turtle without a profile", lambda d: _write(d / "p.ttl", b"<http://x/a> <http://x/b> 1 .\n"),
     ["expected one profile"]),
])
def test_unreadable_input(tmp_path: Path, name, make, words):
    path = make(tmp_path)
    result = run_gapcheck("check", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_turtle_profile_with_unknown_property_is_refused(tmp_path: Path):
    path = tmp_path / "p.ttl"
    path.write_text("""@prefix gcp: <https://w3id.org/gapcheck/ontology/profile#> .
<https://w3id.org/gapcheck/profile/t> a gcp:Framework ;
    gcp:asOf "2026-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
    gcp:state [ gcp:isoCode "QAA" ] ;
    gcp:institutions <https://w3id.org/gapcheck/profile/t/institutions> .
<https://w3id.org/gapcheck/profile/t/institutions> gcp:ngoCooperaton true .
""", encoding="utf-8")
    result = run_gapcheck("check", str(path))
    assert result.returncode == 2
    assert "unknown property ngoCooperaton" in result.stderr
    assert "did you mean 'ngoCooperation'" in result.stderr
