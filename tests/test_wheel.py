"""The wheel, installed outside the clone, runs the whole main job.

Builds the wheel from this checkout, installs it in a fresh virtual environment
in a temporary folder (dependencies from the package index, as a user gets
them), and runs `gapcheck kb check`, `gapcheck check` on an example copied out
of the clone, and `gapcheck publish`, all from a folder outside the clone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from checker.kb.locate import turtle_files

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """(the venv's bin folder, a work folder outside the clone, the environment)."""
    base = tmp_path_factory.mktemp("wheel")
    assert ROOT not in base.parents
    dist = base / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-q", "-w", dist, cwd=base)
    assert built.returncode == 0, built.stderr
    wheels = list(dist.glob("gapcheck-*.whl"))
    assert len(wheels) == 1, wheels
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    # with the fast engine when the suite runs with it (CI runs it once with each)
    wanted = f"{wheels[0]}[fast]" if os.environ.get("GAPCHECK_ENGINE") == "fast" else wheels[0]
    got = run(bin_dir / "python", "-m", "pip", "install", "-q", wanted, cwd=base)
    assert got.returncode == 0, got.stderr
    env = {k: v for k, v in os.environ.items()
           if k not in ("GAPCHECK_KB", "PYTHONPATH", "VIRTUAL_ENV")}
    env["GAPCHECK_CACHE"] = str(base / "cache")
    work = base / "work"
    work.mkdir()
    return bin_dir, work, env


def test_the_installed_package_reads_its_own_knowledge_base(installed):
    bin_dir, work, env = installed
    where = run(bin_dir / "python", "-c", "import checker, checker.resources as r; "
                "print(checker.__file__); print(r.data_root()); print(r.checkout_root())",
                cwd=work, env=env)
    assert where.returncode == 0, where.stderr
    package, data, checkout = where.stdout.splitlines()
    venv_dir = bin_dir.parent
    assert Path(package).is_relative_to(venv_dir) and Path(data).is_relative_to(venv_dir)
    assert Path(data).name == "data" and checkout == "None"


def test_kb_check_and_stats_from_the_wheel(installed):
    bin_dir, work, env = installed
    checked = run(bin_dir / "gapcheck", "kb", "check", cwd=work, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    stats = run(bin_dir / "gapcheck", "kb", "stats", cwd=work, env=env)
    assert stats.returncode == 0, stats.stderr
    # every instrument of the clone's knowledge base is in the installed one
    # (source files only: instruments/*.fr.ttl and *.es.ttl are their translations)
    instruments = len(turtle_files(ROOT / "instruments"))
    assert f"all {instruments} instruments" in stats.stdout


def test_check_and_publish_an_example_from_the_wheel(installed):
    bin_dir, work, env = installed
    profiles = work / "profiles"
    profiles.mkdir()
    for name in ("qba-2026.yaml", "qba-bill-border-2026.yaml"):
        shutil.copy(ROOT / "profiles" / name, profiles / name)
    shutil.copytree(ROOT / "profiles" / "akn", profiles / "akn")
    checked = run(bin_dir / "gapcheck", "check", profiles / "qba-2026.yaml", "--format", "json",
                  cwd=work, env=env)
    assert checked.returncode == 1, checked.stderr  # Belmora has binding gaps
    assert '"requirement": "PRO-03"' in checked.stdout and '"status": "gap"' in checked.stdout
    bill = run(bin_dir / "gapcheck", "check", profiles / "qba-bill-border-2026.yaml", cwd=work, env=env)
    assert bill.returncode == 1 and "Opens (regressions): 2" in bill.stdout, bill.stdout + bill.stderr
    published = run(bin_dir / "gapcheck", "publish", profiles, "--out", work / "site", cwd=work, env=env)
    assert published.returncode == 0, published.stdout + published.stderr
    assert (work / "site" / "index.html").is_file()
    assert "Belmora" in (work / "site" / "report" / "qba-2026" / "index.html").read_text(encoding="utf-8")
    assert (work / "site" / "downloads" / "knowledge-base.ttl").stat().st_size > 10_000


def test_the_installed_command_refuses_an_empty_knowledge_base(installed):
    bin_dir, work, env = installed
    empty = work / "empty-kb"
    empty.mkdir(exist_ok=True)
    result = run(bin_dir / "gapcheck", "--kb", empty, "kb", "check", cwd=work, env=env)
    assert result.returncode == 2, result.stdout
    assert str(empty) in result.stderr and "instruments/*.ttl" in result.stderr
    assert "Traceback" not in result.stderr
