from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KB_FOLDERS = ("ontology", "instruments", "shapes")

# Every test module runs with the reference engine (pyshacl). The second pass
# (`make test-engines`, CI) runs again, with the fast engine, every module marked
# `engine`: all of them but those below, whose outcome does not rest on an
# engine's findings (reader, knowledge base, catalogues, Akoma Ntoso, publish
# mechanics, browser, questionnaire round trips) or only renders findings that
# test_engines_agree proves identical for every fixture, example and generated
# profile. A new module is engine-dependent until it is listed here.
ENGINE_INDEPENDENT = {
    "test_akn_cite", "test_akn_patterns", "test_akn_reader", "test_akn_real_law", "test_browser",
    "test_browser_languages", "test_engines_agree", "test_extension_points", "test_guarantees",
    "test_kb_check", "test_kb_location", "test_layout", "test_loader_properties", "test_messages",
    "test_namespaces", "test_profile_errors", "test_publish_swap", "test_questionnaire",
    "test_questionnaire_libreoffice", "test_questionnaire_records", "test_shared_markdown",
    "test_standards_list", "test_translations", "test_site", "test_site_languages",
    "test_lang_outputs", "test_formats_agree"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__ not in ENGINE_INDEPENDENT:
            item.add_marker(pytest.mark.engine)


# the output language follows the locale: tests that expect English say so, whatever
# the locale of the machine that runs them
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run_gapcheck(*args: str, home: Path | None = None, cwd: Path | None = None,
                 input_text: str | None = None, env_extra: dict[str, str] | None = None
                 ) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would, in a fresh process (in an English locale unless
    env_extra sets one)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env["LANG"] = "C.UTF-8"
    env.update(env_extra or {})
    if home is not None:
        env["GAPCHECK_KB"] = str(home)
    return subprocess.run([sys.executable, "-m", "checker.cli", *args], capture_output=True,
                          text=True, env=env, cwd=cwd or ROOT, input=input_text, timeout=300)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A private copy of the knowledge base that a test may break."""
    for folder in KB_FOLDERS:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def kb_check_after(root: Path, relpath: str, old: str, new: str) -> str:
    """`gapcheck kb check` of a knowledge-base copy after one edit, run in this
    process (meta-shapes and parameters): the failures, one per line."""
    from checker.kb import base as kbmod
    from checker.kb.locate import find
    from checker.kb.metacheck import check, parameter_failures

    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relpath}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    folders = find(root)
    base = kbmod.load_files(folders.kb_files())
    base.folders = folders
    shapes = kbmod.load_files(folders.requirement_shape_files(), kind="shapes")
    return "\n".join(map(str, check(base) + parameter_failures(base, shapes)))
