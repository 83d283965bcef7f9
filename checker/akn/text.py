"""Text of legislation as read, as quoted and as scanned.

- `clean`: the text shown to users (outline, act pages, drafts): whitespace
  collapsed, invisible characters (soft hyphens, zero-width spaces) removed.
- `skeleton` and `contains`: how a quote is compared with the act. Case,
  whitespace, soft hyphens, curly or straight quotes, dashes and other
  punctuation do not matter, nor does a space inside a word ("emp loyer");
  what separates two numbers does ("2(1)" is not "21"). An ellipsis (… or ...)
  in a quote stands for words left out.
- `numbers_in_words`: "fourteenth year" -> "14th year", "eighteen years" ->
  "18 years", for the scan, with a map back to the original positions."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# a hyphenation mark left by OCR or conversion inside a word: "sub¬section"
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])[¬\u00ad]\s*(?=[^\W\d_])")
ELLIPSIS = re.compile(r"\[?\s*(?:…|\.\s*\.\s*\.(?:\s*\.)*)\s*\]?")


def clean(text: str) -> str:
    """Whitespace collapsed, invisible characters removed, no space before closing
    punctuation."""
    text = _BROKEN_WORD.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([.,;:)\]])", r"\1", text)


def skeleton(text: str) -> str:
    """Letters and digits only, case-folded; the break between two numbers is kept
    as '#', so that "2(1)" and "21" stay different."""
    text = unicodedata.normalize("NFKC", _BROKEN_WORD.sub("", _INVISIBLE.sub("", text)))
    out = []
    gap = False
    for ch in text.casefold():
        if ch.isalnum():
            if gap and out and out[-1].isdigit() and ch.isdigit():
                out.append("#")
            out.append(ch)
            gap = False
        else:
            gap = True
    return "".join(out)


def quote_parts(quote: str) -> list[str]:
    """The pieces of a quote between its ellipses, as skeletons."""
    return [s for s in (skeleton(p) for p in ELLIPSIS.split(quote)) if s]


def contains(text_skeleton: str, parts: list[str]) -> bool:
    """Whether every piece occurs in the text, in order, without overlapping."""
    pos = 0
    for part in parts:
        found = text_skeleton.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def closest(text: str, quote: str, width: int = 220) -> str:
    """The passage of `text` that is most like the quote (its longest piece), for an
    error message; at most about `width` characters."""
    pieces = [p for p in ELLIPSIS.split(quote) if skeleton(p)]
    piece = max(pieces, key=len) if pieces else quote
    words = text.split()
    target = piece.split()
    if not words or not target:
        return text[:width]
    key = [skeleton(w) for w in words]
    want = [skeleton(w) for w in target]
    n = len(want)
    best, best_at = -1.0, 0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(want)
    for start in range(max(1, len(words) - n + 1)):
        matcher.set_seq1(key[start:start + n])
        if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, best_at = ratio, start
    shown = " ".join(words[max(0, best_at - 3):best_at + max(n, 4) + 3])
    if len(shown) > width:
        shown = shown[:width].rsplit(" ", 1)[0] + " …"
    return shown


# --- numbers written in words --------------------------------------------------

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD_UNITS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
              "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
              "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_ORD_TENS = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
             "eightieth", "ninetieth"]
_VALUE: dict[str, tuple[int, bool]] = {}
for _i, _w in enumerate(_UNITS):
    _VALUE[_w] = (_i, False)
for _i, _w in enumerate(_ORD_UNITS):
    _VALUE[_w] = (_i, True)
for _i, _w in enumerate(_TENS):
    if _w:
        _VALUE[_w] = (_i * 10, False)
for _i, _w in enumerate(_ORD_TENS):
    if _w:
        _VALUE[_w] = (_i * 10, True)
_WORD = "|".join(sorted(_VALUE, key=len, reverse=True))
_NUMBER = re.compile(
    rf"\b(?:(?P<hundreds>{_WORD})[\s-]+hundred(?:th)?(?:[\s-]+and)?[\s-]+)?"
    rf"(?P<tens>{'|'.join(w for w in _TENS if w)})(?:[\s-]+(?P<unit>{_WORD}))?\b"
    rf"|\b(?:(?P<h2>{_WORD})[\s-]+hundred(?:th)?(?:[\s-]+and[\s-]+(?P<rest>{_WORD}))?)\b"
    rf"|\b(?P<single>{_WORD})\b", re.I)
_UNIT_AFTER = re.compile(r"[\s-]+(?:calendar\s+|working\s+|clear\s+|complete\s+)?"
                         r"(?:years?|months?|weeks?|days?|hours?|year-old|per\s?cent)\b", re.I)
# "one" and "second" are words before they are numbers: only with a unit after them
_ONLY_WITH_UNIT = {"zero", "zeroth", "one", "first", "second"}


def _value(m: re.Match) -> tuple[int, bool] | None:
    if m.group("single"):
        return _VALUE[m.group("single").lower()]
    if m.group("h2"):
        hundreds, _ = _VALUE[m.group("h2").lower()]
        rest, ordinal = _VALUE[m.group("rest").lower()] if m.group("rest") else (0, "th" in m.group(0)[-3:])
        return hundreds * 100 + rest, ordinal
    tens, ordinal = _VALUE[m.group("tens").lower()]
    total = tens
    if m.group("unit"):
        unit, ordinal = _VALUE[m.group("unit").lower()]
        if unit >= 10:
            return None  # "twenty fourteen" is not a number we read
        total += unit
    if m.group("hundreds"):
        total += _VALUE[m.group("hundreds").lower()][0] * 100
    return total, ordinal


_ANY_WORD = re.compile(rf"\b(?:{_WORD})\b", re.I)


@lru_cache(maxsize=4096)
def numbers_in_words(text: str) -> tuple[str, list[int]]:
    """The text with numbers in words written as digits, and for each character of
    the result the position in `text` it comes from."""
    if not _ANY_WORD.search(text):
        return text, list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    last = 0
    for m in _NUMBER.finditer(text):
        word = m.group(0).lower()
        if word in _ONLY_WITH_UNIT and not _UNIT_AFTER.match(text, m.end()):
            continue
        value = _value(m)
        if value is None:
            continue
        number, ordinal = value
        digits = f"{number}{_suffix(number) if ordinal else ''}"
        out.append(text[last:m.start()])
        where.extend(range(last, m.start()))
        out.append(digits)
        where.extend([m.start()] * len(digits))
        last = m.end()
    out.append(text[last:])
    where.extend(range(last, len(text)))
    return "".join(out), where


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
