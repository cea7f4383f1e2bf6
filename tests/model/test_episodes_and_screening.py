"""Episodes of care and screenings through the services, on a real database."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from factories import make_patient

from dnclinic.services.episodes import EpisodeDetails, ScreeningDetails
from dnclinic.services.errors import ConcurrentEditError, ValidationFailed

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


def test_episode_chronicity_is_derived_from_onset(clinic_context: AppContext) -> None:
    p = make_patient(clinic_context)
    # today is 2026-11-23 (fixed clock)
    clinic_context.episodes.add_episode(
        p.id, EpisodeDetails("lumbar", date(2026, 11, 1), "midline", "LBP", ("myofascial",))
    )
    clinic_context.episodes.add_episode(
        p.id, EpisodeDetails("knee", date(2026, 1, 5), "left", "PFP")
    )
    rows = clinic_context.episodes.episodes(p.id)
    assert [(r.details.region, r.chronicity) for r in rows] == [
        ("lumbar", "acute"),
        ("knee", "chronic"),
    ]


def test_episode_validation(clinic_context: AppContext) -> None:
    p = make_patient(clinic_context)
    with pytest.raises(ValidationFailed) as err:
        clinic_context.episodes.add_episode(
            p.id, EpisodeDetails("elbow_x", date(2027, 1, 1), tags=("magic",))
        )
    assert {i.field for i in err.value.issues} == {"region", "onset_date", "tags"}
    assert clinic_context.episodes.episodes(p.id) == []


def test_closing_an_episode_is_version_checked(clinic_context: AppContext) -> None:
    p = make_patient(clinic_context)
    row = clinic_context.episodes.add_episode(
        p.id, EpisodeDetails("hip", date(2026, 6, 1), "right")
    ).value
    closed = clinic_context.episodes.close_episode(row.id, row.version_id).value
    assert closed.status == "closed"
    with pytest.raises(ConcurrentEditError):
        clinic_context.episodes.close_episode(row.id, row.version_id)


def test_latest_screening_drives_the_chart_header(clinic_context: AppContext) -> None:
    p = make_patient(clinic_context)
    header = clinic_context.chart.overview(p.id).header
    assert not header.screened
    assert header.consent_type == "none"
    maria = clinic_context.clinic.practitioners()[0].id
    clinic_context.episodes.record_screening(
        p.id,
        ScreeningDetails(
            date(2026, 10, 1),
            precautions=("diabetes", "anticoagulants"),
            consent_type="written",
            consent_date=date(2026, 10, 1),
            consent_recorded_by_id=maria,
        ),
    )
    clinic_context.episodes.record_screening(
        p.id,
        ScreeningDetails(
            date(2026, 11, 20), red_flags=("suspected_fracture",), consent_type="none"
        ),
    )
    header = clinic_context.chart.overview(p.id).header
    assert header.red_flags == ("suspected_fracture",)
    assert header.precautions == ()
    assert header.consent_type == "none"
    # precautions are stored in vocabulary order, whatever order they were ticked in
    older = clinic_context.episodes.screenings(p.id)[1]
    assert older.details.precautions == ("anticoagulants", "diabetes")
    assert older.consent_recorded_by == "Maria Alvarez"


def test_consent_needs_date_and_recorder(clinic_context: AppContext) -> None:
    p = make_patient(clinic_context)
    with pytest.raises(ValidationFailed) as err:
        clinic_context.episodes.record_screening(
            p.id, ScreeningDetails(date(2026, 11, 1), consent_type="verbal")
        )
    assert {i.field for i in err.value.issues} == {"consent_date", "consent_recorded_by"}
    with pytest.raises(ValidationFailed) as err:
        clinic_context.episodes.record_screening(
            p.id, ScreeningDetails(date(2026, 11, 1), precautions=("garlic",))
        )
    assert [i.field for i in err.value.issues] == ["precautions"]
