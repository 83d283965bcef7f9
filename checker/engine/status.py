"""The statuses of a finding and the severities of a gap, each defined once with
everything that shows it: the word (the enum's value, as reports and JSON
write it), the symbol, the CSS class on the site, the terminal colour, and the
concept of ontology/concepts.ttl that the Turtle reports use."""

from __future__ import annotations

from enum import StrEnum

from rdflib import URIRef

from ..kb.namespaces import GCC


class Status(StrEnum):
    """The status of a finding, in the order reports count them."""

    symbol: str
    css_class: str
    colour: str

    GAP = ("gap", "✗", "gc-gap", "red")
    PARTIAL = ("partial", "◐", "gc-partial", "magenta")
    MET = ("met", "✓", "gc-met", "green")
    NOT_APPLICABLE = ("not applicable", "–", "gc-na", "bright_black")
    NOT_ASSESSED = ("not assessed", "?", "gc-nas", "yellow")

    def __new__(cls, word: str, symbol: str, css_class: str, colour: str) -> Status:
        member = str.__new__(cls, word)
        member._value_ = word
        member.symbol, member.css_class, member.colour = symbol, css_class, colour
        return member

    @property
    def label(self) -> str:
        """Symbol and word, e.g. `✗ gap`: the symbol never carries the meaning alone."""
        return f"{self.symbol} {self.value}"

    @property
    def concept(self) -> URIRef:
        return GCC[f"status-{self.value.replace(' ', '-')}"]

    @property
    def falls_short(self) -> bool:
        """A gap, or met only in part: both carry a severity and count for --fail-on."""
        return self in (Status.GAP, Status.PARTIAL)


class Severity(StrEnum):
    """How binding a gap is, from the most to the least (see engine/severity.py)."""

    symbol: str
    css_class: str

    BINDING = ("binding", "‼", "gc-binding")
    STANDARD = ("standard", "!", "gc-standard")
    RECOMMENDED = ("recommended", "·", "gc-recommended")

    def __new__(cls, word: str, symbol: str, css_class: str) -> Severity:
        member = str.__new__(cls, word)
        member._value_ = word
        member.symbol, member.css_class = symbol, css_class
        return member

    @property
    def rank(self) -> int:
        """0 for the most binding."""
        return list(Severity).index(self)

    @property
    def concept(self) -> URIRef:
        return GCC[f"severity-{self.value}"]


# short names, as the engine, the renderers and the templates use them
GAP, MET, NOT_APPLICABLE, NOT_ASSESSED = Status.GAP, Status.MET, Status.NOT_APPLICABLE, Status.NOT_ASSESSED
PARTIAL = Status.PARTIAL
STATUSES = tuple(Status)
BINDING, STANDARD, RECOMMENDED = Severity.BINDING, Severity.STANDARD, Severity.RECOMMENDED
SEVERITIES = tuple(Severity)
