"""The pages of the site: Markdown written from the knowledge base and the
checked profiles into the docs folder of the MkDocs project (build.py builds it)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from rdflib import RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, SH

from ..akn import reader
from ..ids import profile_id_of
from ..kb import base as kb
from ..kb import requirements as reqmod
from ..kb.locate import turtle_files
from ..kb.namespaces import GC, GCC, GCP, bind_all
from ..profile import format as schemamod
from ..profile.citations import akn_path, cited_eids
from ..profile.model import profile_iri
from ..reports.collection import Collection
from ..reports.renderers.markdown import environment, md
from . import format_reference
from .cells import status_cell
from .downloads import write_downloads


@cache
def site_environment() -> Environment:
    """The report templates' environment, with the site's templates under site/."""
    return environment().overlay(loader=ChoiceLoader([
        PrefixLoader({"site": PackageLoader("checker.site", "templates")}),
        PackageLoader("checker.reports", "templates")]))


def slug_of(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def provision_anchor(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


class Site:
    """Writes the Markdown sources of the site into a docs folder."""

    def __init__(self, coll: Collection, docs: Path):
        self.coll = coll
        self.docs = docs
        self.base = coll.kb if coll.kb is not None else kb.load()
        self.kb = self.base.graph
        self.cat = reqmod.load(self.base)
        self.schema = schemamod.load(self.base)
        self.env = site_environment()
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
            up=up, **kw))

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
        self.write("reference/profile-format.md", format_reference.render(self.base))
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
                    "url": str(g.value(prov, DCTERMS.source) or g.value(inst, DCTERMS.source) or ""),
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
                "url": str(g.value(inst, DCTERMS.source) or ""),
                "parties": sorted(pid for pid, r in self.coll.reports.items()
                                  if slug in {s for s, _ in r.profile.ratifications}),
                "provisions": provisions}
            rows.append(info)
            self.render("instrument.md.j2", f"standards/{slug}.md", i=info)
            self.add_nav("Standards", info["short"], f"standards/{slug}.md")
        self.render("instruments.md.j2", "standards/index.md", instruments=rows)

    def act_pages(self) -> None:
        """A page per national document with an Akoma Ntoso file: evidence links to it."""
        for pid, report in [*self.coll.reports.items(),
                            *((b, c.amended) for b, c in self.coll.bills.items())]:
            g = report.graph
            source = self.coll.sources.get(pid)
            profile_node = profile_iri(pid)
            cited = cited_eids(g)
            for doc in sorted(g.objects(profile_node, GCP.document), key=str):
                akn = g.value(doc, GCP.aknFile)
                if akn is None or str(doc) in self.acts or profile_id_of(doc) != pid:
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
                        facts=self.fact_keys(ident))
            self.add_nav("Requirements", f"{ident} {req.title}", f"requirements/{ident}.md")
        self.render("requirements.md.j2", "requirements/index.md", areas=self.cat.areas,
                    by_area=by_area)

    def fact_keys(self, ident: str) -> list[str]:
        """The facts a requirement reads, as the YAML keys a profile author writes."""
        sch = self.schema
        out = []
        for fp in self.cat.fact_paths.get(ident, ()):
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
                    cells.append(status_cell(f))
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
        base = self.base
        modules = []
        for path in turtle_files(base.folders.ontology):
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
                                  "key": str(part.value(t, GCP.key) or ""),
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
        files = write_downloads(self.docs / "downloads", self.kb, self.cat.shapes_graph, self.schema,
                                self.coll)
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
                               {"Architecture": "architecture.md"},
                               {"Downloads": "downloads.md"}]}]
        return nav
