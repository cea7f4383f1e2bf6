"""The wizard's draft without Qt: branching, per-page checks, guidance, session prefill."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dnclinic.clinical.neuro import NeuroExam
from dnclinic.services.decision_draft import END, DecisionDraft, Page, next_page
from dnclinic.services.decision_guidance import (
    PAGE_WHY,
    next_steps,
    plan_note,
    resolutions,
    session_prefill,
)
from dnclinic.services.muscles import MuscleCatalog

L5_LEFT = NeuroExam(
    {"L5": {"left": {"light_touch": 1, "pin_prick": 1}, "right": {"light_touch": 2}}},
    {"L5": {"left": 4, "right": 5}},
)


def draft(**values: object) -> DecisionDraft:
    d = DecisionDraft(1, region="lumbar", chronicity="chronic", training_hours=80)
    for key, value in values.items():
        setattr(d, key, value)
    return d


def path(d: DecisionDraft) -> list[int]:
    page, seen = int(Page.SAFETY), []
    while page != END:
        seen.append(page)
        page = next_page(d, Page(page))
    return seen


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, [0, 1, 2, 3, 4]),
        ({"red_flags": ["cauda_equina"]}, [0, 4]),
        ({"contraindications": ["needle_phobia"]}, [0, 4]),
        ({"red_flags": ["cauda_equina"], "region": None}, [0, 1, 4]),  # condition still needed
        ({"neuro": NeuroExam(umn={"babinski": True})}, [0, 1, 2, 4]),
        ({"tags": ["degenerative"]}, [0, 1, 2, 3, 4]),  # overridable: eligibility still asked
        ({"tags": ["headache"]}, [0, 1, 2, 3, 4]),
    ],
)
def test_branching_is_a_pure_function_of_the_draft(
    values: dict[str, object], expected: list[int]
) -> None:
    assert path(draft(**values)) == expected


def test_page_checks() -> None:
    d = draft(region=None, chronicity=None, training_hours=None)
    assert {i.field for i in d.issues(Page.CONDITION)} == {"region", "chronicity"}
    assert [i.field for i in d.issues(Page.ELIGIBILITY)] == ["training_hours"]
    d = draft(override=True, override_reason="")
    d.tags = ["degenerative"]
    assert [i.field for i in d.issues(Page.RECOMMENDATION)] == ["override_reason"]
    d = draft(override=True, override_reason="because", red_flags=["cauda_equina"])
    assert [i.field for i in d.issues(Page.RECOMMENDATION)] == ["override"]


def test_unknown_hours_count_as_untrained() -> None:
    d = draft(training_hours=None, failed_conservative_care=True, consent_recorded=True)
    assert d.case_dict()["practitioner_training_hours"] == 0
    assert "training_hours" in d.recommendation().unmet_criteria


def test_every_page_explains_itself_with_registry_sources() -> None:
    from dnclinic.clinical.evidence import source

    for page in Page:
        text, ids = PAGE_WHY[page]
        assert text
        assert all(source(i).evidence_status for i in ids)


def test_refer_and_defer_guidance() -> None:
    d = draft(red_flags=["cauda_equina"])
    rec = d.recommendation()
    steps = next_steps(rec, d.case())
    assert rec.verdict == "refer"
    assert "emergency department" in steps[0]
    d = draft(training_hours=40, consent_recorded=False)
    rec = d.recommendation()
    assert rec.verdict == "defer"
    fixes = dict(resolutions(rec, d.case()))
    assert len(fixes) == len(rec.unmet_criteria)
    assert any("40 h" in problem for problem in fixes)
    assert any("Record screening" in fix for fix in fixes.values())


def test_session_prefill_targets_multifidus_at_the_implicated_level() -> None:
    d = draft(
        tags=["radiculopathy"], neuro=L5_LEFT, failed_conservative_care=True,
        understands_short_term_benefit=True, consent_recorded=True,
    )  # fmt: skip
    rec = d.recommendation()
    assert rec.verdict == "needle"
    now = datetime(2026, 11, 23, 15, tzinfo=UTC)
    note = plan_note(rec, "decision of 2026-11-23")
    content = session_prefill(rec, MuscleCatalog.load(), now=now, episode_id=7, note=note)
    [target] = content.targets
    assert (target.muscle, target.side, target.approach, target.spinal_level) == (
        "lumbar_multifidus", "left", "segmental", "L5",
    )  # fmt: skip
    [stim] = content.stimulation
    assert 2 <= (stim.frequency_hz or 0) <= 20
    assert (stim.duration_min or 0) >= 10
    assert stim.intensity_ma is None  # set by the practitioner at the table
    assert "1-2 reps in reserve" in content.plan
    assert content.episode_id == 7
