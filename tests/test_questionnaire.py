"""The questionnaire workbook: export -> import gives the profile back (every
example), the classic mistakes of a filled-in workbook are each one message
with its sheet and row, the workbook is generated from the format, and it is
protected, printable and the same bytes for the same input."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_gapcheck
from openpyxl import load_workbook
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from checker.errors import InputError
from checker.profile import format as schemamod
from checker.profile import load as profile
from checker.profile import questionnaire as q
from checker.profile.questionnaire_export import export
from checker.profile.questionnaire_import import to_yaml

EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the examples (with their Akoma Ntoso files) to import beside."""
    shutil.copytree(ROOT / "profiles", tmp_path / "profiles")
    return tmp_path / "profiles"


def round_trip(source: Path, folder: Path) -> Path:
    book = folder / f"{source.stem}.xlsx"
    book.write_bytes(export(str(source), None, str(book)))
    out = folder / f"{source.stem}-imported.yaml"
    out.write_text(to_yaml(book, out), encoding="utf-8")
    return out


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_survives_export_and_import(source: Path, folder: Path) -> None:
    imported = round_trip(folder / source.name, folder)
    before, after = profile.load(source).graph, profile.load(imported).graph
    if not isomorphic(before, after):
        _, lost, gained = graph_diff(to_isomorphic(before), to_isomorphic(after))
        pytest.fail(f"lost {sorted(lost)[:5]}, gained {sorted(gained)[:5]}")
    assert len(after) > 20


def test_qualified_answers_survive_export_and_import(tmp_path: Path) -> None:
    """Format 2: not-applicable with its reason, scope, modality, a qualified list
    item, a topic not applicable as a whole and evidence roles, there and back."""
    source = tmp_path / "qzz-qualified.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "questionnaire" / source.name, source)
    imported = round_trip(source, tmp_path)
    assert isomorphic(profile.load(source).graph, profile.load(imported).graph)
    text = imported.read_text(encoding="utf-8")
    assert "value: not-applicable" in text and "reason: Zed has no expulsion" in text


def test_not_applicable_needs_its_reason(tmp_path: Path) -> None:
    wb = _book()
    ws = wb["PRO"]
    r = _row(ws, "reflection_period.expulsion_possible")
    ws.cell(r, _col(ws, "Answer")).value = "not-applicable"
    book = _save(wb, tmp_path / "na.xlsx")
    shutil.copytree(ROOT / "profiles" / "akn", tmp_path / "akn")
    with pytest.raises(InputError) as err:
        to_yaml(book, tmp_path / "out.yaml")
    assert f"sheet PRO, row {r}: reflection_period.expulsion_possible is `not-applicable` " \
        "without a reason" in str(err.value)


def test_imported_yaml_says_where_each_fact_came_from(folder: Path) -> None:
    text = round_trip(folder / "qba-2026.yaml", folder).read_text(encoding="utf-8")
    assert re.search(r"^  days: 20  # PRO row \d+$", text, re.M)
    assert re.search(r"^as_of: 2026-04-01  # State row \d+$", text, re.M)
    assert "# Imported from qba-2026.xlsx" in text


def test_same_input_same_bytes() -> None:
    source = str(ROOT / "profiles" / "qca-2026.yaml")
    assert export(source, None, "a.xlsx") == export(source, None, "a.xlsx")
    assert export(None, "QZZ", "a.xlsx") == export(None, "QZZ", "a.xlsx")


def _book(source: str | None = "qba-2026.yaml", state: str | None = None):
    path = str(ROOT / "profiles" / source) if source else None
    return load_workbook(io.BytesIO(export(path, state, "q.xlsx")))


def _row(ws, key: str) -> int:
    for cell in ws["A"]:
        if cell.value == key:
            return cell.row
    raise AssertionError(f"no row {key}")


def _col(ws, header: str) -> int:
    for cell in ws[q.HEADER_ROW]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no column {header}")


def test_generated_from_the_format() -> None:
    """Every fact of every topic has its row, every citation key its column."""
    wb = _book(None)
    keys = {c.value for ws in wb.worksheets for c in ws["A"] if c.value}
    schema = schemamod.load()
    for mkey, measure in schema.measures.items():
        for fkey, fact in measure.facts.items():
            assert f"{mkey}.{fkey}" in keys
            for value in fact.values if fact.multiple else ():
                assert f"{mkey}.{fkey}: {value}" in keys
    headers = {c.value for c in wb["PRO"][q.HEADER_ROW]}
    for fld in q.load().evidence_fields:
        assert any(h and h.startswith("Citation: ") and fld.label.endswith(h[10:])
                   for h in headers), fld.key
    assert set(wb.sheetnames) >= {"State", "Documents", "Ratifications", "DEF", "PRO", "RES",
                                  "LAB", "DOM", "CHI", "INS"}
    ws = wb["PRO"]
    days = _row(ws, "reflection_period.days")
    from checker.kb import requirements as reqmod

    cat = reqmod.load()
    fact = schema.measures["reflection_period"].facts["days"]
    readers = [r for r, paths in cat.fact_paths.items() if any(p.fact_prop == fact.prop
                                                               for p in paths)]
    assert readers and ws.cell(days, _col(ws, "Read by requirements")).value == ", ".join(readers)


def test_a_new_key_in_the_ontology_becomes_a_column() -> None:
    """A key added to the format (here a citation's `witness`) is a column of the
    questionnaire with no code change."""
    from rdflib import RDFS, XSD, Graph, Literal, URIRef

    from checker.kb import base as kb
    from checker.kb.namespaces import GCP

    graph = Graph()
    for triple in kb.load().graph:
        graph.add(triple)
    extra = URIRef("https://example.org/test#witness")
    graph.add((extra, RDFS.domain, GCP.Evidence))
    graph.add((extra, RDFS.range, XSD.string))
    graph.add((extra, GCP.key, Literal("witness")))
    schema = schemamod.build(graph)
    assert "witness" in [f.key for f in q.flat_fields(schema, GCP.Evidence)]
    assert "witness" not in [f.key for f in q.load().evidence_fields]


def test_protected_printable_with_drop_downs() -> None:
    wb = _book()
    assert wb.security.lockStructure
    ws = wb["PRO"]
    assert ws.protection.sheet
    row = _row(ws, "reflection_period.conditional_on_cooperation")
    answer = ws.cell(row, _col(ws, "Answer"))
    assert answer.value == "yes" and not answer.protection.locked
    assert ws.cell(row, _col(ws, "Question")).protection.locked
    lists = [dv for dv in ws.data_validations.dataValidation
             if dv.type == "list" and answer.coordinate in dv.sqref]
    assert lists and lists[0].formula1 == '"yes,no,silent,not-applicable"'
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 2
    assert ws.page_setup.fitToHeight == 0 and ws.print_title_cols == "$A:$A"
    assert ws.print_title_rows == f"${q.HEADER_ROW}:${q.HEADER_ROW}"
    assert ws.cell(row, _col(ws, "Question")).alignment.wrap_text


def test_pre_filled_and_blank() -> None:
    wb = _book()
    ws = wb["PRO"]
    assert ws.cell(_row(ws, "reflection_period.days"), _col(ws, "Answer")).value == 20
    blank = _book(None, "QZZ")
    state = blank["State"]
    assert state.cell(_row(state, "state.code"), 4).value == "QZZ"
    pro = blank["PRO"]
    assert pro.cell(_row(pro, "reflection_period.days"), _col(pro, "Answer")).value is None


def _save(wb, path: Path) -> Path:
    wb.save(path)
    return path


def test_classic_mistakes_one_message_each(tmp_path: Path) -> None:
    wb = _book()
    expected = []
    # a drop-down typed over
    ws = wb["PRO"]
    r = _row(ws, "reflection_period.conditional_on_cooperation")
    ws.cell(r, _col(ws, "Answer")).value = "only sometimes"
    expected.append(("PRO", r, "reflection_period.conditional_on_cooperation", "allowed"))
    # text in a number cell
    r = _row(ws, "reflection_period.days")
    ws.cell(r, _col(ws, "Answer")).value = "20 days"
    expected.append(("PRO", r, "reflection_period.days", "text in a number cell"))
    # an extra column
    ws = wb["RES"]
    r = _row(ws, "compensation.state_fund")
    ws.cell(r, len(q.load().sheet("RES").columns) + 1).value = "see annex"
    expected.append(("RES", r, None, "outside the questionnaire"))
    # a deleted row
    ws = wb["CHI"]
    r = _row(ws, "child_labour.light_work_limited")
    ws.delete_rows(r)
    expected.append(("CHI", None, "child_labour.light_work_limited", "missing"))
    # a formula instead of a value
    ws = wb["DOM"]
    r = _row(ws, "domestic_work.weekly_rest_hours")
    ws.cell(r, _col(ws, "Answer")).value = "=12*2"
    expected.append(("DOM", r, None, "formula"))
    # a merged cell
    ws = wb["INS"]
    r = _row(ws, "institutions.ngo_cooperation")
    ws.merge_cells(start_row=r, start_column=_col(ws, "Answer"), end_row=r,
                   end_column=_col(ws, "Answer") + 1)
    expected.append(("INS", r, None, "merged"))
    # a changed header
    ws = wb["LAB"]
    ws.cell(q.HEADER_ROW, _col(ws, "Answer")).value = "Reply"
    expected.append(("LAB", q.HEADER_ROW, None, "header"))
    # an answer in a row the questionnaire does not have
    ws = wb["DEF"]
    ws.cell(ws.max_row + 2, _col(ws, "Answer")).value = "yes"
    expected.append(("DEF", ws.max_row, None, "no key"))
    # a value outside the list on a row of several values
    r = _row(ws, "trafficking_offence.acts: recruitment")
    ws.cell(r, _col(ws, "Answer")).value = "partly"
    expected.append(("DEF", r, "trafficking_offence.acts: recruitment", "not an answer"))

    book = _save(wb, tmp_path / "mistakes.xlsx")
    with pytest.raises(InputError) as err:
        to_yaml(book, tmp_path / "out.yaml")
    problems = [str(p) for p in err.value.problems]
    assert len(problems) == len(expected), "\n".join(problems)
    for sheet, row, key, words in expected:
        where = f"mistakes.xlsx: sheet {sheet}" + (f", row {row}" if row else "") + (
            f" ({key})" if key else "")
        assert len([p for p in problems if where in p and words in p]) == 1, (where, words, problems)
    assert all("hint:" in p for p in problems)


def test_reader_errors_are_placed_on_their_row(tmp_path: Path) -> None:
    """What the YAML reader refuses (a citation of a document not listed) is
    reported at the sheet and row the value was typed in."""
    wb = _book()
    ws = wb["PRO"]
    r = _row(ws, "reflection_period citation 1")
    ws.cell(r, _col(ws, "Citation: document")).value = "victim-act"
    book = _save(wb, tmp_path / "typo.xlsx")
    shutil.copytree(ROOT / "profiles" / "akn", tmp_path / "akn")
    with pytest.raises(InputError) as err:
        to_yaml(book, tmp_path / "out.yaml")
    text = str(err.value)
    assert f"sheet PRO, row {r}:" in text and "victim-act" in text and "victims-act" in text


def test_cli_round_trip_and_exit_codes(tmp_path: Path) -> None:
    book = tmp_path / "qzz.xlsx"
    done = run_gapcheck("questionnaire", "export", "--state", "QZZ", "--out", str(book))
    assert done.returncode == 0, done.stderr
    # a blank questionnaire lacks the date: exit 2, at the State row for as_of
    done = run_gapcheck("questionnaire", "import", str(book), "--out", str(tmp_path / "q.yaml"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert re.search(r"qzz.xlsx: sheet State, row \d+ \(as_of\): ", done.stderr)
    assert not (tmp_path / "q.yaml").exists()
    wb = load_workbook(book)
    ws = wb["State"]
    ws.cell(_row(ws, "as_of"), 4).value = "2026-05-01"
    ws.cell(_row(ws, "state.name"), 4).value = "Republic of Zed (fictional)"
    ws.cell(_row(ws, "fictional"), 4).value = "yes"
    pro = wb["PRO"]
    pro.cell(_row(pro, "reflection_period.days"), _col(pro, "Answer")).value = 45
    pro.cell(_row(pro, "reflection_period.provided"), _col(pro, "Answer")).value = "silent"
    wb.save(book)
    done = run_gapcheck("questionnaire", "import", str(book), "--out", str(tmp_path / "qzz.yaml"))
    assert done.returncode == 0, done.stderr
    prof = profile.load(tmp_path / "qzz.yaml")
    assert prof.ident == "qzz" and prof.label == "qzz"
    text = (tmp_path / "qzz.yaml").read_text(encoding="utf-8")
    assert "days: 45" in text and "provided: silent" in text
    done = run_gapcheck("questionnaire", "export", "--out", str(tmp_path / "q.pdf"))
    assert done.returncode == 2 and ".xlsx" in done.stderr


def test_printable_markdown(tmp_path: Path) -> None:
    text = export(str(ROOT / "profiles" / "qba-2026.yaml"), None, "q.md")
    assert "`reflection_period.days`" in text and "### Recovery and reflection period" in text
    assert "Answer (a whole number from 0 to 3650 / `silent` / `not-applicable`): 20" in text
    assert "<" not in text.replace("\\<", "")


# --- untrusted files ---------------------------------------------------------------

def _refused(path: Path, words: str) -> None:
    with pytest.raises(InputError) as err:
        to_yaml(path, path.parent / "out.yaml")
    assert words in str(err.value), str(err.value)


def test_refuses_what_is_not_a_regular_workbook(tmp_path: Path) -> None:
    import os
    import zipfile

    _refused(tmp_path, "folder")
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    _refused(fifo, "not a regular file")
    text = tmp_path / "text.xlsx"
    text.write_text("id,answer\n", encoding="utf-8")
    _refused(text, "not an .xlsx workbook")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    _refused(bomb, "unpacks to")
    linked = tmp_path / "linked.xlsx"
    good = export(None, "QZZ", "q.xlsx")
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(linked, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/externalLinks/externalLink1.xml", b"<externalLink/>")
    _refused(linked, "links to other files")
    other = tmp_path / "other.xlsx"
    from openpyxl import Workbook

    Workbook().save(other)
    _refused(other, "not a gapcheck questionnaire")


def test_lying_zip_header_is_caught(tmp_path: Path) -> None:
    """A member whose header claims a small size cannot unpack past the limit."""
    import zipfile

    from checker.profile import workbook_safety

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/a.xml", b"\0" * (workbook_safety.MAX_MEMBER_BYTES + 10))
    raw = bytearray(data.getvalue())
    # rewrite the declared size in the central directory to 100 bytes
    cd = raw.rfind(b"PK\x01\x02")
    raw[cd + 24:cd + 28] = (100).to_bytes(4, "little")
    with pytest.raises((InputError, zipfile.BadZipFile)):
        workbook_safety.check_zip(tmp_path / "x.xlsx", bytes(raw))


def test_values_in_the_wrong_cells_are_not_dropped(tmp_path: Path) -> None:
    wb = _book()
    ws = wb["PRO"]
    cited = _row(ws, "reflection_period citation 2")
    ws.cell(cited, _col(ws, "Read by requirements")).value = "s. 9(3)"
    heading = _row(ws, "reflection_period")
    ws.cell(heading, _col(ws, "Answer")).value = "yes"
    rat = wb["Ratifications"]
    c189 = _row(rat, "c189")
    rat.cell(c189, _col(rat, "Date")).value = "2020-01-01"
    docs = wb["Documents"]
    docs.cell(q.HEADER_ROW + 1, _col(docs, "Document: date")).value = "last spring"
    wb["Instructions"].cell(40, 2).value = "our minimum age is 15"
    book = _save(wb, tmp_path / "cells.xlsx")
    with pytest.raises(InputError) as err:
        to_yaml(book, tmp_path / "out.yaml")
    problems = [str(p) for p in err.value.problems]
    assert len(problems) == 5, "\n".join(problems)
    assert "sheet Instructions, row 40: 'our minimum age is 15' is written" in "\n".join(problems)
    text = "\n".join(problems)
    assert f"sheet PRO, row {cited} (reflection_period citation 2): column D" in text
    assert f"sheet PRO, row {heading} (reflection_period): column E" in text
    assert f"sheet Ratifications, row {c189} (c189): details are given" in text
    assert f"sheet Documents, row {q.HEADER_ROW + 1} (date): 'last spring' is not a date" in text


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A profile's text starting with `=` is written as text (no formula
    injection into a ministry's spreadsheet) and read back unchanged."""
    import datetime as dt
    import zipfile

    from checker.profile.workbook_read import read
    from checker.profile.workbook_write import workbook_bytes

    title = '=HYPERLINK("https://example.org","click")'
    data = {"id": "qzz-2026", "title": title, "state": {"code": "QZZ"}, "as_of": dt.date(2026, 1, 1)}
    book = tmp_path / "f.xlsx"
    book.write_bytes(workbook_bytes(q.load(), data, None))
    with zipfile.ZipFile(book) as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist()
                       if n.startswith("xl/worksheets/"))
    assert read(book)[0]["title"] == title


def test_numbers_keep_the_range_the_format_gives(tmp_path: Path) -> None:
    wb = _book()
    ws = wb["PRO"]
    r = _row(ws, "reflection_period.days")
    ws.cell(r, _col(ws, "Answer")).value = 5000
    book = _save(wb, tmp_path / "range.xlsx")
    with pytest.raises(InputError) as err:
        to_yaml(book, tmp_path / "out.yaml")
    assert len(err.value.problems) == 1
    assert f"sheet PRO, row {r} (reflection_period.days): '5000' is out of range" in str(err.value)
    assert "from 0 to 3650" in str(err.value)


def test_a_turtle_profile_goes_out_and_comes_back_as_yaml(folder: Path) -> None:
    from checker.profile import writers

    source = folder / "qca-2026.ttl"
    source.write_text(writers.to_turtle(profile.load(folder / "qca-2026.yaml")), encoding="utf-8")
    imported = round_trip(source, folder)
    assert isomorphic(profile.load(source).graph, profile.load(imported).graph)


@pytest.mark.parametrize("values", [
    ["one", "two"],
    ["over\ntwo lines", "one"],
    ["two\n\nparagraphs"],
    ["two\n\nparagraphs", "a line:\n---\nof dashes", "one"],
    ["dashes\n----\n---\nof two lengths", "x\n\ny"],
    ["only a long\n-----\nline of dashes", "x\n\ny"],
])
def test_several_values_in_one_cell_come_back_as_they_went(values: list[str]) -> None:
    assert [v.strip() for v in q.split_values(q.join_values(values)) if v.strip()] == values


def test_values_a_person_types_in_one_cell() -> None:
    assert q.split_values("a\nb") == ["a", "b"]
    assert [v.strip() for v in q.split_values("first,\nover two lines\n\nsecond")] == [
        "first,\nover two lines", "second"]
    assert [v.strip() for v in q.split_values("one\n\nparagraph\n---\nanother\n ---")
            if v.strip()] == ["one\n\nparagraph", "another"]
