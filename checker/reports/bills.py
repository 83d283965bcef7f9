"""A bill, checked: applied to the framework it amends, both checked, and
compared requirement by requirement. The one place this flow is written."""

from __future__ import annotations

from pathlib import Path

from ..engine.engine import Engine
from ..engine.findings import Report
from ..profile import bills
from ..profile.model import Profile
from .compare import Comparison, compare


def check_bill(eng: Engine, bill: Profile, baseline_path: Path | None = None,
               loaded: dict[Path, Profile] | None = None,
               checked: dict[str, Report] | None = None) -> Comparison:
    """The framework as the bill would leave it, compared with the one it amends.
    `loaded`: profiles already read, by resolved path; `checked`: reports already
    made, by profile id (neither is read or checked again)."""
    base = bills.load_baseline(bill, baseline_path, loaded=loaded, kb=eng.kb)
    merged = bills.apply(bill, base, eng.kb)
    amended = eng.check(merged)
    amended.profile = eng.profile_info(merged, amends=base.ident)
    baseline = (checked or {}).get(base.ident) or eng.check(base)
    return compare(baseline, amended)
