"""The profile format reference: every key a profile can have, its type, its
allowed values and the requirements that read it, generated from the ontology.

The site writes it as reference/profile-format.md each time it is published, so
it always matches the knowledge base; `python -m checker.site.format_reference`
prints it."""

from __future__ import annotations

from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..profile import format as schemamod
from ..profile.format_docs import fact_readers

INTRO = """# Profile format

A profile describes one state's legal framework as of a date, or a bill that
amends one. It is written in YAML (or, as the same data, in Turtle or JSON-LD
with the context `https://w3id.org/gapcheck/context/profile.jsonld`, published
in `ontology/profile-context.jsonld`; there, give `"kind"` explicitly, and
write silence as the string `"silent"`). This page is generated from
`ontology/profile.ttl`; every key below is checked when a profile loads, and an
unknown key or value is an error with its line and a suggestion.

## Three values, never two

For every fact a profile either

- states what the law provides (`true`, `false`, a number, a value from the list),
- says **`silent`**: the law says nothing on the point. Silence is a finding: it
  fails every requirement that needs the law to provide something, or
- leaves the key out: **not assessed**. This is a hole in the profile, reported
  as coverage, never as a gap and never as compliance.

A whole topic can be `silent` at once (`domestic_work: silent`): every fact of
it is then silent.

## A complete small example

```yaml
gapcheck: 1
id: qaa-2026
title: Republic of Qaa — national framework as of 1 March 2026
state: {code: QAA, name: Republic of Qaa}
fictional: true
as_of: 2026-03-01
groups: [bali-process]
ratifications:
  - {instrument: palermo, date: 2009-05-12}
  - instrument: cets197
    date: 2012-01-20
    reservations: [a reservation on jurisdiction (fictional example)]
documents:
  - id: tip-act
    title: Prevention of Trafficking in Persons Act 2015
    url: https://example.org/qaa/tip-act
reflection_period:
  provided: true
  days: 30
  conditional_on_cooperation: true
  expulsion_possible: false
  evidence:
    - document: tip-act
      section: s. 21(2)
      eid: sec_21__subsec_2
      quote: only where the person has agreed to assist the investigation
      about: [conditional_on_cooperation]
domestic_work: silent
```

A **bill** states `kind: bill`, the id of the profile it `amends` (a file
`<id>.yaml`, `.ttl` or `.jsonld` in the same folder), and only the facts it
changes; `gapcheck check bill.yaml` compares the framework as amended with the
one it amends.

## Top-level keys

| key | value | required |
| --- | --- | --- |
| `gapcheck` | format version, `1` | no (defaults to 1) |
| `id` | the profile's id: lower-case letters, digits and hyphens | no (defaults to the file name) |
| `kind` | `framework` or `bill` | no (defaults to framework) |
| `title` | a title for reports | no |
| `state` | `{code: ISO 3166 alpha-3, name: ...}`; fictional states use QAA–QZZ or XAA–XZZ | framework: yes |
| `fictional` | `true` for a made-up state | no |
| `as_of` | the date the framework is described (YYYY-MM-DD) | framework: yes |
| `groups` | regional groups the state takes part in: {groups} | no |
| `amends` | (bill) the id of the profile the bill amends | bill: yes |
| `ratifications` | list of `{instrument, date, reservations}`; `instrument` is one of: \
{instruments}. A directive is listed when the state is bound by it as an EU member | no |
| `documents` | list of national documents cited as evidence: `{id, title, url, akn, date}` | no |
| `notes` | free text | no |
| *measure keys* | the topics below | no |

## Evidence

Every measure takes `evidence:`, a list of citations:

| key | value |
| --- | --- |
| `document` | the `id` of a document listed under `documents` |
| `section` | the section as the document numbers it, e.g. `s. 21(2)` |
| `eid` | the Akoma Ntoso eId of the passage, e.g. `sec_21__subsec_2` |
| `url` | a web address of the passage |
| `quote` | a short quotation (at most 600 characters) |
| `about` | the facts of the measure it supports; without it, it supports them all |

## Measures and their facts
"""


def render(kb: KnowledgeBase | None = None) -> str:
    """The page for a knowledge base (by default the one locate.find finds)."""
    schema = schemamod.load(kb)
    cat = reqmod.load(kb)
    readers = fact_readers(schema, cat)
    out = [INTRO.replace("{groups}", ", ".join(f"`{g}`" for g in schema.groups))
           .replace("{instruments}", ", ".join(f"`{i}`" for i in schema.instruments))]
    for key, m in schema.measures.items():
        out.append(f"\n### `{key}` — {m.label}\n\n{m.definition}\n\n"
                   "| key | meaning | value | read by |\n| --- | --- | --- | --- |\n")
        for fkey, f in m.facts.items():
            value = f.kind.replace("one of: ", "one of: `").replace(", ", "`, `") + \
                ("`" if f.scheme else "")
            if f.multiple:
                value = "a list; each " + value
            reqs = ", ".join(readers.get((key, fkey), [])) or "—"
            out.append(f"| `{fkey}` | {f.definition} | {value} | {reqs} |\n")
    return "".join(out)


if __name__ == "__main__":
    print(render(), end="")
