"""Printed documents: render, archive, list and reprint (ARCHITECTURE: documents).

Rendering (:meth:`DocumentService.render_note` and friends) only reads: it is what a preview
shows. Printing or exporting calls :meth:`DocumentService.archive` with the very bytes that were
rendered, which stores them in the patient's record with their SHA-256, kind, date and author and
audits the export in the same unit of work. Reprinting returns the archived bytes unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dnclinic.clinical import loading
from dnclinic.clinical.loading import loading_plan
from dnclinic.model.entities import Patient, PatientDocument
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import NotFoundError, ServiceError
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from datetime import datetime

    from dnclinic.model.db import Database
    from dnclinic.reports.note_data import DecisionSummary
    from dnclinic.reports.templates import Letterhead
    from dnclinic.services.clinic import ClinicService
    from dnclinic.services.context import ServiceContext
    from dnclinic.services.decisions import DecisionService
    from dnclinic.services.episodes import EpisodeRow, EpisodeService
    from dnclinic.services.exams import ExamService
    from dnclinic.services.outcomes import OutcomeService
    from dnclinic.services.patients import PatientService
    from dnclinic.services.plans import PlanService
    from dnclinic.services.sessions import SessionService

KIND_LABELS = {
    "session_note": "Session note",
    "home_plan": "Home exercise plan",
    "progress_report": "Progress report",
}


class NothingToPrintError(ServiceError):
    """The patient has nothing this document could be made from (e.g. no signed session)."""


def _builders() -> Any:
    """Import the PDF builders on first use: ReportLab costs a fifth of a second at start-up."""
    from dnclinic.reports import home_plan, progress_report, session_note  # noqa: PLC0415
    from dnclinic.services import document_data  # noqa: PLC0415
    from dnclinic.services.progress_data import progress_report as progress_data  # noqa: PLC0415

    return SimpleNamespace(
        home_plan=home_plan, progress_report=progress_report, session_note=session_note,
        data=document_data, progress_data=progress_data,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A rendered PDF not yet archived (what the preview shows)."""

    kind: str
    patient_id: int
    source_id: int | None
    title: str
    printed_at: datetime
    pdf: bytes

    @property
    def sha256(self) -> str:
        """Return the SHA-256 of the PDF bytes (hex)."""
        return hashlib.sha256(self.pdf).hexdigest()


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """An archived document (without its bytes) for the chart's document list."""

    id: int
    patient_id: int
    kind: str
    source_id: int | None
    title: str
    printed_at: datetime
    author: str
    author_name: str
    sha256: str
    size: int

    @property
    def kind_label(self) -> str:
        """Return e.g. ``"Session note"``."""
        return KIND_LABELS.get(self.kind, self.kind)


def _row(d: PatientDocument) -> DocumentRow:
    return DocumentRow(d.id, d.patient_id, d.kind, d.source_id, d.title, d.printed_at, d.author,
                       d.author_name, d.sha256, d.size)  # fmt: skip


class DocumentService:
    """Use cases for the printed patient documents and their archive."""

    def __init__(
        self,
        db: Database,
        ctx: ServiceContext,
        audit: AuditService,
        *,
        clinic: ClinicService,
        patients: PatientService,
        episodes: EpisodeService,
        exams: ExamService,
        sessions: SessionService,
        outcomes: OutcomeService,
        plans: PlanService | None = None,
        decisions: DecisionService | None = None,
    ) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit
        self._clinic = clinic
        self._patients = patients
        self._episodes = episodes
        self._exams = exams
        self._sessions = sessions
        self._outcomes = outcomes
        self._plans = plans
        self._decisions = decisions

    # --- rendering (read only) ---------------------------------------------------------------
    def render_note(self, session_id: int) -> RenderedDocument:
        """Render a session note (signed or draft) as it would print now.

        Raises:
            NotFoundError: no such session.
        """
        self._ctx.require(Permission.CHART_READ)
        record = self._sessions.get(session_id)
        patient = self._patients.get(record.patient_id)
        episode = self._episode(record.patient_id, record.content.episode_id)
        screening = self._episodes.latest_screening(record.patient_id)
        at = record.content.session_at
        exams = [e for e in self._exams.exams(record.patient_id)
                 if at is None or e.details.examined_on is None
                 or e.details.examined_on <= at.date()]  # fmt: skip
        now = self._ctx.now()
        note = _builders().data.note_data(
            record, patient=patient, head=self._letterhead(), episode=episode,
            screening=screening, exam=exams[0] if exams else None,
            muscles=self._sessions.muscles, printed_at=now,
            decision=self._decision_for(record.patient_id, record.content.episode_id, at),
        )  # fmt: skip
        when = f"{at:%Y-%m-%d}" if at else "undated"
        title = f"Session note {when}" + ("" if record.signed else " (draft)")
        return RenderedDocument("session_note", record.patient_id, record.id, title, now,
                                _builders().session_note.render(note))  # fmt: skip

    def _decision_for(
        self, patient_id: int, episode_id: int | None, at: datetime | None
    ) -> DecisionSummary | None:
        """The newest decision for the note's episode made on or before the session day."""
        if self._decisions is None:
            return None
        for d in self._decisions.decisions(patient_id):  # newest first
            same_episode = episode_id is None or d.episode_id in (None, episode_id)
            if same_episode and (at is None or d.decided_at.date() <= at.date()):
                reasons = tuple(str(r.get("text", "")) for r in d.recommendation.get("reasons", []))
                verdict = d.verdict + (
                    f" (overridden: {d.override_reason})" if d.overridden else ""
                )
                from dnclinic.reports.note_data import DecisionSummary  # noqa: PLC0415

                return DecisionSummary(verdict, f"{d.decided_at:%Y-%m-%d}", reasons,
                                       d.rule_set_version)  # fmt: skip
        return None

    def render_plan(self, patient_id: int) -> RenderedDocument:
        """Render the home-loading plan for the patient's open episode (plan skeleton).

        Raises:
            NothingToPrintError: the patient has no open episode.
        """
        self._ctx.require(Permission.CHART_READ)
        patient = self._patients.get(patient_id)
        episodes = [e for e in self._episodes.episodes(patient_id) if e.status == "open"]
        if not episodes:
            raise NothingToPrintError(
                "This patient has no open episode, so there is no region to plan exercises for."
            )
        plan = loading_plan(episodes[0].details.region)
        now = self._ctx.now()
        actor = self._ctx.actor
        doc = _builders().data.plan_document(plan, patient=patient, head=self._letterhead(),
                                 practitioner=actor.display_name or actor.username,
                                 printed_at=now)  # fmt: skip
        return RenderedDocument("home_plan", patient_id, None, "Home exercise plan", now,
                                _builders().home_plan.render(doc))  # fmt: skip

    def render_stored_plan(self, plan_id: int) -> RenderedDocument:
        """Render a plan stored by the decision wizard or the plan editor, as adjusted.

        Raises:
            NotFoundError: no such plan.
        """
        self._ctx.require(Permission.CHART_READ)
        if self._plans is None:
            raise NothingToPrintError("Stored plans are not available in this clinic.")
        record = self._plans.get(plan_id)
        d = record.details
        doses = tuple(loading.Dose(e.exercise_id, e.sets, e.reps, e.hold_seconds)
                      for e in d.exercises)  # fmt: skip
        plan = loading.adjusted_plan(d.region, doses, rir_min=d.rir_min, rir_max=d.rir_max,
                                     sessions_per_week=d.sessions_per_week)  # fmt: skip
        patient = self._patients.get(record.patient_id)
        now = self._ctx.now()
        doc = _builders().data.plan_document(plan, patient=patient, head=self._letterhead(),
                                 practitioner=record.created_by, printed_at=now)  # fmt: skip
        return RenderedDocument("home_plan", record.patient_id, record.id, "Home exercise plan",
                                now, _builders().home_plan.render(doc))  # fmt: skip

    def render_progress(self, patient_id: int) -> RenderedDocument:
        """Render the progress report: outcome trends, responder status, sessions and doses."""
        self._ctx.require(Permission.CHART_READ)
        patient = self._patients.get(patient_id)
        trends = [self._outcomes.trend(patient_id, code)
                  for code in self._outcomes.instruments_used(patient_id)]  # fmt: skip
        records = [self._sessions.get(s.id) for s in self._sessions.sessions(patient_id)]
        episodes = self._episodes.episodes(patient_id)
        now = self._ctx.now()
        report = _builders().progress_data(
            head=self._letterhead(), patient=_builders().data.banner(patient), printed_at=now,
            episode=_builders().data.episode_text(episodes[0] if episodes else None), trends=trends,
            records=records, muscles=self._sessions.muscles,
        )  # fmt: skip
        return RenderedDocument("progress_report", patient_id, None, "Progress report", now,
                                _builders().progress_report.render(report))  # fmt: skip

    def latest_signed_session(self, patient_id: int) -> int:
        """Return the id of the patient's newest signed session.

        Raises:
            NothingToPrintError: the patient has no signed session.
        """
        self._ctx.require(Permission.CHART_READ)
        for s in self._sessions.sessions(patient_id):  # newest first
            if s.status == "signed":
                return s.id
        raise NothingToPrintError("This patient has no signed session note yet.")

    # --- the archive -------------------------------------------------------------------------
    def archive(self, doc: RenderedDocument, *, how: str = "export") -> Saved[DocumentRow]:
        """Store a rendered document in the patient's record and audit it (one unit of work).

        Args:
            doc: the rendered document, exactly as previewed.
            how: ``"export"`` (saved to a file) or ``"print"``, recorded in the audit log.
        """
        self._ctx.require(Permission.DOCUMENT_EXPORT)
        actor = self._ctx.actor
        with self._db.write() as s:
            if s.get(Patient, doc.patient_id) is None:
                raise NotFoundError(f"Patient {doc.patient_id} does not exist.")
            row = PatientDocument(
                patient_id=doc.patient_id, kind=doc.kind, source_id=doc.source_id,
                title=doc.title, printed_at=doc.printed_at, author=actor.username,
                author_name=actor.display_name, sha256=doc.sha256, size=len(doc.pdf),
                pdf=doc.pdf,
            )  # fmt: skip
            self._ctx.stamp(row, created=True)
            s.add(row)
            s.flush()
            self._audit.record(
                s, AuditAction.PRINT_EXPORT, entity="document", entity_id=row.id,
                patient_id=doc.patient_id,
                details={"kind": doc.kind, "how": how, "sha256": doc.sha256,
                         "source_id": doc.source_id},
            )  # fmt: skip
            out = _row(row)
        return Saved(out, ChangeSet(patients=frozenset({doc.patient_id})))

    def documents(self, patient_id: int) -> list[DocumentRow]:
        """Return the patient's archived documents, newest first."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            rows = s.scalars(
                select(PatientDocument)
                .where(PatientDocument.patient_id == patient_id)
                .order_by(PatientDocument.id.desc())
            )
            return [_row(d) for d in rows]

    def archived_copy(
        self, kind: str, patient_id: int, source_id: int | None
    ) -> DocumentRow | None:
        """Return the newest archived document of this kind and source (reprinting offers it)."""
        self._ctx.require(Permission.CHART_READ)
        for d in self.documents(patient_id):
            if d.kind == kind and d.source_id == source_id:
                return d
        return None

    def reprint(self, document_id: int, *, how: str = "export") -> bytes:
        """Return an archived document's bytes unchanged, checked against its SHA-256 (audited).

        Raises:
            NotFoundError: no such document.
            ServiceError: the stored bytes no longer match their digest.
        """
        self._ctx.require(Permission.DOCUMENT_EXPORT)
        with self._db.write() as s:
            d = s.get(PatientDocument, document_id)
            if d is None:
                raise NotFoundError(f"Document {document_id} does not exist.")
            if hashlib.sha256(d.pdf).hexdigest() != d.sha256:
                raise ServiceError("The archived copy no longer matches its SHA-256 digest.")
            self._audit.record(
                s, AuditAction.PRINT_EXPORT, entity="document", entity_id=d.id,
                patient_id=d.patient_id,
                details={"kind": d.kind, "how": how, "reprint": True, "sha256": d.sha256},
            )  # fmt: skip
            return bytes(d.pdf)

    # --- helpers -----------------------------------------------------------------------------
    def _letterhead(self) -> Letterhead:
        clinic = self._clinic.get()
        head: Letterhead = _builders().data.letterhead(
            clinic, logo=clinic.details.logo if clinic else None
        )
        return head

    def _episode(self, patient_id: int, episode_id: int | None) -> EpisodeRow | None:
        episodes = self._episodes.episodes(patient_id)
        chosen = [e for e in episodes if e.id == episode_id]
        return chosen[0] if chosen else None
