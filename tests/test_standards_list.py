"""Every provision in the project's list of checked citations is in the
knowledge base with exactly its checking status, and nothing else claims to be
checked without being on that list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from checker.kb import base as kb
from checker.kb.namespaces import GC, GCC, INST

DATA = Path(__file__).parent / "data" / "standards.md"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "domain" / "standards.md"

# Section heading (its start) -> the instruments its rows belong to.
SECTIONS = {
    "UN Trafficking in Persons Protocol": ["palermo"],
    "UN Convention against Transnational Organized Crime": ["untoc"],
    "Smuggling of Migrants Protocol": ["smuggling"],
    "International Convention on the Protection of the Rights of All Migrant Workers": ["icrmw"],
    "ILO Forced Labour": ["c29", "p29", "r203"],
    "ILO Migrant workers": ["c97", "c143"],
    "ILO Child labour": ["c138", "c182"],
    "ILO Private Employment Agencies": ["c181", "c189"],
    "OHCHR Recommended Principles": ["ohchr"],
    "Council of Europe Convention": ["cets197"],
    "EU": ["eu-2011-36", "eu-2004-81"],
    "ILO General Principles and Operational Guidelines for Fair Recruitment": ["ilo-fair-recruitment"],
    "ILO indicators of forced labour": ["ilo-fl-indicators"],
}


def rows(text: str) -> list[tuple[str, str, str]]:
    """(section, provision cell, status word) for every table row."""
    out, section = [], None
    for line in text.splitlines():
        if line.startswith("## "):
            section = next((k for k in sorted(SECTIONS, key=len, reverse=True)
                            if line[3:].startswith(k)), None)
            assert section, f"no instrument mapping for section {line!r}"
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and line.startswith("|") and cells[0] not in ("provision", "---"):
            if set(cells[0]) <= set("-"):
                continue
            out.append((section, cells[0], cells[2].split()[0]))
    return out


STANDARDS = rows(DATA.read_text(encoding="utf-8"))


def test_the_list_has_rows():
    assert len(STANDARDS) > 80


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ is not beside this checkout")
def test_copy_of_the_list_is_current():
    assert DATA.read_text(encoding="utf-8") == SHARED.read_text(encoding="utf-8"), (
        "tests/data/standards.md differs from shared/domain/standards.md: copy it over "
        "and bring the knowledge base in line")


@pytest.mark.parametrize(("section", "cell", "status"), STANDARDS,
                         ids=[f"{s}|{c}" for s, c, _ in STANDARDS])
def test_every_listed_provision_is_in_the_kb_with_its_status(section, cell, status):
    graph = kb.load().graph
    instruments = {URIRef(INST + slug) for slug in SECTIONS[section]}
    found = [p for p in graph.subjects(GC.listedAs, None)
             if str(graph.value(p, GC.listedAs)) == cell
             and graph.value(p, GC.inInstrument) in instruments]
    assert found, f"{cell!r} of section {section!r} is not in the knowledge base"
    for prov in found:
        assert graph.value(prov, GC.checkingStatus) == GCC[status], (
            f"{prov} is listed as {status} but carries {graph.value(prov, GC.checkingStatus)}")


def test_no_provision_is_checked_without_being_listed():
    """A provision not on the list must be unverified, except the background
    paper's sections, whose source is the paper itself in shared/domain."""
    graph = kb.load().graph
    listed = {cell for _, cell, _ in STANDARDS}
    for prov in graph.subjects(RDF.type, GC.Provision):
        cell = graph.value(prov, GC.listedAs)
        if cell is not None:
            assert str(cell) in listed, f"{prov} claims to be listed as {cell!r}"
            continue
        instrument = str(graph.value(prov, GC.inInstrument))
        if instrument.endswith(("/idm-2009", "/ilo-fl-indicators")):
            continue
        assert graph.value(prov, GC.checkingStatus) == GCC.unverified, (
            f"{prov} is not on the list of checked citations, so it must be unverified")


def test_article_numbers_in_iris_match_citations():
    """palermo#A3-a must be cited as Art. 3(a): the IRI and the label agree."""
    graph = kb.load().graph
    for prov in graph.subjects(RDF.type, GC.Provision):
        local = str(prov).rsplit("#", 1)[-1]
        m = re.fullmatch(r"(?:AnnexI-)?A(\d+)((?:-[0-9a-z]+)*)", local)
        if not m:
            continue
        citation = str(graph.value(prov, GC.citation))
        expected = "Art. " + m.group(1) + "".join(f"({p})" for p in m.group(2).split("-")[1:])
        assert citation.endswith(expected), f"{prov}: citation {citation!r}, IRI says {expected}"
