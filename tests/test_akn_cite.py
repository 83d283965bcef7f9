"""Citing Akoma Ntoso elements (checker.akn.cite) on a fictional AKN 3.0 act of
our own (tests/fixtures/akn/cite-3.0.xml): every element with an id can be
cited, an id used twice is refused unless the citation says which, quotes are
checked against the cited text, did-you-mean follows the act's structure,
placeholder dates are unknown, repealed and omitted provisions and schedules
show in the outline. The same features on real AKN 2.0 acts are in
tests/test_akn_real_law.py."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_gapcheck
from lxml import etree

from checker.akn import cite, outline, reader
from checker.akn.text import clean, numbers_in_words, skeleton

ACT = ROOT / "tests" / "fixtures" / "akn" / "cite-3.0.xml"


@pytest.fixture(scope="module")
def doc() -> reader.Document:
    return reader.read(ACT)


def ids_in(path: Path) -> list[str]:
    """Every id in the XML, as an outsider would list them."""
    tree = etree.parse(str(path))
    return [el.get("eId") or el.get("id") for el in tree.iter()
            if isinstance(el.tag, str) and (el.get("eId") or el.get("id"))]


def test_every_id_in_the_act_can_be_cited(doc: reader.Document) -> None:
    ids = ids_in(ACT)
    assert "sec_3__subsec_3__list_1__item_b" in ids and "att_1__para_2" in ids
    for ident in ids:
        if ids.count(ident) > 1:
            continue
        prov = cite.resolve(doc, ident)
        assert prov.eid == ident
        if prov.full_text:
            assert cite.check_quote(doc, prov, prov.full_text[:120]) is None, ident


def test_number_paths(doc: reader.Document) -> None:
    paths = {p.eid: p.path for p in doc.elements if not p.duplicated}
    assert paths["sec_3"] == "s. 3"
    assert paths["sec_3__subsec_2__para_b__subpara_ii"] == "s. 3(2)(b)(ii)"
    assert paths["sec_3__subsec_3__list_1"] == "s. 3(3)"  # a list: the provision it is in
    assert paths["sec_3__subsec_3__list_1__item_a"] == "s. 3(3)(a)"
    assert paths["sec_14__table_1"] == "s. 14"
    assert paths["att_1__para_2"] == "First Schedule, para. 2"
    assert paths["part_2"] == "Part 2"
    assert paths["sec_14__trm_1"] == "s. 14A"  # an inline id: the provision it is in


def test_an_id_used_twice_is_refused_naming_both_places(doc: reader.Document) -> None:
    with pytest.raises(cite.CiteError) as exc:
        cite.resolve(doc, "sec_14")
    message = exc.value.message
    assert f"{ACT}:120" in message and f"{ACT}:130" in message
    assert "sec_14@1" in exc.value.hint and "sec_14@2" in exc.value.hint


def test_the_citation_says_which_by_occurrence_or_section(doc: reader.Document) -> None:
    first, second = cite.resolve(doc, "sec_14@1"), cite.resolve(doc, "sec_14@2")
    assert (first.num, second.num) == ("14.", "14A.")
    assert first.anchor != second.anchor and {first.anchor, second.anchor} & {"sec_14"}
    assert cite.resolve(doc, "sec_14", "section 14A").num == "14A."
    assert cite.resolve(doc, "sec_14", "s. 14").num == "14."
    with pytest.raises(cite.CiteError) as exc:
        cite.resolve(doc, "sec_14@3")
    assert "has 2" in exc.value.message


def test_ids_outside_the_safe_grammar_are_refused(doc: reader.Document) -> None:
    for value in ("sec 3", "sec_3<b>", "sec_3\x1b[31m", "@2", "sec_3@0", ""):
        with pytest.raises(cite.CiteError) as exc:
            cite.resolve(doc, value)
        assert "\x1b" not in exc.value.message


def test_an_unsafe_id_in_the_xml_is_never_used(tmp_path: Path) -> None:
    xml = ACT.read_text(encoding="utf-8").replace('eId="sec_4"', 'eId="sec 4&quot;&gt;"')
    path = tmp_path / "act.xml"
    path.write_text(xml, encoding="utf-8")
    doc = reader.read(path)
    assert doc.unsafe_ids and doc.unsafe_ids[0][0] is not None
    assert all(cite.CITATION.fullmatch(p.eid) for p in doc.elements)
    assert "not citable" in outline.render(doc)
    assert '"' not in outline.render(doc).split("ids not shown")[0].split("Passports")[0][-200:]


def test_quotes_are_checked_against_the_cited_text(doc: reader.Document) -> None:
    para = cite.resolve(doc, "sec_3__subsec_1")
    ok = ["a placement fee within the limits prescribed",  # soft hyphen in the act
          "A LICENSED AGENT may charge",
          "charge a seasonal worker … within the limits prescribed by the Minister",
          "charge a seasonal worker ... within the limits"]
    for quote in ok:
        assert cite.check_quote(doc, para, quote) is None, quote
    item = cite.resolve(doc, "sec_3__subsec_2__para_a")
    assert cite.check_quote(doc, item, 'sets the "maximum fee" for each kind of work') is None
    sec4 = cite.resolve(doc, "sec_4")
    assert cite.check_quote(doc, sec4, "keep the passport of a seasonal worker for safekeeping "
                                       "during the season - but shall return it") is None
    assert cite.check_quote(doc, sec4, "emp loyer may keep") is None  # a space inside a word


def test_a_quote_spanning_an_opening_and_an_item_is_checked_against_the_whole(
        doc: reader.Document) -> None:
    sub = cite.resolve(doc, "sec_13__subsec_2")
    assert cite.check_quote(doc, sub, "An agent who — … (c) keeps a worker's passport") is None
    assert cite.check_quote(doc, sub, "An agent who — (c) keeps a worker's passport") is not None
    assert cite.check_quote(doc, sub, "keeps a worker's passport … commits an offence") is None


def test_a_wrong_quote_names_the_closest_passage_and_where_the_words_are(
        doc: reader.Document) -> None:
    para = cite.resolve(doc, "sec_3__subsec_1")
    bad = cite.check_quote(doc, para, "may charge a seasonal worker any fee it likes")
    assert bad is not None and "charge a seasonal worker" in bad.closest
    elsewhere = cite.check_quote(doc, para, "keeps a worker's passport against the worker's will")
    assert elsewhere is not None and elsewhere.found_in.eid == "sec_13__subsec_2__para_c"
    # numbers keep their separation: 13(2) is not 132
    table = cite.resolve(doc, "sec_14__table_1")
    assert cite.check_quote(doc, table, "Section 13(2)(a)") is None
    assert cite.check_quote(doc, table, "Section 132a") is not None
    # the ellipsis keeps the order of the pieces
    assert cite.check_quote(doc, para, "prescribed by the Minister … A licensed agent") is not None


def test_did_you_mean_stays_in_the_same_provision(doc: reader.Document) -> None:
    # sec_13 has a para_c in its subsection 2: a lookalike, but another section
    near = cite.suggest(doc, "sec_3__subsec_2__para_c")
    assert near and near[0].eid == "sec_3__subsec_2__para_b"
    assert all(p.section == "sec_3" for p in near)
    assert cite.suggest(doc, "sec_3__subsec_3__list_1__item_c")[0].eid == \
        "sec_3__subsec_3__list_1__item_b"


def test_did_you_mean_across_sections_goes_by_number(doc: reader.Document) -> None:
    near = cite.suggest(doc, "sec_12__subsec_2__para_a")
    assert near[0].eid == "sec_13__subsec_2__para_a"
    assert cite.suggest(doc, "sec_7")[0].eid in ("sec_6", "sec_5")


def test_placeholder_and_empty_dates_are_unknown(doc: reader.Document) -> None:
    assert doc.dates == [("assent", "2019-06-30")]
    described = [d.describe() for d in doc.frbr_dates]
    assert "work date (Generation) unknown (placeholder 1980-01-01)" in described
    assert "expression date (commencement) unknown (empty)" in described


def test_the_outline_shows_text_status_schedules_and_dates(doc: reader.Document) -> None:
    text = outline.render(doc)
    assert "unknown (placeholder 1980-01-01)" in text and "1980-01-01 (" not in text
    assert "s. 5  Exit permits  [sec_5]  — repealed" in text
    assert "s. 6  Transitional  [sec_6]  — omitted" in text
    assert "First Schedule, para. 2  [att_1__para_2]" in text
    assert "placement fee within the limits" in text  # the soft hyphen is not shown
    assert "cite it as sec_14@2" in text
    toc = outline.render(doc, text=False)
    assert "placement fee" not in toc and "[sec_3__subsec_3__list_1__item_a]" in toc


def test_text_helpers() -> None:
    assert clean("sub\u00adsection  (2) ,") == "subsection (2),"
    assert skeleton("sub¬section 2(1)") == "subsection2#1"
    assert numbers_in_words("has not completed his fourteenth year")[0] == \
        "has not completed his 14th year"
    assert numbers_in_words("eighteen years; one hundred and twenty days")[0] == \
        "18 years; 120 days"
    assert numbers_in_words("no one shall")[0] == "no one shall"


# -- through `gapcheck check` ---------------------------------------------------------

PROFILE = """\
gapcheck: 1
id: qzz-cite-2026
state: {{code: QZZ, name: Qzz}}
fictional: true
as_of: 2026-01-01
documents:
  - id: act
    title: Seasonal Workers Act 2019
    akn: act.xml
recruitment:
  worker_fees: capped
  evidence:
    - document: act
      eid: {eid}
      quote: {quote}
      about: [worker_fees]
"""


def check(tmp_path: Path, eid: str, quote: str, fmt: str = "json"):  # noqa: ANN201
    shutil.copy(ACT, tmp_path / "act.xml")
    profile = tmp_path / "qzz-cite-2026.yaml"
    profile.write_text(PROFILE.format(eid=eid, quote=quote), encoding="utf-8")
    return profile, run_gapcheck("check", str(profile), "--format", fmt, "--fail-on", "never")


def test_a_list_item_is_cited_and_the_finding_shows_its_number_path(tmp_path: Path) -> None:
    _, result = check(tmp_path, "sec_3__subsec_2__para_b__subpara_ii", "on the worker's arrival")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    evidence = [e for f in report["findings"] for v in f["facts"] for e in v["evidence"]]
    assert {"section": "s. 3(2)(b)(ii)", "eid": "sec_3__subsec_2__para_b__subpara_ii"}.items() <= \
        evidence[0].items()


def test_a_wrong_quote_is_refused_with_file_and_line(tmp_path: Path) -> None:
    profile, result = check(tmp_path, "sec_3__subsec_1", "may charge any fee it likes")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{profile}:15: the quote is not in s. 3(1)" in result.stderr
    assert "closest passage" in result.stderr


def test_an_ambiguous_id_is_refused_in_a_profile(tmp_path: Path) -> None:
    profile, result = check(tmp_path, "sec_14", "doubles the fine")
    assert result.returncode == 2
    assert f"{profile}:14:" in result.stderr and "act.xml:120" in result.stderr \
        and "act.xml:130" in result.stderr
    _, fixed = check(tmp_path, "sec_14@2", "doubles the fine")
    assert fixed.returncode == 0, fixed.stderr


def test_a_missing_id_suggests_the_nearest_in_the_same_provision(tmp_path: Path) -> None:
    profile, result = check(tmp_path, "sec_3__subsec_2__para_c", "x")
    assert result.returncode == 2
    assert f"{profile}:14: evidence cites eId 'sec_3__subsec_2__para_c'" in result.stderr
    assert "did you mean 'sec_3__subsec_2__para_b'" in result.stderr
    assert "sec_13" not in result.stderr


def test_the_act_page_has_one_anchor_per_element_and_shows_the_text() -> None:
    from checker.reports.escape import safe_id
    from checker.site.pages import site_environment

    doc = reader.read(ACT)
    page = site_environment().get_template("site/act.md.j2").render(
        d=doc, doc_id="act", pid="qzz", doc_title="Act", profile_title="Qzz", up="../../",
        page_of_profile="../../profiles/qzz.md", cited={"sec_14--2"}, links={},
        dates=[x.describe() for x in doc.frbr_dates if x.level != "manifestation"],
        safe_id=safe_id)
    anchors = re.findall(r"\{: #(\S+)", page)
    assert len(anchors) == len(set(anchors)) == len(doc.provisions)
    assert "sec_14--2 .gc-cited" in page and "◆ **s. 14A**" in page
    assert "unknown (placeholder 1980-01-01)" in page
    assert "— *repealed*" in page and "`sec_14@2`" in page


def test_a_quote_without_an_id_is_checked_in_the_section_it_names(tmp_path: Path) -> None:
    shutil.copy(ACT, tmp_path / "act.xml")
    profile = tmp_path / "qzz-cite-2026.yaml"
    text = PROFILE.format(eid="x", quote="x").split("    - document: act")[0]
    cases = [("s. 3(1)", "a placement fee within the limits", 0),
             ("s. 3(1)", "keeps a worker's passport against the worker's will", 2),
             ("Part 2 and the Schedule", "Packing and grading", 0),  # not a number path: the act
             ("Part 2 and the Schedule", "words that are nowhere", 2)]
    for section, quote, code in cases:
        profile.write_text(text + f"    - document: act\n      section: {section}\n"
                                  f"      quote: \"{quote}\"\n", encoding="utf-8")
        result = run_gapcheck("check", str(profile), "--fail-on", "never")
        assert result.returncode == code, (section, quote, result.stderr)
        if code:
            assert f"{profile}:15: the quote is not in" in result.stderr


def test_a_new_document_never_gets_the_skeletons_of_one_that_is_gone(doc: reader.Document):
    """Skeletons are cached by the document's id(), which Python reuses once a
    document is freed: an entry left by another document must not be read."""
    import weakref

    other = reader.load(ROOT / "profiles" / "akn" / "qba-victims-act.xml")
    skeletons = cite._Skeletons()
    skeletons.cache[(id(doc), -1, False)] = (weakref.ref(other), "left by another document")
    assert skeletons.of(doc, None) == skeleton(doc.full_text())


def test_an_act_read_from_the_cache_is_read_again_once_edited(tmp_path: Path) -> None:
    """A cold check takes the act from the parse cache; an edit to the act (same path)
    is seen at once, and the cache keeps a bounded number of acts."""
    from checker.kb import cache
    from checker.profile import citations

    cache_dir = tmp_path / "cache"
    env = {"GAPCHECK_CACHE": str(cache_dir)}
    shutil.copy(ACT, tmp_path / "act.xml")
    profile = tmp_path / "qzz-cite-2026.yaml"
    profile.write_text(PROFILE.format(eid="sec_3__subsec_1", quote="a placement fee within the limits"),
                       encoding="utf-8")
    for _ in range(2):  # the second run reads the act from the cache
        done = run_gapcheck("check", str(profile), "--fail-on", "never", env_extra=env)
        assert done.returncode == 0, done.stderr
    assert len(list(cache_dir.glob("akn-*.pickle"))) == 1
    act = tmp_path / "act.xml"
    text = act.read_text(encoding="utf-8")
    assert text.count("fee within the limits") == 1
    act.write_text(text.replace("fee within the limits", "fee above the limits"), encoding="utf-8")
    done = run_gapcheck("check", str(profile), "--fail-on", "never", env_extra=env)
    assert done.returncode == 2 and f"{profile}:15: the quote is not in s. 3(1)" in done.stderr

    import os
    os.environ["GAPCHECK_CACHE"] = str(cache_dir)
    try:
        for i in range(citations.ACTS_KEPT + 3):
            cache.put(f"akn-{i:040d}", i, versions=citations.ACTS_KEPT)
    finally:
        del os.environ["GAPCHECK_CACHE"]
    assert len(list(cache_dir.glob("akn-*.pickle"))) == citations.ACTS_KEPT
