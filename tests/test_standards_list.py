"""Every provision in the project's list of checked citations is in the
knowledge base with exactly its checking status, and nothing else claims to be
checked without being on that list. The list's final section, "Corrections
after the legal audit", overrides older rows: a provision named there carries
the correction's row too (gc:listedAs), and the correction's status."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

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
    "Corrections after the legal audit": [],
}

# Rows of the corrections table that correct a provision -> its instrument; the
# others correct instruments (dates, amendments) and are tested below.
CORRECTED_PROVISIONS = {
    "ICRMW Art. 52(2)(a)": "icrmw", "Dir 2011/36/EU Art. 8": "eu-2011-36",
    "OHCHR Guideline 4.4": "ohchr", "OHCHR Guideline 2": "ohchr", "C143 Art. 9(1)": "c143",
    "ILO fair recruitment GP7": "ilo-fair-recruitment", "C143 Art. 9(2)": "c143",
    "P29 Art. 2(c)(ii)": "p29", "CETS 197 Art. 12(5)": "cets197", "CETS 197 Art. 15(4)": "cets197",
    "CETS 197 Art. 16(7)": "cets197",
}
CORRECTED_INSTRUMENTS = {"Palermo Protocol, UNTOC, Smuggling Protocol", "Dir 2011/36/EU"}
CORRECTIONS = "Corrections after the legal audit"


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
        if len(cells) == 3 and line.startswith("|") and cells[0] not in ("provision", "item", "---"):
            if set(cells[0]) <= set("-"):
                continue
            out.append((section, cells[0], cells[2].split()[0]))
    return out


ALL_ROWS = rows(DATA.read_text(encoding="utf-8"))
STANDARDS = [r for r in ALL_ROWS if r[0] != CORRECTIONS]
CORRECTED = {cell: status for section, cell, status in ALL_ROWS if section == CORRECTIONS}


def test_the_list_has_rows():
    assert len(STANDARDS) > 80
    assert set(CORRECTED) == set(CORRECTED_PROVISIONS) | CORRECTED_INSTRUMENTS, (
        "the corrections table has rows this test does not map to an instrument")


def expected_status(graph, prov, listed_status: str) -> str:
    """A correction row the provision carries overrides its older row's status."""
    for cell in graph.objects(prov, GC.listedAs):
        if str(cell) in CORRECTED:
            return CORRECTED[str(cell)]
    return listed_status


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
    found = [p for p in graph.subjects(GC.listedAs, Literal(cell))
             if graph.value(p, GC.inInstrument) in instruments]
    assert found, f"{cell!r} of section {section!r} is not in the knowledge base"
    for prov in found:
        want = expected_status(graph, prov, status)
        assert graph.value(prov, GC.checkingStatus) == GCC[want], (
            f"{prov} is listed as {want} but carries {graph.value(prov, GC.checkingStatus)}")


@pytest.mark.parametrize("cell", sorted(CORRECTED_PROVISIONS))
def test_every_corrected_provision_carries_the_correction(cell):
    graph = kb.load().graph
    instrument = URIRef(INST + CORRECTED_PROVISIONS[cell])
    found = [p for p in graph.subjects(GC.listedAs, Literal(cell))
             if graph.value(p, GC.inInstrument) == instrument]
    assert len(found) == 1, f"the correction {cell!r} is carried by {found}"
    assert graph.value(found[0], GC.checkingStatus) == GCC[CORRECTED[cell]]


def test_corrected_adoption_dates_and_the_amendment_of_directive_2011_36():
    graph = kb.load().graph
    for slug in ("palermo", "untoc", "smuggling"):
        inst = URIRef(INST + slug)
        assert graph.value(inst, GC.adopted) == Literal(dt.date(2000, 11, 15))
        assert "55/25 of 15 November 2000" in str(graph.value(inst, GC.adoptionNote))
    directive = URIRef(INST + "eu-2011-36")
    assert graph.value(directive, GC.adopted) == Literal(dt.date(2011, 4, 5))
    amendment = graph.value(directive, GC.amendedBy)
    assert "2024/1712" in str(graph.value(amendment, RDFS.label))
    assert graph.value(amendment, GC.adopted) == Literal(dt.date(2024, 6, 13))
    assert graph.value(amendment, GC.entryIntoForce) == Literal(dt.date(2024, 7, 14))
    assert "unverified" in str(graph.value(amendment, GC.checkingNote))


def test_corrected_paraphrases_keep_the_conditions_of_the_text():
    graph = kb.load().graph
    para = {str(p).rsplit("/", 1)[-1]: str(graph.value(p, GC.paraphrase))
            for p in graph.subjects(RDF.type, GC.Provision)}
    assert ("where this is necessary in the interests of this State and provided for by national "
            "legislation") in para["icrmw#A52-2-a"]
    assert "compelled to commit as a direct consequence of being subjected to" in para["eu-2011-36#A8"]
    assert "where possible" in para["ohchr#G4-4"] and "consideration should be given" in para["ohchr#G4-4"]
    assert "could be funded" in para["cets197#A15-4"]


def test_no_provision_is_checked_without_being_listed():
    """A provision not on the list must be unverified, except the background
    paper's sections, whose source is the paper itself in shared/domain."""
    graph = kb.load().graph
    listed = {cell for _, cell, _ in ALL_ROWS}
    for prov in graph.subjects(RDF.type, GC.Provision):
        cells = list(graph.objects(prov, GC.listedAs))
        if cells:
            for cell in cells:
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
