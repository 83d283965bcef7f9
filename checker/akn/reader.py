"""Read Akoma Ntoso 3.0 (and the older 2.0) acts, bills and amendments: FRBR
identifiers, dates, title and every element that carries an id (3.0 `eId`,
2.0 `id`), with its number path ("s. 24(1)(f)"), its own text and its whole
text.

Parsing is safe by construction: any DOCTYPE is refused before parsing (so no
DTD, no external entity and no entity expansion can happen), the parser loads
nothing from the network, and size and depth are bounded. Ids are checked
against a safe grammar before anything else sees them: an id that fails it is
listed in `Document.unsafe_ids`, never cited, printed or used as an anchor."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .text import clean

AKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN2 = "http://www.akomantoso.org/2.0"
MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 200
DOC_TYPES = ("act", "bill", "amendment", "amendmentList", "judgment", "doc", "statement",
             "documentCollection", "officialGazette", "debate", "debateReport", "portion")
# elements inside running text: their ids are citable, but they are not
# provisions of their own and their text belongs to the provision around them
INLINE = frozenset((
    "a", "abbr", "affectedDocument", "argument", "authorialNote", "b", "br", "change", "concept",
    "courtType", "date", "def", "del", "docAuthority", "docCommittee", "docDate", "docIntroducer",
    "docJurisdiction", "docNumber", "docProponent", "docPurpose", "docStage", "docStatus",
    "docTitle", "docType", "embeddedStructure", "entity", "eol", "eop", "event", "fillIn", "i",
    "img", "inline", "ins", "judge", "lawyer", "legislature", "lineNumber", "location", "marker",
    "mmod", "mod", "mref", "neutralCitation", "noteRef", "object", "omissis", "organization",
    "outcome", "party", "person", "placeholder", "popup", "process", "quantity", "quotedStructure",
    "quotedText", "recordedTime", "ref", "relatedDocument", "remod", "rmod", "role", "rref",
    "session", "shortTitle", "signature", "span", "sub", "sup", "term", "time", "u", "vote",
))
LABELS = frozenset(("num", "heading", "subheading"))
# the units a citation is built from ("s. 24"), and what a lawyer writes before them
UNIT_PREFIX = {"section": "s.", "article": "Art.", "rule": "r.", "regulation": "reg.",
               "paragraph": "para.", "clause": "cl."}  # hcontainer name="regulation" counts too
CONTAINER_PREFIX = {"part": "Part", "chapter": "Chapter", "title": "Title", "book": "Book",
                    "subchapter": "Subchapter", "division": "Division", "tome": "Tome"}
# dates that converters write when the real date is not known
PLACEHOLDER_DATES = frozenset(("1980-01-01", "1970-01-01", "1900-01-01", "0001-01-01",
                               "1000-01-01", "9999-12-31", "9999-01-01"))
# a safe id: what the AKN naming convention and real 2.0 files use, nothing that
# could mean something in HTML, Markdown, YAML or a terminal
ID_GRAMMAR = re.compile(r"[^\W][\w.:~-]{0,199}")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_OMITTED = re.compile(r"^[\s\[(]*(\*\s*){3,}[\s.)\]]*$|^[\s\[(]*(…|\.\s*\.\s*\.)[\s.)\]]*$")
_REPEALED = re.compile(r"^[\s\[(]*(rep\.(?=\s)|(repealed|omitted|deleted|spent|expired)\b)", re.I)


def safe_id(value: str) -> bool:
    return bool(ID_GRAMMAR.fullmatch(value))


@dataclass(frozen=True)
class FrbrDate:
    """A date from the FRBR identification; `date` is None when it is unknown
    (empty, a converter's placeholder, or not a date)."""

    level: str  # work, expression, manifestation
    name: str  # the FRBRdate's @name, as written
    written: str  # the @date as written
    date: str | None

    @property
    def known(self) -> bool:
        return self.date is not None

    def describe(self) -> str:
        what = f"{self.level} date" + (f" ({self.name})" if self.name else "")
        if self.known:
            return f"{what} {self.date}"
        why = "empty" if not self.written else (
            f"placeholder {self.written}" if self.written in PLACEHOLDER_DATES
            else f"not a date: {self.written!r}")
        return f"{what} unknown ({why})"


@dataclass
class Provision:
    """One element that carries an id."""

    eid: str  # the id as written (AKN 3.0 eId, 2.0 id)
    kind: str  # element name: section, subsection, item, blockList, ...
    num: str
    heading: str
    text: str  # its own text: without its num, heading and sub-provisions
    depth: int
    parent: str | None  # the id of the nearest provision above it
    line: int | None = None
    full_text: str = ""  # everything inside it, nums and headings too: what a quote is checked against
    path: str = ""  # its number path, e.g. "s. 24(1)(f)"
    role: str = "block"  # block (a provision), inline (inside running text) or meta
    status: str | None = None  # "repealed" or "omitted" when the law no longer has it
    occurrence: int = 1  # 1, 2, ... when the same id is used more than once
    duplicated: bool = False
    anchor: str = ""  # a unique, safe anchor for the act page
    index: int = 0  # position in document order
    parent_index: int | None = None
    section: str | None = None  # id of the unit (section, article ...) it belongs to
    component: str = ""  # title of the schedule or annex it belongs to, if any
    mark: str | None = None  # its own text is only "***" or "Rep. by ..."

    @property
    def label(self) -> str:
        return " ".join(x for x in (self.kind.capitalize(), self.num, self.heading) if x)

    @property
    def cite_id(self) -> str:
        """The id a profile writes to cite this element: `id`, or `id@2` for the
        second of two elements that share an id."""
        return f"{self.eid}@{self.occurrence}" if self.duplicated else self.eid


@dataclass
class Document:
    path: Path
    version: str  # "3.0" or "2.0"
    doc_type: str  # act, bill, ...
    name: str | None  # @name of the document element
    work: str | None  # FRBRWork/FRBRthis
    work_uri: str | None
    expression: str | None
    frbr_dates: list[FrbrDate]
    title: str | None
    provisions: list[Provision] = field(default_factory=list)  # block elements, in order
    elements: list[Provision] = field(default_factory=list)  # every element with a safe id
    unsafe_ids: list[tuple[int | None, str]] = field(default_factory=list)  # (line, repr)
    text: str = ""  # all the text outside the metadata
    _by_id: tuple[int, dict[str, list[Provision]]] | None = field(default=None, repr=False)
    _children: tuple[int, dict[int, list[Provision]]] | None = field(default=None, repr=False)

    @property
    def dates(self) -> list[tuple[str, str]]:
        """The known dates only, as (name, date): a placeholder is not a fact."""
        return [(d.name, d.date) for d in self.frbr_dates if d.date and d.level != "manifestation"]

    def by_eid(self) -> dict[str, Provision]:
        """Each id's first element (use checker.akn.cite to cite: it refuses an
        id used twice)."""
        out: dict[str, Provision] = {}
        for p in self.elements:
            out.setdefault(p.eid, p)
        return out

    def by_id(self) -> dict[str, list[Provision]]:
        """Each id's elements, in document order (built once: a document does not
        change after it is read)."""
        if self._by_id is None or self._by_id[0] != len(self.elements):
            out: dict[str, list[Provision]] = {}
            for p in self.elements:
                out.setdefault(p.eid, []).append(p)
            self._by_id = (len(self.elements), out)
        return self._by_id[1]

    def children(self, prov: Provision) -> list[Provision]:
        """The provisions directly under a provision, in document order."""
        if self._children is None or self._children[0] != len(self.elements):
            out: dict[int, list[Provision]] = {}
            for p in self.provisions:
                if p.parent_index is not None:
                    out.setdefault(p.parent_index, []).append(p)
            self._children = (len(self.elements), out)
        return self._children[1].get(prov.index, [])

    def parent_of(self, prov: Provision) -> Provision | None:
        return self.elements[prov.parent_index] if prov.parent_index is not None else None

    def ancestors(self, prov: Provision) -> list[Provision]:
        """Nearest first."""
        out = []
        while (prov := self.parent_of(prov)) is not None:
            out.append(prov)
        return out

    def within(self, outer: Provision, inner: Provision) -> bool:
        """Whether inner is outer or lies inside it."""
        while inner is not None:
            if inner is outer:
                return True
            inner = self.parent_of(inner)
        return False

    def full_text(self) -> str:
        """All the text of the act outside its metadata (with or without ids)."""
        return self.text


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


def _pieces(el: etree._Element, out: list[str], skip=None) -> None:  # noqa: ANN001
    """The text of an element in document order; block elements are separated
    by a space, inline ones are not (so that <b>sub</b>section stays one word)."""
    block = _local(el) not in INLINE
    if not block:
        skip = None  # what an inline element holds (a quoted structure) is its text
    if block:
        out.append(" ")
    if el.text:
        out.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and not (skip and skip(child)):
            _pieces(child, out, skip)
        elif isinstance(child.tag, str) and _local(child) in ("br", "eol"):
            out.append(" ")
        if child.tail:
            out.append(child.tail)
    if block:
        out.append(" ")


def _text(el: etree._Element | None, skip=None) -> str:  # noqa: ANN001
    """The text of an element, with a space between the texts of its parts, so that
    <p>One.</p><p>Two</p> reads "One. Two" and not "One.Two"."""
    if el is None:
        return ""
    out: list[str] = []
    _pieces(el, out, skip)
    return clean("".join(out))


def _check_depth(root: etree._Element, path: Path) -> None:
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _fail(path, f"the XML is nested more than {MAX_DEPTH} levels deep",
                        el.sourceline)
        stack.extend((child, depth + 1) for child in el)


def _date(written: str) -> str | None:
    if not written or written in PLACEHOLDER_DATES:
        return None
    try:
        return dt.date.fromisoformat(written[:10]).isoformat()
    except ValueError:
        return None


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
    ident = doc_el.find("a:meta/a:identification", q)
    parts = {level: ident.find(f"a:FRBR{level.capitalize()}", q) if ident is not None else None
             for level in ("work", "expression", "manifestation")}

    def attr(el: etree._Element | None, child: str, name: str = "value") -> str | None:
        found = el.find(f"a:{child}", q) if el is not None else None
        value = found.get(name) if found is not None else None
        return value or None

    dates = [FrbrDate(level, d.get("name") or "", d.get("date") or "", _date(d.get("date") or ""))
             for level, part in parts.items() if part is not None
             for d in part.findall("a:FRBRdate", q)]
    title_el = doc_el.find(".//a:preface//a:docTitle", q)
    if title_el is None:
        title_el = doc_el.find(".//a:docTitle", q)
    if title_el is None:
        title_el = doc_el.find(".//a:preface//a:shortTitle", q)
    title = _text(title_el) or attr(parts["work"], "FRBRalias") or None
    doc = Document(path, version, _local(doc_el), doc_el.get("name"), attr(parts["work"], "FRBRthis"),
                   attr(parts["work"], "FRBRuri"), attr(parts["expression"], "FRBRthis"), dates, title)
    _Walker(doc, version).walk(root)
    doc.text = _text(root, skip=lambda c: _local(c) == "meta")
    _finish(doc)
    return doc


def _id_of(el: etree._Element, version: str) -> str | None:
    # AKN 3.0 names elements by eId; 2.0 used id (and some collections keep both)
    return el.get("eId") or el.get("id") or (el.get("GUID") if version == "2.0" else None)


class _Walker:
    """Collects every element with an id, in document order, with its place."""

    def __init__(self, doc: Document, version: str):
        self.doc = doc
        self.version = version

    def is_provision(self, el: etree._Element) -> bool:
        ident = _id_of(el, self.version)
        return bool(ident) and _local(el) not in INLINE and safe_id(ident)

    def walk(self, root: etree._Element) -> None:
        stack: list[tuple[etree._Element, int | None, bool, bool, str]] = [
            (root, None, False, False, "")]
        while stack:
            el, parent, in_meta, inline, component = stack.pop()
            name = _local(el)
            if not name:
                continue
            in_meta = in_meta or name == "meta"
            inline = inline or name in INLINE
            if name in ("component", "attachment") or (not component and name == "hcontainer" and
                                                        el.get("name") in ("schedule", "annex",
                                                                           "annexure", "appendix")):
                component = _component_title(el) or component
            ident = _id_of(el, self.version)
            here = parent
            if ident:
                if not safe_id(ident):
                    self.doc.unsafe_ids.append((el.sourceline, repr(ident[:80])))
                else:
                    here = self.add(el, ident, parent, in_meta, inline, component)
            stack.extend((child, here, in_meta, inline, component) for child in reversed(el))

    def add(self, el: etree._Element, ident: str, parent: int | None, in_meta: bool,
            inline: bool, component: str) -> int:
        name = _local(el)
        role = "meta" if in_meta else ("inline" if inline else "block")
        ns = _ns(el)
        num = heading = ""
        own = full = ""
        if role == "block":
            label = {c: _text(el.find(f"{{{ns}}}{c}")) for c in ("num", "heading")}
            num, heading = label["num"], label["heading"]
            own = _text(el, skip=lambda c: (c.getparent() is el and _local(c) in LABELS)
                        or self.is_provision(c))
            if num and own.startswith(num):  # a num written inside the text (2.0 items)
                own = own[len(num):].strip()
            full = _text(el)
        elif role == "inline":
            full = own = _text(el)
        else:
            full = own = clean(el.get("showAs") or "")
        parents = self.doc.elements
        depth = 0
        p = parents[parent] if parent is not None else None
        if p is not None:
            depth = p.depth + (1 if role == "block" else 0)
        kind = name
        if name == "hcontainer" and el.get("name") in {*UNIT_PREFIX, *CONTAINER_PREFIX}:
            kind = el.get("name")  # <hcontainer name="regulation">: a regulation
        prov = Provision(ident, kind, num, heading, own, depth, p.eid if p else None,
                         el.sourceline, full, role=role, index=len(parents), parent_index=parent,
                         component=component)
        if role == "block":
            prov.status, prov.mark = _explicit_status(el), _mark(own)
        parents.append(prov)
        return prov.index


def _component_title(el: etree._Element) -> str:
    """The title of a schedule or annex: its heading, its document title or alias,
    or its name."""
    for child in el.iter():
        name = _local(child)
        if name in ("heading", "docTitle"):
            return _title_case(_text(child))
        if name == "FRBRalias" and child.get("value"):
            return _title_case(clean(child.get("value")))
    return _title_case((el.get("name") or "").replace("_", " ").strip())


def _title_case(text: str) -> str:
    return text.title() if text.isupper() else text


def _explicit_status(el: etree._Element) -> str | None:
    status = (el.get("status") or "").lower()
    if status in ("repealed", "removed", "omitted", "temporarilyremoved"):
        return "repealed" if status == "repealed" else "omitted"
    return None


def _mark(own: str) -> str | None:
    """Own text that is only an omission mark (***) or a repeal note ("Rep. by ...")."""
    if own and _OMITTED.match(own):
        return "omitted"
    if own and _REPEALED.match(own):
        return "omitted" if re.match(r"^[\s\[(]*(omitted|deleted)", own, re.I) else "repealed"
    return None


def _finish(doc: Document) -> None:
    """Number paths, duplicate ids, anchors, the provisions list, and the status
    of a provision whose every part is repealed or omitted."""
    seen: dict[str, int] = {}
    for p in doc.elements:
        seen[p.eid] = seen.get(p.eid, 0) + 1
        p.occurrence = seen[p.eid]
    taken = set(seen)
    for p in doc.elements:
        p.duplicated = seen[p.eid] > 1
        if p.occurrence == 1:
            p.anchor = p.eid
        else:
            anchor = f"{p.eid}--{p.occurrence}"
            while anchor in taken:
                anchor += "-"
            taken.add(anchor)
            p.anchor = anchor
    children: dict[int, list[Provision]] = {}
    for p in doc.elements:
        if p.parent_index is not None and p.role == "block":
            children.setdefault(p.parent_index, []).append(p)
    for p in reversed(doc.elements):  # innermost first
        kids = children.get(p.index, [])
        if p.role != "block" or p.status:
            continue
        if not kids:
            p.status = p.mark
        elif all(k.status for k in kids) and (not p.text or p.mark):
            # a section whose only paragraph says "Rep. by ..." is repealed itself; a
            # list opening with "***" whose items are in force is not
            p.status = "repealed" if all(k.status == "repealed" for k in kids) else "omitted"
    for p in doc.elements:
        if p.role != "block":
            block = doc.parent_of(p)
            while block is not None and block.role != "block":
                block = doc.parent_of(block)
            p.anchor = block.anchor if block is not None else ""
            p.path = block.path if block is not None else ""
            continue
        chain = [*reversed(doc.ancestors(p)), p]
        chain = [c for c in chain if c.role == "block"]
        p.path = _path(chain, p.component)
        unit = next((c for c in chain if c.kind in UNIT_PREFIX), None)
        p.section = unit.eid if unit is not None else None
    doc.provisions = [p for p in doc.elements if p.role == "block"]


def _bare(num: str) -> str:
    return num.strip().rstrip(".:—–-").strip()


def _path(chain: list[Provision], component: str) -> str:
    """The number path of the last element of the chain: "s. 24(1)(f)", "Art. 5(2)",
    "Chapter IV", "The Schedule (a)"."""
    start = next((i for i, c in enumerate(chain) if c.kind in UNIT_PREFIX and c.num), None)
    if start is None:
        numbered = [c for c in chain if c.num and c.kind in CONTAINER_PREFIX]
        inner = [c for c in chain if c.num and c.kind not in CONTAINER_PREFIX]
        if inner:
            text = "".join(_sub(c.num) for c in inner).strip()
        elif numbered:
            last = numbered[-1]
            text = _labelled(CONTAINER_PREFIX[last.kind], last.num)
        else:
            text = ""
    else:
        unit = chain[start]
        text = _labelled(UNIT_PREFIX[unit.kind], unit.num)
        text += "".join(_sub(c.num) for c in chain[start + 1:] if c.num)
    if component:
        return f"{component}{' ' if text.startswith('(') else ', '}{text}" if text else component
    return text


def _labelled(prefix: str, num: str) -> str:
    bare = _bare(num)
    if re.match(r"^[A-Za-z]+\.?\s+\S", bare):  # the num already says "Part 1", "Section 3"
        return bare
    return f"{prefix} {bare}"


def _sub(num: str) -> str:
    bare = _bare(num)
    if re.fullmatch(r"\(.*\)", bare):
        return bare
    if re.fullmatch(r"[\w.]+", bare):
        return f"({bare})"
    return f" {bare}"


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
