"""Decisions: prefill the wizard from the chart, and record what was decided and why.

``prefill`` gathers the case from what is already charted (open episode, latest screening,
latest exam, latest NPRS, age, the clinic's training threshold, and the practitioner's training
hours when a ledger is wired in). ``record`` re-runs the engine on the confirmed case, checks the
override rules (DECISION_RULES section 3) and writes the decision, with the optional home-loading
plan, in one transaction with its audit entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dnclinic.clinical.decision import evaluate
from dnclinic.clinical.validation import Issue
from dnclinic.clinical.vocab import label
from dnclinic.model.entities import Decision, Patient, Practitioner
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.decision_draft import DecisionDraft
from dnclinic.services.errors import NotFoundError, ValidationFailed
from dnclinic.services.plans import insert_plan, validate_plan
from dnclinic.services.policy import Permission
from dnclinic.services.timeline import TimelineItem

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from decimal import Decimal

    from dnclinic.clinical.case import Case
    from dnclinic.model.db import Database
    from dnclinic.services.clinic import ClinicService
    from dnclinic.services.context import ServiceContext
    from dnclinic.services.episodes import EpisodeService
    from dnclinic.services.exams import ExamService
    from dnclinic.services.outcomes import OutcomeService
    from dnclinic.services.patients import PatientService
    from dnclinic.services.plans import PlanDetails, PlanService


@dataclass(frozen=True, slots=True)
class DecisionCommand:
    """What finishing the wizard records: the confirmed case, any override, any plan."""

    patient_id: int
    case: Case
    episode_id: int | None = None
    override_reason: str | None = None  # None: the recommendation is followed
    plan: PlanDetails | None = None


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A stored decision: the case and recommendation exactly as they were at the time."""

    id: int
    patient_id: int
    episode_id: int | None
    practitioner_id: int | None
    practitioner_name: str
    decided_at: datetime
    case: dict[str, Any]
    recommendation: dict[str, Any]
    rule_set_version: str
    verdict: str
    overridden: bool
    override_reason: str
    plan_id: int | None = None

    @property
    def summary(self) -> str:
        """One line for the timeline."""
        text = label(self.verdict)
        if self.overridden:
            text += f" — OVERRIDDEN: {self.override_reason}"
        return text


def command_from_draft(draft: DecisionDraft) -> DecisionCommand:
    """Return the command finishing the wizard records (HOUSE_STYLE G9: one commit)."""
    rec = draft.recommendation()
    overridden = draft.override and rec.overridable
    plan = draft.plan if draft.create_plan and draft.acts_as_needle(rec) else None
    return DecisionCommand(
        draft.patient_id, draft.case(), draft.episode_id,
        draft.override_reason.strip() if overridden else None, plan,
    )  # fmt: skip


class DecisionService:
    """Use cases of the decision wizard."""

    def __init__(
        self,
        db: Database,
        ctx: ServiceContext,
        audit: AuditService,
        sources: tuple[PatientService, EpisodeService, ExamService, OutcomeService, ClinicService],
        *,
        training_hours: Callable[[int], Decimal | None] | None = None,
        jurisdiction_minimum: Callable[[], Decimal | None] | None = None,
    ) -> None:
        """Build the service.

        Args:
            db: the clinic database.
            ctx: clock, actor and policy.
            audit: the audit log.
            sources: the services the chart is read from.
            training_hours: a practitioner's recorded training hours (the training ledger), or
                None when unknown; without it the eligibility page asks the practitioner.
            jurisdiction_minimum: the legal minimum hours where the clinic practises, or None.
        """
        self._db = db
        self._ctx = ctx
        self._audit = audit
        self._patients, self._episodes, self._exams, self._outcomes, self._clinic = sources
        self._training_hours = training_hours or (lambda _pid: None)
        self._jurisdiction_minimum = jurisdiction_minimum or (lambda: None)

    def prefill(self, patient_id: int) -> DecisionDraft:
        """Return a draft prefilled from the patient's chart; every value stays editable.

        Raises:
            NotFoundError: no such patient.
        """
        self._ctx.require(Permission.CHART_READ)
        record = self._patients.get(patient_id)
        draft = DecisionDraft(patient_id, record.display_name)
        seen = draft.provenance
        draft.age = record.age(self._ctx.today())
        episode = next((e for e in self._episodes.episodes(patient_id) if e.status == "open"), None)
        if episode is not None:
            d = episode.details
            draft.episode_id, draft.region, draft.chronicity = (
                episode.id,
                d.region,
                episode.chronicity,
            )
            draft.tags = list(d.tags)
            seen["condition"] = f"open episode: {label(d.region)}, onset {d.onset_date}"
        screening = self._episodes.latest_screening(patient_id)
        if screening is not None:
            sd = screening.details
            draft.red_flags, draft.precautions = list(sd.red_flags), list(sd.precautions)
            draft.contraindications = list(sd.contraindications)
            draft.consent_recorded = sd.consent_type != "none"
            seen["safety"] = seen["consent"] = f"screening of {sd.screened_on}"
        exam = self._exams.latest(patient_id)
        if exam is not None:
            draft.neuro = exam.details.exam
            seen["neuro"] = f"exam of {exam.details.examined_on} by {exam.examiner}"
        nprs = self._outcomes.scores(patient_id, "NPRS")
        if nprs and nprs[-1].value is not None:
            draft.baseline_pain = round(nprs[-1].value)
            seen["baseline_pain"] = f"NPRS of {nprs[-1].scored_on}"
        clinic = self._clinic.get()
        if clinic is not None:
            draft.training_threshold_hours = float(clinic.details.training_threshold_hours)
        legal = self._jurisdiction_minimum()
        draft.jurisdiction_minimum_hours = float(legal) if legal is not None else None
        pid = self._ctx.actor.practitioner_id
        hours = self._training_hours(pid) if pid is not None else None
        if hours is not None:
            draft.training_hours = float(hours)
            seen["training_hours"] = "training ledger"
        return draft

    def record(self, command: DecisionCommand) -> Saved[DecisionRecord]:
        """Record a decision (and its home-loading plan) in one transaction, audited.

        The recommendation is computed here from the case, never taken from the screen.

        Raises:
            ValidationFailed: an override of a verdict that cannot be overridden (``refer``,
                ``contraindicated``), an override without a reason, or an invalid plan.
            NotFoundError: no such patient.
        """
        self._ctx.require(Permission.CHART_WRITE)
        rec = evaluate(command.case)
        issues: list[Issue] = []
        reason = command.override_reason
        if reason is not None and not rec.overridable:
            issues.append(Issue("override", "This verdict cannot be overridden."))
        elif reason is not None and not reason.strip():
            issues.append(Issue("override_reason", "Write why you override."))
        if command.plan is not None:
            issues += validate_plan(command.plan)
        if issues:
            raise ValidationFailed(issues)
        actor = self._ctx.actor
        with self._db.write() as s:
            if s.get(Patient, command.patient_id) is None:
                raise NotFoundError(f"Patient {command.patient_id} does not exist.")
            practitioner = s.get(Practitioner, actor.practitioner_id or 0)
            row = Decision(
                patient_id=command.patient_id, episode_id=command.episode_id,
                practitioner_id=practitioner.id if practitioner else None,
                practitioner_name=practitioner.display_name if practitioner
                else actor.display_name or actor.username,
                decided_at=self._ctx.now(), case=command.case.to_dict(),
                recommendation=rec.to_dict(), rule_set_version=rec.rule_set_version,
                verdict=rec.verdict, overridden=reason is not None,
                override_reason=(reason or "").strip(), status="valid",
                entered_in_error_reason="",
            )  # fmt: skip
            self._ctx.stamp(row, created=True)
            s.add(row)
            s.flush()
            self._audit.record(
                s, AuditAction.CREATE, entity="decision", entity_id=row.id,
                patient_id=command.patient_id,
                details={"verdict": rec.verdict, "rule_set": rec.rule_set_version,
                         "override_reason": row.override_reason or None},
            )  # fmt: skip
            plan_id = None
            if command.plan is not None:
                plan = insert_plan(
                    s, self._ctx, self._audit, command.patient_id, command.plan,
                    decision_id=row.id,
                )  # fmt: skip
                plan_id = plan.id
            record = _record(row, plan_id)
        plans = frozenset({plan_id}) if plan_id is not None else frozenset()
        changes = ChangeSet(
            patients=frozenset({command.patient_id}), decisions=frozenset({record.id}), plans=plans
        )
        return Saved(record, changes)

    def get(self, decision_id: int) -> DecisionRecord:
        """Return one decision.

        Raises:
            NotFoundError: no such decision.
        """
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            row = s.get(Decision, decision_id)
            if row is None:
                raise NotFoundError(f"Decision {decision_id} does not exist.")
            return _record(row, None)

    def decisions(self, patient_id: int) -> list[DecisionRecord]:
        """Return a patient's valid decisions, newest first."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            rows = s.scalars(
                select(Decision)
                .where(Decision.patient_id == patient_id, Decision.status == "valid")
                .order_by(Decision.decided_at.desc(), Decision.id.desc())
            )
            return [_record(r, None) for r in rows]


def _record(row: Decision, plan_id: int | None) -> DecisionRecord:
    return DecisionRecord(
        row.id, row.patient_id, row.episode_id, row.practitioner_id, row.practitioner_name,
        row.decided_at, dict(row.case), dict(row.recommendation), row.rule_set_version,
        row.verdict, row.overridden, row.override_reason, plan_id,
    )  # fmt: skip


class DecisionTimeline:
    """Adds decisions and home plans to the chart timeline (kinds ``decision`` and ``plan``)."""

    def __init__(self, decisions: DecisionService, plans: PlanService) -> None:
        self._decisions = decisions
        self._plans = plans

    def timeline_items(self, patient_id: int, kinds: tuple[str, ...]) -> list[TimelineItem]:
        """Return the patient's decisions and plans of the given kinds."""
        items = []
        if "decision" in kinds:
            for d in self._decisions.decisions(patient_id):
                items.append(TimelineItem(
                    "decision", d.decided_at, f"Decision — {d.practitioner_name}", d.summary,
                    d.id, d.verdict in ("refer", "contraindicated") or d.overridden,
                ))  # fmt: skip
        if "plan" in kinds:
            for p in self._plans.plans(patient_id):
                names = ", ".join(e.name for e in p.details.exercises)
                title = "Home-loading plan" + ("" if p.status == "active" else f" ({p.status})")
                items.append(TimelineItem("plan", p.created_at, title, names, p.id))
        return items
