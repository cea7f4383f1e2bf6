"""The evidence registry: every cited source exists and no status overstates its evidence."""

from __future__ import annotations

import json

import pytest

from dnclinic.clinical import plan
from dnclinic.clinical.case import Case
from dnclinic.clinical.decision import evaluate
from dnclinic.clinical.evidence import cite, is_confirmed_status, registry, source
from dnclinic.clinical.loading import SOURCES as LOADING_SOURCES
from dnclinic.clinical.neuro import interpret
from dnclinic.clinical.outcome_specs import SPECS
from dnclinic.clinical.prognosis import prognosis
from dnclinic.clinical.rules import RULES
from dnclinic.clinical.stimulation import (
    Electrode,
    ElectrodePair,
    StimulationSetting,
    check_stimulation,
)
from dnclinic.clinical.vocab import CONTRAINDICATIONS, PRECAUTIONS, RED_FLAGS
from dnclinic.paths import resource_path


def _all_cited_ids() -> set[str]:
    ids: set[str] = set()
    for rule in RULES.values():
        ids |= set(rule.sources)
    every = Case.from_dict(
        {
            "region": "thoracic",
            "chronicity": "chronic",
            "practitioner_training_hours": 0,
            "red_flags": list(RED_FLAGS),
            "contraindications": list(CONTRAINDICATIONS),
            "tags": ["headache", "facet_mediated"],
        }
    )
    for reason in evaluate(every).reasons:
        ids |= set(reason.sources)
    needle = Case.from_dict(
        {
            "region": "thoracic",
            "chronicity": "chronic",
            "practitioner_training_hours": 100,
            "failed_conservative_care": True,
            "understands_short_term_benefit": True,
            "consent_recorded": True,
            "precautions": list(PRECAUTIONS),
            "neuro": {"myotomes": {"T4": {"left": 4}}},
        }
    )
    warnings = plan.warnings(needle, interpret(needle.neuro), segmental=True)
    for warning in warnings:
        ids |= set(warning.sources)
    pair = ElectrodePair(Electrode("chest", "left"), Electrode("lumbar", "right"))
    bad = StimulationSetting(150, 250, 5, 5, (pair,))
    for finding in check_stimulation(
        bad, segmental_session=True, precautions=("pacemaker_or_icd", "pregnancy")
    ):
        ids |= set(finding.sources)
    for spec in SPECS.values():
        ids |= set(spec.sources)
    for note in prognosis(7, 5).notes:
        ids |= set(note.sources)
    return ids | set(LOADING_SOURCES)


def test_every_cited_source_is_in_the_registry_with_a_status() -> None:
    cited = _all_cited_ids()
    assert {"seed1", "seed2", "WAT26", "KEA19", "COOK10", "GER17", "BMAS23"} <= cited
    for source_id in cited:
        entry = source(source_id)
        assert entry.evidence_status.strip()
        assert entry.citation.strip()
        assert entry.summary.strip()


def test_registry_entries_have_every_field() -> None:
    raw = json.loads(resource_path("evidence.json").read_text(encoding="utf-8"))
    for entry in raw["sources"]:
        assert {"id", "citation", "doi_or_url", "evidence_status", "seed", "summary"} <= set(entry)
        assert entry["seed"] in (None, "seed1", "seed2")
    assert len(registry()) == len(raw["sources"])


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_no_rule_claims_confirmed_on_an_unconfirmed_source(rule_id: str) -> None:
    rule = RULES[rule_id]
    if is_confirmed_status(rule.evidence):
        assert all(source(s).is_confirmed for s in rule.sources), rule_id
    else:
        assert rule.evidence  # seed-derived rules say so


def test_r1_and_r2_are_confirmed_and_seed_rules_are_not() -> None:
    assert is_confirmed_status(RULES["R1"].evidence)
    assert is_confirmed_status(RULES["R2"].evidence)
    for rule_id in ("R3", "R4", "R5", "R6", "R7"):
        assert not is_confirmed_status(RULES[rule_id].evidence)
        assert "seed" in RULES[rule_id].evidence


@pytest.mark.parametrize(
    ("source_id", "mark"),
    [
        ("WAT14", "UNCONFIRMED"),
        ("GER17", "UNCONFIRMED"),
        ("VA23", "UNCONFIRMED"),
        ("WAT26", "UNCONFIRMED"),
        ("seed2", "not peer reviewed"),
    ],
)
def test_unconfirmed_sources_say_so(source_id: str, mark: str) -> None:
    entry = source(source_id)
    assert mark in entry.evidence_status
    assert not entry.is_confirmed


def test_status_classifier() -> None:
    assert is_confirmed_status("confirmed")
    assert is_confirmed_status("confirmed (as of Jan 2026)")
    assert not is_confirmed_status("confirmed (study); interpretation UNCONFIRMED")
    assert not is_confirmed_status("partly contradicted / UNCONFIRMED")
    assert not is_confirmed_status("as cited by seed 2")


def test_lookup_and_cite() -> None:
    assert "10.26603/001c.161025" in cite("WAT26")
    with pytest.raises(KeyError, match="NOPE"):
        source("NOPE")
    assert registry() is registry()  # parsed once, cached
