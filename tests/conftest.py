from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KB_FOLDERS = ("ontology", "instruments", "shapes")


def run_gapcheck(*args: str, home: Path | None = None, cwd: Path | None = None,
                 input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user would, in a fresh process."""
    env = dict(os.environ)
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
