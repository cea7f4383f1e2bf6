"""Outcome scores: record an instrument, list scores, and the trend the chart draws.

Scoring, bands and MCIDs come from ``dnclinic.clinical.outcomes`` (CLINICAL_REFERENCE section 5);
the early-responder status from ``dnclinic.clinical.prognosis`` (DECISION_RULES section 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.clinical.outcomes import Change, change, score, spec
from dnclinic.clinical.prognosis import Prognosis, prognosis
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.model.entities import NeedlingSession, OutcomeScore, Patient
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import NotFoundError, ValidationFailed
from dnclinic.services.policy import Permission
from dnclinic.services.withdrawal import mark_entered_in_error

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

PAIN_INSTRUMENTS = ("NPRS", "VAS", "BPI")
FUNCTION_INSTRUMENTS = ("ODI", "NDI", "PSFS")


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    """A stored score."""

    id: int
    version_id: int
    patient_id: int
    instrument: str
    scored_on: date
    answers: tuple[float | None, ...]
    value: float | None
    band: str | None
    episode_id: int | None


@dataclass(frozen=True, slots=True)
class Trend:
    """One instrument over time, with what the chart marks on it.

    ``mcid_low``/``mcid_high`` bound the band of change smaller than the MCID around the
    baseline (None when the instrument has no MCID in points).
    """

    instrument: str
    name: str
    unit: str
    points: tuple[tuple[date, float], ...]
    baseline: float | None
    mcid_low: float | None
    mcid_high: float | None
    value_min: float
    value_max: float
    session_dates: tuple[date, ...]
    change: Change | None
    responder: Prognosis | None


class OutcomeService:
    """Use cases for outcome scores."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    def record(
        self,
        patient_id: int,
        instrument: str,
        scored_on: date | None,
        answers: Sequence[float | None],
        episode_id: int | None = None,
    ) -> Saved[OutcomeRow]:
        """Score and store a completed instrument.

        Raises:
            ValidationFailed: no date, a future date, or answers that give no valid score
                (issues on ``scored_on`` or ``<CODE>.<item>``/``<CODE>``).
        """
        self._ctx.require(Permission.CHART_WRITE)
        issues: list[Issue] = []
        if scored_on is None:
            issues.append(Issue("scored_on", "Enter the date as YYYY-MM-DD."))
        elif scored_on > self._ctx.today():
            issues.append(Issue("scored_on", "The date is in the future."))
        try:
            result = score(instrument, list(answers))
        except ValueError as exc:
            raise ValidationFailed([Issue("instrument", str(exc))]) from exc
        issues += [i for i in result.issues if i.severity is Severity.ERROR]
        if issues:
            raise ValidationFailed(issues)
        assert scored_on is not None
        with self._db.write() as s:
            if s.get(Patient, patient_id) is None:
                raise NotFoundError(f"Patient {patient_id} does not exist.")
            row = OutcomeScore(
                patient_id=patient_id, episode_id=episode_id, instrument=instrument,
                scored_on=scored_on, answers=list(answers), value=result.value, band=result.band,
                status="valid", entered_in_error_reason="",
            )  # fmt: skip
            self._ctx.stamp(row, created=True)
            s.add(row)
            s.flush()
            self._audit.record(
                s, AuditAction.CREATE, entity="outcome", entity_id=row.id, patient_id=patient_id,
                details={"instrument": instrument, "value": result.value},
            )  # fmt: skip
            out = _row(row)
        changes = ChangeSet(patients=frozenset({patient_id}), outcomes=frozenset({out.id}))
        return Saved(out, changes)

    def scores(self, patient_id: int, instrument: str | None = None) -> list[OutcomeRow]:
        """Return a patient's valid scores, oldest first (one instrument when given)."""
        self._ctx.require(Permission.CHART_READ)
        stmt = select(OutcomeScore).where(
            OutcomeScore.patient_id == patient_id, OutcomeScore.status == "valid"
        )
        if instrument is not None:
            stmt = stmt.where(OutcomeScore.instrument == instrument)
        with self._db.read() as s:
            rows = s.scalars(stmt.order_by(OutcomeScore.scored_on, OutcomeScore.id))
            return [_row(r) for r in rows]

    def get(self, outcome_id: int) -> OutcomeRow:
        """Return one score.

        Raises:
            NotFoundError: no such score.
        """
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            row = s.get(OutcomeScore, outcome_id)
            if row is None:
                raise NotFoundError(f"Outcome score {outcome_id} does not exist.")
            return _row(row)

    def instruments_used(self, patient_id: int) -> list[str]:
        """Return the instruments this patient has scores for, pain first."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            used = set(
                s.scalars(
                    select(OutcomeScore.instrument)
                    .where(OutcomeScore.patient_id == patient_id, OutcomeScore.status == "valid")
                    .distinct()
                )
            )
        order = (*PAIN_INSTRUMENTS, *FUNCTION_INSTRUMENTS, "PPT")
        return [code for code in order if code in used]

    def trend(self, patient_id: int, instrument: str) -> Trend:
        """Return one instrument's scores over time with baseline, MCID band and session dates."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:  # just the dates and values: a long history draws quickly
            scored = s.execute(
                select(OutcomeScore.scored_on, OutcomeScore.value)
                .where(
                    OutcomeScore.patient_id == patient_id,
                    OutcomeScore.instrument == instrument,
                    OutcomeScore.status == "valid",
                    OutcomeScore.value.is_not(None),
                )
                .order_by(OutcomeScore.scored_on, OutcomeScore.id)
            ).all()
            at = s.scalars(
                select(NeedlingSession.session_at)
                .where(
                    NeedlingSession.patient_id == patient_id,
                    NeedlingSession.status != "entered_in_error",
                )
                .order_by(NeedlingSession.session_at)
            ).all()
        sessions = tuple(dict.fromkeys(a.astimezone().date() for a in at))
        sp = spec(instrument)
        points = tuple((on, float(value)) for on, value in scored if value is not None)
        baseline = points[0][1] if points else None
        low = high = None
        if baseline is not None and sp.mcid_points is not None:
            low = max(sp.value_min, baseline - sp.mcid_points)
            high = min(sp.value_max, baseline + sp.mcid_points)
        delta = change(instrument, points[0][1], points[-1][1]) if len(points) > 1 else None
        responder = None
        if instrument == "NPRS" and points:
            follow = int(points[1][1]) if len(points) > 1 else None
            responder = prognosis(int(points[0][1]), follow)
        return Trend(
            instrument, sp.name, sp.unit, points, baseline, low, high, sp.value_min,
            sp.value_max, sessions, delta, responder,
        )  # fmt: skip

    def mark_entered_in_error(self, outcome_id: int, version_id: int, reason: str) -> Saved[int]:
        """Withdraw a score recorded by mistake; it stays in the database with the reason.

        Raises:
            ValidationFailed: no reason given.
            ConcurrentEditError: the score changed since it was opened.
        """
        pid = mark_entered_in_error(
            self._db, self._ctx, self._audit, OutcomeScore, outcome_id, version_id, reason,
            noun="outcome score", audit_entity="outcome",
        )  # fmt: skip
        changes = ChangeSet(patients=frozenset({pid}), outcomes=frozenset({outcome_id}))
        return Saved(outcome_id, changes)


def _row(r: OutcomeScore) -> OutcomeRow:
    return OutcomeRow(
        r.id, r.version_id, r.patient_id, r.instrument, r.scored_on, tuple(r.answers), r.value,
        r.band, r.episode_id,
    )  # fmt: skip
