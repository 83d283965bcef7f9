"""What `gapcheck akn scan` prints: the hits as a table or JSON, or a draft
profile fragment (YAML) whose evidence cites the finest element flagged and
quotes it exactly, so that the draft passes `gapcheck check` once the user has
confirmed (or corrected) each fact."""

from __future__ import annotations

import io
import json
from typing import Any

from ruamel.yaml import YAML

from .reader import Document
from .scan import Hit


def draft_fragment(hits: list[Hit], document_id: str = "act",
                   document: dict[str, Any] | None = None) -> dict[str, Any]:
    """A profile fragment for the user to confirm: the facts the hits suggest,
    each with evidence citing the element and quoting it. With `document`, the
    fragment lists the document (id, title, akn) so that it can be checked."""
    out: dict[str, Any] = {}
    if document:
        out["documents"] = [{"id": document_id, **document}]
    notes: dict[str, dict[str, list[str]]] = {}  # measure -> note -> sections
    for hit in hits:
        for measure, facts in hit.facts.items():
            body = out.setdefault(measure, {})
            agree = []
            for key, value in facts.items():
                if isinstance(value, list):
                    body[key] = sorted(set(body.get(key) or []) | set(value), key=str)
                    agree.append(key)
                elif body.setdefault(key, value) == value:
                    agree.append(key)
                else:  # two passages suggest different values: say so, keep the first
                    _add(notes, measure, f"suggests {key}: {_yaml(value)}; confirm which applies",
                         f"{hit.citation} ({hit.eid})")
            if hit.pattern.note:
                _add(notes, measure, hit.pattern.note, hit.citation)
            if facts and not agree:
                continue
            entry: dict[str, Any] = {"document": document_id, "section": hit.citation,
                                     "eid": hit.eid}
            if hit.quote:
                entry["quote"] = hit.quote
            if agree:
                entry["about"] = sorted(agree)
            evidence = body.setdefault("evidence", [])
            if entry not in evidence:
                evidence.append(entry)
    for measure, body in out.items():
        if measure in notes:
            body["notes"] = " ".join(f"{', '.join(where)}: {note}."
                                     for note, where in notes[measure].items())
        if isinstance(body, dict) and "evidence" in body:
            body["evidence"] = body.pop("evidence")  # evidence last, after the facts and notes
    return out


def _add(notes: dict[str, dict[str, list[str]]], measure: str, note: str, where: str) -> None:
    places = notes.setdefault(measure, {}).setdefault(note.rstrip("."), [])
    if where not in places:
        places.append(where)


def _yaml(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def as_yaml(doc: Document, hits: list[Hit], document_id: str, akn: str) -> str:
    fragment = draft_fragment(hits, document_id, {"title": doc.title or document_id, "akn": akn})
    out = io.StringIO()
    out.write(f"# Draft profile fragment from {doc.title or akn}: CONFIRM EACH FACT against\n"
              "# the cited text before using it; a passage flagged is not a finding.\n"
              f"# `akn: {akn}` is relative to the profile: keep the profile beside the XML\n"
              "# or correct the path. Each quote is the act's own words and is checked by\n"
              "# `gapcheck check`.\n")
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096  # a quote stays on one line, as in the act
    yaml.dump(fragment, out)
    return out.getvalue()


def as_json(doc: Document, hits: list[Hit], document_id: str, akn: str) -> str:
    return json.dumps({
        "document": doc.title, "akoma_ntoso": doc.version, "passages": len(doc.provisions),
        "hits": [{"eid": h.eid, "section": h.citation, "provision": h.label,
                  "requirement": h.pattern.requirement, "pattern": h.pattern.ident,
                  "confidence": h.pattern.confidence, "description": h.pattern.description,
                  "text": h.snippet, "quote": h.quote, "suggests": h.facts} for h in hits],
        "fragment": draft_fragment(hits, document_id, {"title": doc.title or document_id,
                                                       "akn": akn})},
        indent=2, ensure_ascii=False) + "\n"


def as_table(doc: Document, hits: list[Hit]) -> str:
    lines = []
    for h in hits:
        lines.append(f"{h.pattern.requirement}  {h.pattern.confidence:<6}  {h.citation}  [{h.eid}]")
        lines.append(f"    {h.pattern.description}")
        lines.append(f"    “{h.snippet}”")
    lines.append(f"{len(hits)} passages to confirm in {len(doc.provisions)} provisions "
                 "(not findings: a human must read each one)")
    return "\n".join(lines) + "\n"
