"""Generated profiles for the benchmark and the engine tests: every fact of the
profile format varied (a value, `silent`, or absent), numbers chosen around
the thresholds the shapes test, lists of every length, evidence with and
without `about`, quotes, URLs and Akoma Ntoso eIds, ratifications, groups;
about one file in twelve a bill amending a generated framework, and one in
ten written as Turtle and one in ten as JSON-LD.

    .venv/bin/python bench/generate.py N FOLDER [--seed S]

Everything comes from the knowledge base (the profile format and the shapes),
never from a list kept here, so a new fact or shape is exercised as it lands.
The same N and seed give the same files."""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import RDF, XSD, Graph, Literal, URIRef  # noqa: E402
from rdflib.namespace import SH  # noqa: E402

from checker.kb import base, time_rules  # noqa: E402
from checker.kb import requirements as reqmod  # noqa: E402
from checker.profile import format as schemamod  # noqa: E402

AKN = ROOT / "profiles" / "akn" / "qba-victims-act.xml"
BOUNDS = (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.hasValue)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
WORDS = ("the", "worker", "victim", "shall", "may", "not", "employer", "permit", "days", "court",
         "agency", "fee", "passport", "child", "labour", "inspector", "residence", "remedy")


def thresholds(shapes: Graph) -> dict[URIRef, list[Any]]:
    """The numbers each fact is compared with somewhere in the shapes."""
    out: dict[URIRef, list[Any]] = {}
    for shape, path in shapes.subject_objects(SH.path):
        steps = list(shapes.items(path)) if (path, RDF.first, None) in shapes else [path]
        for bound in BOUNDS:
            for value in shapes.objects(shape, bound):
                if isinstance(value, Literal) and isinstance(value.toPython(), (int, Decimal, float)):
                    out.setdefault(steps[-1], []).append(value.toPython())
    return out


def candidates(fact: schemamod.Fact, bounds: dict[URIRef, list[Any]]) -> list[Any]:
    """Numbers on and either side of every threshold, so both outcomes occur."""
    found = bounds.get(fact.prop) or [10]
    if fact.datatype == XSD.integer:
        return sorted({max(0, int(v) + d) for v in found for d in (-2, -1, 0, 1, 3)})
    return sorted({max(0.0, float(v) + d) for v in found for d in (-1.5, -0.5, 0, 0.5, 2)})


class Generator:
    def __init__(self, seed: int = 0):
        kb = base.load()
        self.schema = schemamod.load(kb)
        self.bounds = thresholds(reqmod.load(kb).shapes_graph)
        self.seed = seed
        self.eids = _eids() if AKN.is_file() else []
        self.treaties = sorted((t for t in time_rules.instruments(kb).values() if t.binding),
                               key=lambda t: t.slug)

    def value(self, rng: random.Random, fact: schemamod.Fact) -> Any:
        if fact.scheme is not None:
            notations = list(fact.values)
            if fact.multiple:
                return rng.sample(notations, rng.randint(1, len(notations)))
            return rng.choice(notations)
        if fact.datatype == XSD.boolean:
            return rng.random() < 0.5
        if fact.datatype in (XSD.integer, XSD.decimal):
            return rng.choice(candidates(fact, self.bounds))
        if fact.datatype == XSD.date:
            return date(rng.randint(1990, 2026), rng.randint(1, 12), rng.randint(1, 28))
        return " ".join(rng.choice(WORDS) for _ in range(4))

    def measure(self, rng: random.Random, measure: schemamod.Measure, documents: list[str],
                changes: int | None = None) -> dict[str, Any]:
        """Each fact a value (70%), `silent` (15%) or absent (15%); a bill states a few."""
        keys = list(measure.facts)
        chosen = rng.sample(keys, min(changes, len(keys))) if changes else keys
        body: dict[str, Any] = {}
        for key in chosen:
            roll = rng.random()
            if roll < 0.15 and not changes:
                continue
            body[key] = "silent" if roll < 0.30 else self.value(rng, measure.facts[key])
        if body and documents:
            body["evidence"] = [self.evidence(rng, list(body), documents)
                                for _ in range(rng.randint(0, 3))] or None
            if body["evidence"] is None:
                del body["evidence"]
        return body

    def evidence(self, rng: random.Random, facts: list[str], documents: list[str]) -> dict[str, Any]:
        doc = rng.choice(documents)
        ev: dict[str, Any] = {"document": doc}
        if doc == "victims-act":  # cited by eId, quoting its own words (the reader checks both)
            eid, words = rng.choice(self.eids)
            ev["eid"] = eid
            if rng.random() < 0.5:
                start = rng.randrange(max(1, len(words) - 3))
                ev["quote"] = " ".join(words[start:start + rng.randint(3, 8)])
        else:
            ev["section"] = f"s. {rng.randint(1, 300)}({rng.randint(1, 9)})"
            if rng.random() < 0.5:
                ev["quote"] = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12)))
        if rng.random() < 0.6:
            ev["about"] = rng.sample(facts, rng.randint(1, len(facts)))
        if rng.random() < 0.2:
            ev["url"] = f"https://example.org/{doc}#s{rng.randint(1, 300)}"
        return ev

    def framework(self, i: int) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}-{i}")
        code = ("Q", "X")[i % 2] + LETTERS[i // 26 % 26] + LETTERS[i % 26]
        documents = [f"act-{k}" for k in range(rng.randint(1, 6))]
        as_of = date(rng.randint(2015, 2026), rng.randint(1, 12), 1)
        data: dict[str, Any] = {
            "gapcheck": 1, "id": f"{code.lower()}-g{i:05d}", "fictional": True,
            "title": f"Generated state {i} (fictional)",
            "state": {"code": code, "name": f"Generated State {i}"}, "as_of": as_of,
        }
        if rng.random() < 0.5 and self.schema.groups:
            data["groups"] = rng.sample(list(self.schema.groups), rng.randint(1, len(self.schema.groups)))
        # treaties the state has ratified, on a date between their entry into force and as_of
        # (dates that cannot be counted are warnings, not what a set of profiles is made of)
        treaties = [t for t in self.treaties if t.entry_into_force and t.entry_into_force < as_of]
        data["ratifications"] = [
            {"instrument": t.slug, "date": t.entry_into_force + (as_of - t.entry_into_force) * rng.random()}
            for t in rng.sample(treaties, rng.randint(0, len(treaties)))]
        if not data["ratifications"]:
            del data["ratifications"]
        data["documents"] = [{"id": d, "title": f"Act {d}", "url": f"https://example.org/{d}"}
                             for d in documents]
        if self.eids and rng.random() < 0.1:  # an act given in Akoma Ntoso, cited by eId
            data["documents"].append({"id": "victims-act", "title": "Victims Act",
                                      "akn": "akn/qba-victims-act.xml"})
            documents.append("victims-act")
        for key, measure in self.schema.measures.items():
            if rng.random() < 0.9:
                body = self.measure(rng, measure, documents)
                if body:
                    data[key] = body
        return data

    def bill(self, i: int, amends: str) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}-bill-{i}")
        data: dict[str, Any] = {"gapcheck": 1, "kind": "bill", "id": f"{amends}-bill-{i:05d}",
                                "title": f"Generated bill {i}", "amends": amends,
                                "as_of": date(2026, 6, 1),
                                "documents": [{"id": "bill", "title": f"Bill {i}"}]}
        for key in rng.sample(list(self.schema.measures), rng.randint(1, 4)):
            body = self.measure(rng, self.schema.measures[key], ["bill"], changes=rng.randint(1, 3))
            if body:
                data[key] = body
        return data


def _eids() -> list[tuple[str, list[str]]]:
    """Provisions of the Akoma Ntoso act with text of their own: (eId, its words)."""
    from checker.akn import reader

    provisions = reader.load(AKN).by_eid().values()
    found = sorted((p.eid, p.text.split()) for p in provisions
                   if p.role == "block" and len(p.text.split()) >= 4 and not p.mark)
    return found[:40]


def as_jsonld(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON-LD a user would write for a YAML profile: the same keys, the
    published context, and IRIs for the nodes the YAML loader names."""
    from checker.profile import context

    pid = data["id"]
    doc: dict[str, Any] = {"@context": context.CONTEXT_URL, "kind": data.get("kind", "framework")}
    for key, value in data.items():
        if key == "documents":
            value = [dict(d, id=f"{pid}/document/{d['id']}") for d in value]
        elif key == "ratifications":
            value = [dict(r, id=f"{pid}/ratification/{r['instrument']}") for r in value]
        elif key == "state":
            value = dict(value, id=value["code"])
        elif isinstance(value, dict):
            value = dict(value, id=f"{pid}/{key}")
            if "evidence" in value:
                value["evidence"] = [dict(e, id=f"{pid}/{key}/evidence/{n + 1}",
                                          document=f"{pid}/document/{e['document']}")
                                     for n, e in enumerate(value["evidence"])]
        doc[key] = value
    return json.loads(json.dumps(doc, default=str))


def as_turtle(data: dict[str, Any], path: Path) -> str:
    """The Turtle a user would write: the graph the YAML reader makes of the data."""
    from ruamel.yaml import YAML

    from checker.profile.load import load

    tmp = path.with_suffix(".tmp.yaml")
    with tmp.open("w", encoding="utf-8") as handle:
        YAML(typ="safe").dump(data, handle)
    try:
        return load(tmp).graph.serialize(format="turtle")
    finally:
        tmp.unlink()


def generate(n: int, folder: Path, seed: int = 0) -> list[Path]:
    """N profile files in FOLDER (frameworks in YAML, Turtle and JSON-LD, and bills)."""
    from ruamel.yaml import YAML

    gen = Generator(seed)
    folder.mkdir(parents=True, exist_ok=True)
    if gen.eids:
        (folder / "akn").mkdir(exist_ok=True)
        shutil.copy(AKN, folder / "akn" / AKN.name)
    yaml = YAML(typ="safe")
    yaml.default_flow_style = None
    out, frameworks = [], []
    for i in range(n):
        if i % 12 == 11 and frameworks:
            data, suffix = gen.bill(i, frameworks[(i * 7) % len(frameworks)]), ".yaml"
        else:
            data = gen.framework(i)
            frameworks.append(data["id"])
            suffix = {3: ".ttl", 7: ".jsonld"}.get(i % 10, ".yaml")
        path = folder / f"{data['id']}{suffix}"
        if suffix == ".ttl":
            path.write_text(as_turtle(data, path), encoding="utf-8")
        elif suffix == ".jsonld":
            path.write_text(json.dumps(as_jsonld(data), indent=1, default=str), encoding="utf-8")
        else:
            with path.open("w", encoding="utf-8") as handle:
                yaml.dump(data, handle)
        out.append(path)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files = generate(args.n, args.folder, args.seed)
    print(f"{len(files)} profiles in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
