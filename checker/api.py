"""The library entry points: check a profile file, or a bill against its
baseline. The CLI and the site builder call these; they return data."""

from __future__ import annotations

from pathlib import Path

from .engine.engine import engine
from .engine.findings import Report
from .kb import base
from .kb.base import KnowledgeBase
from .profile import bills
from .profile import load as profmod
from .profile.model import Profile
from .reports.bills import check_bill
from .reports.compare import Comparison, compare


def check_profile(prof: Profile, baseline: str | Path | None = None,
                  kb: KnowledgeBase | None = None, engine_name: str | None = None
                  ) -> Report | Comparison:
    """A framework gives a Report; a bill, or a framework with a baseline, a Comparison.
    `kb`: the knowledge base to check against (by default the one locate.find finds);
    `engine_name`: the SHACL engine (engine/choice.py; by default the fastest installed)."""
    eng = engine(kb, engine_name)
    if prof.kind == "bill":
        return check_bill(eng, prof, Path(baseline) if baseline else None)
    report = eng.check(prof)
    if baseline is None:
        return report
    base = profmod.load(baseline, eng.kb)
    if base.kind == "bill":
        base = bills.apply(base, bills.load_baseline(base, kb=eng.kb), eng.kb)
    return compare(eng.check(base), report)


def check(path: str | Path, baseline: str | Path | None = None,
          kb: KnowledgeBase | None = None, engine_name: str | None = None) -> Report | Comparison:
    """Load and check one profile file."""
    kb = kb if kb is not None else base.load()
    engine(kb, engine_name)  # first: it brings the profile format from the parse cache
    return check_profile(profmod.load(path, kb), baseline, kb, engine_name)

