"""Home-loading plans: exercises with sets, reps or holds, an RIR target and sessions per week.

A plan starts as the skeleton of ``dnclinic.clinical.loading`` for the case's region (seed 1:
load to 1-2 reps in reserve; HEP21: 2-4 exercises, 2-3 sets of 8-15 reps) and the practitioner
adjusts it. Plans are never deleted: a newer plan supersedes the older active one. The frozen
:class:`HomePlanRecord` is what the documents feature prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm.exc import StaleDataError

from dnclinic.clinical import loading
from dnclinic.clinical.plan import RIR_MAX, RIR_MIN
from dnclinic.clinical.validation import Issue
from dnclinic.clinical.vocab import REGIONS
from dnclinic.model.entities import HomePlan, Patient
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import ConcurrentEditError, NotFoundError, ValidationFailed
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

MAX_SETS = 10
MAX_REPS = 100
MAX_HOLD_SECONDS = 600


@dataclass(frozen=True, slots=True)
class PlanExercise:
    """One exercise of a plan: library id and name, sets, and reps or a hold in seconds."""

    exercise_id: str
    name: str
    sets: int
    reps: int | None
    hold_seconds: int | None

    def to_dict(self) -> dict[str, Any]:
        """Return the stored JSON form."""
        return {
            "exercise_id": self.exercise_id,
            "name": self.name,
            "sets": self.sets,
            "reps": self.reps,
            "hold_seconds": self.hold_seconds,
        }


@dataclass(frozen=True, slots=True)
class PlanDetails:
    """A plan as the editor holds it (RIR = reps in reserve, 0-10)."""

    region: str
    exercises: tuple[PlanExercise, ...]
    rir_min: int = RIR_MIN
    rir_max: int = RIR_MAX
    sessions_per_week: int = 3
    notes: str = ""


@dataclass(frozen=True, slots=True)
class HomePlanRecord:
    """A stored plan, ready to print: who, from which decision or session, what to do."""

    id: int
    version_id: int
    patient_id: int
    decision_id: int | None
    session_id: int | None
    details: PlanDetails
    status: str
    created_at: datetime
    created_by: str

    @property
    def rir_explanation(self) -> str:
        """Plain-language "reps in reserve" text for the patient (CLINICAL_REFERENCE 6)."""
        return loading.rir_explanation(self.details.rir_min, self.details.rir_max)


def plan_from_loading(region: str) -> PlanDetails:
    """Return the loading skeleton for a region as an editable plan (seed 1; HEL16; HEP21).

    Args:
        region: a case region code.

    Raises:
        ValueError: for an unknown region.
    """
    skeleton = loading.loading_plan(region)
    exercises = tuple(
        PlanExercise(p.exercise.id, p.exercise.name, p.sets, p.reps, p.hold_seconds)
        for p in skeleton.prescriptions
    )
    per_week = min((p.sessions_per_week for p in skeleton.prescriptions), default=3)
    return PlanDetails(region, exercises, skeleton.rir_min, skeleton.rir_max, per_week)


def validate_plan(d: PlanDetails) -> list[Issue]:
    """Check a plan field by field (``exercises.<i>.<field>`` for one exercise)."""
    issues: list[Issue] = []
    if d.region not in REGIONS:
        issues.append(Issue("region", "Choose the body region."))
    if not d.exercises:
        issues.append(Issue("exercises", "Add at least one exercise."))
    for i, e in enumerate(d.exercises):
        if not e.name.strip():
            issues.append(Issue(f"exercises.{i}.name", "Name the exercise."))
        if not 1 <= e.sets <= MAX_SETS:
            issues.append(Issue(f"exercises.{i}.sets", f"Sets: 1 to {MAX_SETS}."))
        if (e.reps is None) == (e.hold_seconds is None):
            issues.append(Issue(f"exercises.{i}.reps", "Give either reps or a hold time."))
        if e.reps is not None and not 1 <= e.reps <= MAX_REPS:
            issues.append(Issue(f"exercises.{i}.reps", f"Reps: 1 to {MAX_REPS}."))
        if e.hold_seconds is not None and not 1 <= e.hold_seconds <= MAX_HOLD_SECONDS:
            issues.append(Issue(f"exercises.{i}.hold_seconds", "Hold: 1 to 600 seconds."))
    if not (0 <= d.rir_min <= d.rir_max <= loading.RIR_LIMIT):
        issues.append(Issue("rir", "Reps in reserve: 0 to 10, the lower value first."))
    if not 1 <= d.sessions_per_week <= 14:
        issues.append(Issue("sessions_per_week", "Sessions per week: 1 to 14."))
    return issues


def insert_plan(
    s: Session,
    ctx: ServiceContext,
    audit: AuditService,
    patient_id: int,
    details: PlanDetails,
    *,
    decision_id: int | None = None,
    session_id: int | None = None,
) -> HomePlan:
    """Write a new active plan inside the unit of work ``s``; the older active one is superseded.

    Shared by :class:`PlanService` and the decision service (one transaction with the decision).
    """
    s.execute(
        update(HomePlan)
        .where(HomePlan.patient_id == patient_id, HomePlan.status == "active")
        .values(status="superseded", version_id=HomePlan.version_id + 1)
        .execution_options(synchronize_session=False)
    )
    row = HomePlan(
        patient_id=patient_id, decision_id=decision_id, session_id=session_id,
        region=details.region, exercises=[e.to_dict() for e in details.exercises],
        rir_min=details.rir_min, rir_max=details.rir_max,
        sessions_per_week=details.sessions_per_week, notes=details.notes.strip(),
        status="active",
    )  # fmt: skip
    ctx.stamp(row, created=True)
    s.add(row)
    s.flush()
    audit.record(
        s, AuditAction.CREATE, entity="home_plan", entity_id=row.id, patient_id=patient_id,
        details={"decision_id": decision_id, "exercises": len(details.exercises)},
    )  # fmt: skip
    return row


def plan_record(row: HomePlan) -> HomePlanRecord:
    """Return the read model of a plan row."""
    exercises = tuple(
        PlanExercise(
            str(e["exercise_id"]),
            str(e["name"]),
            int(e["sets"]),
            e.get("reps"),
            e.get("hold_seconds"),
        )  # fmt: skip
        for e in row.exercises
    )
    details = PlanDetails(
        row.region, exercises, row.rir_min, row.rir_max, row.sessions_per_week, row.notes
    )
    return HomePlanRecord(
        row.id, row.version_id, row.patient_id, row.decision_id, row.session_id, details,
        row.status, row.created_at, row.created_by,
    )  # fmt: skip


class PlanService:
    """Use cases for home-loading plans."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    def get(self, plan_id: int) -> HomePlanRecord:
        """Return one plan.

        Raises:
            NotFoundError: no such plan.
        """
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            row = s.get(HomePlan, plan_id)
            if row is None:
                raise NotFoundError(f"Home plan {plan_id} does not exist.")
            return plan_record(row)

    def plans(self, patient_id: int) -> list[HomePlanRecord]:
        """Return a patient's plans (entered-in-error ones excluded), newest first."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            rows = s.scalars(
                select(HomePlan)
                .where(HomePlan.patient_id == patient_id, HomePlan.status != "entered_in_error")
                .order_by(HomePlan.id.desc())
            )
            return [plan_record(r) for r in rows]

    def latest(self, patient_id: int) -> HomePlanRecord | None:
        """Return the patient's current (active) plan, or None."""
        self._ctx.require(Permission.CHART_READ)
        return next((p for p in self.plans(patient_id) if p.status == "active"), None)

    def create(
        self,
        patient_id: int,
        details: PlanDetails,
        *,
        decision_id: int | None = None,
        session_id: int | None = None,
    ) -> Saved[HomePlanRecord]:
        """Store a new plan for a patient (the previous active plan is superseded).

        Raises:
            ValidationFailed: a field is invalid.
            NotFoundError: no such patient.
        """
        self._ctx.require(Permission.CHART_WRITE)
        issues = validate_plan(details)
        if issues:
            raise ValidationFailed(issues)
        with self._db.write() as s:
            if s.get(Patient, patient_id) is None:
                raise NotFoundError(f"Patient {patient_id} does not exist.")
            row = insert_plan(
                s, self._ctx, self._audit, patient_id, details,
                decision_id=decision_id, session_id=session_id,
            )  # fmt: skip
            record = plan_record(row)
        return Saved(record, _changes(record))

    def update(self, plan_id: int, version_id: int, details: PlanDetails) -> Saved[HomePlanRecord]:
        """Adjust a plan's exercises, doses, RIR target, sessions per week or notes.

        Raises:
            ValidationFailed: a field is invalid.
            ConcurrentEditError: the plan changed since it was opened.
            NotFoundError: no such plan.
        """
        self._ctx.require(Permission.CHART_WRITE)
        issues = validate_plan(details)
        if issues:
            raise ValidationFailed(issues)
        try:
            with self._db.write() as s:
                row = s.get(HomePlan, plan_id)
                if row is None:
                    raise NotFoundError(f"Home plan {plan_id} does not exist.")
                if row.version_id != version_id:
                    raise ConcurrentEditError("home plan")
                row.region = details.region
                row.exercises = [e.to_dict() for e in details.exercises]
                row.rir_min, row.rir_max = details.rir_min, details.rir_max
                row.sessions_per_week = details.sessions_per_week
                row.notes = details.notes.strip()
                self._ctx.stamp(row, created=False)
                s.flush()
                self._audit.record(
                    s, AuditAction.UPDATE, entity="home_plan", entity_id=row.id,
                    patient_id=row.patient_id, details={"exercises": len(details.exercises)},
                )  # fmt: skip
                record = plan_record(row)
        except StaleDataError as exc:
            raise ConcurrentEditError("home plan") from exc
        return Saved(record, _changes(record))


def _changes(record: HomePlanRecord) -> ChangeSet:
    return ChangeSet(patients=frozenset({record.patient_id}), plans=frozenset({record.id}))
