"""Fuzzing every validator with hostile input: only clean validation messages or success.

Control characters, ReportLab markup, right-to-left text, emoji and a 100,000-character note
must never raise; a validator returns issues (or the case parser raises its own CaseError).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hostile import NOTE_100K, hostile_text, json_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dnclinic import paths
from dnclinic.clinical.case import Case
from dnclinic.clinical.demographics import PatientDetails, validate_patient
from dnclinic.clinical.outcomes import INSTRUMENTS, validate_answers
from dnclinic.clinical.parsing import CaseError
from dnclinic.services.clinic import ClinicDetails, validate_clinic
from dnclinic.services.episodes import (
    EpisodeDetails,
    ScreeningDetails,
    validate_episode,
    validate_screening,
)
from dnclinic.services.users import NewUser, validate_new_user

if TYPE_CHECKING:
    from dnclinic.clinical.validation import Issue

TODAY = date(2026, 11, 23)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
dates = st.none() | st.dates()
codes = st.lists(hostile_text | st.sampled_from(["fever", "pregnancy", "anticoagulants"]),
                 max_size=4).map(tuple)  # fmt: skip


def unclean(issues: list[Issue]) -> list[Issue]:
    """Return the issues that are not plain data (a field name and a readable message)."""
    return [
        issue
        for issue in issues
        if not (isinstance(issue.field, str) and isinstance(issue.message, str)
                and issue.message.strip())
    ]  # fmt: skip


@FUZZ
@given(st.builds(PatientDetails, mrn=hostile_text, given_name=hostile_text,
                 family_name=hostile_text, date_of_birth=dates, sex=hostile_text,
                 phone=hostile_text, email=hostile_text, address=hostile_text,
                 emergency_contact_name=hostile_text, emergency_contact_phone=hostile_text,
                 notes=hostile_text))  # fmt: skip
def test_patient_validation(details: PatientDetails) -> None:
    assert unclean(validate_patient(details, TODAY)) == []


def test_a_100k_note_is_fine_for_a_patient() -> None:
    details = PatientDetails("DN-1", "Ana", "Lopez", date(1980, 5, 21), notes=NOTE_100K)
    assert validate_patient(details, TODAY) == []


@FUZZ
@given(st.builds(EpisodeDetails, region=hostile_text, onset_date=dates, side=hostile_text,
                 diagnosis=hostile_text, tags=codes))  # fmt: skip
def test_episode_validation(details: EpisodeDetails) -> None:
    assert unclean(validate_episode(details, TODAY)) == []


@FUZZ
@given(st.builds(ScreeningDetails, screened_on=dates, red_flags=codes, contraindications=codes,
                 precautions=codes, consent_type=hostile_text, consent_date=dates,
                 consent_recorded_by_id=st.none() | st.integers(), notes=hostile_text))  # fmt: skip
def test_screening_validation(details: ScreeningDetails) -> None:
    assert unclean(validate_screening(details, TODAY)) == []


@FUZZ
@given(st.builds(NewUser, username=hostile_text, display_name=hostile_text, role=hostile_text,
                 password=hostile_text, practitioner_id=st.none() | st.integers()))  # fmt: skip
def test_new_user_validation(user: NewUser) -> None:
    assert unclean(validate_new_user(user)) == []


@FUZZ
@given(st.builds(ClinicDetails, name=hostile_text, address=hostile_text, phone=hostile_text,
                 jurisdiction=hostile_text,
                 training_threshold_hours=st.decimals() | st.just(Decimal("1e999"))))  # fmt: skip
def test_clinic_validation(details: ClinicDetails) -> None:
    assert unclean(validate_clinic(details)) == []


@FUZZ
@given(st.sampled_from(INSTRUMENTS), st.lists(json_values, max_size=30))
def test_outcome_answers_validation(instrument: str, answers: list[Any]) -> None:
    assert unclean(validate_answers(instrument, answers)) == []


def _case_error(data: object) -> str | None:
    """Parse a case; return the CaseError's message, or None when it parsed."""
    try:
        Case.from_dict(data)
    except CaseError as exc:
        return str(exc)
    return None


def _valid_case() -> dict[str, Any]:
    loaded = json.loads(paths.resource_path("cases", "needle_radiculopathy.json").read_text())
    assert isinstance(loaded, dict)
    return loaded


@FUZZ
@given(json_values)
def test_case_parser_on_arbitrary_json(data: Any) -> None:
    message = _case_error(data)
    assert message is None or message.strip()


@FUZZ
@given(st.data())
def test_case_parser_on_a_valid_case_with_one_hostile_value(data: st.DataObject) -> None:
    case = _valid_case()
    key = data.draw(st.sampled_from(sorted(case)))
    case[key] = data.draw(json_values)
    message = _case_error(case)
    assert message is None or message.strip()
