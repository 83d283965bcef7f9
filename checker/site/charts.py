"""Charts as static SVG, drawn at build time: stacked bars of findings by status
and severity. No script, no font from the network; each chart has a title and a
description that say every number it shows (its text alternative), and a
legend in words, so colour is never the only carrier of meaning. The colours
are the Okabe-Ito palette (told apart with the common colour-vision
deficiencies); every segment wide enough carries its count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..reports.escape import attr

# (key, label, fill, text colour on the fill)
SERIES = (
    ("binding", "gap, binding", "#B2182B", "#FFFFFF"),
    ("standard", "gap, standard", "#D55E00", "#FFFFFF"),
    ("recommended", "gap, recommended", "#E69F00", "#000000"),
    ("met", "met", "#009E73", "#FFFFFF"),
    ("not applicable", "not applicable", "#8C8C8C", "#FFFFFF"),
    ("not assessed", "not assessed", "#E4E4E4", "#000000"),
)
GAP_SERIES = SERIES[:3]


@dataclass(frozen=True)
class Row:
    label: str
    counts: dict[str, int]  # series key -> count
    href: str | None = None


def _counts_text(counts: dict[str, int], series: Sequence[tuple]) -> str:
    return ", ".join(f"{counts.get(k, 0)} {label}" for k, label, *_ in series)


def stacked_bars(chart_id: str, title: str, rows: list[Row], series: Sequence[tuple] = SERIES,
                 scale: int | None = None, label_width: int = 150, bar_h: int = 18) -> Markup:
    """One horizontal stacked bar per row. scale: the count of a full bar (default:
    the largest row total)."""
    width, gap, top = 720, 6, 4
    plot = width - label_width - 50
    total_max = scale or max((sum(r.counts.get(k, 0) for k, *_ in series) for r in rows), default=1) or 1
    legend = []  # (x, row) of each legend entry, wrapped to the width
    lx, lrow = float(label_width), 0
    for _key, name, *_ in series:
        w = 24 + 7.2 * len(name)
        if lx + w > width and lx > label_width:
            lx, lrow = float(label_width), lrow + 1
        legend.append((lx, lrow))
        lx += w
    height = top + len(rows) * (bar_h + gap) + 20 * (lrow + 1) + 8
    desc = "; ".join(f"{r.label}: {_counts_text(r.counts, series)}" for r in rows)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="gc-chart" viewBox="0 0 {width} {height}" '
           f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
           f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="12">',
           f'<title id="{chart_id}-t">{attr(title)}</title>',
           f'<desc id="{chart_id}-d">{attr(desc)}</desc>']
    y = top
    for r in rows:
        label = r.label if len(r.label) <= 24 else r.label[:23] + "…"
        text = (f'<text x="{label_width - 8}" y="{y + bar_h / 2 + 4}" text-anchor="end" '
                f'fill="#1f1f1f">{attr(label)}</text>')
        if r.href:
            text = f'<a href="{attr(r.href)}">{text}</a>'
        out.append(text)
        x = float(label_width)
        total = 0
        for key, name, fill, ink in series:
            n = r.counts.get(key, 0)
            total += n
            if not n:
                continue
            w = plot * n / total_max
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}" '
                       f'stroke="#FFFFFF" stroke-width="1"><title>{attr(r.label)}: {n} {name}</title></rect>')
            if w >= 8 + 7 * len(str(n)):
                out.append(f'<text x="{x + w / 2:.1f}" y="{y + bar_h / 2 + 4}" text-anchor="middle" '
                           f'fill="{ink}">{n}</text>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + bar_h / 2 + 4}" fill="#1f1f1f">{total}</text>')
        y += bar_h + gap
    y += 4
    for (lx, lrow), (_key, name, fill, _ink) in zip(legend, series, strict=True):
        ly = y + 20 * lrow
        out.append(f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{fill}" stroke="#555555" '
                   f'stroke-width="0.5"/><text x="{lx + 16:.1f}" y="{ly + 10}" fill="#1f1f1f">{name}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def figure(svg: Markup, caption: str) -> Markup:
    """The chart as a block of HTML in a Markdown page: one block, no blank line."""
    return Markup(f'<figure class="gc-figure">{svg}<figcaption>{attr(caption)}</figcaption></figure>')
