"""`gapcheck publish`: render the gap-report pages and build the static
MkDocs-Material site.

The hand-written project in site/ is copied to a scratch folder, generated
Markdown pages and downloads are added, and `mkdocs build --strict` writes the
site to a scratch output that replaces --out only when the build succeeded.
SOURCE_DATE_EPOCH is pinned to the newest profile date, so the same input
builds the same bytes."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml as pyyaml  # ships with mkdocs; used only to write mkdocs.yml
from rdflib import RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.namespace import OWL, SH

from . import kb, paths
from . import requirements as reqmod
from .collection import Collection
from .errors import InputError
from .namespaces import GC, GCC, bind_all
from .render import csvout, data
from .render import turtle as turtle_render
from .render.markdown import environment
from .validate import GAP, MET, NOT_APPLICABLE, NOT_ASSESSED, engine

SITE_MARKER = ".gapcheck-site"
STATUS_CLASS = {GAP: "gc-gap", MET: "gc-met", NOT_ASSESSED: "gc-nas", NOT_APPLICABLE: "gc-na"}
STATUS_SHORT = {GAP: "✗ gap", MET: "✓ met", NOT_ASSESSED: "? n/a", NOT_APPLICABLE: "– n/app"}


def slug_of(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def provision_anchor(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


class Site:
    """Writes the Markdown sources of the site into a docs folder."""

    def __init__(self, coll: Collection, docs: Path):
        self.coll = coll
        self.docs = docs
        self.kb = kb.load().graph
        self.cat = reqmod.load()
        self.env = environment()
        self.pages: dict[str, list[tuple[str, str]]] = {}  # nav section -> (title, path)
        self.acts: dict[str, str] = {}  # document IRI -> page of its Akoma Ntoso text

    # --- helpers ----------------------------------------------------------------

    def write(self, rel: str, text: str) -> None:
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def render(self, template: str, rel: str, **kw: Any) -> None:
        depth = rel.count("/")
        up = "../" * depth
        kw.setdefault("links", self.links(up))
        self.write(rel, self.env.get_template(f"site/{template}").render(
            up=up, STATUS_CLASS=STATUS_CLASS, STATUS_SHORT=STATUS_SHORT, **kw))

    def links(self, up: str) -> dict[str, Any]:
        def evidence(e) -> str | None:  # noqa: ANN001
            page = self.acts.get(e.document_iri or "")
            return f"{up}{page}#{e.eid}" if page and e.eid else (f"{up}{page}" if page else None)

        return {
            "evidence": evidence,
            "provision": lambda s: (f"{up}standards/{slug_of(s.instrument)}.md"
                                    f"#{provision_anchor(s.provision)}"),
            "requirement": lambda ident: f"{up}requirements/{ident}.md",
            "profile": lambda pid: f"{up}profiles/{pid}.md",
        }

    def add_nav(self, section: str, title: str, rel: str) -> None:
        # MkDocs puts nav titles into <title> through striptags, which unescapes
        # entities: keep markup characters of what authors wrote out of nav titles
        self.pages.setdefault(section, []).append((re.sub(r"[<>&\"'`]", "", title), rel))

    # --- pages --------------------------------------------------------------------

    def build(self) -> None:
        self.act_pages()
        self.instruments()
        self.requirements()
        self.profiles()
        self.bills()
        self.matrix()
        self.regions()
        self.ontology()
        self.downloads()
        self.home()

    def instruments(self) -> None:
        g = self.kb
        rows = []
        for inst in sorted(g.subjects(RDF.type, GC.Instrument), key=lambda i: str(
                g.value(i, GC.shortName))):
            slug = slug_of(inst)
            provisions = []
            for prov in sorted(g.subjects(GC.inInstrument, inst),
                               key=lambda p: (int(g.value(p, GC.order) or 0), str(p))):
                feeds = sorted((int(g.value(r, GC.order) or 0), slug_of(r))
                               for r in g.subjects(GC.derivesFrom, prov))
                provisions.append({
                    "anchor": provision_anchor(prov), "citation": str(g.value(prov, GC.citation)),
                    "paraphrase": str(g.value(prov, GC.paraphrase) or ""),
                    "status": str(g.value(prov, GC.checkingStatus)).rsplit("#", 1)[-1],
                    "note": str(g.value(prov, GC.checkingNote) or ""),
                    "url": str(g.value(prov, _DCT_SOURCE) or g.value(inst, _DCT_SOURCE) or ""),
                    "requirements": [ident for _, ident in feeds]})
            info = {
                "slug": slug, "short": str(g.value(inst, GC.shortName)),
                "title": str(g.value(inst, RDFS.label)),
                "definition": str(g.value(inst, SKOS.definition) or ""),
                "kind": str(g.value(g.value(inst, GC.instrumentKind), SKOS.prefLabel)),
                "binding": g.value(inst, GC.bindingness) == GCC.binding,
                "adopted": str(g.value(inst, GC.adopted) or ""),
                "in_force": str(g.value(inst, GC.entryIntoForce) or ""),
                "note": str(g.value(inst, GC.adoptionNote) or ""),
                "url": str(g.value(inst, _DCT_SOURCE) or ""),
                "parties": [(pid, r.profile.binding(slug)) for pid, r in self.coll.reports.items()
                            if r.profile.binding(slug) is not None],
                "rules": [(title, self.time_rule(g.value(inst, prop))) for title, prop in (
                    ("Entry into force for a state bound later", GC.entryIntoForceRule),
                    ("When a denunciation takes effect", GC.denunciationRule))
                    if g.value(inst, prop) is not None],
                "amendments": [{"title": str(g.value(a, RDFS.label)),
                                "adopted": str(g.value(a, GC.adopted) or ""),
                                "in_force": str(g.value(a, GC.entryIntoForce) or ""),
                                "status": str(g.value(a, GC.checkingStatus)).rsplit("#", 1)[-1],
                                "note": str(g.value(a, GC.checkingNote) or "")}
                               for a in sorted(g.objects(inst, GC.amendedBy), key=str)],
                "provisions": provisions}
            rows.append(info)
            self.render("instrument.md.j2", f"standards/{slug}.md", i=info)
            self.add_nav("Standards", info["short"], f"standards/{slug}.md")
        self.render("instruments.md.j2", "standards/index.md", instruments=rows)

    def time_rule(self, node) -> dict:  # noqa: ANN001
        g = self.kb
        prov = g.value(node, GC.ruleProvision)
        return {"text": str(g.value(node, GC.ruleText) or ""),
                "provision": str(g.value(prov, GC.citation)) if prov is not None else "",
                "anchor": provision_anchor(prov) if prov is not None else "",
                "status": str(g.value(node, GC.checkingStatus)).rsplit("#", 1)[-1],
                "note": str(g.value(node, GC.checkingNote) or "")}

    def act_pages(self) -> None:
        """A page per national document with an Akoma Ntoso file: evidence links to it."""
        from .akn import reader
        from .citations import akn_path, cited_eids
        from .namespaces import GCP

        for pid, report in [*self.coll.reports.items(),
                            *((b, c.amended) for b, c in self.coll.bills.items())]:
            g = report.graph
            source = self.coll.sources.get(pid)
            profile_node = URIRef(f"https://w3id.org/gapcheck/profile/{pid}")
            cited = cited_eids(g)
            for doc in sorted(g.objects(profile_node, GCP.document), key=str):
                akn = g.value(doc, GCP.aknFile)
                owner = str(doc).split("/profile/", 1)[1].split("/document/", 1)[0]
                if akn is None or str(doc) in self.acts or owner != pid:
                    continue
                document = reader.load(akn_path(source, str(akn)))
                doc_id = str(doc).rsplit("/", 1)[-1]
                rel = f"acts/{pid}/{doc_id}.md"
                self.acts[str(doc)] = rel
                self.render("act.md.j2", rel, d=document, doc_id=doc_id, pid=pid,
                            doc_title=str(g.value(doc, RDFS.label) or doc_id),
                            profile_title=report.profile.title, cited=cited.get(doc, set()),
                            page_of_profile=(f"../../bills/{pid}.md" if pid in self.coll.bills
                                             else f"../../profiles/{pid}.md"))
                self.add_nav("Acts", f"{pid}: {document.title or doc_id}", rel)

    def requirements(self) -> None:
        by_area: dict[str, list] = {}
        for ident, req in self.cat.requirements.items():
            by_area.setdefault(req.area, []).append(req)
            statuses = [(pid, r.profile, r.finding(ident)) for pid, r in self.coll.reports.items()]
            self.render("requirement.md.j2", f"requirements/{ident}.md", r=req,
                        shapes=self.shape_turtle(ident), statuses=statuses,
                        facts=self.fact_keys(ident), parts=self.cat.parts(ident))
            self.add_nav("Requirements", f"{ident} {req.title}", f"requirements/{ident}.md")
        self.render("requirements.md.j2", "requirements/index.md", areas=self.cat.areas,
                    by_area=by_area)

    def fact_keys(self, ident: str) -> list[str]:
        """The facts a requirement reads, as the YAML keys a profile author writes."""
        from . import schema as schemamod

        sch = schemamod.load()
        out = []
        for fp in engine().catalogue.fact_paths.get(ident, ()):
            m, f = sch.measure_by_prop.get(fp.measure_prop), sch.by_prop.get(fp.fact_prop)
            if m and f:
                out.append(f"{m.key}.{f.key}")
        return out

    def shape_turtle(self, ident: str) -> str:
        """The shapes of one requirement, with everything they nest, as Turtle."""
        shapes = self.cat.shapes_graph
        out = Graph()
        bind_all(out)
        out.bind("sh", SH)
        todo = [s for s, info in self.cat.shape_info.items()
                if info.requirement == ident and info.node_shape == s]
        seen: set = set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in shapes.predicate_objects(node):
                out.add((node, p, o))
                if isinstance(o, BNode):
                    todo.append(o)
        return out.serialize(format="turtle").strip()

    def profiles(self) -> None:
        for pid, report in self.coll.reports.items():
            self.render("profile.md.j2", f"profiles/{pid}.md", r=report, pid=pid)
            self.add_nav("Gap reports", report.profile.title, f"profiles/{pid}.md")
        self.render("profiles.md.j2", "profiles/index.md", reports=self.coll.reports,
                    bills=self.coll.bills)

    def bills(self) -> None:
        for bid, comp in self.coll.bills.items():
            self.render("bill.md.j2", f"bills/{bid}.md", c=comp, bid=bid)
            self.add_nav("Bills", comp.amended.profile.title, f"bills/{bid}.md")
        if self.coll.bills:
            self.render("bills.md.j2", "bills/index.md", bills=self.coll.bills)

    def matrix(self) -> None:
        from .render.markdown import SYMBOL, md

        links = self.links("")
        tables: dict[str, list[str]] = {}
        for code in self.cat.areas:
            head = "| Requirement | " + " | ".join(
                f"[{md(r.profile.state_code or pid)}]({links['profile'](pid)})"
                for pid, r in self.coll.reports.items()) + " |"
            lines = [head, "| --- |" + " :-: |" * len(self.coll.reports)]
            for ident, req in self.cat.requirements.items():
                if req.area != code:
                    continue
                cells = []
                for r in self.coll.reports.values():
                    f = r.finding(ident)
                    tip = f.status + (f" ({f.severity})" if f.severity else "")
                    cells.append(f'<span class="{STATUS_CLASS[f.status]}" title="{tip}">'
                                 f"{SYMBOL[f.status].split()[0]}</span>")
                lines.append(f"| [{ident}]({links['requirement'](ident)}) {md(req.title)} | "
                             + " | ".join(cells) + " |")
            tables[code] = lines
        self.render("matrix.md.j2", "matrix.md", areas=self.cat.areas, tables=tables)

    def regions(self) -> None:
        rollups = self.coll.rollups()
        for roll in rollups:
            self.render("region.md.j2", f"regions/{roll.group}.md", g=roll,
                        reports=self.coll.reports, reqs=self.cat.requirements)
            self.add_nav("Regions", roll.label, f"regions/{roll.group}.md")
        if rollups:
            self.render("regions.md.j2", "regions/index.md", rollups=rollups)

    def ontology(self) -> None:
        g = self.kb
        base = kb.load()
        modules = []
        for path in paths.turtle_files(paths.ONTOLOGY):
            # the module's own terms, from the graph parsed once, by the file they came from
            part = Graph()
            for subject, source in base.source_of.items():
                if source == path:
                    for pred, obj in g.predicate_objects(subject):
                        part.add((subject, pred, obj))
            onto = next(part.subjects(RDF.type, OWL.Ontology), None)
            terms = []
            for kind, label in ((OWL.Class, "class"), (OWL.ObjectProperty, "property"),
                                (OWL.DatatypeProperty, "property")):
                for t in sorted(part.subjects(RDF.type, kind), key=str):
                    terms.append({"iri": str(t), "name": str(t).rsplit("#", 1)[-1], "kind": label,
                                  "label": str(part.value(t, RDFS.label) or ""),
                                  "definition": str(part.value(t, SKOS.definition) or ""),
                                  "key": str(part.value(t, _GCP_KEY) or ""),
                                  "range": str(part.value(t, RDFS.range) or "").rsplit("#", 1)[-1]})
            schemes = []
            for sch in sorted(part.subjects(RDF.type, SKOS.ConceptScheme), key=str):
                concepts = [{"iri": str(c), "notation": str(g.value(c, SKOS.notation) or ""),
                             "label": str(g.value(c, SKOS.prefLabel) or ""),
                             "definition": str(g.value(c, SKOS.definition) or "")}
                            for c in sorted(g.subjects(SKOS.inScheme, sch), key=str)]
                schemes.append({"iri": str(sch), "label": str(part.value(sch, SKOS.prefLabel)),
                                "definition": str(part.value(sch, SKOS.definition) or ""),
                                "concepts": concepts})
            modules.append({"file": path.name, "iri": str(onto or ""),
                            "label": str(part.value(onto, RDFS.label) or path.name),
                            "version": str(part.value(onto, OWL.versionInfo) or ""),
                            "terms": terms, "schemes": schemes})
        self.render("ontology.md.j2", "reference/ontology.md", modules=modules)

    def downloads(self) -> None:
        dl = self.docs / "downloads"
        dl.mkdir(parents=True, exist_ok=True)
        graph = Graph()
        bind_all(graph)
        graph += self.kb  # parsed once already: the knowledge base and the shapes
        graph += self.cat.shapes_graph
        graph = stable_bnodes(graph)  # the same knowledge base, the same bytes
        (dl / "knowledge-base.ttl").write_text(graph.serialize(format="turtle"), encoding="utf-8")
        (dl / "knowledge-base.jsonld").write_text(stable_jsonld(graph), encoding="utf-8")
        shutil.copy(paths.ONTOLOGY / "profile-context.jsonld", dl / "profile-context.jsonld")
        rows = []
        files = []
        for pid, report in self.coll.reports.items():
            (dl / f"{pid}.json").write_text(data.to_json(report), encoding="utf-8")
            (dl / f"{pid}.csv").write_text(csvout.render(report), encoding="utf-8")
            (dl / f"{pid}.ttl").write_text(turtle_render.render(report), encoding="utf-8")
            rows += csvout.rows(report)
            files.append((pid, report.profile.title))
        for bid, comp in self.coll.bills.items():
            (dl / f"{bid}.json").write_text(data.to_json(comp), encoding="utf-8")
            (dl / f"{bid}.csv").write_text(csvout.render(comp), encoding="utf-8")
            (dl / f"{bid}.ttl").write_text(turtle_render.render(comp), encoding="utf-8")
            files.append((bid, comp.amended.profile.title))
        (dl / "all-results.csv").write_text(csvout.write(rows), encoding="utf-8")
        self.render("downloads.md.j2", "downloads.md", files=files)

    def home(self) -> None:
        g = self.kb
        self.render("index.md.j2", "index.md", reports=self.coll.reports, bills=self.coll.bills,
                    n_instruments=len(set(g.subjects(RDF.type, GC.Instrument))),
                    n_provisions=len(set(g.subjects(RDF.type, GC.Provision))),
                    n_requirements=len(self.cat.requirements),
                    n_shapes=len({i.node_shape for i in self.cat.shape_info.values()}),
                    has_regions=bool(self.pages.get("Regions")))

    def nav(self) -> list:
        def section(name: str, index: str) -> dict:
            items: list = [index] + [{t: p} for t, p in self.pages.get(name, [])]
            return {name: items}

        nav: list = [{"Home": "index.md"}, {"Method": "method.md"},
                     section("Gap reports", "profiles/index.md"), {"Comparison": "matrix.md"}]
        if self.pages.get("Regions"):
            nav.append(section("Regions", "regions/index.md"))
        if self.pages.get("Bills"):
            nav.append(section("Bills", "bills/index.md"))
        if self.pages.get("Acts"):
            nav.append({"National acts": [{t: p} for t, p in self.pages["Acts"]]})
        nav += [section("Requirements", "requirements/index.md"),
                section("Standards", "standards/index.md"),
                {"Reference": [{"Profile format": "reference/profile-format.md"},
                               {"Report JSON": "reference/report-json.md"},
                               {"Ontology": "reference/ontology.md"},
                               {"Downloads": "downloads.md"}]}]
        return nav


_DCT_SOURCE = URIRef("http://purl.org/dc/terms/source")
_GCP_KEY = URIRef("https://w3id.org/gapcheck/ontology/profile#key")


def stable_bnodes(graph: Graph) -> Graph:
    """The graph with every blank node labelled by a hash of where it hangs and what
    it holds. The shapes' blank nodes form trees (property shapes, lists), for which
    this is canonical, and it is far cheaper than rdflib's general algorithm."""
    import hashlib

    parents: dict[BNode, list[tuple[Any, Any]]] = {}
    for s, p, o in graph:
        if isinstance(o, BNode):
            parents.setdefault(o, []).append((s, p))
    down: dict[BNode, str] = {}

    def subtree(b: BNode, trail: frozenset = frozenset()) -> str:
        if b not in down:
            if b in trail:
                return "cycle"
            parts = sorted(f"{p}={subtree(o, trail | {b}) if isinstance(o, BNode) else o!r}"
                           for p, o in graph.predicate_objects(b))
            down[b] = hashlib.sha256("|".join(parts).encode()).hexdigest()
        return down[b]

    labels: dict[BNode, str] = {}

    def label(b: BNode, trail: frozenset = frozenset()) -> str:
        if b not in labels:
            ups = sorted(f"{label(s, trail | {b}) if isinstance(s, BNode) and s not in trail else s}"
                         f"|{p}" for s, p in parents.get(b, []))
            labels[b] = "b" + hashlib.sha256((";".join(ups) + "#" + subtree(b)).encode()
                                             ).hexdigest()[:20]
        return labels[b]

    out = Graph()
    bind_all(out)
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=False)
    for s, p, o in graph:
        out.add((BNode(label(s)) if isinstance(s, BNode) else s, p,
                 BNode(label(o)) if isinstance(o, BNode) else o))
    return out


def stable_jsonld(graph: Graph) -> str:
    """JSON-LD with nodes and values in a fixed order (rdflib follows set order)."""
    import json

    nodes = json.loads(graph.serialize(format="json-ld"))
    nodes = nodes if isinstance(nodes, list) else nodes.get("@graph", [nodes])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
    nodes.sort(key=lambda n: (n.get("@id", ""), json.dumps(n, sort_keys=True)))
    return json.dumps(nodes, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def source_date(coll: Collection) -> int:
    """The newest profile date, as the build date: the same input, the same bytes."""
    dates = [r.profile.as_of for r in coll.reports.values() if r.profile.as_of]
    dates += [c.amended.profile.as_of for c in coll.bills.values() if c.amended.profile.as_of]
    newest = max(dates) if dates else "2000-01-01"
    return int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.UTC).timestamp())


def build_site(coll: Collection, out: Path) -> Path:
    """Render and build; the finished site replaces `out` in one rename."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise InputError.at(out, None, "the output exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        # only a site gapcheck built is ever replaced: never a folder of the user's
        raise InputError.at(out, None, "refusing to replace this folder: it is not empty and "
                            "not a site gapcheck built", "give a new or empty folder, e.g. --out out/site")
    inputs = [Path(p).resolve() for p in coll.sources.values() if p is not None]
    if any(out == i or out in i.parents for i in inputs) or out in (paths.ROOT.resolve(),
                                                                    paths.SITE.resolve()):
        raise InputError.at(out, None, "refusing to write the site over its own input",
                            "give a new or build folder, e.g. --out out/site")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gapcheck-", dir=out.parent) as scratch:
        src = Path(scratch) / "src"
        shutil.copytree(paths.SITE, src, ignore=shutil.ignore_patterns("__pycache__"))
        site = Site(coll, src / "docs")
        site.build()
        cfg = pyyaml.safe_load((paths.SITE / "mkdocs.yml").read_text(encoding="utf-8"))
        cfg["nav"] = site.nav()
        (src / "mkdocs.yml").write_text(pyyaml.safe_dump(cfg, sort_keys=False, allow_unicode=True),
                                        encoding="utf-8")
        built = Path(scratch) / "site"
        old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(source_date(coll))
        warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            config = load_config(config_file=str(src / "mkdocs.yml"), site_dir=str(built), strict=True)
            build(config)
        except (MkDocsException, SystemExit) as exc:
            raise InputError.at(None, None, "the site did not build: " + (str(exc) or "see above")
                                + ("; " + "; ".join(warnings.messages[:5]) if warnings.messages else "")
                                ) from None
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)
            if old_epoch is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = old_epoch
        (built / SITE_MARKER).write_text("This folder was built by gapcheck publish and is "
                                         "replaced whole by the next build.\n", encoding="utf-8")
        if out.exists():
            trash = Path(scratch) / "old"
            out.rename(trash)
        built.rename(out)
    return out


class _WarningCounter(__import__("logging").Handler):
    def __init__(self) -> None:
        super().__init__(level=30)
        self.messages: list[str] = []

    def emit(self, record) -> None:  # noqa: ANN001
        self.messages.append(record.getMessage())


