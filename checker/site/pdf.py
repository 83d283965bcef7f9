"""A gap report as a PDF (A4): a cover, a summary, every finding with its
citations, and page numbers ("page 3 of 12"). Drawn with reportlab's canvas
(no HTML renderer, fast enough for hundreds of reports); `invariant` mode and
the report's own date make the bytes the same on every build.

The text font is DejaVu Sans where the system has it (wide Unicode coverage),
else reportlab's own Bitstream Vera; a character the font lacks is shown as
'?', never dropped silently."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..engine.findings import Finding, Report
from ..engine.legal_time import Binding
from ..engine.status import GAP, SEVERITIES
from ..i18n import Locale
from ..reports.escape import clean
from ..reports.names import instrument_name
from ..reports.wording import ENGLISH, bindings_of, severity_word, source_line, status_word, warning_line

PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGIN = 56.0
WIDTH = PAGE_W - 2 * MARGIN
COLOURS = {"binding": (0.698, 0.094, 0.169), "standard": (0.835, 0.369, 0.0),
           "recommended": (0.902, 0.624, 0.0), "met": (0.0, 0.620, 0.451),
           "not applicable": (0.55, 0.55, 0.55), "not assessed": (0.75, 0.75, 0.75)}
SYSTEM_FONTS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
                Path("/Library/Fonts"))


@cache
def fonts() -> tuple[str, str, frozenset[int]]:
    """(regular, bold, the code points they cover), registered with reportlab."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pairs = [(d / "DejaVuSans.ttf", d / "DejaVuSans-Bold.ttf") for d in SYSTEM_FONTS]
    vera = Path(reportlab.__file__).parent / "fonts"
    pairs.append((vera / "Vera.ttf", vera / "VeraBd.ttf"))
    regular, bold = next((r, b) for r, b in pairs if r.is_file() and b.is_file())
    pdfmetrics.registerFont(TTFont("gc-regular", str(regular)))
    pdfmetrics.registerFont(TTFont("gc-bold", str(bold)))
    covered = frozenset(pdfmetrics.getFont("gc-regular").face.charToGlyph)
    return "gc-regular", "gc-bold", covered


def _printable(text: object) -> str:
    value = clean(text)
    if value.isascii():
        return value
    _, _, covered = fonts()
    return "".join(c if ord(c) in covered else "?" for c in value)


@dataclass
class _Line:
    text: str
    font: str
    size: float
    indent: float = 0.0
    colour: tuple[float, float, float] | None = None
    gap_before: float = 0.0
    marker: tuple[float, float, float] | None = None  # a coloured square before the text


class _Layout:
    """Lays text out in lines and pages; drawing comes after, when the number of
    pages is known."""

    def __init__(self) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self.width = stringWidth
        self.pages: list[list[tuple[float, _Line]]] = [[]]
        self.y = PAGE_H - MARGIN

    def new_page(self) -> None:
        if self.pages[-1]:
            self.pages.append([])
        self.y = PAGE_H - MARGIN

    def add(self, text: object, bold: bool = False, size: float = 10, indent: float = 0,
            colour: tuple | None = None, gap: float = 0, marker: tuple | None = None,
            keep: float = 0) -> None:
        regular, heavy, _ = fonts()
        font = heavy if bold else regular
        lead = size * 1.35
        words = _printable(text).split(" ")
        room = WIDTH - indent - (size if marker else 0)
        space = self.width(" ", font, size)
        lines, current, used = [], "", 0.0
        for word in words:
            w = self.width(word, font, size)
            if current and used + space + w > room:
                lines.append(current)
                current, used = word, w
            else:
                current, used = (f"{current} {word}", used + space + w) if current else (word, w)
        lines.append(current)
        if self.y - gap - lead * max(len(lines), 1) - keep < MARGIN + 20:
            self.new_page()
            gap = 0
        self.y -= gap
        for i, line in enumerate(lines):
            if self.y - lead < MARGIN + 20:
                self.new_page()
            self.y -= lead
            self.pages[-1].append((self.y, _Line(line, font, size, indent + (size if marker and i else 0),
                                                  colour, 0, marker if i == 0 else None)))


def _finding(lay: _Layout, f: Finding, full: bool, bindings: dict[str, Binding],
             loc: Locale = ENGLISH) -> None:
    status = status_word(f.status, loc) + (f" ({severity_word(f.severity, loc)})" if f.severity else "")
    lay.add(f"{f.ident}  {f.requirement.title} — {status}", bold=True, size=11 if full else 9.5,
            gap=10 if full else 4, marker=COLOURS.get(f.severity or f.status), keep=40 if full else 12)
    if not full:  # met, not applicable, not assessed: what was looked at, in brief
        stated = "; ".join(f"{v.path} = {', '.join(v.values)}" for v in f.facts if v.values)
        missing = ", ".join(v.path for v in f.facts if not v.values)
        if stated:
            lay.add(stated, size=8.5, indent=14)
        if missing:
            lay.add(loc._("Not stated in the profile: %(facts)s", facts=missing), size=8.5, indent=14)
        return
    lay.add(f.requirement.statement, size=9.5, indent=14)
    if full:
        for m in f.messages:
            lay.add("• " + m, size=9.5, indent=14, gap=2)
    lay.add(loc._("Sources (the part not met rests on those marked *):") if f.status.falls_short
            else loc._("Sources:"), bold=True, size=9.5, indent=14, gap=3)
    for s in f.requirement.sources:
        mark = "* " if f.status.falls_short and f.failed_source(s) else ""
        lay.add(mark + source_line(s, bindings, loc), size=9, indent=24)
    stated = [v for v in f.facts if v.values]
    if stated:
        lay.add(loc._("Facts and evidence:"), bold=True, size=9.5, indent=14, gap=3)
    for v in stated:
        lay.add(f"{v.path} = {', '.join(v.values)}", size=9, indent=24)
        for e in v.evidence:
            where = ", ".join(filter(None, (e.document, e.section)))
            lay.add(where + (f': "{e.quote}"' if e.quote else ""), size=8.5, indent=34,
                    colour=(0.25, 0.25, 0.25))
    missing = [v.path for v in f.facts if not v.values]
    if missing:
        lay.add(loc._("Not stated in the profile: %(facts)s", facts=", ".join(missing)), size=9,
                indent=14, gap=2)
    if full and f.status == GAP:
        lay.add(loc._("Recommendation:"), bold=True, size=9.5, indent=14, gap=3)
        lay.add(f.requirement.recommendation, size=9.5, indent=24)


def render(report: Report, site_title: str, organisation: str | None, disclaimer: str,
           url: str | None = None, loc: Locale = ENGLISH) -> bytes:
    """The PDF of a report in `loc`'s language (localise the report first:
    reports/localize.py); the document's language is set to it."""
    from reportlab.pdfgen.canvas import Canvas

    p = report.profile
    lay = _Layout()
    lay.y = PAGE_H - 200
    lay.add(site_title, size=12, colour=(0.3, 0.3, 0.3))
    if organisation:
        lay.add(organisation, size=11, colour=(0.3, 0.3, 0.3))
    lay.add(loc._("Gap report"), bold=True, size=26, gap=30)
    lay.add(p.title, bold=True, size=16, gap=8)
    when = loc.date(p.as_of) if p.as_of else loc._("no date")
    lay.add(" ".join(filter(None, (p.state_name, f"({p.state_code})" if p.state_code else None)))
            + " — " + loc._("as of %(date)s", date=when), size=12, gap=8)
    if p.fictional:
        lay.add(loc._("Fictional state: this profile describes a made-up state, for examples and "
                      "tests."), bold=True, size=11, gap=16, colour=(0.6, 0.1, 0.1))
    lay.add(disclaimer, size=10, gap=20)
    if url:
        lay.add(loc._("Online: %(url)s", url=url), size=9, gap=8, colour=(0.3, 0.3, 0.3))

    lay.new_page()
    counts, sev = report.counts(), report.gap_counts()
    lay.add(loc._("Summary"), bold=True, size=18)
    lay.add(loc._("Coverage: %(percent)s of %(total)s requirements assessed.",
                  percent=loc.percent(report.coverage), total=loc.number(len(report.findings))),
            gap=8)
    for s in SEVERITIES:
        lay.add(loc._("Gaps, %(severity)s: %(count)s", severity=severity_word(s, loc), count=sev[s]),
                marker=COLOURS[s], gap=3)
    for s in ("met", "not applicable", "not assessed"):
        lay.add(f"{status_word(s, loc).capitalize()}: {counts[s]}", marker=COLOURS[s], gap=3)
    bindings = bindings_of(p)
    parties = "; ".join((b.name if (b := bindings.get(slug)) else instrument_name(slug))
                        + (f" ({b.note})" if b else f" ({loc.date(date)})" if date else "")
                        for slug, date in p.ratifications) or loc._("no ratification stated")
    lay.add(loc._("Party to: %(instruments)s", instruments=parties), gap=10)
    for w in p.warnings:
        lay.add(warning_line(w, loc), size=9, gap=3)
    gaps = [f for s in SEVERITIES for f in report.by_status(GAP) if f.severity == s]
    if gaps:
        lay.add(loc._("Gaps, most severe first"), bold=True, size=12, gap=12)
        for f in gaps:
            lay.add(f"{f.ident}  {f.requirement.title} — {severity_word(f.severity, loc)}", size=9.5,
                    indent=10, marker=COLOURS[f.severity or "binding"], gap=1)

    lay.new_page()
    lay.add(loc._("Gaps"), bold=True, size=18)
    for f in gaps:
        _finding(lay, f, full=True, bindings=bindings, loc=loc)
    if not gaps:
        lay.add(loc._("No gap found among the requirements this profile lets us assess."), gap=6)
    lay.add(loc._("Other findings"), bold=True, size=18, gap=24, keep=60)
    for f in report.findings:
        if f.status != GAP:
            _finding(lay, f, full=False, bindings=bindings, loc=loc)

    from reportlab import rl_config

    rl_config.useA85 = 0  # binary streams: smaller and faster than ASCII85
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1,
                    lang=loc.lang)  # the catalogue's /Lang: screen readers read it in that language
    canvas.setTitle(_printable(loc._("Gap report: %(title)s", title=p.title)))
    canvas.setAuthor(_printable(organisation or site_title))
    canvas.setSubject(_printable(loc._("Gap report against the international standards (not legal "
                                       "advice)")))
    canvas.setCreator("gapcheck")
    total = len(lay.pages)
    regular, _, _ = fonts()
    for number, page in enumerate(lay.pages, 1):
        for y, line in page:
            if line.marker:
                canvas.setFillColorRGB(*line.marker)
                canvas.rect(MARGIN + line.indent, y - 1, line.size * 0.7, line.size * 0.7, stroke=0, fill=1)
            canvas.setFillColorRGB(*(line.colour or (0, 0, 0)))
            canvas.setFont(line.font, line.size)
            canvas.drawString(MARGIN + line.indent + (line.size if line.marker else 0), y, line.text)
        if number > 1:
            canvas.setFillColorRGB(0.35, 0.35, 0.35)
            canvas.setFont(regular, 8)
            canvas.drawString(MARGIN, MARGIN - 24, _printable(p.title)[:90])
            canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 24, _printable(
                loc._("page %(number)s of %(total)s", number=number, total=total)))
        canvas.showPage()
    canvas.save()
    return buf.getvalue()
