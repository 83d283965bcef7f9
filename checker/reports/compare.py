"""Compare two reports requirement by requirement: what a bill (or a later
framework) closes, opens, leaves in place."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.findings import Finding, Report
from ..engine.status import GAP, MET, SEVERITIES

CLOSES, OPENS, REMAINS, UNCHANGED = "closes", "opens", "remains", "unchanged"
CHANGES = (OPENS, CLOSES, REMAINS, UNCHANGED)


@dataclass(frozen=True)
class Change:
    before: Finding
    after: Finding
    change: str

    @property
    def ident(self) -> str:
        return self.after.ident


@dataclass
class Comparison:
    baseline: Report
    amended: Report
    changes: list[Change]

    def by_change(self, change: str) -> list[Change]:
        return [c for c in self.changes if c.change == change]

    def opened_at_or_above(self, severity: str) -> list[Change]:
        """Regressions whose severity is at or above the given level."""
        rank = SEVERITIES.index(severity)
        return [c for c in self.by_change(OPENS) if SEVERITIES.index(c.after.severity) <= rank]


def classify(before: Finding, after: Finding) -> str:
    if before.status == GAP and after.status == GAP:
        return REMAINS
    if before.status == GAP and after.status == MET:
        return CLOSES
    if after.status == GAP:
        return OPENS
    if before.status == GAP:
        return REMAINS  # now not applicable: the gap moved to what it depends on
    return UNCHANGED


def compare(baseline: Report, amended: Report) -> Comparison:
    before = {f.ident: f for f in baseline.findings}
    changes = [Change(before[f.ident], f, classify(before[f.ident], f)) for f in amended.findings]
    return Comparison(baseline, amended, changes)
