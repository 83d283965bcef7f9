"""Whether an instrument binds a state on a profile's date: the instrument's
time rules (kb/time_rules.py) applied to the ratification and denunciation
dates the profile gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import Problem
from ..i18n.sentence import Sentence
from ..kb.namespaces import GCP
from ..kb.time_rules import InstrumentTime
from ..profile.model import Profile


@dataclass(frozen=True)
class Binding:
    """One ratification of a profile, judged on the profile's date."""

    instrument: str  # slug
    name: str  # short name
    ratified: dt.date | None
    in_force: dt.date | None  # for this state
    denounced: dt.date | None
    ends: dt.date | None  # the denunciation takes effect
    bound: bool  # the instrument binds the state on the profile's date
    note: str  # "party since ..., in force for the state since ..."


def in_force_for_state(inst: InstrumentTime, ratified: dt.date) -> dt.date:
    """The instrument's rule for a late ratifier, never before its general entry into force."""
    when = inst.entry_rule.apply(ratified) if inst.entry_rule else ratified
    if inst.entry_into_force and inst.entry_into_force > when:
        return inst.entry_into_force
    return when


def denunciation_effective(inst: InstrumentTime, denounced: dt.date) -> dt.date:
    return inst.denunciation_rule.apply(denounced) if inst.denunciation_rule else denounced


def judge(inst: InstrumentTime, ratified: dt.date | None, denounced: dt.date | None,
          as_of: dt.date | None) -> tuple[Binding, list[tuple[str, str]]]:
    """The state's position under one instrument on `as_of`, and warnings as
    (message, hint) pairs for dates the profile should not have."""
    warnings: list[tuple[str, str]] = []
    name = inst.name

    def result(bound: bool, note: str, in_force=None, ends=None) -> tuple[Binding, list]:  # noqa: ANN001
        return Binding(inst.slug, name, ratified, in_force, denounced, ends, bound, note), warnings

    if not inst.binding:
        return result(False, Sentence("soft law: binds no state"))
    if ratified is None:
        warnings.append((
            Sentence("%(name)s: the ratification has no date, so gapcheck cannot tell when it "
                     "entered into force for the state; it is counted as binding on %(date)s",
                     name=name, date=as_of) if as_of is not None else
            Sentence("%(name)s: the ratification has no date, so gapcheck cannot tell when it "
                     "entered into force for the state; it is counted as binding on the "
                     "profile date", name=name),
            Sentence("add `date:` (the date of deposit, or of registration for an ILO convention)")))
        return result(True, Sentence("party (no date given), counted as in force for the state"))
    if as_of is not None and ratified > as_of:
        warnings.append((Sentence("%(name)s: the ratification is dated %(ratified)s, after this "
                                  "profile's date (%(as_of)s); it is not counted, so no gap is "
                                  "binding through it", name=name, ratified=ratified, as_of=as_of),
                         Sentence("correct the date, or remove the ratification until it has happened")))
        return result(False, Sentence("ratification dated %(ratified)s, after this profile's date: "
                                      "not counted", ratified=ratified))
    in_force = in_force_for_state(inst, ratified)
    if denounced is not None and denounced < ratified:
        warnings.append((Sentence("%(name)s: the denunciation (%(denounced)s) is dated before the "
                                  "ratification (%(ratified)s); the denunciation is not counted",
                                  name=name, denounced=denounced, ratified=ratified),
                         Sentence("correct one of the two dates")))
        denounced = None
    ends = None
    if denounced is not None and as_of is not None and denounced > as_of:
        warnings.append((Sentence("%(name)s: the denunciation is dated %(denounced)s, after this "
                                  "profile's date (%(as_of)s); it is not counted",
                                  name=name, denounced=denounced, as_of=as_of),
                         Sentence("correct the date")))
        denounced = None
    if denounced is not None:
        ends = denunciation_effective(inst, denounced)
    if as_of is not None and in_force > as_of:
        return result(False, Sentence("party since %(ratified)s, in force for the state only from "
                                      "%(in_force)s, after this profile's date",
                                      ratified=ratified, in_force=in_force), in_force)
    if ends is not None and (as_of is None or ends <= as_of):
        return result(False, Sentence("party from %(ratified)s; denounced %(denounced)s, no longer "
                                      "binding since %(ends)s", ratified=ratified,
                                      denounced=denounced, ends=ends), in_force, ends)
    if ends is not None:
        note = Sentence("party since %(ratified)s, in force for the state since %(in_force)s; "
                        "denounced %(denounced)s, ceases to bind on %(ends)s", ratified=ratified,
                        in_force=in_force, denounced=denounced, ends=ends)
    else:
        note = Sentence("party since %(ratified)s, in force for the state since %(in_force)s",
                        ratified=ratified, in_force=in_force)
    return result(True, note, in_force, ends)


def _date_of(graph: Graph, node: Node, prop: URIRef) -> dt.date | None:
    value = graph.value(node, prop)
    python = value.toPython() if value is not None else None
    return python if isinstance(python, dt.date) else None


def judge_profile(profile: Profile, instruments: dict[URIRef, InstrumentTime]
                  ) -> tuple[tuple[Binding, ...], tuple[Problem, ...]]:
    """Each ratification of the profile on its `as_of` date, and a warning (with
    the file and line) for each date that cannot be counted."""
    g, node = profile.graph, profile.iri
    as_of = _date_of(g, node, GCP.asOf)
    bindings, warnings = [], []
    for rnode in g.objects(node, GCP.ratification):
        inst = instruments.get(g.value(rnode, GCP.instrument))
        if inst is None:
            continue  # well-formedness reports unknown instruments
        if g.value(rnode, GCP.ratificationAssumed) == Literal(True):
            # believed ratified, not confirmed: it makes no gap binding, and a missing date is expected
            bindings.append(Binding(inst.slug, inst.name, _date_of(g, rnode, GCP.ratifiedOn), None,
                                    None, None, False,
                                    Sentence("ratification assumed, not confirmed: counted as "
                                             "not ratified")))
            continue
        binding, problems = judge(inst, _date_of(g, rnode, GCP.ratifiedOn),
                                  _date_of(g, rnode, GCP.denouncedOn), as_of)
        bindings.append(binding)
        if problems:  # a line costs a second read of a profile the fast reader loaded
            # a bill applied to its baseline: the baseline's ratifications are not in the bill's file
            from_baseline = str(rnode).startswith(f"{node}/baseline/")
            line = None if from_baseline else profile.line_of(rnode)
            warnings += [Problem(str(profile.path) if profile.path else None, line, message, hint)
                         for message, hint in problems]
    return (tuple(sorted(bindings, key=lambda b: b.instrument)),
            tuple(sorted(warnings, key=lambda w: (w.line or 0, w.message))))
