"""The README's section "What gapcheck guarantees": every promise in it names
the tests that prove it, as pytest node ids (`tests/test_x.py::test_y`, or one
case of it: `tests/test_x.py::test_y[case]`), and every test named exists and is
not an expected failure. A promise that names no test, or a test that was
renamed or removed, fails here.

Below: tests of promises that had none of their own."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_gapcheck
from rdflib import RDFS, Literal

README = ROOT / "README.md"
HEADING = "## What gapcheck guarantees"
NODE_ID = re.compile(r"tests/test_\w+\.py::[\w.\-]+(?:\[[^\]\s`]+\])?")


def section(text: str) -> str:
    """The guarantees section of the README, heading to next heading of its level."""
    start = text.find("\n" + HEADING)
    assert start >= 0, f"the README has no section {HEADING!r}"
    end = text.find("\n## ", start + 1)
    return text[start:end if end >= 0 else len(text)]


def promises(text: str) -> list[str]:
    """The top-level bullets of the section, each with its indented continuation."""
    items: list[list[str]] = []
    open_item = False
    for line in text.splitlines():
        if line.startswith("- "):
            items.append([line])
            open_item = True
        elif open_item and (line.startswith(" ") or not line.strip()):
            items[-1].append(line)
        else:
            open_item = False  # a paragraph after the list
    return ["\n".join(item).strip() for item in items]


def title(promise: str) -> str:
    bold = re.match(r"- \*\*(.+?)\*\*", promise)
    return bold.group(1) if bold else promise[2:62]


def collected(node_ids: set[str]) -> set[str]:
    """The node ids pytest collects in the files `node_ids` name, expected
    failures left out."""
    files = sorted({n.split("::")[0] for n in node_ids if (ROOT / n.split("::")[0]).is_file()})
    if not files:
        return set()
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not xfail",
                             "-p", "no:cacheprovider", *files],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {line.strip() for line in result.stdout.splitlines() if "::" in line}


def problems(text: str, known: set[str]) -> list[str]:
    """What is wrong with the promises of `text`, given the collected node ids."""
    items = promises(text)
    if not items:
        return ["the section makes no promise"]
    out = []
    for item in items:
        named = NODE_ID.findall(item)
        if not named:
            out.append(f"{title(item)!r} names no test")
        for node in named:
            if not any(k == node or k.startswith(node + "[") for k in known):
                out.append(f"{title(item)!r} names {node}, which is no test (or an expected failure)")
    return out


def test_every_promise_names_tests_that_exist():
    text = section(README.read_text(encoding="utf-8"))
    named = set(NODE_ID.findall(text))
    assert len(promises(text)) >= 8
    assert problems(text, collected(named)) == []


def test_a_promise_without_a_test_is_caught():
    text = ("## What gapcheck guarantees\n\n- **Kept.** Proven by `tests/test_a.py::test_b`.\n"
            "- **Bare.** A promise and\n  nothing to prove it.\n\nA closing paragraph.\n")
    assert problems(text, {"tests/test_a.py::test_b"}) == ["'Bare.' names no test"]
    assert problems("## What gapcheck guarantees\n\nNo list.\n", set()) == ["the section makes no promise"]


def test_a_test_that_does_not_exist_is_caught():
    text = ("- **P.** `tests/test_a.py::test_b` and `tests/test_a.py::test_c[one]` and "
            "`tests/test_a.py::test_d[two]`.\n")
    known = {"tests/test_a.py::test_b[x]", "tests/test_a.py::test_c[one]", "tests/test_a.py::test_d[one]"}
    assert problems(text, known) == [
        "'P.' names tests/test_a.py::test_d[two], which is no test (or an expected failure)"]


def test_a_renamed_test_is_caught_through_pytest(tmp_path: Path):
    """The real collection, on this very file: a name that is not in it is missing."""
    here = "tests/test_guarantees.py"
    known = collected({f"{here}::x"})
    assert f"{here}::test_a_renamed_test_is_caught_through_pytest" in known
    assert problems(f"- **P.** `{here}::test_no_such_test`\n", known) != []


# --- promises that had no test of their own -----------------------------------------------


def test_a_bill_carries_its_notes_and_title_and_matching_meta(tmp_path: Path):
    """A bill's `state` and `fictional` must be its baseline's (the corpus has the
    refusals); its notes and title are carried into the amended framework."""
    from checker.reports import collection

    shutil.copy(ROOT / "tests" / "corpus" / "bill-meta" / "qab-2026.yaml", tmp_path)
    (tmp_path / "qab-bill-notes.yaml").write_text(
        "gapcheck: 2\nkind: bill\nid: qab-bill-notes\namends: qab-2026\n"
        "title: Qab Amendment Bill\nstate: {code: QAB, name: Republic of Qab}\nfictional: true\n"
        "as_of: 2026-06-01\nnotes: What the drafters want the committee to know.\n", encoding="utf-8")
    coll = collection.load([tmp_path])
    amended = coll.bills["qab-bill-notes"].amended
    assert (None, RDFS.comment, Literal("What the drafters want the committee to know.")) in amended.graph
    assert amended.profile.title == "Qab Amendment Bill"
    assert (amended.profile.state_code, amended.profile.fictional) == ("QAB", True)


HOSTILE_EIDS = ['x" onclick="alert(1)', "y}<script>alert(2)</script>", "z'><img src=x onerror=alert(3)>"]


def test_an_act_with_hostile_ids_puts_none_of_them_on_the_site(tmp_path: Path):
    """Ids from an Akoma Ntoso act become anchors and link targets only when they
    follow the eId grammar; the others are reported as not citable."""
    from test_site import assert_no_injected_markup

    folder = tmp_path / "profiles"
    folder.mkdir()
    profile = (ROOT / "tests" / "corpus" / "akn-eid" / "qaa-eid-2026.yaml").read_text(encoding="utf-8")
    profile = profile.replace("sec_21__subsec_3", "sec_21__subsec_2")  # every citation resolves
    (folder / "qaa-eid-2026.yaml").write_text(profile, encoding="utf-8")
    act = (ROOT / "tests" / "corpus" / "akn-eid" / "act.xml").read_text(encoding="utf-8")
    hostile = "".join(
        f'<subsection eId="{eid.replace(chr(34), "&quot;").replace("<", "&lt;")}">'
        f"<num>({i})</num><content><p>Hostile id {i}.</p></content></subsection>"
        for i, eid in enumerate(HOSTILE_EIDS, start=3))
    assert act.count("</section>") == 1
    (folder / "act.xml").write_text(act.replace("</section>", hostile + "</section>"), encoding="utf-8")

    outline = run_gapcheck("akn", "outline", str(folder / "act.xml"))
    assert outline.returncode == 0, outline.stderr
    assert "3 ids not shown and not citable" in outline.stdout, outline.stdout
    out = tmp_path / "site"
    result = run_gapcheck("publish", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = list(out.rglob("*.html"))
    assert any("Hostile id 3." in p.read_text(encoding="utf-8") for p in pages), "the act page is missing"
    for page in pages:
        assert_no_injected_markup(page)
        text = page.read_text(encoding="utf-8")
        for word in ("onclick=", "<script>alert", "onerror="):
            assert word not in text, (page, word)
