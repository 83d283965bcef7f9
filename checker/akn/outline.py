"""The outline of an act as text (`gapcheck akn outline`): every provision with
its number path and the id to cite it by, and under it the text a quote is
checked against. Unknown dates say so; repealed and omitted provisions and
schedules are shown as such."""

from __future__ import annotations

import textwrap

from .reader import Document, Provision


def header(doc: Document) -> list[str]:
    lines = [doc.title or "(untitled)",
             f"  Akoma Ntoso {doc.version} {doc.doc_type}" + (f" · {doc.work}" if doc.work else "")]
    dates = [d.describe() for d in doc.frbr_dates if d.level != "manifestation"]
    lines.append("  dates: " + (" · ".join(dates) if dates else "none given"))
    return lines


def heading_line(prov: Provision) -> str:
    bits = [prov.path or prov.kind]
    if prov.heading:
        bits.append(prov.heading)
    elif not prov.num and prov.kind not in ("section", "article"):
        bits.append(f"({prov.kind})")
    line = "  ".join(bits) + f"  [{prov.cite_id}]"
    if prov.duplicated:
        line += f"  line {prov.line}: this id is used more than once, cite it as {prov.cite_id}"
    if prov.status:
        line += f"  — {prov.status}"
    return line


def render(doc: Document, text: bool = True, width: int = 100) -> str:
    out = header(doc)
    if text:
        out.append("  under each provision: its own text; a quote is checked against it together "
                   "with the text of the provisions below it")
    for prov in doc.provisions:
        indent = "  " * (prov.depth + 1)
        out.append(indent + heading_line(prov))
        if text and prov.text:
            out.extend(textwrap.wrap(prov.text, width=max(40, width - len(indent) - 4),
                                     initial_indent=indent + "    ",
                                     subsequent_indent=indent + "    ",
                                     break_long_words=False, break_on_hyphens=False))
    others = len(doc.elements) - len(doc.provisions)
    summary = f"{len(doc.provisions)} provisions"
    if others:
        summary += f" (and {others} other ids, inside text or metadata, also citable)"
    dup = sorted({p.eid for p in doc.elements if p.duplicated})
    if dup:
        summary += f"; ids used more than once: {', '.join(dup)}"
    out.append(summary)
    if doc.unsafe_ids:
        out.append(f"{len(doc.unsafe_ids)} ids not shown and not citable, because they hold "
                   "characters an id may not have: lines "
                   + ", ".join(str(line) for line, _ in doc.unsafe_ids[:20]))
    return "\n".join(out) + "\n"
