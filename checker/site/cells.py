"""Status and severity as the site shows them: a symbol and a word, coloured
(never colour alone), as an inline HTML badge built from our own words only."""

from __future__ import annotations

from markupsafe import Markup

from ..engine.findings import Finding
from ..engine.status import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, SEVERITIES, STATUSES
from ..i18n import Locale, locale
from ..reports.wording import basis_word, severity_word, status_word

BASES = ("obligation", "hedged-obligation", "interpretation", "soft-law", "policy")

STATUS_CLASS = {GAP: "gc-gap", MET: "gc-met", NOT_ASSESSED: "gc-nas", NOT_APPLICABLE: "gc-na"}
SYMBOL = {GAP: "✗", MET: "✓", NOT_ASSESSED: "?", NOT_APPLICABLE: "–"}
SEVERITY_LETTER = {"binding": "B", "standard": "S", "recommended": "R"}


def words(loc: Locale) -> dict[str, str]:
    """Statuses, severities and bases (the reports' words, reports/wording.py), and
    the checking statuses of citations, in a language."""
    return {**{st: status_word(st, loc) for st in STATUSES},
            **{sev: severity_word(sev, loc) for sev in SEVERITIES},
            **{b: basis_word(b, loc) for b in BASES},
            "checked": loc.p_("checking", "checked"), "partial": loc.p_("checking", "partial"),
            "unverified": loc.p_("checking", "unverified")}


def word(value: str | None, lang: str = "en") -> str:
    """A status, severity, checking status or basis in a language (else as given)."""
    return words(locale(lang)).get(value or "", value or "")


def badge(status: str, severity: str | None = None, lang: str = "en") -> Markup:
    """'✗ gap · binding' as a coloured badge."""
    cls = STATUS_CLASS[status] + (f" gc-sev-{severity}" if severity else "")
    text = f"{SYMBOL[status]} {word(status, lang)}" + (f" · {word(severity, lang)}" if severity else "")
    return Markup(f'<span class="gc-badge {cls}">{text}</span>')


def finding_badge(f: Finding, lang: str = "en") -> Markup:
    return badge(f.status, f.severity, lang)


def status_cell(f: Finding, lang: str = "en") -> Markup:
    """A matrix cell's content: the symbol and the severity's letter, both visible;
    the words for screen readers and as a tooltip."""
    words = word(f.status, lang) + (f", {word(f.severity, lang)}" if f.severity else "")
    letter = SEVERITY_LETTER.get(f.severity or "", "")
    return Markup(f'<span class="gc-sym" aria-hidden="true">{SYMBOL[f.status]}{letter}</span>'
                  f'<span class="gc-sr">{words}</span>')
