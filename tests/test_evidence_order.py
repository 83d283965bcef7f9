"""Evidence comes out in one order whatever the order of the profile's list or of
the graph: two citations of one clause (one with a quote, one without) once came
out in the graph's order, which differs between processes (found by the
benchmark's findings digest on 1,000 generated profiles)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROFILE = """gapcheck: 2
id: qzz-order
title: Evidence order (fictional)
state: {{code: QZZ, name: Zedland}}
fictional: true
as_of: 2026-01-01
kind: framework
documents:
  - {{id: act, title: Victims Act}}
reflection_period:
  provided: true
  days: 60
  evidence:
{evidence}
"""
CITES = ["    - {document: act, section: s. 12(1), quote: thirty days}",
         "    - {document: act, section: s. 12(1)}",
         "    - {document: act, section: s. 12(1), quote: a period of reflection, about: [days]}"]
SCRIPT = """import sys
from checker.api import check
report = check(sys.argv[1])
f = next(f for f in report.findings if f.ident == "PRO-01")
print(repr([v.evidence for v in f.facts]))
"""


def _evidence(path: Path, seed: str) -> str:
    """The evidence of a finding, computed in a fresh process with its own hash seed."""
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], capture_output=True, text=True,
                         env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, check=True)
    return out.stdout


def test_evidence_order_is_the_same_for_any_list_order_and_any_process(tmp_path: Path):
    seen = set()
    for n, order in enumerate((CITES, CITES[::-1], CITES[1:] + CITES[:1])):
        path = tmp_path / f"p{n}.yaml"
        path.write_text(PROFILE.format(evidence="\n".join(order)), encoding="utf-8")
        for seed in ("1", "2", "3"):
            seen.add(_evidence(path, seed))
    assert len(seen) == 1, seen
    assert "thirty days" in seen.pop()
