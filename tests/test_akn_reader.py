"""Akoma Ntoso: outline acts of realistic size, read the 2.0 namespace, refuse
hostile and non-AKN input cleanly, and verify the eIds profiles cite."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_gapcheck

from checker.akn.reader import AKN3, read
from checker.errors import InputError

AKN = ROOT / "tests" / "fixtures" / "akn"


def big_act(sections: int = 400) -> str:
    """A fictional act of realistic size: parts, chapters, sections, subsections."""
    body = []
    per_part = sections // 4
    for part in range(1, 5):
        chapters = []
        for chp in range(1, 3):
            secs = []
            for i in range(per_part // 2):
                n = (part - 1) * per_part + (chp - 1) * (per_part // 2) + i + 1
                subs = "".join(
                    f'<subsection eId="sec_{n}__subsec_{k}"><num>({k})</num><content><p>'
                    f"Text of subsection {k} of section {n}.</p></content></subsection>"
                    for k in (1, 2))
                secs.append(f'<section eId="sec_{n}"><num>{n}.</num><heading>Heading {n}</heading>'
                            f"{subs}</section>")
            chapters.append(f'<chapter eId="part_{part}__chp_{chp}"><num>{chp}</num>'
                            f"<heading>Chapter {chp}</heading>{''.join(secs)}</chapter>")
        body.append(f'<part eId="part_{part}"><num>Part {part}</num><heading>Part {part}</heading>'
                    f"{''.join(chapters)}</part>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<akomaNtoso xmlns="{AKN3}"><act name="act">'
            '<meta><identification source="#t"><FRBRWork><FRBRthis value="/akn/qzz/act/2020/1/!main"/>'
            '<FRBRuri value="/akn/qzz/act/2020/1"/><FRBRdate date="2020-01-01" name="enacted"/>'
            '<FRBRauthor href="#p"/><FRBRcountry value="qzz"/></FRBRWork></identification></meta>'
            "<preface><p><docTitle>Big Test Act 2020</docTitle></p></preface>"
            f"<body>{''.join(body)}</body></act></akomaNtoso>\n")


def test_outline_of_an_act_of_hundreds_of_sections(tmp_path: Path):
    path = tmp_path / "big.xml"
    path.write_text(big_act(400))
    start = time.perf_counter()
    doc = read(path)
    assert time.perf_counter() - start < 10
    assert doc.title == "Big Test Act 2020" and doc.version == "3.0" and doc.doc_type == "act"
    assert doc.work == "/akn/qzz/act/2020/1/!main" and ("enacted", "2020-01-01") in doc.dates
    eids = doc.by_eid()
    assert len([e for e in eids if e.count("__") == 0 and e.startswith("sec_")]) == 400
    assert eids["sec_250__subsec_2"].parent == "sec_250"
    result = run_gapcheck("akn", "outline", str(path))
    assert result.returncode == 0
    assert "[sec_400__subsec_2]" in result.stdout and "Part 1  Part 1  [part_1]" in result.stdout
    assert result.stdout.strip().endswith("provisions")


def test_reads_the_older_2_0_namespace():
    doc = read(AKN / "act-2.0.xml")
    assert doc.version == "2.0" and doc.provisions
    assert all(p.eid for p in doc.provisions)


HOSTILE = [
    ("xxe.xml", "DOCTYPE"),
    ("billion-laughs.xml", "DOCTYPE"),
    ("external-dtd.xml", "DOCTYPE"),
    ("wrong-namespace.xml", "not an Akoma Ntoso document"),
    ("xhtml.xml", "not an Akoma Ntoso document"),
    ("malformed.xml", "not well-formed XML"),
    ("not-xml.xml", "not well-formed XML"),
    ("no-document.xml", "holds no document"),
]


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


@pytest.mark.parametrize(("name", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_and_foreign_files_are_refused(name, words):
    path = AKN / name
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "checker.cli", "akn", "outline", str(path)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60,
                            preexec_fn=_limit_memory)
    assert time.perf_counter() - start < 30
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert str(path) in result.stderr and words in result.stderr
    assert "root:" not in result.stdout + result.stderr  # nothing of /etc leaked


def test_deep_nesting_is_refused(tmp_path: Path):
    path = tmp_path / "deep.xml"
    path.write_text(f'<akomaNtoso xmlns="{AKN3}"><act>' + "<hcontainer>" * 5000
                    + "</hcontainer>" * 5000 + "</act></akomaNtoso>")
    with pytest.raises(InputError) as exc:
        read(path)
    assert "deep" in str(exc.value) or "not well-formed" in str(exc.value)


def test_oversized_file_is_refused(tmp_path: Path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.write(f'<akomaNtoso xmlns="{AKN3}"><act><body>'.encode())
        handle.write(b"<p>x</p>" * (21 * 1024 * 1024 // 8))
        handle.write(b"</body></act></akomaNtoso>")
    with pytest.raises(InputError) as exc:
        read(path)
    assert "larger than" in str(exc.value)


def copy_belmora(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles" / "akn", folder / "akn")
    shutil.copy(ROOT / "profiles" / "qba-2026.yaml", folder)
    return folder / "qba-2026.yaml"


def test_the_examples_cite_eids_that_exist():
    result = run_gapcheck("check", str(ROOT / "profiles" / "qba-2026.yaml"), "--fail-on", "never")
    assert result.returncode == 0, result.stderr


def test_a_dangling_eid_is_a_profile_error(tmp_path: Path):
    profile = copy_belmora(tmp_path)
    text = profile.read_text()
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("eid: sec_9__subsec_2"))
    lines[index] = lines[index].replace("sec_9__subsec_2", "sec_99__subsec_2")
    profile.write_text("\n".join(lines) + "\n")
    result = run_gapcheck("check", str(profile))
    assert result.returncode == 2
    assert f"{profile}:{index + 1}: evidence cites eId 'sec_99__subsec_2'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_akn_file_outside_the_profile_folder_is_refused(tmp_path: Path):
    profile = copy_belmora(tmp_path)
    profile.write_text(profile.read_text().replace("akn: akn/qba-victims-act.xml",
                                                   "akn: ../../etc/hostname"))
    result = run_gapcheck("check", str(profile))
    assert result.returncode == 2 and "outside the profile's folder" in result.stderr


def test_scan_gives_hits_and_a_draft_fragment():
    path = ROOT / "profiles" / "akn" / "qba-victims-act.xml"
    table = run_gapcheck("akn", "scan", str(path))
    assert table.returncode == 0 and "PRO-03" in table.stdout
    draft = run_gapcheck("akn", "scan", str(path), "--format", "yaml", "--document-id", "victims-act")
    assert "CONFIRM EACH FACT" in draft.stdout and "reflection_period:" in draft.stdout
    assert "eid: sec_9" in draft.stdout


def test_a_doctype_in_utf16_is_refused_too(tmp_path: Path):
    path = tmp_path / "utf16.xml"
    xml = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a [<!ENTITY e "x">]>\n'
           f'<akomaNtoso xmlns="{AKN3}"><act><body/></act></akomaNtoso>')
    path.write_bytes(xml.encode("utf-16"))
    with pytest.raises(InputError) as exc:
        read(path)
    assert "DOCTYPE" in str(exc.value)


def test_a_look_alike_namespace_is_not_akoma_ntoso(tmp_path: Path):
    path = tmp_path / "fake.xml"
    path.write_text(f'<akomaNtoso xmlns="{AKN3}-not-really"><act/></akomaNtoso>')
    with pytest.raises(InputError) as exc:
        read(path)
    assert "not an Akoma Ntoso document" in str(exc.value)
