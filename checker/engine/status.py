"""The statuses of a finding and the severities of a gap."""

from __future__ import annotations

MET, GAP, NOT_ASSESSED, NOT_APPLICABLE = "met", "gap", "not assessed", "not applicable"
STATUSES = (GAP, MET, NOT_APPLICABLE, NOT_ASSESSED)
BINDING, STANDARD, RECOMMENDED = "binding", "standard", "recommended"
SEVERITIES = (BINDING, STANDARD, RECOMMENDED)
