"""The pages of the site: Markdown written from the knowledge base and the
checked profiles into the docs folder of the MkDocs project (build.py builds it)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader
from markupsafe import Markup
from rdflib import RDF, RDFS, SKOS, BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, SH

from ..engine.status import GAP, SEVERITIES, STATUSES
from ..i18n import locale
from ..ids import profile_id_of
from ..kb import base as kb
from ..kb import requirements as reqmod
from ..kb.locate import turtle_files
from ..kb.namespaces import GC, GCC, GCP, bind_all
from ..profile import format as schemamod
from ..profile.citations import akn_path, cited_anchors, read_act
from ..profile.model import profile_iri
from ..reports.collection import Collection
from ..reports.escape import md, safe_id
from ..reports.renderers.data import REPORT_SCHEMA
from ..reports.renderers.markdown import environment, helpers
from ..reports.turtle_writer import serialize
from . import charts, format_reference, languages
from .cells import STATUS_CLASS, badge, finding_badge, status_cell, word
from .downloads import write_downloads
from .html import fragment
from .kbtext import KbTexts, mark
from .settings import Settings

# above this many reports, the navigation lists the index pages only: a nav of
# hundreds of entries is rendered into every page and helps no one
NAV_LIST_UP_TO = 30


@cache
def site_environment(lang: str = "en") -> Environment:
    """The report templates' environment, with the site's templates under site/,
    speaking `lang`."""
    env = environment(lang).overlay(loader=ChoiceLoader([
        PrefixLoader({"site": PackageLoader("checker.site", "templates")}),
        PackageLoader("checker.reports", "templates")]), cache_size=400)
    env.globals = dict(env.globals)  # an overlay shares its parent's: each language its own
    loc = locale(lang)

    # our own strings are Markdown (they may hold **emphasis**): Markup, never
    # escaped again; a value put into one is escaped as any other value
    # (newstyle, as Jinja's: the text is always %-formatted, so a literal % is written %%)
    def gettext(message: str, **values: object) -> Markup:
        return Markup(loc.gettext(message) % {k: md(v) for k, v in values.items()})

    def ngettext(singular: str, plural: str, n: int, **values: object) -> Markup:
        text = loc.ngettext(singular, plural, n)
        return Markup(text % {"num": n, **{k: md(v) for k, v in values.items()}})

    def pgettext(context: str, message: str, **values: object) -> Markup:
        return Markup(loc.pgettext(context, message) % {k: md(v) for k, v in values.items()})

    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext)
    env.newstyle_gettext = True
    env.policies["ext.i18n.trimmed"] = True  # as the catalogs are extracted
    env.filters["tr"] = lambda value: mark(value, lang, html=False)
    return env


def slug_of(iri: URIRef) -> str:
    return str(iri).rsplit("/", 1)[-1]


def provision_anchor(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def report_page(pid: str) -> str:
    """The stable address of a gap report; a finding is report/<id>/#<requirement>."""
    return f"report/{pid}/index.md"


def bill_page(bid: str) -> str:
    return f"bill/{bid}/index.md"


class Site:
    """Writes the Markdown sources of the site into a docs folder."""

    def __init__(self, coll: Collection, docs: Path, settings: Settings | None = None,
                 lang: str = "en", english_only: list[str] | tuple[str, ...] = ()):
        self.coll = coll
        self.lang = lang
        self.loc = locale(lang)
        self.english_only = set(english_only)  # hand-written pages with no translation
        settings = settings or Settings()
        # the default title in the page's language; a publisher's title as written
        self.title = settings.title_in(self.loc)
        self.docs = docs
        self.settings = settings or Settings()
        frameworks = [r.profile for r in coll.reports.values()]
        frameworks += [c.amended.profile for c in coll.bills.values()]
        self.any_fictional = any(p.fictional for p in frameworks)
        self.all_fictional = bool(frameworks) and all(p.fictional for p in frameworks)
        self.list_in_nav = len(coll.reports) + len(coll.bills) <= NAV_LIST_UP_TO
        self.base = coll.kb if coll.kb is not None else kb.load()
        self.kb = self.base.graph
        self.cat = reqmod.load(self.base)
        self.schema = schemamod.load(self.base)
        self.env = site_environment(lang)
        self.kbt = KbTexts(self.base, lang)
        self.shape_texts = KbTexts(self.base, lang, self.cat.shapes_graph)
        self.reqs, self.areas = self.kbt.catalogue(self.cat)  # in the page's language
        self.pages: dict[str, list[tuple[str, str]]] = {}  # nav section -> (title, path)
        self.acts: dict[str, str] = {}  # document IRI -> page of its Akoma Ntoso text
        self.hidden: list[str] = []  # pages left out of the navigation
        self.anchors: dict[str, dict] = {}  # document IRI -> (cited id, section) -> anchor

    # --- helpers ----------------------------------------------------------------

    def write(self, rel: str, text: str) -> None:
        path = self.docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def render(self, template: str, rel: str, **kw: Any) -> None:
        depth = rel.count("/")
        up = "../" * depth
        links = kw.pop("links", None) or self.links(up, anchor=True)
        author_lang = kw.get("author_lang")
        ctx = dict(
            up=Markup(up), STATUS_CLASS=STATUS_CLASS, lang=self.lang, loc=self.loc,
            badge=lambda status, severity=None: badge(status, severity, self.lang),
            finding_badge=lambda f: finding_badge(f, self.lang),
            word=lambda value: word(value, self.lang), day=self.loc.date,
            disclaimer=self.settings.disclaimer_in(self.loc),
            author_lang=None, site=self.settings, title=self.title, any_fictional=self.any_fictional,
            state_label=self.state_label, all_fictional=self.all_fictional,
            **helpers(links, self.loc, author_lang))
        ctx.update(kw)
        self.write(rel, self.env.get_template(f"site/{template}").render(**ctx))

    def links(self, up: str, anchor: bool = False) -> dict[str, Any]:
        """Link targets from a page `up` levels deep, built only from ids that passed
        the safe-id grammar (anything else gives no link)."""
        def evidence(e) -> Markup | None:  # noqa: ANN001
            page = self.acts.get(e.document_iri or "")
            if not page:
                return None
            anchor = safe_id(self.anchors.get(e.document_iri or "", {}).get((e.eid, e.section)) or "")
            return Markup(f"{up}{page}#{anchor}" if anchor else f"{up}{page}")

        def provision(s) -> Markup:  # noqa: ANN001
            return Markup(f"{up}standards/{slug_of(s.instrument)}.md#{provision_anchor(s.provision)}")

        return {
            "anchor": anchor,
            "evidence": evidence,
            "provision": provision,
            "requirement": lambda ident: Markup(f"{up}requirements/{ident}.md"),
            "profile": lambda pid: Markup(f"{up}{report_page(pid)}"),
            "finding": lambda pid, ident: Markup(f"{up}{report_page(pid)}#{ident}"),
            "bill": lambda bid: Markup(f"{up}{bill_page(bid)}"),
            "instrument": lambda slug: Markup(f"{up}standards/{slug}.md"),
            "download": lambda name: Markup(f"{up}downloads/{name}"),
        }

    def add_nav(self, section: str, title: str, rel: str, listed: bool = True) -> None:
        if not listed:
            self.hidden.append(rel)
            return
        # MkDocs puts nav titles into <title> through striptags, which unescapes
        # entities: keep markup characters of what authors wrote out of nav titles
        # (an apostrophe, common in French titles, becomes the typographic one)
        title = title.replace("'", "\u2019").replace('"', "\u201d")
        self.pages.setdefault(section, []).append((re.sub(r"[<>&`]", "", title), rel))

    # --- pages --------------------------------------------------------------------

    def build(self) -> None:
        self.act_pages()
        self.instruments()
        self.requirements()
        self.profiles()
        self.bills()
        self.matrix()
        self.compare()
        self.regions()
        self.ontology()
        self.write("reference/profile-format.md",
                   languages.in_english(format_reference.render(self.base), self.lang))
        if self.lang != "en":
            self.english_only.add("reference/profile-format.md")
        self.downloads()
        self.home()

    # --- data the pages share -------------------------------------------------------

    def parties(self, p) -> list[dict]:  # noqa: ANN001
        """The profile's ratifications, each with what it means on the profile's date
        ("party since ..., in force for the state since ...")."""
        names = self.instrument_names()
        return [{"slug": slug, "name": names.get(slug, (slug, ""))[0],
                 "title": names.get(slug, (slug, ""))[1], "date": date,
                 "note": b.note if (b := p.binding(slug)) else "", "bound": bool(b and b.bound)}
                for slug, date in sorted(p.ratifications, key=lambda r: names.get(r[0], (r[0],))[0])]

    def state_label(self, p) -> str:  # noqa: ANN001
        """What a state is called on the site: its name, else the profile's title."""
        return p.state_name or p.title

    def summary(self, report, chart_id: str) -> Markup:  # noqa: ANN001
        """The two charts of a report: every requirement by status and severity, and
        the same by area."""
        _ = self.loc._
        counts = self.finding_counts(report.findings)
        overall = charts.stacked_bars(f"{chart_id}-all", _("All requirements by status and severity"),
                                      [charts.Row(_("All requirements"), counts)], self.series(),
                                      label_width=120)
        rows = []
        for code, label in self.areas.items():
            rows.append(charts.Row(f"{code} {label}", self.finding_counts(
                [f for f in report.findings if f.requirement.area == code])))
        by_area = charts.stacked_bars(f"{chart_id}-area", _("Findings by area"), rows, self.series(),
                                      label_width=200)
        return fragment("summary.html.j2", self.lang, overall=overall, by_area=by_area)

    def series(self, gaps_only: bool = False) -> list[tuple]:
        """The charts' series with their names in the page's language."""
        names = {"binding": self.loc._("gap, binding"), "standard": self.loc._("gap, standard"),
                 "recommended": self.loc._("gap, recommended")}
        chosen = charts.GAP_SERIES if gaps_only else charts.SERIES
        return [(key, names.get(key) or word(key, self.lang), *rest) for key, _label, *rest in chosen]

    @staticmethod
    def finding_counts(findings) -> dict[str, int]:  # noqa: ANN001
        out = dict.fromkeys([*SEVERITIES, *STATUSES], 0)
        for f in findings:
            out[f.severity if f.status == GAP and f.severity else f.status] += 1
        return out

    def instruments(self) -> None:
        g = self.kb
        t = self.kbt.get
        _ = self.loc._
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
                    "anchor": provision_anchor(prov), "citation": t(prov, GC.citation),
                    "paraphrase": t(prov, GC.paraphrase),
                    "status": str(g.value(prov, GC.checkingStatus)).rsplit("#", 1)[-1],
                    "note": t(prov, GC.checkingNote),
                    "url": str(g.value(prov, DCTERMS.source) or g.value(inst, DCTERMS.source) or ""),
                    "requirements": [ident for _, ident in feeds]})
            info = {
                "slug": slug, "short": t(inst, GC.shortName),
                "title": t(inst, RDFS.label),
                "definition": t(inst, SKOS.definition),
                "kind": t(g.value(inst, GC.instrumentKind), SKOS.prefLabel),
                "binding": g.value(inst, GC.bindingness) == GCC.binding,
                "adopted": str(g.value(inst, GC.adopted) or ""),
                "in_force": str(g.value(inst, GC.entryIntoForce) or ""),
                "note": t(inst, GC.adoptionNote),
                "url": str(g.value(inst, DCTERMS.source) or ""),
                "parties": [(pid, self.state_label(r.profile), b.note)
                            for pid, r in self.coll.reports.items()
                            if (b := r.profile.binding(slug)) is not None],
                "rules": [(title, self.time_rule(g.value(inst, prop))) for title, prop in (
                    (_("Entry into force for a state bound later"), GC.entryIntoForceRule),
                    (_("When a denunciation takes effect"), GC.denunciationRule))
                    if g.value(inst, prop) is not None],
                "amendments": [{"title": t(a, RDFS.label),
                                "adopted": str(g.value(a, GC.adopted) or ""),
                                "in_force": str(g.value(a, GC.entryIntoForce) or ""),
                                "status": str(g.value(a, GC.checkingStatus)).rsplit("#", 1)[-1],
                                "note": t(a, GC.checkingNote)}
                               for a in sorted(g.objects(inst, GC.amendedBy), key=str)],
                "provisions": provisions}
            rows.append(info)
            self.render("instrument.md.j2", f"standards/{slug}.md", i=info)
            self.add_nav("Standards", str(info["short"]), f"standards/{slug}.md")
        self.render("instruments.md.j2", "standards/index.md", instruments=rows)

    def time_rule(self, node) -> dict:  # noqa: ANN001
        """A time rule of an instrument (kb/time_rules.py) as its page shows it."""
        g = self.kb
        prov = g.value(node, GC.ruleProvision)
        return {"text": self.kbt.get(node, GC.ruleText),
                "provision": self.kbt.get(prov, GC.citation) if prov is not None else "",
                "anchor": provision_anchor(prov) if prov is not None else "",
                "status": str(g.value(node, GC.checkingStatus)).rsplit("#", 1)[-1],
                "note": self.kbt.get(node, GC.checkingNote)}

    def act_pages(self) -> None:
        """A page per national document with an Akoma Ntoso file: evidence links to it."""
        for pid, report in [*self.coll.reports.items(),
                            *((b, c.amended) for b, c in self.coll.bills.items())]:
            g = report.graph
            source = self.coll.sources.get(pid)
            profile_node = profile_iri(pid)
            for doc in sorted(g.objects(profile_node, GCP.document), key=str):
                akn = g.value(doc, GCP.aknFile)
                if akn is None or str(doc) in self.acts or profile_id_of(doc) != pid:
                    continue
                document = read_act(akn_path(source, str(akn)))
                doc_id = str(doc).rsplit("/", 1)[-1]
                rel = f"acts/{pid}/{doc_id}.md"
                self.acts[str(doc)] = rel
                anchors = self.anchors[str(doc)] = cited_anchors(g, doc, document)
                self.render("act.md.j2", rel, d=document, doc_id=doc_id, pid=pid,
                            doc_title=str(g.value(doc, RDFS.label) or doc_id),
                            profile_title=report.profile.title, cited=set(anchors.values()),
                            author_lang=report.profile.lang,
                            dates=[x.describe() for x in document.frbr_dates
                                   if x.level != "manifestation"],
                            page_of_profile=Markup("../../" + (bill_page(pid) if pid in self.coll.bills
                                                               else report_page(pid))),
                            safe_id=safe_id)
                self.add_nav("Acts", f"{pid}: {document.title or doc_id}", rel)

    def requirements(self) -> None:
        by_area: dict[str, list] = {}
        for ident, req in self.reqs.items():
            by_area.setdefault(req.area, []).append(req)
            statuses = [(pid, r.profile, r.finding(ident)) for pid, r in self.coll.reports.items()]
            self.render("requirement.md.j2", f"requirements/{ident}.md", r=req,
                        shapes=self.shape_turtle(ident), statuses=statuses,
                        facts=self.fact_keys(ident), parts=self.parts(ident))
            self.add_nav("Requirements", f"{ident} {req.title}", f"requirements/{ident}.md")
        self.render("requirements.md.j2", "requirements/index.md", areas=self.areas,
                    by_area=by_area)

    def fact_keys(self, ident: str) -> list[tuple[str, str]]:
        """The facts a requirement reads: (YAML key, what it means)."""
        sch = self.schema
        out = []
        for fp in self.cat.fact_paths.get(ident, ()):
            m, f = sch.measure_by_prop.get(fp.measure_prop), sch.by_prop.get(fp.fact_prop)
            if m and f:
                out.append((f"{m.key}.{f.key}", self.kbt.get(fp.fact_prop, RDFS.label, f.label)))
        return out

    def parts(self, ident: str) -> list:
        """The parts a requirement's shapes test, their texts in the page's language."""
        import dataclasses

        out = []
        for part in self.cat.parts(ident):
            node = next((s for s, info in self.cat.shape_info.items()
                         if info.requirement == ident and str(s).rsplit("#", 1)[-1] == part.name), None)
            out.append(dataclasses.replace(
                part, label=self.shape_texts.get(node, RDFS.label, part.label) if node is not None
                else part.label, sources=tuple(self.kbt.source(s) for s in part.sources)))
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
        return serialize(out).strip()

    def localized(self, result):  # noqa: ANN001, ANN201
        """A report or a bill's comparison in the page's language (reports/localize.py)."""
        if self.lang == "en":
            return result
        from ..reports.localize import localize

        return localize(result, self.base, self.lang)

    def profiles(self) -> None:
        for pid, original in self.coll.reports.items():
            report = self.localized(original)
            p = report.profile
            gaps = [f for sev in SEVERITIES for f in report.by_status(GAP) if f.severity == sev]
            others = [f for f in report.findings if f.status != GAP]
            self.render("profile.md.j2", report_page(pid), r=report, pid=pid, gaps=gaps,
                        others=others, parties=self.parties(p), reqs=self.reqs, author_lang=p.lang,
                        summary=self.summary(report, f"c-{pid}"),
                        table=fragment("findings_table.html.j2", self.lang, findings=report.findings,
                                       reqs=self.reqs,
                                       status_cell=lambda f: finding_badge(f, self.lang)),
                        links=self.links("../../", anchor=True))
            self.add_nav("Gap reports", self.state_label(p), report_page(pid), self.list_in_nav)
        rows = [charts.Row(f"{self.state_label(r.profile)}", r.gap_counts(),
                           f"{pid}/index.html") for pid, r in self.coll.reports.items()]
        chart = charts.stacked_bars("c-reports", self.loc._("Gaps by state and severity"), rows,
                                    self.series(gaps_only=True), label_width=190)
        self.render("profiles.md.j2", "report/index.md", reports=self.coll.reports,
                    bills=self.coll.bills,
                    chart=charts.figure(chart, self.loc._("Gaps by state, by severity.")))

    def bills(self) -> None:
        for bid, original in self.coll.bills.items():
            comp = self.localized(original)
            self.render("bill.md.j2", bill_page(bid), c=comp, bid=bid,
                        author_lang=comp.amended.profile.lang,
                        parties=self.parties(comp.amended.profile),
                        links=self.links("../../", anchor=True))
            self.add_nav("Bills", comp.amended.profile.title, bill_page(bid), self.list_in_nav)
        if self.coll.bills:
            self.render("bills.md.j2", "bill/index.md", bills=self.coll.bills)

    def columns(self) -> list[dict]:
        """The states as the matrix and the comparison name them."""
        out = []
        for pid, r in self.coll.reports.items():
            p = r.profile
            out.append({"id": pid, "name": self.state_label(p), "code": p.state_code or "",
                        "as_of": p.as_of or "", "groups": list(p.groups),
                        "parties": [slug for slug, _ in p.ratifications],
                        "gaps": r.gap_counts()})
        return out

    def matrix(self) -> None:
        rows = []
        for ident, req in self.reqs.items():
            cells = []
            for pid, r in self.coll.reports.items():
                f = r.finding(ident)
                cells.append({"pid": pid, "cls": STATUS_CLASS[f.status], "sev": f.severity or "",
                              "status": f.status, "content": status_cell(f, self.lang),
                              "words": word(f.status, self.lang) + (
                                  ", " + word(f.severity, self.lang) if f.severity else "")})
            rows.append({"ident": ident, "title": req.title, "area": req.area,
                         "instruments": sorted({slug_of(s.instrument) for s in req.sources}),
                         "cells": cells})
        groups = {g: lbl for g, lbl in self.group_labels().items()
                  if any(g in r.profile.groups for r in self.coll.reports.values())}
        used = sorted({i for row in rows for i in row["instruments"]})
        names = self.instrument_names()
        table = fragment("matrix.html.j2", self.lang, columns=self.columns(), rows=rows,
                         areas=self.areas, groups=groups, severities=SEVERITIES,
                         instruments=[(i, names.get(i, (i,))[0]) for i in used], word=self.word,
                         words=Markup(self.script_words()))
        self.render("matrix.md.j2", "matrix.md", table=table, n=len(self.coll.reports))

    def compare(self) -> None:
        import json

        data = {"states": self.columns(), "requirements": [], "findings": {}}
        for ident, req in self.reqs.items():
            data["requirements"].append({"id": ident, "title": req.title, "area": req.area})
        for pid, r in self.coll.reports.items():
            data["findings"][pid] = {f.ident: [f.status, f.severity or "",
                                               [[v.path, list(v.values),
                                                 [" ".join(filter(None, (e.document, e.section)))
                                                  for e in v.evidence]] for v in f.facts]]
                                     for f in r.findings}
        # inside <script>: no "<" may close it; JSON keeps the text as data
        blob = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
        blob = blob.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        self.render("compare.md.j2", "compare.md", data=Markup(blob),
                    areas=self.areas, columns=self.columns(), words=Markup(self.script_words()))

    def group_labels(self) -> dict[str, str]:
        schema = self.schema
        return {g: self.kbt.get(iri, SKOS.prefLabel, g) for g, iri in schema.groups.items()}

    def script_words(self) -> str:
        """The words the site's script writes, in the page's language, as JSON for a
        <script> block ({name} placeholders, which the script fills)."""
        import json

        _ = self.loc._
        words = {"states_page": _("States %(from)s–%(to)s of %(n)s",
                                  **{"from": "{from}", "to": "{to}", "n": "{n}"}),
                 "matrix_count": _("%(n)s of %(total)s requirements, %(states)s states",
                                   n="{n}", total="{total}", states="{states}"),
                 "choose_two": _("Choose at least two states."),
                 "requirement": _("Requirement"),
                 "as_of": _("as of %(date)s", date="{date}"), "no_date": _("no date"),
                 "missing_data": _("no finding: missing data"), "not_stated": _("not stated"),
                 "compare_count": _("%(n)s of %(total)s requirements shown.", n="{n}",
                                    total="{total}"),
                 **{key: word(key, self.lang) for key in (*STATUSES, *SEVERITIES)}}
        blob = json.dumps(words, ensure_ascii=True, sort_keys=True)
        return blob.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    def word(self, value: str | None) -> str:
        return word(value, self.lang)

    def instrument_names(self) -> dict[str, tuple[str, str]]:
        """Instrument slug -> (short name, title) in the page's language."""
        g = self.kb
        return {slug_of(i): (self.kbt.get(i, GC.shortName, str(i)), self.kbt.get(i, RDFS.label))
                for i in g.subjects(RDF.type, GC.Instrument)}

    def regions(self) -> None:
        import dataclasses

        labels = self.group_labels()
        rollups = [dataclasses.replace(r, label=labels.get(r.group, r.label))
                   for r in self.coll.rollups()]
        _ = self.loc._
        for roll in rollups:
            reports = {m: self.coll.reports[m] for m in roll.members}
            rows = [charts.Row(self.state_label(r.profile), r.gap_counts(),
                               f"../report/{m}/index.html") for m, r in reports.items()]
            by_state = charts.stacked_bars(f"c-{roll.group}-s", _("%(group)s: gaps by member state",
                                                                  group=roll.label),
                                           rows, self.series(gaps_only=True), label_width=190)
            area_rows = []
            for code, label in self.areas.items():
                area_rows.append(charts.Row(f"{code} {label}", self.finding_counts(
                    [f for r in reports.values() for f in r.findings if f.requirement.area == code])))
            by_area = charts.stacked_bars(f"c-{roll.group}-a", _(
                "%(group)s: findings by area, all member states", group=roll.label), area_rows,
                self.series(), label_width=200)
            self.render("region.md.j2", f"regions/{roll.group}.md", g=roll, reports=self.coll.reports,
                        reqs=self.reqs,
                        chart_states=charts.figure(by_state, _("Gaps of each member state, by severity.")),
                        chart_areas=charts.figure(by_area, _(
                            "Findings of all member states together, by area: each requirement "
                            "counts once per state.")))
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
            tr = self.kbt.get
            for kind, label in ((OWL.Class, self.loc._("class")),
                                (OWL.ObjectProperty, self.loc._("property")),
                                (OWL.DatatypeProperty, self.loc._("property"))):
                for t in sorted(part.subjects(RDF.type, kind), key=str):
                    terms.append({"iri": str(t), "name": str(t).rsplit("#", 1)[-1], "kind": label,
                                  "label": tr(t, RDFS.label),
                                  "definition": tr(t, SKOS.definition),
                                  "key": str(part.value(t, GCP.key) or ""),
                                  "range": str(part.value(t, RDFS.range) or "").rsplit("#", 1)[-1]})
            schemes = []
            for sch in sorted(part.subjects(RDF.type, SKOS.ConceptScheme), key=str):
                concepts = [{"iri": str(c), "notation": str(g.value(c, SKOS.notation) or ""),
                             "label": tr(c, SKOS.prefLabel),
                             "definition": tr(c, SKOS.definition)}
                            for c in sorted(g.subjects(SKOS.inScheme, sch), key=str)]
                schemes.append({"iri": str(sch), "label": tr(sch, SKOS.prefLabel),
                                "definition": tr(sch, SKOS.definition),
                                "concepts": concepts})
            modules.append({"file": path.name, "iri": str(onto or ""),
                            "label": tr(onto, RDFS.label, path.name) if onto is not None
                            else path.name,
                            "version": str(part.value(onto, OWL.versionInfo) or ""),
                            "terms": terms, "schemes": schemes})
        self.render("ontology.md.j2", "reference/ontology.md", modules=modules)

    def downloads(self) -> None:
        files = write_downloads(self.docs / "downloads", self.kb, self.cat.shapes_graph, self.schema,
                                self.coll, self.lang)
        self.render("downloads.md.j2", "downloads.md", files=files, schema=REPORT_SCHEMA)

    def home(self) -> None:
        g = self.kb
        _ = self.loc._
        rows = [charts.Row(self.state_label(r.profile), r.gap_counts(), f"report/{pid}/index.html")
                for pid, r in self.coll.reports.items()]
        chart = charts.stacked_bars("c-home", _("Gaps by state and severity"), rows,
                                    self.series(gaps_only=True), label_width=190) if rows else None
        area_rows = [charts.Row(f"{code} {label}", self.finding_counts(
            [f for r in self.coll.reports.values() for f in r.findings if f.requirement.area == code]))
            for code, label in self.areas.items()]
        by_area = charts.stacked_bars("c-home-a", _("Findings by area, all states"), area_rows,
                                      self.series(), label_width=200) if rows else None
        self.render("index.md.j2", "index.md", reports=self.coll.reports, bills=self.coll.bills,
                    n_instruments=len(set(g.subjects(RDF.type, GC.Instrument))),
                    n_provisions=len(set(g.subjects(RDF.type, GC.Provision))),
                    n_requirements=len(self.cat.requirements),
                    n_shapes=len({i.node_shape for i in self.cat.shape_info.values()}),
                    has_regions=bool(self.pages.get("Regions")),
                    chart=charts.figure(chart, _("Gaps of each state, by severity.")) if chart else None,
                    chart_areas=charts.figure(by_area, _("Findings of all states together, by area."))
                    if by_area else None)

    def nav(self) -> list:
        """The navigation, its titles in the page's language; a hand-written page
        with no translation says that it is in English."""
        _ = self.loc._
        names = {"Gap reports": _("Gap reports"), "Regions": _("Regions"), "Bills": _("Bills"),
                 "Requirements": _("Requirements"), "Standards": _("Standards")}

        def section(name: str, index: str) -> dict:
            items: list = [index] + [{t: p} for t, p in self.pages.get(name, [])]
            return {names[name]: items}

        def page(title: str, path: str) -> dict:
            if path in self.english_only:
                title = _("%(title)s (in English)", title=title)
            return {title: path}

        nav: list = [page(_("Home"), "index.md"), page(_("Method"), "method.md"),
                     section("Gap reports", "report/index.md"), page(_("Matrix"), "matrix.md"),
                     page(_("Compare states"), "compare.md")]
        if self.pages.get("Regions"):
            nav.append(section("Regions", "regions/index.md"))
        if self.coll.bills:
            nav.append(section("Bills", "bill/index.md"))
        if self.pages.get("Acts"):
            nav.append({_("National acts"): [{t: p} for t, p in self.pages["Acts"]]})
        nav += [section("Requirements", "requirements/index.md"),
                section("Standards", "standards/index.md"),
                {_("Reference"): [page(_("Profile format"), "reference/profile-format.md"),
                                  page(_("Report JSON"), "reference/report-json.md"),
                                  page(_("Ontology"), "reference/ontology.md"),
                                  page(_("Architecture"), "architecture.md"),
                                  page(_("Downloads"), "downloads.md")]}]
        return nav
