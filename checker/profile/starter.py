"""`gapcheck new`: a starting profile (or bill) for a state, written from the
profile format of the knowledge base.

Every key of the format is in it. The few a profile needs are filled in; all
others are comments that give the key, what it means, the values it takes and
the requirements that read it, ready to be uncommented. As written, the file
loads and checks, with every requirement "not assessed"."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

from ..errors import InputError
from ..ids import ISO3, SLUG, USER_ASSIGNED, slug_hint
from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from . import format as schemamod
from .format_docs import fact_readers, key_definitions, value_text
from .yaml_reader import FORMAT_VERSION, SILENT

WIDTH = 96


@dataclass(frozen=True)
class Starter:
    code: str
    as_of: dt.date
    bill: bool = False
    amends: str | None = None  # the id of the profile a bill amends
    ident: str | None = None

    @property
    def profile_id(self) -> str:
        if self.ident:
            return self.ident
        middle = "-bill" if self.bill else ""
        return f"{self.code.lower()}{middle}-{self.as_of.year}"


def check_arguments(code: str, bill: bool, amends: str | None, ident: str | None) -> None:
    """The arguments as a user gives them: refused with a message, never a traceback."""
    if not ISO3.fullmatch(code):
        raise InputError.at(None, None, f"{code!r} is not an ISO 3166 alpha-3 state code",
                            "three capital letters, e.g. KEN; fictional states use QAA-QZZ or XAA-XZZ")
    if bill and not amends:
        raise InputError.at(None, None, "a bill needs --amends, the id of the profile it amends",
                            "e.g. gapcheck new QAA --bill --amends qaa-2026")
    if amends and not bill:
        raise InputError.at(None, None, "--amends is for a bill", "add --bill")
    for what, value in (("--amends", amends), ("--id", ident)):
        if value is not None and not SLUG.fullmatch(value):
            raise InputError.at(None, None, f"{what} {value!r} is not a profile id", slug_hint())


def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH - len(indent) - 2, initial_indent=f"{indent}# ",
                         subsequent_indent=f"{indent}# ", break_on_hyphens=False)


def render(kb: KnowledgeBase, start: Starter) -> str:
    schema = schemamod.load(kb)
    catalogue = reqmod.load(kb)
    readers = fact_readers(schema, catalogue)
    defs = key_definitions(kb, schema)
    fictional = bool(USER_ASSIGNED.fullmatch(start.code))
    kind = "bill" if start.bill else "framework"
    out = [f"# A starting {kind} profile for {start.code}, written by `gapcheck new` from the profile",
           "# format. Every key is here: the ones a profile needs are filled in, the others are",
           "# comments that say what the key means, what values it takes and which requirements",
           "# read it. For each fact, uncomment it and give what the law provides, or `silent` if",
           "# the law says nothing; leave it commented if it was not assessed (reported as",
           "# coverage, never as a gap). As it stands, every requirement is \"not assessed\".",
           "# Every fact needs evidence: a document listed under `documents` and its section.",
           "",
           f"gapcheck: {FORMAT_VERSION}",
           f"id: {start.profile_id}",
           f"kind: {kind}"]
    if start.bill:
        out += _comment(defs.get(("Bill", "amends"), "The profile the bill amends.")
                        + " It is looked for beside this file, as <id>.yaml, .ttl or .jsonld.")
        out.append(f"amends: {start.amends}")
    out += ["# title: a title for reports, e.g. the name of the act or bill"]
    out += _comment(defs[("Profile", "state")] + (" A bill may leave it out." if start.bill else ""))
    out += ["state:", f"  code: {start.code}",
            "  # name: the state's name, as reports show it"]
    out += _comment(defs[("Profile", "fictional")])
    out.append("fictional: true" if fictional else "# fictional: true  (only for a made-up state)")
    out += _comment(defs[("Profile", "as_of")])
    out.append(f"as_of: {start.as_of.isoformat()}")
    out += _comment(defs[("Profile", "groups")] + " One of: " + ", ".join(schema.groups) + ".")
    out.append(f"# groups: [{next(iter(schema.groups), '')}]")
    out += _top_lists(schema, defs)
    out.append("# notes: free text about the profile")
    for key, measure in schema.measures.items():
        out += ["", f"# ── {key}: {measure.label} " + "─" * max(3, WIDTH - len(key) - len(measure.label) - 8)]
        out += _comment(measure.definition)
        out += _comment(f"The whole topic can be `{key}: {SILENT}` when the law says nothing on any of it.")
        out.append(f"# {key}:")
        for fkey, fact in measure.facts.items():
            reqs = readers.get((key, fkey), [])
            out += _comment(fact.definition, "#   ")
            out += _comment(f"value: {value_text(fact.kind, fact.multiple)}, or {SILENT}. Read by: "
                            + (", ".join(reqs) if reqs else "no requirement yet") + ".", "#   ")
            out.append(f"#   {fkey}:")
        out += ["#   evidence:",
                "#     - document: the id of a document listed under `documents`",
                "#       section: the section as the document numbers it, e.g. s. 9(2)",
                "#       # eid, url, quote: optional; about: the facts it supports, e.g. "
                f"[{next(iter(measure.facts), '')}]"]
    return "\n".join(out) + "\n"


def _top_lists(schema: schemamod.Schema, defs: dict[tuple[str, str], str]) -> list[str]:
    """The commented ratifications and documents, with their keys explained."""
    out = _comment(defs[("Profile", "ratifications")] + " `instrument` is one of: "
                   + ", ".join(schema.instruments) + ".")
    out += ["# ratifications:", f"#   - instrument: {next(iter(schema.instruments), '')}"]
    for key in ("date", "reservations"):
        out += _comment(defs[("Ratification", key)], "#     ")
        out.append(f"#     {key}:")
    out += _comment(defs[("Profile", "documents")] + " Each has an `id` that evidence cites and a "
                    "`title`.")
    out += ["# documents:", "#   - id: tip-act", "#     title: the document's title"]
    for key in ("url", "akn", "date"):
        out += _comment(defs[("NationalDocument", key)], "#     ")
        out.append(f"#     {key}:")
    return out
