"""When an instrument binds a state: the rules of each instrument's final
clauses, applied to a profile's dates (checker/kb/time_rules.py, checker/engine/legal_time.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import URIRef

from checker.engine.legal_time import judge
from checker.kb import base as kb
from checker.kb.namespaces import GC, INST
from checker.kb.time_rules import TimeRule, add_months, read_instruments

D = dt.date


@pytest.fixture(scope="module")
def instruments():
    return {str(i).rsplit("/", 1)[-1]: t for i, t in read_instruments(kb.load().graph).items()}


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(D(2010, 3, 15), 12) == D(2011, 3, 15)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)


def test_rules_as_their_texts_say(instruments):
    # ILO conventions: twelve months after registration (e.g. C29 Art. 28(3), C189 Art. 21(3))
    assert instruments["c29"].entry_rule.apply(D(2010, 3, 15)) == D(2011, 3, 15)
    assert instruments["c189"].entry_rule.apply(D(2025, 9, 30)) == D(2026, 9, 30)
    # Palermo Art. 17(2): the thirtieth day after deposit
    assert instruments["palermo"].entry_rule.apply(D(2010, 3, 15)) == D(2010, 4, 14)
    # CETS 197 Art. 42(4): first day of the month after the expiry of three months
    cets = instruments["cets197"].entry_rule
    assert cets.apply(D(2014, 9, 30)) == D(2015, 1, 1)
    assert cets.apply(D(2010, 5, 31)) == D(2010, 9, 1)
    assert cets.apply(D(2010, 6, 1)) == D(2010, 10, 1)
    # ICRMW Art. 87(2): first day of the month following three months after deposit
    assert instruments["icrmw"].entry_rule.apply(D(2016, 6, 15)) == D(2016, 10, 1)
    # OPSC Art. 14(2): one month after deposit
    assert instruments["opsc"].entry_rule.apply(D(2004, 5, 26)) == D(2004, 6, 26)
    # denunciation: one year after registration (ILO), three months then the 1st (CETS 197)
    assert instruments["c29"].denunciation_rule.apply(D(2024, 5, 1)) == D(2025, 5, 1)
    assert instruments["cets197"].denunciation_rule.apply(D(2024, 5, 10)) == D(2024, 9, 1)


def test_every_binding_instrument_has_its_rules_each_with_a_status(instruments):
    graph = kb.load().graph
    for slug, inst in instruments.items():
        if not inst.binding:
            assert inst.entry_rule is None
            continue
        assert inst.entry_rule is not None and inst.denunciation_rule is not None, slug
        for rule in (inst.entry_rule, inst.denunciation_rule):
            # not on the project's list of checked citations: unverified, even when read
            assert rule.status == "unverified", slug
    for rule in graph.subjects(None, GC.TimeRule):
        prov = graph.value(rule, GC.ruleProvision)
        if prov is not None:
            assert graph.value(prov, GC.checkingStatus) == graph.value(rule, GC.checkingStatus)


def test_never_in_force_for_a_state_before_the_general_entry_into_force(instruments):
    palermo = instruments["palermo"]  # in force 25 December 2003
    binding, warnings = judge(palermo, D(2003, 1, 10), None, D(2004, 6, 1))
    assert binding.in_force == D(2003, 12, 25) and binding.bound and not warnings


def test_ratification_after_the_profile_date_is_not_counted_and_warned(instruments):
    binding, warnings = judge(instruments["cets197"], D(2030, 1, 15), None, D(2000, 6, 1))
    assert not binding.bound
    assert "after this profile's date" in binding.note
    assert len(warnings) == 1 and "2030-01-15" in warnings[0][0]


def test_in_force_later_than_the_ratification(instruments):
    c189 = instruments["c189"]
    before, warnings = judge(c189, D(2025, 9, 30), None, D(2026, 2, 1))
    assert not before.bound and not warnings
    assert before.note == ("party since 2025-09-30, in force for the state only from 2026-09-30, "
                           "after this profile's date")
    after, _ = judge(c189, D(2025, 9, 30), None, D(2026, 10, 1))
    assert after.bound
    assert after.note == "party since 2025-09-30, in force for the state since 2026-09-30"


def test_denunciation_ends_the_binding_effect_by_the_instrument_rule(instruments):
    c29 = instruments["c29"]
    pending, warnings = judge(c29, D(1960, 1, 4), D(2024, 5, 1), D(2025, 1, 1))
    assert pending.bound and not warnings
    assert "denounced 2024-05-01, ceases to bind on 2025-05-01" in pending.note
    ended, _ = judge(c29, D(1960, 1, 4), D(2024, 5, 1), D(2025, 5, 1))
    assert not ended.bound and ended.ends == D(2025, 5, 1)
    later, warnings = judge(c29, D(1960, 1, 4), D(2027, 1, 1), D(2026, 1, 1))
    assert later.bound and "after this profile's date" in warnings[0][0]


def test_an_undated_ratification_is_counted_with_a_warning(instruments):
    binding, warnings = judge(instruments["icrmw"], None, None, D(2026, 1, 1))
    assert binding.bound and "no date" in warnings[0][0]


def test_soft_law_binds_no_one(instruments):
    binding, _ = judge(instruments["ohchr"], D(2010, 1, 1), None, D(2026, 1, 1))
    assert not binding.bound


def test_a_rule_without_delay_applies_on_the_day():
    assert TimeRule().apply(D(2020, 2, 29)) == D(2020, 2, 29)
    assert TimeRule(days=30).apply(D(2020, 2, 1)) == D(2020, 3, 2)


def test_rule_provisions_exist_and_name_their_article():
    graph = kb.load().graph
    c105 = URIRef(INST + "c105")
    rule = graph.value(c105, GC.entryIntoForceRule)
    assert str(graph.value(graph.value(rule, GC.ruleProvision), GC.citation)) == "Art. 4(3)"


SYNTAXES = {
    "yaml": ("p.yaml", "gapcheck: 2\nid: qxc-2026\nstate: {code: QXC, name: Qxc}\nfictional: true\n"
             "as_of: 2026-01-01\nratifications:\n  - {instrument: C29, date: 1990-05-02, "
             "denounced: 2020-06-01}\n"),
    "turtle": ("p.ttl", """@prefix gcp: <https://w3id.org/gapcheck/ontology/profile#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/gapcheck/profile/qxc-2026> a gcp:Framework ;
    gcp:asOf "2026-01-01"^^xsd:date ; gcp:fictional true ;
    gcp:state <https://w3id.org/gapcheck/state/QXC> ;
    gcp:ratification <https://w3id.org/gapcheck/profile/qxc-2026/ratification/c29> .
<https://w3id.org/gapcheck/state/QXC> rdfs:label "Qxc" ; gcp:isoCode "QXC" .
<https://w3id.org/gapcheck/profile/qxc-2026/ratification/c29>
    gcp:instrument <https://w3id.org/gapcheck/instrument/C29> ;
    gcp:ratifiedOn "1990-05-02"^^xsd:date ; gcp:denouncedOn "2020-06-01"^^xsd:date .
"""),
    "jsonld": ("p.jsonld", '{"@context": "https://w3id.org/gapcheck/context/profile.jsonld", '
               '"id": "qxc-2026", "kind": "framework", "state": {"code": "QXC", "name": "Qxc"}, '
               '"fictional": true, "as_of": "2026-01-01", "ratifications": [{"instrument": "C29", '
               '"date": "1990-05-02", "denounced": "2020-06-01"}]}'),
}


@pytest.mark.parametrize("syntax", sorted(SYNTAXES))
def test_instrument_ids_any_case_and_denounced_in_every_syntax(syntax, tmp_path):
    """One tree reader for the three syntaxes: `C29` is c29, and `denounced` is read."""
    from checker.engine.engine import engine
    from checker.profile.load import load

    name, text = SYNTAXES[syntax]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    info = engine().profile_info(load(path))
    binding = info.binding("c29")
    assert binding is not None and binding.denounced == D(2020, 6, 1)
    assert not binding.bound  # the denunciation took effect before the profile's date
