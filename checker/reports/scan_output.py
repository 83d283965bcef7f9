"""The output of `gapcheck akn scan`: the passages that look like known gaps, as
a table, as JSON, or as a draft profile fragment in YAML for a human to confirm."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command's help must not wait for lxml
    from ..akn.reader import Document
    from ..akn.scan import Hit

FORMATS = ("table", "yaml", "json")


def render(doc: Document, hits: list[Hit], document_id: str, fmt: str, source: str) -> str:
    from ..akn.scan import draft_fragment

    fragment = draft_fragment(hits, document_id)
    if fmt == "json":
        return json.dumps({"document": doc.title, "hits": [
            {"eid": h.eid, "provision": h.label, "requirement": h.pattern.requirement,
             "pattern": h.pattern.ident, "confidence": h.pattern.confidence, "text": h.snippet}
            for h in hits], "fragment": fragment}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        from ruamel.yaml import YAML

        out = io.StringIO()
        yaml = YAML()
        yaml.default_flow_style = False
        out.write(f"# Draft profile fragment from {doc.title or source}: CONFIRM EACH FACT against\n"
                  f"# the cited text before using it. Add the document `{document_id}` under documents.\n")
        yaml.dump(fragment, out)
        return out.getvalue()
    lines = []
    for h in hits:
        lines.append(f"{h.pattern.requirement}  {h.pattern.confidence:<6}  {h.eid}  {h.citation}  {h.label}")
        lines.append(f"    {h.pattern.description}")
        lines.append(f"    “{h.snippet}”")
    lines.append(f"{len(hits)} passages to confirm in {len(doc.provisions)} provisions "
                 "(not findings: a human must read each one)")
    return "\n".join(lines) + "\n"
