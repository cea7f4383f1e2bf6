"""The patient's chart as one read model: header, flags, episodes and screenings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from dnclinic.services.context import ServiceContext
    from dnclinic.services.episodes import EpisodeRow, EpisodeService, ScreeningRow
    from dnclinic.services.patients import PatientRecord, PatientService


@dataclass(frozen=True, slots=True)
class PatientHeader:
    """What the chart header shows: who this is, and what to watch out for."""

    patient_id: int
    display_name: str
    mrn: str
    age: int | None
    sex: str
    status: str
    red_flags: tuple[str, ...]
    contraindications: tuple[str, ...]
    precautions: tuple[str, ...]
    consent_type: str  # from the latest screening; "none" when never recorded
    screened: bool


@dataclass(frozen=True, slots=True)
class ChartOverview:
    """Everything the chart area draws for one patient."""

    record: PatientRecord
    header: PatientHeader
    episodes: tuple[EpisodeRow, ...]
    screenings: tuple[ScreeningRow, ...]


class ChartService:
    """Assembles a patient's chart from the other services' read models."""

    def __init__(
        self,
        ctx: ServiceContext,
        patients: PatientService,
        episodes: EpisodeService,
        audit: AuditService,
    ) -> None:
        self._ctx = ctx
        self._patients = patients
        self._episodes = episodes
        self._audit = audit

    def overview(self, patient_id: int) -> ChartOverview:
        """Return the chart of one patient.

        Every view of a chart is audited ("chart viewed").

        Raises:
            NotFoundError: no such patient.
            PermissionDenied: the user may not read clinical records.
        """
        self._ctx.require(Permission.CHART_READ)
        record = self._patients.get(patient_id)
        screenings = tuple(self._episodes.screenings(patient_id))
        latest = screenings[0].details if screenings else None
        header = PatientHeader(
            patient_id=record.id,
            display_name=record.display_name,
            mrn=record.details.mrn,
            age=record.age(self._patients.today()),
            sex=record.details.sex,
            status=record.status,
            red_flags=latest.red_flags if latest else (),
            contraindications=latest.contraindications if latest else (),
            precautions=latest.precautions if latest else (),
            consent_type=latest.consent_type if latest else "none",
            screened=latest is not None,
        )
        episodes = tuple(self._episodes.episodes(patient_id))
        self._audit.record_now(
            AuditAction.CHART_VIEWED, entity="patient", entity_id=patient_id, patient_id=patient_id
        )
        return ChartOverview(record, header, episodes, screenings)
