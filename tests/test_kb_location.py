"""Which knowledge base a run reads: --kb, GAPCHECK_KB, or the one that ships
with gapcheck; a missing, incomplete or empty one is bad input (exit 2) that
says what is missing, never a pass. And the parse cache follows both the files
and the code that reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_gapcheck

from checker import resources
from checker.errors import InputError
from checker.kb import base, cache, locate


def test_the_source_checkout_reads_its_own_folders():
    assert resources.data_root() == ROOT
    assert locate.find().root == ROOT.resolve()
    assert locate.find().chosen_by == "the source checkout"


@pytest.mark.parametrize("command", [("kb", "check"), ("kb", "stats"),
                                     ("check", "profiles/qaa-2026.yaml"), ("matrix", "profiles")])
def test_an_empty_folder_is_no_knowledge_base(tmp_path, command):
    result = run_gapcheck("--kb", str(tmp_path), *command)
    assert result.returncode == 2, result.stdout
    assert f"{tmp_path}: this is no complete knowledge base (--kb)" in result.stderr
    assert "instruments/*.ttl" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_folder_in_the_environment_is_named(tmp_path):
    result = run_gapcheck("kb", "check", home=tmp_path / "nowhere")
    assert result.returncode == 2
    assert "the knowledge base folder (GAPCHECK_KB) does not exist" in result.stderr


def test_one_missing_part_is_named(kb_copy):
    shutil.rmtree(kb_copy / "shapes" / "kb")
    result = run_gapcheck("kb", "check", home=kb_copy)
    assert result.returncode == 2
    assert "the meta-shapes (shapes/kb/*.ttl)" in result.stderr
    assert "instruments/*.ttl" not in result.stderr


def test_files_that_define_no_instrument_are_no_knowledge_base(kb_copy):
    for path in (kb_copy / "instruments").glob("*.ttl"):
        path.write_text("@prefix gc: <https://w3id.org/gapcheck/ontology/core#> .\n", encoding="utf-8")
    result = run_gapcheck("kb", "check", home=kb_copy)
    assert result.returncode == 2, result.stdout
    assert "the knowledge base defines no instruments" in result.stderr


def test_an_installation_without_data_says_so(monkeypatch):
    monkeypatch.delenv(locate.ENV, raising=False)
    monkeypatch.setattr(resources, "data_root", lambda: None)
    with pytest.raises(InputError, match="cannot find its knowledge base"):
        locate.find()


def test_kb_dir_wins_over_the_environment(kb_copy, monkeypatch, tmp_path):
    monkeypatch.setenv(locate.ENV, str(tmp_path / "nowhere"))
    assert locate.find(kb_copy).root == kb_copy.resolve()
    assert locate.find(kb_copy).chosen_by == "--kb"


def test_a_given_knowledge_base_is_the_one_read(kb_copy):
    """The engine checks against the knowledge base it is given, not the clone's."""
    from checker import api
    from checker.engine.engine import engine

    catalogue = kb_copy / "shapes" / "requirements" / "catalogue.ttl"
    text = catalogue.read_text(encoding="utf-8")
    old = "PRO-03: Reflection period not conditional on cooperation"
    catalogue.write_text(text.replace(old, "PRO-03: Reflection period, as edited"), encoding="utf-8")
    kb = base.load(kb_copy)
    assert kb.folders.root == kb_copy.resolve()
    assert all(kb_copy.resolve() in p.parents for p in kb.files)
    assert engine(kb).catalogue.requirements["PRO-03"].title == "Reflection period, as edited"
    report = api.check(ROOT / "profiles" / "qba-2026.yaml", kb=kb)
    assert report.finding("PRO-03").requirement.title == "Reflection period, as edited"
    assert engine().catalogue.requirements["PRO-03"].title == old.split(": ", 1)[1]


def test_the_cache_key_follows_the_files(kb_copy):
    files = locate.find(kb_copy).kb_files()
    before = cache.key("kb", files)
    with files[0].open("a", encoding="utf-8") as handle:
        handle.write("\n# an edit\n")
    assert cache.key("kb", files) != before


def test_the_cache_key_follows_the_code_that_reads_the_files(tmp_path, monkeypatch):
    code = cache.code_files()
    names = {p.name for p in code}
    # the modules that parse the files and build the object that is pickled
    assert {"base.py", "turtle.py", "namespaces.py", "cache.py", "errors.py"} <= names
    copies = []
    for path in code:
        copy = tmp_path / path.parent.name / path.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    assert cache.digest_of(copies) == cache.code_digest()
    (tmp_path / "kb" / "turtle.py").write_text("# changed\n", encoding="utf-8")
    changed = cache.digest_of(copies)
    assert changed != cache.code_digest()
    files = locate.find().kb_files()
    key = cache.key("kb", files)
    monkeypatch.setattr(cache, "code_digest", lambda: changed)
    assert cache.key("kb", files) != key


def test_worker_processes_read_the_same_knowledge_base():
    from checker.reports import collection

    coll = collection.load([ROOT / "profiles"], workers=2)
    assert coll.kb is base.load()
    assert Path(coll.sources["qaa-2026"]).name == "qaa-2026.yaml"
