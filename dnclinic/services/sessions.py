"""Needling sessions: draft, save, sign and lock, addenda, verify (ARCHITECTURE: clinical records).

A note is written by the logged-in practitioner and stays a draft until that practitioner signs
it. Signing is gated (consent for this session; no unresolved red flag or contraindication in
the latest screening) and seals the note with the SHA-256 of its canonical content. A signed
note is never changed here: corrections are addenda, each sealed the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from dnclinic.clinical import charting
from dnclinic.clinical.validation import Issue, Severity, has_errors
from dnclinic.clinical.vocab import label
from dnclinic.model.entities import (
    Addendum,
    AdverseEvent,
    NeedleTarget,
    NeedlingSession,
    Patient,
    Practitioner,
)
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import ConcurrentEditError, NotFoundError, ValidationFailed
from dnclinic.services.note_errors import NotOwnNoteError, SignedNoteError, SignGateFailed
from dnclinic.services.policy import Permission
from dnclinic.services.session_content import SessionContent, stimulation_findings, validate_content
from dnclinic.services.session_store import canonical_content, read_content, write_revision
from dnclinic.services.withdrawal import mark_entered_in_error

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

    from dnclinic.clinical.stimulation import StimulationFinding
    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext
    from dnclinic.services.episodes import EpisodeService
    from dnclinic.services.muscles import MuscleCatalog


@dataclass(frozen=True, slots=True)
class AddendumRow:
    """A signed addendum shown under its note."""

    id: int
    session_id: int
    author: str
    written_at: datetime
    reason: str
    text: str
    digest: str
    author_name: str = ""  # the author's practitioner name, if they are one

    @property
    def signed_by(self) -> str:
        """The author as the note shows them: "Maria Alvarez (physio)", else the username."""
        return f"{self.author_name} ({self.author})" if self.author_name else self.author


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A session note with everything the editor and the viewer show."""

    id: int
    version_id: int
    patient_id: int
    practitioner_id: int
    practitioner_name: str
    status: str
    content: SessionContent
    findings: tuple[tuple[dict[str, str], ...], ...]  # stored check findings per setting
    signed_at: datetime | None
    signed_by: str | None
    digest: str | None
    addenda: tuple[AddendumRow, ...]

    @property
    def signed(self) -> bool:
        """Whether the note is signed (and so read-only)."""
        return self.status == "signed"


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One line of the timeline for a session."""

    id: int
    session_at: datetime
    status: str
    practitioner_name: str
    muscles: int
    billing_code: str | None
    pain_before: int | None
    pain_after: int | None
    adverse_events: int


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of recomputing a signed note's digest (and its addenda's)."""

    unaltered: bool
    stored: str | None
    recomputed: str | None
    message: str


class SessionService:
    """Use cases for needling-session notes."""

    def __init__(
        self,
        db: Database,
        ctx: ServiceContext,
        audit: AuditService,
        episodes: EpisodeService,
        muscles: MuscleCatalog,
    ) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit
        self._episodes = episodes
        self.muscles = muscles

    # --- queries -----------------------------------------------------------------------------
    def precautions(self, patient_id: int) -> tuple[str, ...]:
        """Return the patient's precautions from the latest screening (for the live checks)."""
        latest = self._episodes.latest_screening(patient_id)
        return latest.details.precautions if latest else ()

    def get(self, session_id: int) -> SessionRecord:
        """Return one session note.

        Raises:
            NotFoundError: no such session.
        """
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            return self._record(s, self._load(s, session_id))

    def sessions(self, patient_id: int) -> list[SessionSummary]:
        """Return a patient's sessions (not entered in error), newest first."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            rows = s.execute(
                select(NeedlingSession, Practitioner.given_name, Practitioner.family_name)
                .join(Practitioner, Practitioner.id == NeedlingSession.practitioner_id)
                .where(
                    NeedlingSession.patient_id == patient_id,
                    NeedlingSession.status != "entered_in_error",
                )
                .order_by(NeedlingSession.session_at.desc(), NeedlingSession.id.desc())
            ).all()
            current = (NeedleTarget.session_id == NeedlingSession.id) & (
                NeedleTarget.revision == NeedlingSession.revision
            )
            muscles = dict(
                s.execute(
                    select(
                        NeedleTarget.session_id,
                        func.count(func.distinct(NeedleTarget.muscle + ":" + NeedleTarget.side)),
                    )
                    .join(NeedlingSession, current)
                    .where(NeedlingSession.patient_id == patient_id)
                    .group_by(NeedleTarget.session_id)
                ).all()
            )
            events = dict(
                s.execute(
                    select(AdverseEvent.session_id, func.count())
                    .join(NeedlingSession, NeedlingSession.id == AdverseEvent.session_id)
                    .where(
                        AdverseEvent.patient_id == patient_id,
                        AdverseEvent.revision == NeedlingSession.revision,
                    )
                    .group_by(AdverseEvent.session_id)
                ).all()
            )
            return [
                SessionSummary(
                    r.id, r.session_at, r.status, f"{given} {family}", int(muscles.get(r.id, 0)),
                    r.billing_code, r.pain_before, r.pain_after, int(events.get(r.id, 0)),
                )
                for r, given, family in rows
            ]  # fmt: skip

    def last_content(self, patient_id: int) -> SessionContent | None:
        """Return the newest session's content ("repeat last session"), or None."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            row = s.scalar(
                select(NeedlingSession)
                .where(
                    NeedlingSession.patient_id == patient_id,
                    NeedlingSession.status != "entered_in_error",
                )
                .order_by(NeedlingSession.session_at.desc(), NeedlingSession.id.desc())
                .limit(1)
            )
            return read_content(s, row)[0] if row is not None else None

    def recent_muscles(self, limit: int = 8) -> list[str]:
        """Return the muscles the acting practitioner needled most recently (newest first)."""
        self._ctx.require(Permission.CHART_READ)
        pid = self._ctx.actor.practitioner_id
        with self._db.read() as s:
            rows = s.execute(
                select(NeedleTarget.muscle, func.max(NeedleTarget.id).label("last"))
                .join(NeedlingSession, NeedlingSession.id == NeedleTarget.session_id)
                .where(NeedlingSession.practitioner_id == pid)
                .group_by(NeedleTarget.muscle)
                .order_by(func.max(NeedleTarget.id).desc())
                .limit(limit)
            ).all()
        return [m for m, _ in rows]

    # --- writes ------------------------------------------------------------------------------
    def create(self, patient_id: int, content: SessionContent) -> Saved[SessionRecord]:
        """Save a new draft note for the acting practitioner.

        Raises:
            ValidationFailed: a field is invalid or a stimulation check failed.
            NotFoundError: no such patient, or the user is not linked to a practitioner.
        """
        self._ctx.require(Permission.CHART_WRITE)
        precautions = self.precautions(patient_id)
        findings = self._check(content, precautions)
        try:
            with self._db.write() as s:
                if s.get(Patient, patient_id) is None:
                    raise NotFoundError(f"Patient {patient_id} does not exist.")
                practitioner = self._practitioner(s)
                row = NeedlingSession(
                    patient_id=patient_id, practitioner_id=practitioner.id, status="draft",
                    revision=1, entered_in_error_reason="",
                )  # fmt: skip
                self._ctx.stamp(row, created=True)
                s.add(row)
                write_revision(s, row, content, findings)  # the row is flushed with its id
                self._audit.record(
                    s, AuditAction.CREATE, entity="session", entity_id=row.id,
                    patient_id=patient_id, details={"billing_code": row.billing_code},
                )  # fmt: skip
                record = self._record(s, row)
        except StaleDataError as exc:  # pragma: no cover - a new row cannot be stale
            raise ConcurrentEditError("session note") from exc
        return Saved(record, self._changes(record))

    def update(
        self, session_id: int, version_id: int, content: SessionContent
    ) -> Saved[SessionRecord]:
        """Save a draft note again (a new revision; the previous rows are kept).

        Raises:
            SignedNoteError: the note is signed; only addenda may be added.
            NotOwnNoteError: the note belongs to another practitioner.
            ConcurrentEditError: the note was saved elsewhere since it was opened.
            ValidationFailed: a field is invalid or a stimulation check failed.
        """
        self._ctx.require(Permission.CHART_WRITE)
        try:
            with self._db.write() as s:
                row = self._load(s, session_id)
                self._check_editable(row, version_id)
                findings = self._check(content, self.precautions(row.patient_id))
                row.revision += 1
                self._ctx.stamp(row, created=False)
                write_revision(s, row, content, findings)
                self._audit.record(
                    s, AuditAction.UPDATE, entity="session", entity_id=row.id,
                    patient_id=row.patient_id, details={"revision": row.revision},
                )  # fmt: skip
                record = self._record(s, row)
        except StaleDataError as exc:
            raise ConcurrentEditError("session note") from exc
        return Saved(record, self._changes(record))

    def sign(self, session_id: int, version_id: int) -> Saved[SessionRecord]:
        """Sign a draft note: check the gate, seal it with its SHA-256 digest, lock it.

        Gate: consent confirmed for this session; a screening on file whose newest version has
        no red flag and no contraindication; at least one needle target; no stimulation error.

        Raises:
            SignGateFailed: the gate is not met (the issues say why).
            NotOwnNoteError: only the note's own practitioner may sign it.
            SignedNoteError: already signed.
            ConcurrentEditError: the note changed since it was opened.
        """
        self._ctx.require(Permission.NOTE_SIGN)
        try:
            with self._db.write() as s:
                row = self._load(s, session_id)
                self._check_editable(row, version_id)
                content, _ = read_content(s, row)
                issues = self._gate(row.patient_id, content)
                if issues:
                    raise SignGateFailed(issues)
                row.status = "signed"
                row.signed_at = self._ctx.now().astimezone(UTC)
                row.signed_by = self._ctx.actor.username
                row.content_digest = charting.content_digest(canonical_content(row, content))
                self._ctx.stamp(row, created=False)
                s.flush()
                self._audit.record(
                    s, AuditAction.SIGN, entity="session", entity_id=row.id,
                    patient_id=row.patient_id, details={"digest": row.content_digest},
                )  # fmt: skip
                record = self._record(s, row)
        except StaleDataError as exc:
            raise ConcurrentEditError("session note") from exc
        return Saved(record, self._changes(record))

    def add_addendum(self, session_id: int, reason: str, text: str) -> Saved[AddendumRow]:
        """Add a signed addendum (a dated correction or addition) under a signed note.

        Raises:
            ValidationFailed: the reason or the text is empty, or the note is not signed yet
                (a draft is simply edited).
        """
        self._ctx.require(Permission.NOTE_SIGN)
        issues = [
            Issue(name, message)
            for name, value, message in (
                ("reason", reason, "Say why the note is amended."),
                ("text", text, "Write the addendum."),
            )
            if not value.strip()
        ]
        if issues:
            raise ValidationFailed(issues)
        with self._db.write() as s:
            row = self._load(s, session_id)
            if row.status != "signed":
                raise ValidationFailed([Issue("text", "Only a signed note takes addenda.")])
            now = self._ctx.now().astimezone(UTC)
            add = Addendum(
                session_id=row.id, author=self._ctx.actor.username,
                author_practitioner_id=self._practitioner_id_or_none(s), written_at=now,
                reason=reason.strip(), text=text.strip(),
            )  # fmt: skip
            add.content_digest = charting.content_digest(_addendum_content(add, row))
            self._ctx.stamp(add, created=True)
            s.add(add)
            s.flush()
            self._audit.record(
                s, AuditAction.ADDENDUM, entity="session", entity_id=row.id,
                patient_id=row.patient_id, details={"addendum": add.id},
            )  # fmt: skip
            out = _addendum_row(s, add)
            changes = ChangeSet(patients=frozenset({row.patient_id}), sessions=frozenset({row.id}))
        return Saved(out, changes)

    def mark_entered_in_error(self, session_id: int, version_id: int, reason: str) -> Saved[int]:
        """Withdraw a note written by mistake (e.g. for the wrong patient), draft or signed.

        The note stays in the database as it was, with the reason; a signed note keeps its
        signature and digest (still verified). It leaves the timeline, trends and documents.

        Raises:
            ValidationFailed: no reason given.
            ConcurrentEditError: the note changed since it was opened.
        """
        pid = mark_entered_in_error(
            self._db, self._ctx, self._audit, NeedlingSession, session_id, version_id, reason,
            noun="session note", audit_entity="session",
        )  # fmt: skip
        changes = ChangeSet(patients=frozenset({pid}), sessions=frozenset({session_id}))
        return Saved(session_id, changes)

    def verify(self, session_id: int) -> Verification:
        """Recompute a signed note's digest (and its addenda's) and compare with the stored ones."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            row = self._load(s, session_id)
            if row.signed_at is None:  # a withdrawn signed note keeps its seal: still checked
                return Verification(False, None, None, "This note is not signed yet.")
            content, _ = read_content(s, row)
            again = charting.content_digest(canonical_content(row, content))
            bad = [
                a.id
                for a in s.scalars(select(Addendum).where(Addendum.session_id == row.id))
                if charting.content_digest(_addendum_content(a, row)) != a.content_digest
            ]
            stored = row.content_digest
        if again != stored:
            message = "ALTERED: the note no longer matches the digest stored when it was signed."
            return Verification(False, stored, again, message)
        if bad:
            message = f"ALTERED: {len(bad)} addendum(s) no longer match their digests."
            return Verification(False, stored, again, message)
        short = again[:16]
        message = f"Unaltered: the note matches the digest stored when it was signed ({short}…)."
        return Verification(True, stored, again, message)

    # --- helpers -----------------------------------------------------------------------------
    def _check(
        self, content: SessionContent, precautions: tuple[str, ...]
    ) -> list[list[StimulationFinding]]:
        now = self._ctx.now()
        issues = validate_content(content, now=now, precautions=precautions, muscles=self.muscles)
        if has_errors(issues):
            raise ValidationFailed([i for i in issues if i.severity is Severity.ERROR])
        seg = content.segmental
        return [
            list(stimulation_findings(st, segmental_session=seg, precautions=precautions))
            for st in content.stimulation
        ]

    def _gate(self, patient_id: int, content: SessionContent) -> list[Issue]:
        issues: list[Issue] = []
        if not content.consent_confirmed:
            issues.append(
                Issue("consent_confirmed", "Confirm the patient's consent for this session.")
            )
        latest = self._episodes.latest_screening(patient_id)
        if latest is None:
            issues.append(Issue("screening", "Record a screening before signing a session."))
        else:
            d = latest.details
            for code in d.red_flags:
                issues.append(Issue("screening", f"Unresolved red flag: {label(code)}."))
            for code in d.contraindications:
                issues.append(Issue("screening", f"Contraindication on file: {label(code)}."))
        if not content.targets:
            issues.append(Issue("targets", "Record at least one needle target."))
        precautions = latest.details.precautions if latest else ()
        for i, st in enumerate(content.stimulation):
            found = stimulation_findings(
                st, segmental_session=content.segmental, precautions=precautions
            )
            issues += [
                Issue(f"stimulation.{i}.frequency_hz", f.message)
                for f in found
                if f.level == "error"
            ]
        return issues

    def _load(self, s: Session, session_id: int) -> NeedlingSession:
        row = s.get(NeedlingSession, session_id)
        if row is None:
            raise NotFoundError(f"Session {session_id} does not exist.")
        return row

    def _check_editable(self, row: NeedlingSession, version_id: int) -> None:
        if row.status == "signed":
            raise SignedNoteError()
        if row.status != "draft":
            raise NotFoundError("This note was entered in error.")
        if row.practitioner_id != self._ctx.actor.practitioner_id:
            raise NotOwnNoteError()
        if row.version_id != version_id:
            raise ConcurrentEditError("session note")

    def _practitioner(self, s: Session) -> Practitioner:
        pid = self._ctx.actor.practitioner_id
        practitioner = s.get(Practitioner, pid) if pid is not None else None
        if practitioner is None:
            raise NotFoundError(
                "Your user account is not linked to a practitioner, so it cannot write session "
                "notes. Ask an administrator to link it."
            )
        return practitioner

    def _practitioner_id_or_none(self, s: Session) -> int | None:
        pid = self._ctx.actor.practitioner_id
        return pid if pid is not None and s.get(Practitioner, pid) is not None else None

    def _record(self, s: Session, row: NeedlingSession) -> SessionRecord:
        content, findings = read_content(s, row)
        practitioner = s.get(Practitioner, row.practitioner_id)
        addenda = s.scalars(
            select(Addendum).where(Addendum.session_id == row.id).order_by(Addendum.id)
        )
        return SessionRecord(
            row.id, row.version_id, row.patient_id, row.practitioner_id,
            practitioner.display_name if practitioner else "", row.status, content, findings,
            row.signed_at, row.signed_by, row.content_digest,
            tuple(_addendum_row(s, a) for a in addenda),
        )  # fmt: skip

    @staticmethod
    def _changes(record: SessionRecord) -> ChangeSet:
        return ChangeSet(patients=frozenset({record.patient_id}), sessions=frozenset({record.id}))


def _addendum_content(add: Addendum, row: NeedlingSession) -> dict[str, object]:
    return {
        "session_id": row.id,
        "note_digest": row.content_digest,
        "author": add.author,
        "written_at": add.written_at.astimezone(UTC).isoformat(),
        "reason": add.reason,
        "text": add.text,
    }


def _addendum_row(s: Session, a: Addendum) -> AddendumRow:
    who = s.get(Practitioner, a.author_practitioner_id) if a.author_practitioner_id else None
    return AddendumRow(
        a.id, a.session_id, a.author, a.written_at, a.reason, a.text, a.content_digest,
        who.display_name if who else "",
    )  # fmt: skip


def signed_note_problems(s: Session) -> list[str]:
    """Recompute every signed note's and addendum's SHA-256 and list those that no longer match.

    The "signed-note digests" check of ``dnclinic verify``, of every backup and every restore:
    it only reads, through the given session.
    """
    problems: list[str] = []
    # Every note that was ever signed, including those later marked entered in error.
    signed = s.scalars(select(NeedlingSession).where(NeedlingSession.signed_at.is_not(None)))
    for row in signed:
        content, _ = read_content(s, row)
        if charting.content_digest(canonical_content(row, content)) != row.content_digest:
            problems.append(
                f"Session note {row.id} no longer matches the digest it was signed with."
            )
        for a in s.scalars(select(Addendum).where(Addendum.session_id == row.id)):
            if charting.content_digest(_addendum_content(a, row)) != a.content_digest:
                problems.append(f"Addendum {a.id} to session note {row.id} has been altered.")
    return problems
