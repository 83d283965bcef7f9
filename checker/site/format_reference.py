"""The profile format reference: every key a profile can have, its type, limits,
allowed values and the requirements that read it, generated from the ontology,
with the mechanisms for real law explained by short (fictional) examples.

The site writes it as reference/profile-format.md each time it is published, so
it always matches the knowledge base; `python -m checker.site.format_reference`
prints it. A test loads every example on the page."""

from __future__ import annotations

from ..kb import requirements as reqmod
from ..kb.base import KnowledgeBase
from ..kb.namespaces import GCP
from ..profile import format as schemamod
from ..profile.format import FORMAT_VERSION, Key
from ..profile.format_docs import fact_readers

# which value to write, for what the law does: (the law..., write, the finding)
CHOICES = (
    ("provides it, for everyone, in terms", "the value", "met or gap, by the value"),
    ("provides it only for some persons or places, only by implication, at discretion, or under "
     "a weakening condition", "the value with a qualifier (`scope`, `coverage`, `modality`, "
     "`conditions`)", "partial where the requirement needs it in full (a gap where the standard "
     "requires general coverage)"),
    ("says nothing on it, in the documents you read", "`silent`",
     "gap; in a corpus-scoped profile, \"silent in these acts\""),
    ("does the opposite: punishes, detains, expels the persons the standard protects",
     "`contrary:` rules on the fact (with or without a value)", "gap, with the rule shown"),
    ("cannot have it, given the kind of framework", "`not-applicable` with a `reason`",
     "not applicable, with the reason"),
    ("(you did not read it)", "leave the key out", "not assessed"),
)

INTRO = """# Profile format

A profile describes one state's legal framework as of a date, or a bill that
amends one, or only a named **corpus of acts** of a state. It is written in YAML
(friendly for lawyers), or as the same data in Turtle or JSON-LD. This page is
generated from `ontology/profile.ttl`, the one definition of the format: the
readers of all three syntaxes, the well-formedness shapes and the JSON-LD
context come from the same definition, so they accept and refuse exactly the
same things. An unknown key or value is an error with its line and a suggestion.

The current format is `gapcheck: {version}`. Profiles written for format 1 are
still read; `gapcheck migrate FILE` moves one to format {version} (see the end of
this page).

## Four values, never two

For every fact a profile either

- states what the law provides (`true`, `false`, a number, a value from the list),
  possibly with what the law attaches to it (see *Real law* below);
- says **`silent`**: the law says nothing on the point. Silence is a finding: it
  fails every requirement that needs the law to provide something;
- says **`not-applicable`**, with a reason: the point does not arise for this kind
  of framework (an origin state's law has no residence permits for foreign
  victims). It is no gap and no hole: the requirement is reported "not
  applicable" with the reason; or
- leaves the key out: **not assessed**. This is a hole in the profile, reported
  as coverage, never as a gap and never as compliance.

A whole topic can be `silent` at once (`domestic_work: silent`), or not
applicable at once (`residence_permit: {not_applicable: <reason>}`).

### Which one to use

{choices}
Never force a value the law does not support: `notes` change no finding, and a
forced `true` or `false` misstates the law.

## A complete small example

```yaml
gapcheck: {version}
id: qaa-2026
title: Republic of Qaa — national framework as of 1 March 2026
state: {code: QAA, name: Republic of Qaa}
fictional: true
as_of: 2026-03-01
groups: [bali-process]
ratifications:
  - {instrument: palermo, date: 2009-05-12, source: the depositary's status list}
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
`<id>.yaml`, `.yml`, `.ttl`, `.jsonld` or `.json` in the same folder, never a link
out of it), and only what it changes; `gapcheck check bill.yaml` compares the
framework as amended with the one it amends. A bill's `title`, `as_of`, `notes`
and `corpus` replace the framework's; its `state` and `fictional` must match the
framework's; it cannot set `groups`; a ratification it lists replaces the
framework's entry for that instrument.
"""

REAL_LAW = """
## Real law: what the law attaches to a value

Any fact can be written in the long form `{value: ..., <qualifiers>}`, and any
item of a list in the same way. The qualifiers are general: the same keys serve
every fact. Each is shown with the finding, in every output format and on the
site.

### Scope: who, where, from what threshold, which side of migration

```yaml
trafficking_offence:
  exists:
    value: true
    scope:
      who: [children]              # the offence protects only children
      except_in: [North Province]  # the act does not extend there
recruitment:
  licensing:
    value: true
    scope:
      threshold: {min: 20, unit: workers}   # only contractors with 20 or more workers
      frameworks: [origin]                  # only agencies sending nationals abroad
```

A scope narrows a value unless it names the group the fact is about by nature
(children, for child labour or child victims). A requirement met only thanks to
a narrowed value is **partial**; where the standard requires general coverage
(the offence of trafficking itself, DEF-01; any victim, DEF-08; forced labour,
DEF-11) it is a **gap**. Groups (`who`): {who}.

### Coverage inside a list, and discretion

```yaml
trafficking_offence:
  acts:
    - recruitment
    - harbouring
    - {value: transfer, coverage: implicit, notes: read into "transports"}
  ancillary_offences:
    - {value: attempt, coverage: partial, notes: attempt punishable for two clauses only}
assistance:
  services:
    - {value: safe-housing, modality: may}     # "may provide": a discretion
    - {value: medical-care, conditions: [only-in-custody]}
```

`coverage`: {coverage}. `modality`: {modality}. A value only implied, only partly
provided, or left to discretion counts only in part.

### Conditions and numbers

```yaml
trafficking_offence:
  max_penalty_years:
    value: 10
    minimum: 3                                   # "not less than three years"
    conditions: [fine-only-alternative, reducible]
  child_age_limit:
    value: 18
    tiers: [{below: 16, label: child}, {below: 18, label: young person}]
    set_by: {kind: other-law, citation: "Majority Act 1875, s. 3", in_corpus: false}
recruitment:
  worker_fees:
    value: capped
    amount: {value: 500, currency: XAA}
    set_by: {kind: delegated-rules, citation: "Recruitment Rules 2019, r. 12"}
forced_labour:
  sanction:
    value: criminal
    conditions: [government-sanction]           # prosecution only with the government's sanction
```

Conditions ({conditions}) marked as weakening make the value count only in part;
the others (a formula, a court order) are shown but change nothing.
`set_by` says where a value is set when the act does not set it itself ({sources}).

### Contrary rules: the law works against the standard

```yaml
non_punishment:
  immigration_offences:
    value: silent
    contrary:
      - kind: punishes
        who: [foreign-nationals]
        summary: staying beyond the visa is an offence, with no exception for victims
        evidence: [{document: foreigners-act, section: s. 14, eid: section-14}]
  immigration_detention_permitted:
    contrary:                                    # a contrary rule needs no value
      - kind: detains
        summary: rescued persons may be kept in a protective home for up to a year
        evidence: [{document: tip-act, section: s. 17(4)}]
```

Any contrary rule makes every requirement that reads the fact a gap, whatever
its value says. Kinds: {contrary}.

### Not applicable to this kind of framework

```yaml
residence_permit:
  not_applicable: the state is a country of origin; its law grants no residence to foreign victims
return:
  alternatives_where_serious_risk:
    value: not-applicable
    reason: no foreign victims are returned from the state
```

### Evidence roles, repealed provisions, pointers outside the corpus

```yaml
documents:
  - {id: labour-act, title: Labour Act 1970}
  - {id: penal-code, title: Penal Code 1860, in_corpus: false}   # not read
forced_labour:
  sanction: silent
  evidence:
    - {document: labour-act, section: s. 10, role: context, provision_status: repealed}
    - {document: penal-code, section: s. 374, role: pointer}
```

`role`: {roles} (default `supports`). A repealed or omitted provision cannot
support a value: give it `role: context` or `contrary`.

### Ratifications: where the date comes from

```yaml
ratifications:
  - {instrument: c29, date: 1954-11-30, source: ILO NORMLEX country profile}
  - {instrument: p29, assumed: true}      # believed ratified, not confirmed
```

An assumed ratification makes no gap binding: the finding says it would be
binding once the ratification is confirmed.

### A profile of a corpus of acts

```yaml
corpus:
  name: five acts of 1946-2015
  notes: other laws, rules and case law were not read
```

When a profile describes only some acts, `silent` means "silent in these
acts", and every finding that rests on silence says so.
"""

SYNTAXES = """
## Turtle and JSON-LD

**Turtle.** The profile node is `<https://w3id.org/gapcheck/profile/<id>>`, typed
`gcp:Framework` or `gcp:Bill`; every other node is a blank node or an IRI under
the profile's own (`<.../profile/<id>/...>`). Everything in the file must hang
from the profile: a statement about another profile's node, about a
knowledge-base term (a requirement, provision, shape, instrument or concept),
about a node nothing links to, or with a property the format does not have
there, is an error with its line. Silence is `gcp:silent`; a qualified value is
a node with `gcp:value`.

**JSON-LD.** A JSON-LD profile is the JSON form of the YAML above with
`"@context": "https://w3id.org/gapcheck/context/profile.jsonld"` (published in
`ontology/profile-context.jsonld`) and `"kind"`. No other context is read and
nothing is fetched: a list of contexts, an embedded or nested context,
`@import`, `@graph` and every other keyword are refused. Nested `id`s may be
given, under the profile's own IRI (`qaa-2026/document/tip-act`); evidence cites
a document by that id. Silence is the string `"silent"` (for a fact that takes
true/false, a number or a date, a JSON-LD processor reads it as that string;
gapcheck reads it as silence, as in YAML).

Profile files may be named `.yaml`, `.yml`, `.ttl`, `.jsonld` or `.json`, in every
command; each must be a regular file of at most 5 MB.
"""

MIGRATE = """
## Moving a profile to format {version}

```sh
gapcheck migrate qaa-2026.yaml           # print the migrated profile
gapcheck migrate --write qaa-2026.yaml   # replace the file
```

Format {version} adds the qualifiers, `not-applicable`, contrary rules, evidence
roles, ratification provenance and `corpus`, and makes lists lists: `evidence`,
`reservations` and `about` given as one item without the list (which format 1
allowed) must be written as lists. `migrate` changes only that and the version
line, keeping comments and layout; Turtle and JSON-LD profiles are rewritten in
their canonical form (the state becomes a node of the profile).
"""


def _value(k: Key) -> str:
    text = k.kind
    if k.scheme is not None:
        text = "one of: " + ", ".join(f"`{v}`" for v in k.values)
    if k.max_length is not None:
        text += f", at most {k.max_length} characters"
    if k.multiple:
        text = "a list; each " + text
    return text


def _required(k: Key) -> str:
    if k.required:
        return "yes"
    if k.required_in is not None:
        return f"{k.required_in.split('#')[-1].lower()}: yes"
    return "no"


def _table(keys: dict[str, Key], skip: tuple[str, ...] = ()) -> str:
    rows = ["| key | meaning | value | required | since |", "| --- | --- | --- | --- | --- |"]
    for k, key in keys.items():
        if k in skip:
            continue
        rows.append(f"| `{k}` | {key.definition} | {_value(key)} | {_required(key)} | {key.since} |")
    return "\n".join(rows) + "\n"


def _notations(key: Key) -> str:
    return ", ".join(f"`{n}`" for n in key.values)


def render(kb: KnowledgeBase | None = None) -> str:
    """The page for a knowledge base (by default the one locate.find finds)."""
    schema = schemamod.load(kb)
    cat = reqmod.load(kb)
    readers = fact_readers(schema, cat)
    records = schema.records
    qv, scope, contrary = records[GCP.QualifiedValue], records[GCP.Scope], records[GCP.ContraryRule]
    choices = "\n".join(["| the law... | write | the finding |", "| --- | --- | --- |"]
                        + [f"| {a} | {b} | {c} |" for a, b, c in CHOICES]) + "\n"
    out = [INTRO.replace("{version}", str(FORMAT_VERSION)).replace("{choices}", choices)]
    top = {k: v for k, v in records[GCP.Profile].items() if v.prop not in schema.measure_by_prop}
    out.append("\n## Top-level keys\n\n" + _table(top) + "\nThe measures (topics) below are "
               "top-level keys too.\n")
    out.append(f"\n`groups`: {', '.join(f'`{g}`' for g in schema.groups)}. `instrument` (under "
               f"`ratifications`): {', '.join(f'`{i}`' for i in schema.instruments)}. A directive "
               "is listed when the state is bound by it as an EU member.\n")
    for title, cls in (("State", GCP.State), ("Ratifications", GCP.Ratification),
                       ("Documents", GCP.NationalDocument), ("Corpus", GCP.Corpus),
                       ("Evidence", GCP.Evidence)):
        out.append(f"\n## {title}\n\n" + _table(records[cls]))
    out.append("\n## Keys every measure takes\n\n" + _table(records[GCP.Measure]))
    out.append(REAL_LAW
               .replace("{who}", _notations(scope["who"]))
               .replace("{coverage}", _notations(qv["coverage"]))
               .replace("{modality}", _notations(qv["modality"]))
               .replace("{conditions}", _notations(qv["conditions"]))
               .replace("{sources}", _notations(records[GCP.ValueSource]["kind"]))
               .replace("{contrary}", _notations(contrary["kind"]))
               .replace("{roles}", _notations(records[GCP.Evidence]["role"])))
    out.append("\n### The keys of a qualified value\n\n" + _table(qv))
    for title, cls in (("Scope", GCP.Scope), ("Threshold", GCP.Threshold), ("Amount", GCP.Amount),
                       ("Tier", GCP.Tier), ("Set by", GCP.ValueSource),
                       ("Contrary rule", GCP.ContraryRule)):
        out.append(f"\n#### {title}\n\n" + _table(records[cls]))
    out.append("\n## Measures and their facts\n")
    for key, m in schema.measures.items():
        out.append(f"\n### `{key}` — {m.label}\n\n{m.definition}\n\n"
                   "| key | meaning | value | read by |\n| --- | --- | --- | --- |\n")
        for fkey, f in m.facts.items():
            reqs = ", ".join(readers.get((key, fkey), [])) or "—"
            out.append(f"| `{fkey}` | {f.definition} | {_value(f)} | {reqs} |\n")
    out.append(SYNTAXES)
    out.append(MIGRATE.replace("{version}", str(FORMAT_VERSION)))
    return "".join(out)


if __name__ == "__main__":
    print(render(), end="")
