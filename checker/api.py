"""The library entry points: check a profile file, or a bill against its
baseline. The CLI and the site builder call these; they return data."""

from __future__ import annotations

from pathlib import Path

from . import merge
from . import profile as profmod
from .compare import Comparison, compare
from .validate import Report, engine, profile_info


def check_profile(prof: profmod.Profile, baseline: str | Path | None = None) -> Report | Comparison:
    """A framework gives a Report; a bill, or a framework with a baseline, a Comparison."""
    eng = engine()
    if prof.kind == "bill":
        base = merge.load_baseline(prof, Path(baseline) if baseline else None)
        merged = merge.apply(prof, base)
        amended = eng.check(merged)
        amended.profile = profile_info(merged, amends=base.ident)
        return compare(eng.check(base), amended)
    report = eng.check(prof)
    if baseline is None:
        return report
    base = profmod.load(baseline)
    if base.kind == "bill":
        base = merge.apply(base, merge.load_baseline(base))
    return compare(eng.check(base), report)


def check(path: str | Path, baseline: str | Path | None = None) -> Report | Comparison:
    """Load and check one profile file."""
    return check_profile(profmod.load(path), baseline)


def report_of(path: str | Path) -> Report:
    """The findings for a profile as it stands (a bill: as applied to its baseline)."""
    result = check(path)
    return result.amended if isinstance(result, Comparison) else result
