"""The record sheets of the questionnaire (contrary rules and tiers, the lists
of records a value can hold): every fixture profile that has them survives
export -> import as the same graph, a ministry can add them to a blank
questionnaire, and every mistake in them is one message naming the cell."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_gapcheck
from openpyxl import load_workbook
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from ruamel.yaml import YAML
from test_questionnaire import _col, _row, round_trip

from checker import api
from checker.engine.status import GAP
from checker.errors import InputError
from checker.profile import load as profile
from checker.profile import questionnaire as q
from checker.profile.questionnaire_export import export
from checker.profile.questionnaire_import import to_yaml

RECORDS = ROOT / "tests" / "fixtures" / "questionnaire" / "qzz-records.yaml"
REAL_LAW = ROOT.parent / "shared" / "real-law" / "india"
# what a scenario case leaves to the test (as tests/test_requirement_shapes.py does)
HEADER = {"gapcheck": 2, "id": "fixture", "title": "Fixture", "fictional": True,
          "state": {"code": "QZZ", "name": "Fixture State"}, "as_of": "2026-01-01"}


def _holds_records(data: Any) -> bool:
    """Whether a profile's data holds a list of records no single cell can (contrary, tiers)."""
    keys = {rec.key for rec in q.load().records.values()}
    if isinstance(data, dict):
        return any((k in keys and isinstance(v, list)) or _holds_records(v)
                   for k, v in data.items())
    return isinstance(data, list) and any(_holds_records(v) for v in data)


def _fixture_profiles() -> list[tuple[str, Path | dict]]:
    """Every fixture profile with records: whole files, and the scenario cases of
    the requirement fixtures (each made a profile with the header they lack)."""
    out: list[tuple[str, Path | dict]] = []
    yaml = YAML(typ="safe")
    files = sorted((ROOT / "tests" / "fixtures").rglob("*.yaml")) + sorted(
        (ROOT / "tests" / "real_law").glob("*.yaml"))
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and _holds_records(data):
            out.append((path.relative_to(ROOT).as_posix(), path))
        elif isinstance(data, list):
            for case in data:
                if isinstance(case, dict) and _holds_records(case.get("profile")):
                    out.append((f"{path.stem}: {case['name']}", dict(HEADER, **case["profile"])))
    return out


FIXTURES = _fixture_profiles()


def test_the_fixtures_hold_records() -> None:
    """The round trip below is not vacuous: the fixtures have both kinds of record."""
    names = [n for n, _ in FIXTURES]
    assert "tests/fixtures/questionnaire/qzz-records.yaml" in names
    assert "tests/real_law/ind-five-acts-2018.yaml" in names
    assert sum(1 for n in names if n.startswith("protection: ")) >= 2
    assert {rec.key for rec in q.load().records.values()} == {"contrary", "tiers"}


@pytest.mark.parametrize("source", [s for _, s in FIXTURES], ids=[n for n, _ in FIXTURES])
def test_every_fixture_with_records_survives_export_and_import(source: Path | dict,
                                                               tmp_path: Path) -> None:
    if isinstance(source, dict):
        path = tmp_path / "fixture.yaml"
        out = io.StringIO()
        YAML(typ="safe").dump(source, out)
        path.write_text(out.getvalue(), encoding="utf-8")
    else:
        if source.parent.name == "real_law":
            if not REAL_LAW.is_dir():
                pytest.skip(f"the real acts are not here ({REAL_LAW}): test material kept "
                            "outside the project (see ../shared/real-law/README.md)")
            for act in REAL_LAW.glob("*.xml"):
                shutil.copy(act, tmp_path)
        path = tmp_path / source.name
        shutil.copy(source, path)
    imported = round_trip(path, tmp_path)
    before, after = profile.load(path).graph, profile.load(imported).graph
    if not isomorphic(before, after):
        _, lost, gained = graph_diff(to_isomorphic(before), to_isomorphic(after))
        pytest.fail(f"lost {sorted(lost)[:5]}, gained {sorted(gained)[:5]}")


def test_records_are_rows_and_their_evidence_footnotes(tmp_path: Path) -> None:
    """A contrary rule's citation that an answer also names is written once and
    named by both; the imported YAML says the row each record came from."""
    wb = _book()
    ws = wb["Contrary"]
    rows = list(ws.iter_rows(min_row=q.HEADER_ROW + 1, values_only=True))
    punishes = next(r for r in rows if r[2] == "punishes")
    assert punishes[:2] == ("non_punishment.immigration_offences", None)
    assert punishes[4] == "foreign-nationals\nmigrant-workers"
    pro = wb["PRO"]
    shared = _row(pro, f"non_punishment citation {punishes[5].split(', ')[1]}")
    assert pro.cell(shared, _col(pro, "Citation: section")).value == "s. 12"
    tiers = [r[:3] for r in wb["Tiers"].iter_rows(min_row=q.HEADER_ROW + 1, max_row=5,
                                                   values_only=True)]
    assert tiers == [("trafficking_offence.child_age_limit", 16, "child"),
                     ("trafficking_offence.child_age_limit", 18, "young person")]
    shutil.copy(RECORDS, tmp_path)
    text = round_trip(tmp_path / RECORDS.name, tmp_path).read_text(encoding="utf-8")
    assert "      - kind: punishes  # Contrary row" in text
    assert "      - below: 16  # Tiers row 4" in text


def test_record_sheets_have_drop_downs_locked_headers_and_instructions() -> None:
    assert export(str(RECORDS), None, "a.xlsx") == export(str(RECORDS), None, "a.xlsx")
    wb = _book()
    lists = wb[q.LISTS]
    assert lists.sheet_state == "hidden" and lists.protection.sheet
    for name in ("Contrary", "Tiers"):
        ws = wb[name]
        assert ws.protection.sheet
        assert "A half-filled row is an error" in ws["A2"].value
        header = ws.cell(q.HEADER_ROW, 1)
        assert header.value == "Question (key)" and header.protection.locked
        first = ws.cell(q.HEADER_ROW + 1, 1)
        assert not first.protection.locked
        questions = [dv for dv in ws.data_validations.dataValidation if "A4" in dv.sqref]
        assert questions and questions[0].formula1.startswith(f"{q.LISTS}!$A$") or \
            questions[0].formula1.startswith(f"{q.LISTS}!$")
        listed = _listed(lists, questions[0].formula1)
        assert "trafficking_offence.child_age_limit" in listed
        if name == "Tiers":  # only questions that take a number have tiers
            assert "trafficking_offence.exists" not in listed
    ws = wb["Contrary"]
    kinds = [dv for dv in ws.data_validations.dataValidation if "C4" in dv.sqref]
    assert kinds[0].formula1 == '"charges,detains,expels,permits,punishes,restricts"'
    who = [dv for dv in ws.data_validations.dataValidation if "E4" in dv.sqref]
    assert who[0].errorStyle == "information"  # several groups, one per line


def _listed(ws, formula: str) -> list[str]:
    cells = formula.split("!", 1)[1].replace("$", "")
    return [c.value for row in ws[cells] for c in row]


def test_a_ministry_adds_a_contrary_rule_to_a_blank_questionnaire(tmp_path: Path) -> None:
    """The use a secretariat has for the sheet: a blank questionnaire comes back
    with a contrary rule and its citation, and the check makes it a gap."""
    wb = _book(None, "QZZ")
    state = wb["State"]
    state.cell(_row(state, "as_of"), 4).value = "2026-05-01"
    docs = wb["Documents"]
    docs.cell(q.HEADER_ROW + 1, 1).value = "aliens-act"
    docs.cell(q.HEADER_ROW + 1, _col(docs, "Document: title")).value = "Aliens Act 1990"
    pro = wb["PRO"]
    pro.cell(_row(pro, "non_punishment.immigration_offences"), _col(pro, "Answer")).value = "yes"
    cite = _row(pro, "non_punishment citation 1")
    pro.cell(cite, _col(pro, "Citation: document")).value = "aliens-act"
    pro.cell(cite, _col(pro, "Citation: section")).value = "s. 14"
    ws = wb["Contrary"]
    for header, value in (("Question (key)", "non_punishment.immigration_offences"),
                          ("Kind", "Punishes"), ("Summary", "overstay is an offence"),
                          ("Who (one per line)", "foreign-nationals"),
                          ("Evidence: citation nos.", 1)):
        ws.cell(q.HEADER_ROW + 1, _col(ws, header)).value = value
    book = tmp_path / "qzz.xlsx"
    wb.save(book)
    out = tmp_path / "qzz.yaml"
    out.write_text(to_yaml(book, out), encoding="utf-8")
    prof = profile.load(out)
    body = YAML(typ="safe").load(out.read_text(encoding="utf-8"))["non_punishment"]
    assert body == {"immigration_offences": {"value": True, "contrary": [
        {"kind": "punishes", "summary": "overstay is an offence", "who": ["foreign-nationals"],
         "evidence": [{"document": "aliens-act", "section": "s. 14"}]}]}}
    assert api.check_profile(prof).finding("PRO-09").status == GAP


def test_mistakes_in_the_record_sheets_name_their_cells(tmp_path: Path) -> None:
    wb = _book()
    first = q.HEADER_ROW + 1
    contrary, tiers = wb["Contrary"], wb["Tiers"]
    free_rule = first + sum(1 for r in contrary.iter_rows(min_row=first, values_only=True) if r[0])
    free_tier = first + sum(1 for r in tiers.iter_rows(min_row=first, values_only=True) if r[0])
    expected: list[str] = []

    def put(ws, cell: str, value: Any) -> None:
        ws[cell].value = value

    def put_row(ws, r: int, *values: Any) -> None:  # from column A on
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value

    # a value typed over the drop-down of kinds
    put(contrary, "C4", "jails")
    expected.append("sheet Contrary, row 4, cell Contrary!C4 (trafficking_offence.acts): "
                    "'jails' is not one of the allowed answers")
    # a group that is not one
    put(contrary, "E4", "children\naliens")
    expected.append("sheet Contrary, row 4, cell Contrary!E4 (trafficking_offence.acts): "
                    "'aliens' is not one of the allowed answers")
    # a rule without its summary (a required key)
    put(contrary, "D5", None)
    expected.append("sheet Contrary, row 5, cell Contrary!D5 "
                    "(non_punishment.immigration_detention_permitted): `summary` is missing: "
                    "every contrary rule needs it")
    # an unknown question
    put(contrary, "A6", "non_punishment.immigration_ofences")
    expected.append("sheet Contrary, row 6, cell Contrary!A6: 'non_punishment.immigration_"
                    "ofences' is not a question of the questionnaire")
    # a citation number with no citation under the topic
    put(contrary, "F7", "9")
    expected.append("sheet Contrary, row 7, cell Contrary!F7 (non_punishment.immigration_"
                    "offences): names citation 9 of non_punishment, but citation 9 of that "
                    "topic (sheet PRO) is empty")
    # a rule on a value of a list that the area sheet does not mark yes
    put_row(contrary, free_rule, "trafficking_offence.acts", "receipt", "punishes", "receiving")
    expected.append(f"sheet Contrary, row {free_rule}, cell Contrary!B{free_rule} "
                    "(trafficking_offence.acts): the value `receipt` is not marked yes")
    # a rule on a whole list whose values are marked yes
    put_row(contrary, free_rule + 1, "trafficking_offence.acts", None, "punishes", "x")
    expected.append(f"sheet Contrary, row {free_rule + 1}, cell Contrary!B{free_rule + 1} "
                    "(trafficking_offence.acts): values of this question are marked yes on "
                    "sheet DEF: a contrary rule belongs to one of them")
    # a value for a question that takes one
    put_row(contrary, free_rule + 2, "reflection_period.days", "transfer", "restricts", "x")
    expected.append(f"sheet Contrary, row {free_rule + 2}, cell Contrary!B{free_rule + 2} "
                    "(reflection_period.days): 'transfer' is given as the value, but this "
                    "question takes one value, not several")
    # text in a number cell
    put(tiers, "B4", "sixteen")
    expected.append("sheet Tiers, row 4, cell Tiers!B4 (trafficking_offence.child_age_limit): "
                    "'sixteen' is text in a number cell")
    # a half-filled record row: a label alone
    put(tiers, f"C{free_tier}", "adult")
    expected.append(f"sheet Tiers, row {free_tier}, cell Tiers!A{free_tier}: this tier names "
                    "no question")
    expected.append(f"sheet Tiers, row {free_tier}, cell Tiers!B{free_tier}: `below` is "
                    "missing: every tier needs it")
    # tiers on a question that takes no number
    put_row(tiers, free_tier + 1, "trafficking_offence.exists", 12, "x")
    expected.append(f"sheet Tiers, row {free_tier + 1}, cell Tiers!A{free_tier + 1} "
                    "(trafficking_offence.exists): this question takes no tiers")
    # a value outside the sheet
    put(tiers, f"E{free_tier + 2}", "see annex")
    expected.append(f"sheet Tiers, row {free_tier + 2}: column E is outside the questionnaire")
    # something written on the hidden Lists sheet
    put(wb[q.LISTS], "Z1", "note")
    expected.append("sheet Lists, row 1, cell Lists!Z1: 'note' is written on the Lists sheet")

    book = tmp_path / "records.xlsx"
    wb.save(book)
    with pytest.raises(InputError) as err:
        to_yaml(book, tmp_path / "out.yaml")
    problems = [str(p) for p in err.value.problems]
    for words in expected:
        assert len([p for p in problems if f"records.xlsx: {words}" in p]) == 1, (words, problems)
    assert len(problems) == len(expected), "\n".join(problems)
    assert all("hint:" in p for p in problems)


def test_tiers_of_an_unanswered_question_are_refused_where_the_answer_is_missing(
        tmp_path: Path) -> None:
    """Tiers divide a value: with the answer cleared, the import says the answer
    is missing, on the answer's row (the YAML reader's rule, placed in the workbook)."""
    wb = _book()
    ws = wb["DEF"]
    r = _row(ws, "trafficking_offence.child_age_limit")
    ws.cell(r, _col(ws, "Answer")).value = None
    book = tmp_path / "tiers.xlsx"
    wb.save(book)
    with pytest.raises(InputError) as err:
        to_yaml(book, tmp_path / "out.yaml")
    problems = [str(p) for p in err.value.problems]
    assert len(problems) == 1, problems
    assert f"sheet DEF, row {r}: trafficking_offence.child_age_limit needs `value:`" in problems[0]


def test_a_workbook_without_the_record_sheets_still_imports(tmp_path: Path) -> None:
    """A questionnaire sent out before the record sheets existed comes back without
    them: it holds no records, and its answers are read as before."""
    wb = _book("qzz-qualified.yaml")
    for name in ("Contrary", "Tiers", q.LISTS):
        del wb[name]
    book = tmp_path / "old.xlsx"
    wb.save(book)
    out = tmp_path / "old.yaml"
    out.write_text(to_yaml(book, out), encoding="utf-8")
    source = ROOT / "tests" / "fixtures" / "questionnaire" / "qzz-qualified.yaml"
    assert isomorphic(profile.load(source).graph, profile.load(out).graph)


def _book(source: str | None = RECORDS.name, state: str | None = None):
    path = str(RECORDS.parent / source) if source else None
    return load_workbook(io.BytesIO(export(path, state, "q.xlsx")))


def test_printable_questionnaire_has_the_record_tables() -> None:
    text = export(str(RECORDS), None, "q.md")
    assert "## Contrary: Contrary rules, one per row" in text and "## Tiers: Tiers" in text
    assert ("| `non_punishment.immigration_offences` |   | punishes | staying beyond the visa is "
            "an offence, with no exception for victims | foreign-nationals, migrant-workers | "
            "3, 1 |") in text
    assert "| `trafficking_offence.child_age_limit` | 16 | child |" in text
    # the rule's own citation is numbered under its topic, as in the workbook
    assert "- Citation 3: document: aliens-act; section: s. 14" in text


def test_cli_reports_a_bad_record_with_its_cell_and_exit_2(tmp_path: Path) -> None:
    wb = _book()
    wb["Tiers"]["B4"].value = "under sixteen"
    wb["Contrary"]["D4"].value = None
    book = tmp_path / "bad.xlsx"
    wb.save(book)
    done = run_gapcheck("questionnaire", "import", str(book), "--out", str(tmp_path / "q.yaml"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "bad.xlsx: sheet Tiers, row 4, cell Tiers!B4 (trafficking_offence.child_age_limit): " \
        "'under sixteen' is text in a number cell" in done.stderr
    assert "bad.xlsx: sheet Contrary, row 4, cell Contrary!D4 (trafficking_offence.acts): " \
        "`summary` is missing" in done.stderr
    assert not (tmp_path / "q.yaml").exists()
