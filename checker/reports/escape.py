"""Text from a profile, made safe for each output. Profile authors may write
anything; no output may let what they wrote act as markup, as a terminal
command, as a spreadsheet formula or as a line break that starts a new block.

`clean` is the common first step of every format: it removes terminal escape
sequences and neutralises control characters (C0, DEL, C1, the Unicode line
separators). Each format then adds its own escaping."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# whole terminal escape sequences: CSI (ESC [ or the one-byte C1 CSI), OSC / DCS /
# APC / PM / SOS strings up to their terminator, and two-byte ESC sequences
_TERMINAL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?")
# characters that break or end a line, in any reader: become one space
_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")
# every other control character: shown as a visible replacement character
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(text: object) -> str:
    """One line of plain text with no control character left in it."""
    if text is None:
        return ""
    value = _TERMINAL_SEQUENCE.sub("", str(text))
    value = _BREAKS.sub(" ", value)
    return _CONTROL.sub("\ufffd", value)


def has_control(text: str) -> bool:
    return bool(_CONTROL.search(text) or _BREAKS.search(text.replace("\n", "")))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~<>])")
# a first character that could open a block (list, quote, admonition, tab, details,
# heading, table, definition) when a value happens to start a line
_MD_LEAD = re.compile(r"[-+=!?:](?=[-+=!?:\s]|$)|\d+[.)](?=\s|$)")


def md(text: object) -> Markup:
    """Text for Markdown, inline: one line, HTML entities and Markdown punctuation
    escaped, a leading block marker written as a character reference."""
    if text is None:
        return Markup("")
    if isinstance(text, Markup):
        return text
    value = re.sub(r"\s{2,}", " ", clean(text))
    value = html.escape(value, quote=False)  # text, never an attribute
    value = _MD_SPECIAL.sub(r"\\\1", value)
    if _MD_LEAD.match(value):
        value = f"&#{ord(value[0])};{value[1:]}"
    return Markup(value)


def code(text: object) -> Markup:
    """A Markdown code span: its content is shown as is, so only a backtick and
    control characters need handling."""
    return Markup("`" + clean(text).replace("`", "'") + "`")


def attr(text: object) -> Markup:
    """Text for an HTML attribute or an HTML block: clean, then HTML-escaped."""
    return Markup(html.escape(clean(text), quote=True))


# a link target or an anchor we write: what Akoma Ntoso allows in an eId, and no more
SAFE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,199}")


def safe_id(value: object) -> str | None:
    """The value when it is a safe element id (AKN eId grammar), else None."""
    text = str(value or "")
    return text if SAFE_ID.fullmatch(text) else None


def url(text: object) -> Markup:
    """A link target: only plain http(s) addresses pass; anything else is ''."""
    value = str(text or "")
    if not re.fullmatch(r"https?://[^\s<>\"'()\\`\x00-\x1f\x7f-\x9f]+", value):
        return Markup("")
    return Markup(value)


# a spreadsheet runs a cell as a formula when it starts with one of these
_FORMULA_LEAD = ("=", "+", "-", "@", "|", "%")


def cell(value: object) -> str:
    """A spreadsheet cell: clean text that a spreadsheet will not run as a formula
    (OWASP's advice: a leading apostrophe), whatever spaces come first."""
    text = clean(value)
    return "'" + text if text.lstrip()[:1] in _FORMULA_LEAD and text.strip() else text


def escape_c1_json(text: str) -> str:
    """JSON keeps what was written, but no raw control byte reaches a terminal
    that prints it: json.dumps escapes C0; DEL, C1 and line separators too."""
    return re.sub(r"[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)
