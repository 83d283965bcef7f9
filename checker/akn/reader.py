"""Read Akoma Ntoso 3.0 (and the older 2.0) acts, bills and amendments: FRBR
identifiers, dates, title and the hierarchy of provisions with their eIds.

Parsing is safe by construction: any DOCTYPE is refused before parsing (so no
DTD, no external entity and no entity expansion can happen), the parser loads
nothing from the network, and size and depth are bounded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import InputError

AKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN2 = "http://www.akomantoso.org/2.0"
MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 200
DOC_TYPES = ("act", "bill", "amendment", "amendmentList", "judgment", "doc", "statement",
             "documentCollection", "officialGazette", "debate", "debateReport", "portion")
# the hierarchy of provisions, outermost first; text-bearing leaves are listed too
HIER = ("book", "part", "title", "chapter", "subchapter", "division", "subdivision", "section",
        "subsection", "article", "paragraph", "subparagraph", "clause", "subclause", "point",
        "list", "indent", "alinea", "rule", "subrule", "proviso", "level", "hcontainer", "tome",
        "transitional")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)


@dataclass(frozen=True)
class Provision:
    eid: str
    kind: str  # element name: section, subsection, ...
    num: str
    heading: str
    text: str  # the provision's own text, without its sub-provisions
    depth: int
    parent: str | None

    @property
    def label(self) -> str:
        return " ".join(x for x in (self.kind.capitalize(), self.num, self.heading) if x)


@dataclass
class Document:
    path: Path
    version: str  # "3.0" or "2.0"
    doc_type: str  # act, bill, ...
    name: str | None  # @name of the document element
    work: str | None  # FRBRWork/FRBRthis
    work_uri: str | None
    expression: str | None
    dates: list[tuple[str, str]]  # (name, date) from the FRBR dates
    title: str | None
    provisions: list[Provision] = field(default_factory=list)

    def by_eid(self) -> dict[str, Provision]:
        return {p.eid: p for p in self.provisions}


def _fail(path: Path, message: str, line: int | None = None, hint: str | None = None) -> InputError:
    return InputError.at(path, line, message, hint)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True, collect_ids=False)


def parse_bytes(data: bytes, path: Path) -> etree._Element:
    if len(data) > MAX_BYTES:
        raise _fail(path, f"the file is larger than {MAX_BYTES // 1024 // 1024} MB")
    if _DOCTYPE.search(data):
        line = data[: _DOCTYPE.search(data).start()].count(b"\n") + 1
        raise _fail(path, "the XML declares a DOCTYPE or entities, which gapcheck refuses "
                    "(no DTDs, no external or expanding entities)", line,
                    "Akoma Ntoso documents need no DOCTYPE: remove it")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        if "depth" in (exc.msg or "").lower():
            raise _fail(path, "the XML is nested more than 256 levels deep",
                        exc.lineno) from None
        raise _fail(path, f"not well-formed XML: {exc.msg}", exc.lineno) from None
    if root is None:
        raise _fail(path, "the file holds no XML element")
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        # a DOCTYPE in an encoding the byte scan cannot see (UTF-16): parsed without
        # resolving anything, and refused all the same
        raise _fail(path, "the XML declares a DOCTYPE or entities, which gapcheck refuses "
                    "(no DTDs, no external or expanding entities)", 1,
                    "Akoma Ntoso documents need no DOCTYPE: remove it")
    return root


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _ns(el: etree._Element) -> str:
    return etree.QName(el).namespace or "" if isinstance(el.tag, str) else ""


def _text(el: etree._Element | None) -> str:
    """The text of an element, with a space between the texts of its parts, so that
    <p>One.</p><p>Two</p> reads "One. Two" and not "One.Two"."""
    if el is None:
        return ""
    text = re.sub(r"\s+", " ", " ".join(el.itertext())).strip()
    return re.sub(r"\s+([.,;:)])", r"\1", text)


def _check_depth(root: etree._Element, path: Path) -> None:
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _fail(path, f"the XML is nested more than {MAX_DEPTH} levels deep",
                        el.sourceline)
        stack.extend((child, depth + 1) for child in el)


def read(path: str | Path) -> Document:
    """Read one Akoma Ntoso file; anything else is refused with a clear error."""
    path = Path(path)
    if not path.is_file():
        raise _fail(path, "no such file" if not path.exists() else "this is not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"cannot read the file: {exc.strerror}") from None
    root = parse_bytes(data, path)
    _check_depth(root, path)
    ns = _ns(root)
    if _local(root) != "akomaNtoso" or not (ns in (AKN3, AKN2) or ns.startswith(AKN3 + "/")):
        found = f"<{_local(root)}>" + (f" in namespace {ns}" if ns else " without a namespace")
        raise _fail(path, f"not an Akoma Ntoso document: the root element is {found}",
                    root.sourceline,
                    f"expected <akomaNtoso> in {AKN3} (or the older {AKN2})")
    version = "2.0" if ns == AKN2 else "3.0"
    doc_el = next((c for c in root if _local(c) in DOC_TYPES), None)
    if doc_el is None:
        raise _fail(path, "the <akomaNtoso> element holds no document (act, bill, ...)",
                    root.sourceline)
    q = {"a": ns}
    work = doc_el.find("a:meta/a:identification/a:FRBRWork", q)
    expr = doc_el.find("a:meta/a:identification/a:FRBRExpression", q)

    def attr(el: etree._Element | None, child: str, name: str = "value") -> str | None:
        found = el.find(f"a:{child}", q) if el is not None else None
        value = found.get(name) if found is not None else None
        return value or None

    dates = []
    for part in (work, expr):
        if part is None:
            continue
        for d in part.findall("a:FRBRdate", q):
            if d.get("date"):
                dates.append((d.get("name") or "", d.get("date")))
    title_el = doc_el.find(".//a:preface//a:docTitle", q)
    if title_el is None:
        title_el = doc_el.find(".//a:docTitle", q)
    title = _text(title_el) or attr(work, "FRBRalias") or None
    doc = Document(path, version, _local(doc_el), doc_el.get("name"), attr(work, "FRBRthis"),
                   attr(work, "FRBRuri"), attr(expr, "FRBRthis"), dates, title)
    body = next((c for c in doc_el if _local(c) in ("body", "mainBody", "amendmentBody",
                                                    "collectionBody", "portionBody")), None)
    if body is not None:
        _walk(body, doc, 0, None, version)
    return doc


def _eid(el: etree._Element, version: str) -> str | None:
    # AKN 3.0 names provisions by eId; 2.0 used id (and some collections keep both)
    return el.get("eId") or el.get("id") or (el.get("GUID") if version == "2.0" else None)


def _walk(el: etree._Element, doc: Document, depth: int, parent: str | None, version: str) -> None:
    for child in el:
        name = _local(child)
        if name in HIER:
            eid = _eid(child, version)
            num = _text(child.find(f"{{{_ns(child)}}}num"))
            heading = _text(child.find(f"{{{_ns(child)}}}heading"))
            own = []
            for part in child:
                if _local(part) in ("content", "intro", "wrapUp", "chapeau", "subheading"):
                    own.append(_text(part))
            if eid:
                doc.provisions.append(Provision(eid, name, num, heading,
                                                " ".join(t for t in own if t), depth, parent))
            _walk(child, doc, depth + 1, eid or parent, version)
        elif name not in ("num", "heading", "content", "intro", "wrapUp", "subheading"):
            _walk(child, doc, depth, parent, version)


@lru_cache(maxsize=64)
def read_cached(path: Path, mtime: float) -> Document:  # noqa: ARG001 - mtime keys the cache
    return read(path)


def load(path: Path) -> Document:
    """Read once per process (per file version)."""
    path = path.resolve()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return read(path)
    return read_cached(path, mtime)
