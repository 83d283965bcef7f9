"""The output of `gapcheck akn scan`: the passages that look like known gaps, as
a table, as JSON, or as a draft profile fragment in YAML for a human to confirm.
The drafts themselves are built by the Akoma Ntoso wing (`checker.akn.draft`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command's help must not wait for lxml
    from ..akn.reader import Document
    from ..akn.scan import Hit

FORMATS = ("table", "yaml", "json")


def render(doc: Document, hits: list[Hit], document_id: str, fmt: str, source: str) -> str:
    from ..akn import draft

    if fmt == "json":
        return draft.as_json(doc, hits, document_id, source)
    if fmt == "yaml":
        return draft.as_yaml(doc, hits, document_id, source)
    return draft.as_table(doc, hits)
