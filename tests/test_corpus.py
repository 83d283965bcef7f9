"""The bad-input corpus (tests/corpus/manifest.yaml): every entry point of the CLI
given malformed, mistyped, misspelt and hostile input. Bad input must give exit
code 2 and a message that names the file (and the line, where there is one) and
says what is wrong; never a traceback, never a silently accepted bad value, never
a half-written output.

Entries whose `xfail` says how the tool misbehaves today are strict xfails: they
state the behaviour we want, so remove the key once the tool is fixed."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from checker.cli import main

CORPUS = ROOT / "tests" / "corpus"
MANIFEST = CORPUS / "manifest.yaml"
NOT_CASES = {"manifest.yaml", "README.md"}
REQUIRED = {"name", "args", "exit", "line", "words"}
OPTIONAL = {"file", "generate", "subprocess", "absent", "stdout_words", "stdout_absent",
            "site_absent", "copy", "xfail"}
AKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
HEAD = "gapcheck: 1\nid: qaa-generated\nstate: {code: QAA, name: Republic of Qaa}\nas_of: 2026-01-01\n"


# --- generators: inputs too big or too deep to commit ---------------------------------


def big_yaml(tmp: Path) -> Path:
    """A 50 MB YAML profile: a valid head and a huge block of notes."""
    path = tmp / "fifty-megabytes.yaml"
    line = "  " + "the law says nothing more on this point " * 2 + "\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEAD + "notes: |\n")
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    return path


def big_ttl(tmp: Path) -> Path:
    """A 50 MB Turtle profile: one framework and a huge comment."""
    path = tmp / "fifty-megabytes.ttl"
    line = "# " + "padding " * 12 + "\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("@prefix gcp: <https://w3id.org/gapcheck/ontology/profile#> .\n"
                     "<https://w3id.org/gapcheck/profile/qaa-big> a gcp:Framework .\n")
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    return path


def deep_yaml_lists(tmp: Path) -> Path:
    """100 nested block lists under `notes:` (line 5); the 13th level opens on line 18."""
    path = tmp / "deep-lists.yaml"
    lines = [HEAD.rstrip("\n"), "notes:"]
    lines += ["  " * (i + 1) + "-" for i in range(100)]
    lines[-1] += " the bottom"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deep_yaml_flow(tmp: Path) -> Path:
    """10,000 nested flow lists on line 5."""
    path = tmp / "deep-flow.yaml"
    path.write_text(HEAD + "notes: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    return path


def deep_ttl(tmp: Path) -> Path:
    """20,000 nested Turtle collections."""
    path = tmp / "deep.ttl"
    path.write_text("@prefix gcp: <https://w3id.org/gapcheck/ontology/profile#> .\n"
                    "<https://w3id.org/gapcheck/profile/qaa-deep> a gcp:Framework ;\n"
                    "    gcp:notes " + "(" * 20_000 + ")" * 20_000 + " .\n", encoding="utf-8")
    return path


def deep_json(tmp: Path) -> Path:
    """500 nested arrays in a JSON-LD profile's notes (line 4)."""
    path = tmp / "deep.jsonld"
    path.write_text('{\n  "@context": "https://w3id.org/gapcheck/context/profile.jsonld",\n'
                    '  "id": "qaa-deep", "kind": "framework",\n'
                    '  "notes": ' + "[" * 500 + '"bottom"' + "]" * 500 + "\n}\n", encoding="utf-8")
    return path


def deep_xml(tmp: Path) -> Path:
    """An Akoma Ntoso act nested 5,000 levels deep, all on line 1."""
    path = tmp / "deep.xml"
    path.write_text(f'<akomaNtoso xmlns="{AKN3}"><act><body>' + "<hcontainer>" * 5000
                    + "</hcontainer>" * 5000 + "</body></act></akomaNtoso>\n", encoding="utf-8")
    return path


def big_xml(tmp: Path) -> Path:
    """A 21 MB Akoma Ntoso act."""
    path = tmp / "huge.xml"
    with path.open("wb") as handle:
        handle.write(f'<akomaNtoso xmlns="{AKN3}"><act><body>'.encode())
        handle.write(b"<p>x</p>" * (21 * 1024 * 1024 // 8))
        handle.write(b"</body></act></akomaNtoso>\n")
    return path


def many_profiles(tmp: Path) -> Path:
    """A folder of 49 good profiles and one bad one: enough for `publish` to share the
    work between processes (checker.collection.PARALLEL_FROM)."""
    folder = tmp / "many"
    folder.mkdir()
    good = (ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml").read_text(encoding="utf-8")
    for i in range(1, 50):
        (folder / f"qxa-{i:02}.yaml").write_text(good.replace("id: qxa-2026", f"id: qxa-2026-{i:02}"),
                                                 encoding="utf-8")
    shutil.copy(CORPUS / "yaml-misspelt-measure-key.yaml", folder / "zz-bad.yaml")
    return folder


def fifo_profile(tmp: Path) -> Path:
    """A named pipe called like a profile: reading it would block for ever."""
    path = tmp / "qaa-pipe.yaml"
    os.mkfifo(path)
    return path


def dev_zero_link(tmp: Path) -> Path:
    """A profile that is a link to /dev/zero: reading it would never end."""
    path = tmp / "qaa-zero.yaml"
    path.symlink_to("/dev/zero")
    return path


def folder_with_fifo(tmp: Path) -> Path:
    """A folder of profiles with a good one and a pipe: the pipe is an error, not skipped."""
    folder = tmp / "with-pipe"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml", folder)
    os.mkfifo(folder / "qaa-pipe.yaml")
    return folder


def bill_with_linked_baseline(tmp: Path) -> Path:
    """A bill whose baseline beside it is a link to a file in another folder (line 5: amends)."""
    outside, folder = tmp / "outside", tmp / "bills"
    outside.mkdir()
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml", outside)
    (folder / "qxa-2026.yaml").symlink_to(outside / "qxa-2026.yaml")
    bill = folder / "qxa-bill.yaml"
    bill.write_text("gapcheck: 2\nkind: bill\nid: qxa-bill\nas_of: 2026-06-01\namends: qxa-2026\n"
                    "institutions: {ngo_cooperation: false}\n", encoding="utf-8")
    return bill


def deep_yaml_mappings(tmp: Path) -> Path:
    """500 nested block mappings under `notes:` (line 5); the 13th level opens on line 18."""
    path = tmp / "deep-mappings.yaml"
    lines = [HEAD.rstrip("\n"), "notes:"] + ["  " * (i + 1) + "a:" for i in range(500)]
    lines.append("  " * 501 + "the bottom")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deep_yaml_flow_mappings(tmp: Path) -> Path:
    """900 nested flow mappings on line 5."""
    path = tmp / "deep-flow-mappings.yaml"
    path.write_text(HEAD + "notes: " + "{a: " * 900 + "1" + "}" * 900 + "\n", encoding="utf-8")
    return path


def folder_with_json_profile(tmp: Path) -> Path:
    """A folder with a YAML profile and a JSON-LD profile saved as .json: both are read."""
    folder = tmp / "with-json"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml", folder)
    (folder / "qjs-2026.json").write_text(
        '{"@context": "https://w3id.org/gapcheck/context/profile.jsonld", "id": "qjs-2026",\n'
        ' "kind": "framework", "gapcheck": 2, "state": {"code": "QJS"}, "as_of": "2026-01-01",\n'
        ' "institutions": {"ngo_cooperation": true}}\n', encoding="utf-8")
    return folder


def folder_with_report_json(tmp: Path) -> Path:
    """A folder with a profile and a gapcheck JSON report: the report is refused, not skipped."""
    folder = tmp / "with-report"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "profiles" / "qxa-2026.yaml", folder)
    (folder / "report.json").write_text('{"schema": "https://w3id.org/gapcheck/schema/report/2"}\n',
                                        encoding="utf-8")
    return folder


GENERATORS: dict[str, Callable[[Path], Path]] = {f.__name__: f for f in (
    big_yaml, big_ttl, deep_yaml_lists, deep_yaml_flow, deep_ttl, deep_json, deep_xml, big_xml,
    many_profiles, fifo_profile, dev_zero_link, folder_with_fifo, bill_with_linked_baseline,
    deep_yaml_mappings, deep_yaml_flow_mappings, folder_with_json_profile, folder_with_report_json)}


# --- the manifest ------------------------------------------------------------------------


def load_manifest() -> list[dict]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


CASES = load_manifest()


def _param(case: dict):
    marks = []
    if case.get("xfail"):
        marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
    return pytest.param(case, id=case["name"], marks=marks)


def _expand(text: str, places: dict[str, str]) -> str:
    for key, value in places.items():
        text = text.replace("{" + key + "}", value)
    return text


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file of a folder with a digest of its content."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _option(args: list[str], *names: str) -> str | None:
    for i, arg in enumerate(args[:-1]):
        if arg in names:
            return args[i + 1]
    return None


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


def run_cli(args: list[str], in_subprocess: bool) -> tuple[int, str, str]:
    """(exit code, stdout, stderr). In-process, any Python exception fails the test."""
    if in_subprocess:
        proc = subprocess.run([sys.executable, "-m", "checker.cli", *args], capture_output=True,
                              text=True, cwd=ROOT, timeout=300, preexec_fn=_limit_memory)
        return proc.returncode, proc.stdout, proc.stderr
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_corpus_case(case: dict, tmp_path: Path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    places = {"corpus": str(CORPUS), "tmp": str(tmp)}
    if case.get("generate"):
        places["gen"] = str(GENERATORS[case["generate"]](tmp))
    if case.get("copy"):
        copy = tmp_path / "copy"
        shutil.copytree(CORPUS / case["copy"], copy)
        places["copy"] = str(copy)
    args = [_expand(str(a), places) for a in case["args"]]

    # an existing site folder must survive a failed publish untouched
    out = Path(_option(args, "--out")) if args[0] == "publish" and "--out" in args else None
    before = None
    if out is not None:
        if not out.exists():
            out.mkdir(parents=True)
            (out / "sentinel.txt").write_text("the site of the last good build\n", encoding="utf-8")
            (out / ".gapcheck-site").write_text("built by gapcheck publish\n", encoding="utf-8")
        before = _snapshot(out)
    output = _option(args, "--output", "-o") if args[0] == "check" else None

    code, stdout, stderr = run_cli(args, bool(case.get("subprocess")))
    shown = (f"\n$ gapcheck {' '.join(args)}\n--- exit {code}\n--- stdout\n{stdout[:3000]}"
             f"\n--- stderr\n{stderr[:3000]}")

    expected = case["exit"] if isinstance(case["exit"], list) else [case["exit"]]
    assert code in expected, shown
    assert "Traceback" not in stdout + stderr, shown

    if code == 2:
        if "file" in case:
            named = _expand(case["file"], places) if case["file"] is not None else None
        else:
            named = next((a for a, raw in zip(args, case["args"], strict=True)
                          if any(f"{{{k}}}" in str(raw) for k in ("corpus", "gen", "copy"))), None)
        if named is not None:
            assert named in stderr, f"the message does not name the file {named}{shown}"
            lines = case["line"] if isinstance(case["line"], list) else [case["line"]]
            if case["line"] is not None:
                assert any(f"{named}:{n}:" in stderr for n in lines), (
                    f"the message does not name {named}:{case['line']}:{shown}")
        if output is not None:
            target = Path(output)
            assert not target.exists(), f"{target} was left behind{shown}"
            if target.parent.exists():
                assert not list(target.parent.glob(f".{target.name}.*")), f"a temporary file was left{shown}"
        if before is not None:
            assert _snapshot(out) == before, f"the existing --out folder {out} was changed{shown}"
    elif output is not None:
        assert Path(output).is_file(), shown

    for word in case["words"]:
        assert word in stderr, f"stderr lacks {word!r}{shown}"
    for word in case.get("absent", []):
        assert word not in stdout + stderr, f"{word!r} must not appear{shown}"
    for word in case.get("stdout_words", []):
        assert word in stdout, f"stdout lacks {word!r}{shown}"
    for word in case.get("stdout_absent", []):
        assert word not in stdout, f"stdout must not contain {word!r}{shown}"
    if case.get("site_absent"):
        assert code == 0 and out is not None and (out / "index.html").is_file(), shown
        assert not (out / "sentinel.txt").exists(), "the old site was not replaced"
        pages = list(out.rglob("*.html"))
        assert pages
        for page in pages:
            text = page.read_text(encoding="utf-8")
            for word in case["site_absent"]:
                assert word not in text, f"{page.relative_to(out)} contains {word!r}"


# --- the manifest itself ------------------------------------------------------------------


def test_manifest_is_complete_and_well_formed():
    assert len(CASES) >= 45
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    for case in CASES:
        keys = set(case)
        assert keys >= REQUIRED, f"{case.get('name')}: needs {sorted(REQUIRED - keys)}"
        assert keys <= REQUIRED | OPTIONAL, f"{case['name']}: unknown keys {keys - REQUIRED - OPTIONAL}"
        assert isinstance(case["args"], list) and case["args"], case["name"]
        codes = set(case["exit"]) if isinstance(case["exit"], list) else {case["exit"]}
        assert codes == {2} or codes <= {0, 1}, case["name"]
        assert case.get("generate") is None or case["generate"] in GENERATORS, case["name"]
        assert ("{gen}" in " ".join(map(str, case["args"]))) == bool(case.get("generate")), case["name"]


def test_every_entry_point_is_covered():
    commands = {tuple(c["args"][:2]) if c["args"][0] in ("akn", "kb") else (c["args"][0],) for c in CASES}
    assert {("check",), ("matrix",), ("publish",), ("akn", "outline"), ("akn", "scan"), ("kb", "show"),
            ("questionnaire",)} <= commands
    suffixes = {Path(str(a)).suffix for c in CASES if c["args"][0] == "check" for a in c["args"]}
    assert {".yaml", ".ttl", ".jsonld"} <= suffixes


def _referenced() -> set[str]:
    """Corpus paths (relative) that some case names in its args, file or copy."""
    out = set()
    for case in CASES:
        texts = [str(a) for a in case["args"]] + [str(case.get("file") or "")]
        for text in texts:
            if text.startswith("{corpus}/"):
                out.add(text[len("{corpus}/"):])
        if case.get("copy"):
            out.add(case["copy"])
    return out


def test_every_corpus_file_is_used():
    used = _referenced()
    unused = []
    for path in sorted(CORPUS.iterdir()):
        if path.name in NOT_CASES or path.name.startswith(".") or path.name == "__pycache__":
            continue
        name = path.name
        hit = any(u == name or u.startswith(name + "/") for u in used) if path.is_dir() else name in used
        if not hit:
            unused.append(name)
    assert not unused, f"corpus files no case uses: {unused}"


def test_corpus_files_are_small():
    """Big inputs are generated at test time; the committed corpus stays small."""
    for path in CORPUS.rglob("*"):
        if path.is_file():
            assert path.stat().st_size < 64 * 1024, f"{path} is too big to commit; generate it"


def test_fifty_megabyte_yaml_is_refused_quickly(tmp_path: Path):
    path = big_yaml(tmp_path)
    assert path.stat().st_size >= 50 * 1024 * 1024
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "checker.cli", "check", str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, preexec_fn=_limit_memory)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert elapsed < 20, f"took {elapsed:.1f} s"
    assert str(path) in proc.stderr and "50 MB" in proc.stderr and "limited to" in proc.stderr
    assert "Traceback" not in proc.stderr
