"""The clinic's adverse-event register, with the regulator reporting deadlines.

Events come from charting's session notes (the current revision of every note not entered in
error). Where the jurisdiction sets a reporting deadline (Florida: 15 days, CLINICAL_REFERENCE
7.2) an event needs a report until its report date is entered. That date is recorded here, in
its own append-only table, because the event row belongs to a (possibly signed and sealed) note.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.clinical.training import ReportDeadline, report_deadline
from dnclinic.clinical.validation import Issue
from dnclinic.clinical.vocab import label
from dnclinic.model.entities import (
    AdverseEvent,
    NeedlingSession,
    Patient,
    Practitioner,
    RegulatorReport,
)
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import NotFoundError, ValidationFailed
from dnclinic.services.policy import Permission
from dnclinic.services.training_store import clinic_settings, load_rule

if TYPE_CHECKING:
    from datetime import date

    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

SEVERITIES = ("mild", "significant", "serious")


@dataclass(frozen=True, slots=True)
class AdverseEventFilter:
    """Which events to list (None = any). Dates are session dates, inclusive."""

    practitioner_id: int | None = None
    severity: str | None = None
    since: date | None = None
    until: date | None = None
    needing_report_only: bool = False


@dataclass(frozen=True, slots=True)
class AdverseEventRow:
    """One adverse event of the register."""

    session_id: int
    position: int
    adverse_event_id: int
    patient_id: int
    patient_mrn: str
    practitioner_id: int
    practitioner_name: str
    session_on: date
    event_type: str
    event_label: str
    severity: str
    onset: str
    action_taken: str
    deadline: ReportDeadline
    jurisdiction: str

    @property
    def reported_on(self) -> date | None:
        """When it was reported to the regulator, if it was."""
        return self.deadline.reported_on


class AdverseEventService:
    """Use cases of the clinic-wide adverse-event register."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    def register(self, flt: AdverseEventFilter | None = None) -> list[AdverseEventRow]:
        """Return the adverse events of the clinic, newest first."""
        self._ctx.require(Permission.ADVERSE_EVENTS_READ)
        flt = flt or AdverseEventFilter()
        today = self._ctx.today()
        with self._db.read() as s:
            rows = _register(s, flt, today)
        if flt.needing_report_only:
            rows = [r for r in rows if r.deadline.needs_report]
        return rows

    def record_report(
        self, session_id: int, position: int, reported_on: date, reference: str = ""
    ) -> Saved[AdverseEventRow]:
        """Enter the date an adverse event was reported to the regulator (audited).

        Raises:
            NotFoundError: no such event in the note's current revision.
            ValidationFailed: the date is ahead of today or before the session.
        """
        self._ctx.require(Permission.ADVERSE_EVENTS_REPORT)
        today = self._ctx.today()
        with self._db.write() as s:
            found = s.execute(
                select(AdverseEvent, NeedlingSession)
                .join(NeedlingSession, NeedlingSession.id == AdverseEvent.session_id)
                .where(
                    AdverseEvent.session_id == session_id,
                    AdverseEvent.position == position,
                    AdverseEvent.revision == NeedlingSession.revision,
                )
            ).first()
            if found is None:
                raise NotFoundError("That adverse event is not in the note any more.")
            event, session = found
            on = session.session_at.astimezone().date()
            if reported_on > today:
                raise ValidationFailed([Issue("reported_on", "This date is ahead of today.")])
            if reported_on < on:
                raise ValidationFailed(
                    [Issue("reported_on", f"This is before the session ({on:%Y-%m-%d}).")]
                )
            report = RegulatorReport(
                session_id=session_id,
                position=position,
                adverse_event_id=event.id,
                reported_on=reported_on,
                reference=reference.strip()[:200],
            )
            self._ctx.stamp(report, created=True)
            s.add(report)
            s.flush()
            self._audit.record(
                s, AuditAction.REGULATOR_REPORT, entity="adverse_event", entity_id=event.id,
                patient_id=event.patient_id,
                details={"reported_on": reported_on.isoformat(), "session": session_id},
            )  # fmt: skip
            row = next(
                r
                for r in _register(s, AdverseEventFilter(), today, session_ids=[session_id])
                if r.position == position
            )
        return Saved(row, ChangeSet(patients=frozenset({row.patient_id})))


def _register(
    s: Session, flt: AdverseEventFilter, today: date, *, session_ids: list[int] | None = None
) -> list[AdverseEventRow]:
    stmt = (
        select(AdverseEvent, NeedlingSession, Patient.mrn, Practitioner)
        .join(NeedlingSession, NeedlingSession.id == AdverseEvent.session_id)
        .join(Patient, Patient.id == AdverseEvent.patient_id)
        .join(Practitioner, Practitioner.id == NeedlingSession.practitioner_id)
        .where(
            AdverseEvent.revision == NeedlingSession.revision,
            NeedlingSession.status != "entered_in_error",
        )
        .order_by(NeedlingSession.session_at.desc(), AdverseEvent.position)
    )
    if flt.practitioner_id is not None:
        stmt = stmt.where(NeedlingSession.practitioner_id == flt.practitioner_id)
    if flt.severity:
        stmt = stmt.where(AdverseEvent.severity == flt.severity)
    if session_ids is not None:
        stmt = stmt.where(NeedlingSession.id.in_(session_ids))
    reports: dict[tuple[int, int], date] = {
        (r.session_id, r.position): r.reported_on
        for r in s.scalars(select(RegulatorReport).order_by(RegulatorReport.id))
    }  # ordered by id: the latest entry wins
    clinic_code, _threshold = clinic_settings(s)
    deadlines: dict[str, int | None] = {}
    out: list[AdverseEventRow] = []
    for event, session, mrn, practitioner in s.execute(stmt):
        on = session.session_at.astimezone().date()
        if (flt.since and on < flt.since) or (flt.until and on > flt.until):
            continue
        code = practitioner.jurisdiction or clinic_code
        if code not in deadlines:
            deadlines[code] = load_rule(s, code).ae_report_days
        reported = reports.get((session.id, event.position), event.reported_to_regulator_on)
        out.append(
            AdverseEventRow(
                session_id=session.id, position=event.position, adverse_event_id=event.id,
                patient_id=event.patient_id, patient_mrn=mrn,
                practitioner_id=practitioner.id, practitioner_name=practitioner.display_name,
                session_on=on, event_type=event.event_type, event_label=label(event.event_type),
                severity=event.severity, onset=event.onset, action_taken=event.action_taken,
                deadline=report_deadline(on, deadlines[code], reported, today=today),
                jurisdiction=code,
            )
        )  # fmt: skip
    return out
