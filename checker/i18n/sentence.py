"""A sentence the engine says in English that a report can say in another
language later: the engine stays language-neutral (it never picks a language),
and a Sentence is an ordinary `str` (its English) that also keeps its message
id and values, so `sentence.say(locale("fr"))` gives the French.

Write the English literally as the first argument (`Sentence("party since
%(date)s", date=day)`): `make messages` extracts it like `_()`. Values that are
dates are written ISO in the English string and per locale by `say`; a value
that is itself a Sentence is said in the same language; a tuple is a list of
things ("a and b"), a list a series of clauses ("a; b"); `names` maps other
values (an instrument's English short name, a concept's label) to their translation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from .locale import Locale


def _english(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):  # a list of things: "a and b"
        return " and ".join(str(v) for v in value)
    if isinstance(value, list):  # a series of clauses: "a; b"
        return "; ".join(str(v) for v in value)
    return value


class Sentence(str):
    msgid: str
    values: dict[str, Any]

    def __new__(cls, msgid: str, **values: Any) -> Sentence:
        english = msgid % {k: _english(v) for k, v in values.items()} if values else msgid
        self = super().__new__(cls, english)
        self.msgid, self.values = msgid, values
        return self

    def __reduce__(self) -> tuple:
        return (_sentence, (self.msgid, self.values))

    def say(self, loc: Locale, names: Mapping[str, str] | None = None) -> str:
        """The sentence in the locale's language, dates written as its readers write them."""
        return loc._(self.msgid, **{k: _said(v, loc, names or {}) for k, v in self.values.items()})


def _said(value: Any, loc: Locale, names: Mapping[str, str]) -> Any:
    if isinstance(value, Sentence):
        return value.say(loc, names)
    if isinstance(value, dt.date):
        return loc.date(value)
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, tuple):
        return loc.join([str(_said(v, loc, names)) for v in value])
    if isinstance(value, list):
        return "; ".join(str(_said(v, loc, names)) for v in value)
    return value


def _sentence(msgid: str, values: dict[str, Any]) -> Sentence:
    return Sentence(msgid, **values)


def say(text: str, loc: Locale, names: Mapping[str, str] | None = None) -> str:
    """Any text the engine produced, in the locale's language when it is a Sentence."""
    return text.say(loc, names) if isinstance(text, Sentence) else text
