"""The words every output uses for codes (statuses, severities, bases, changes,
evidence roles) and the sentences every plain-text output (terminal, PDF)
words the same way, in the language of a Locale passed down (never a global
language). English words are the codes themselves, so English output reads as
it always did."""

from __future__ import annotations

from ..engine.findings import ProfileInfo
from ..engine.legal_time import Binding
from ..engine.status import Severity, Status
from ..i18n import Locale, locale
from ..kb.requirements import Source
from .compare import ChangeKind

ENGLISH = locale("en")


def status_word(status: str, loc: Locale = ENGLISH) -> str:
    words = {"gap": loc.p_("status", "gap"), "partial": loc.p_("status", "partial"),
             "met": loc.p_("status", "met"), "not applicable": loc.p_("status", "not applicable"),
             "not assessed": loc.p_("status", "not assessed")}
    return words.get(str(status), str(status))


def status_label(status: str, loc: Locale = ENGLISH) -> str:
    """Symbol and word, e.g. `✗ gap`: the symbol never carries the meaning alone."""
    return f"{Status(status).symbol} {status_word(status, loc)}"


def severity_word(severity: str | None, loc: Locale = ENGLISH) -> str:
    if severity is None:
        return ""
    words = {"binding": loc.p_("severity", "binding"), "standard": loc.p_("severity", "standard"),
             "recommended": loc.p_("severity", "recommended")}
    return words.get(str(severity), str(severity))


def severities(loc: Locale = ENGLISH) -> dict[Severity, str]:
    return {s: severity_word(s, loc) for s in Severity}


def basis_word(basis: str, loc: Locale = ENGLISH) -> str:
    """What a source is for the requirement (ontology/concepts.ttl, BasisScheme)."""
    words = {"obligation": loc.p_("basis", "obligation"),
             "hedged-obligation": loc.p_("basis", "hedged-obligation"),
             "interpretation": loc.p_("basis", "interpretation"),
             "soft-law": loc.p_("basis", "soft-law"), "policy": loc.p_("basis", "policy")}
    return words.get(basis, basis)


def change_word(kind: str, loc: Locale = ENGLISH) -> str:
    words = {"opens": loc.p_("change", "opens"), "closes": loc.p_("change", "closes"),
             "remains": loc.p_("change", "remains"), "unchanged": loc.p_("change", "unchanged")}
    return words.get(str(kind), str(kind))


def change_title(kind: str, loc: Locale = ENGLISH) -> str:
    """The heading of a comparison's section for one kind of change."""
    titles = {"opens": loc._("Opens (regressions)"), "closes": loc._("Closes"),
              "remains": loc._("Remains"), "unchanged": loc._("Unchanged")}
    return titles.get(str(kind), ChangeKind(kind).title)


def role_word(role: str, loc: Locale = ENGLISH) -> str:
    """What a piece of evidence does for the fact (profile format: evidence roles)."""
    words = {"supports": loc.p_("evidence role", "supports"),
             "contrary": loc.p_("evidence role", "contrary"),
             "context": loc.p_("evidence role", "context"),
             "pointer": loc.p_("evidence role", "pointer")}
    return words.get(role, role)


def provision_status_word(status: str, loc: Locale = ENGLISH) -> str:
    words = {"repealed": loc.p_("provision status", "repealed"),
             "omitted": loc.p_("provision status", "omitted"),
             "in-force": loc.p_("provision status", "in-force")}
    return words.get(status, status)


def citation_note(status: str, loc: Locale = ENGLISH) -> str:
    """"(partial citation)": a citation the legal audit has not fully checked."""
    notes = {"partial": loc._("partial citation"), "unverified": loc._("unverified citation")}
    return notes.get(status, loc._("%(status)s citation", status=status))


def values_text(values, loc: Locale = ENGLISH) -> str:  # noqa: ANN001
    """A fact's values as written in the profile, or that it is not stated."""
    return ", ".join(values) if values else loc._("not stated")


def source_line(s: Source, bindings: dict[str, Binding], loc: Locale = ENGLISH) -> str:
    """One source of a finding: its basis, checking status and the state's position
    ("party since ..., in force for the state since ...")."""
    text = f"{s.instrument_name} {s.citation} — {basis_word(s.basis, loc)}"
    if s.status != "checked":
        text += f" ({citation_note(s.status, loc)})"
    if s.binding and s.instrument_slug in bindings:
        text += f" — {bindings[s.instrument_slug].note}"
    return text


def bindings_of(p: ProfileInfo) -> dict[str, Binding]:
    return {b.instrument: b for b in p.bindings}


def warning_line(w, loc: Locale = ENGLISH) -> str:  # noqa: ANN001 - an errors.Problem
    if w.line:
        return loc._("warning (line %(line)s): %(text)s", line=w.line, text=w.message)
    return loc._("warning: %(text)s", text=w.message)
