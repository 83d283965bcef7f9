"""Every requirement-source link has a basis, the meta-shapes require it, and
severity follows it (checker/engine/severity.py)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import kb_check_after, run_gapcheck

from checker.engine import severity as basis
from checker.kb import base as kb
from checker.kb import requirements as reqmod
from checker.kb.namespaces import GC, GCC


def test_every_requirement_source_link_has_one_basis():
    graph = kb.load().graph
    bases = {GCC[f"basis-{b}"] for b in basis.BASES}
    checked = 0
    for req in graph.subjects(GC.derivesFrom, None):
        for prov in graph.objects(req, GC.derivesFrom):
            links = [link for link in graph.objects(req, GC.sourceLink)
                     if graph.value(link, GC.linkedProvision) == prov]
            assert len(links) == 1, f"{req} -> {prov}: {len(links)} links"
            assert graph.value(links[0], GC.basis) in bases, f"{req} -> {prov}"
            checked += 1
    assert checked > 130
    for r in reqmod.load().requirements.values():
        assert {s.basis for s in r.sources} <= set(basis.BASES), r.ident


def test_the_basis_caps_are_data_in_the_knowledge_base():
    assert reqmod.load().basis_caps == {
        "obligation": "binding", "hedged-obligation": "standard", "interpretation": "standard",
        "soft-law": "standard", "policy": "recommended"}


def test_bases_fit_their_instruments():
    for r in reqmod.load().requirements.values():
        for s in r.sources:
            if s.basis in (basis.OBLIGATION, basis.HEDGED, basis.INTERPRETATION):
                assert s.binding, f"{r.ident}: {s.label} is {s.basis} but soft law"
            else:
                assert not s.binding, f"{r.ident}: {s.label} is {s.basis} but binding"
            if s.instrument_slug == "idm-2009":
                assert s.basis == basis.POLICY


def test_link_and_shape_severity():
    ls = basis.link_severity
    assert ls("binding", bound=True, provision_status="checked") == "binding"
    assert ls("binding", bound=False, provision_status="checked") == "standard"
    assert ls("binding", bound=True, provision_status="partial") == "binding"
    assert ls("binding", bound=True, provision_status="unverified") == "standard"
    assert ls("standard", bound=True, provision_status="checked") == "standard"
    assert ls("recommended", bound=True, provision_status="checked") == "recommended"
    assert basis.shape_severity(["recommended", "binding"]) == "binding"
    assert basis.shape_severity(["binding"], numbers_checked=False) == "standard"
    assert basis.shape_severity(["recommended"], numbers_checked=False) == "recommended"
    assert basis.strongest([]) is None


def test_compliance_shapes_rest_on_provisions_their_requirement_links():
    cat = reqmod.load()
    for shape, info in cat.shape_info.items():
        if info.role != "compliance":
            continue
        provisions = {s.provision for s in cat.requirements[info.requirement].sources}
        rests = cat.rests_on.get(shape)
        assert rests, f"{shape} ({info.requirement}) names no provision it rests on"
        assert set(rests) <= provisions, f"{shape} rests on {set(rests) - provisions}"


def test_meta_shapes_refuse_a_link_without_a_basis(kb_copy: Path):
    path = kb_copy / "shapes" / "requirements" / "catalogue.ttl"
    text = path.read_text()
    block = re.search(r"^req:LAB-02 a gc:Requirement ;.*?\n\n", text, re.S | re.M).group(0)
    broken = block.replace("gc:linkedProvision icrmw:A21 ; gc:basis gcc:basis-interpretation ;",
                           "gc:linkedProvision icrmw:A21 ;")
    assert broken != block
    path.write_text(text.replace(block, broken))
    result = run_gapcheck("kb", "check", home=kb_copy)  # end to end, through the CLI
    assert result.returncode == 1
    assert "LAB-02" in result.stdout and "exactly one basis" in result.stdout


def test_meta_shapes_refuse_a_provision_cited_without_a_link(kb_copy: Path):
    out = kb_check_after(kb_copy, "shapes/requirements/catalogue.ttl",
                         "    gc:derivesFrom palermo:A3-b ;\n",
                         "    gc:derivesFrom palermo:A3-b, palermo:A3-c ;\n")
    assert "DEF-05" in out and "without a source link" in out


def test_meta_shapes_refuse_an_obligation_in_soft_law(kb_copy: Path):
    out = kb_check_after(kb_copy, "shapes/requirements/catalogue.ttl",
                         "[ gc:linkedProvision ohchr:P12 ; gc:basis gcc:basis-soft-law ]",
                         "[ gc:linkedProvision ohchr:P12 ; gc:basis gcc:basis-obligation ]")
    assert "DEF-01" in out and "does not fit its instrument" in out


def test_meta_shapes_refuse_a_rule_more_certain_than_its_provision(kb_copy: Path):
    out = kb_check_after(kb_copy, "instruments/c105.ttl",
                         "    gc:ruleProvision c105:A4-3 ;\n    gc:checkingStatus gcc:unverified ;",
                         "    gc:ruleProvision c105:A4-3 ;\n    gc:checkingStatus gcc:checked ;")
    assert "better checking status than the provision" in out


def test_kb_stats_reports_links_per_basis():
    result = run_gapcheck("kb", "stats")
    assert result.returncode == 0
    graph = kb.load().graph
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines()
            if line.split() and line.split()[0] in basis.BASES}
    assert set(rows) == set(basis.BASES)
    for b in basis.BASES:
        n = sum(1 for link in graph.objects(None, GC.sourceLink)
                if graph.value(link, GC.basis) == GCC[f"basis-{b}"])
        assert int(rows[b][1]) == n, b
    total = next(line for line in result.stdout.splitlines() if line.startswith("all links"))
    assert int(total.split()[-1]) == len(set(graph.objects(None, GC.sourceLink)))


def test_kb_show_a_split_requirement_shows_its_parts_and_bases():
    out = run_gapcheck("kb", "show", "LAB-04").stdout
    assert "EmployerChangeRestrictionPeriodShape" in out and "EmployerTiedPermitShape" in out
    assert "ICRMW Art. 52(3)(a) — obligation" in out
    assert "— policy" in out
    assert "a number that is not checked" in out
    assert "sourceLink" not in out and "source link" not in out


def test_kb_show_ignores_case():
    result = run_gapcheck("kb", "show", "C29:A25")
    assert result.returncode == 0 and "C29, Art. 25" in result.stdout
    assert run_gapcheck("kb", "show", "Palermo").returncode == 0
    result = run_gapcheck("kb", "show", "lab-04")
    assert result.returncode == 0 and "LAB-04" in result.stdout
