"""Practitioners and their training: profiles, the append-only ledger, certificates, eligibility.

The ledger is append-only (ARCHITECTURE: nothing clinical is hard-deleted): a correction or a
withdrawal is a new entry pointing at the one it replaces, and totals use the latest entry of
each chain (:mod:`dnclinic.clinical.training`). Verification by a manager is its own audited
action. ``total_hours`` and ``eligibility`` are what the decision wizard and the session editor
ask.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.clinical.jurisdictions import jurisdiction_codes
from dnclinic.clinical.training import (
    CourseDetails,
    Eligibility,
    HourTotals,
    TrainingRule,
    evaluate,
    hour_totals,
    validate_course,
    validate_rule,
)
from dnclinic.clinical.validation import Issue
from dnclinic.model.entities import (
    JurisdictionRule,
    Practitioner,
    TrainingCertificate,
    TrainingEntry,
    TrainingVerification,
)
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import NotFoundError, ServiceError, ValidationFailed
from dnclinic.services.policy import Permission
from dnclinic.services.training_store import (
    CertificateInfo,
    TrainingEntryRow,
    clinic_settings,
    course_of,
    entry_rows,
    jurisdiction_of,
    ledger_lines,
    load_rule,
)

if TYPE_CHECKING:
    from decimal import Decimal

    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

# Certificates: a PDF or an image, recognised by their first bytes, at most 10 MB.
CERTIFICATE_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
MAX_CERTIFICATE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class NewCertificate:
    """A certificate file to attach (read by the UI, checked here)."""

    filename: str
    content: bytes


@dataclass(frozen=True, slots=True)
class CertificateFile:
    """A stored certificate with its bytes (to open or save a copy)."""

    info: CertificateInfo
    content: bytes


def sniff_media_type(content: bytes) -> str | None:
    """Return the media type of a PDF, PNG or JPEG file from its first bytes, else None."""
    return next((t for magic, t in CERTIFICATE_TYPES.items() if content.startswith(magic)), None)


class TrainingService:
    """Use cases for practitioner profiles and the training ledger."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    # --- the ledger --------------------------------------------------------------------------
    def entries(self, practitioner_id: int) -> list[TrainingEntryRow]:
        """Return a practitioner's ledger, every version, oldest first."""
        self._ctx.require(Permission.TRAINING_READ)
        with self._db.read() as s:
            return entry_rows(s, practitioner_id)

    def add_entry(
        self,
        practitioner_id: int,
        course: CourseDetails,
        certificate: NewCertificate | None = None,
    ) -> Saved[TrainingEntryRow]:
        """Add a completed course to a practitioner's ledger.

        Raises:
            ValidationFailed: a field (or the certificate) is invalid.
            NotFoundError: no such practitioner.
        """
        self._ctx.require(Permission.TRAINING_WRITE)
        self._check(course, certificate)
        with self._db.write() as s:
            if s.get(Practitioner, practitioner_id) is None:
                raise NotFoundError("That practitioner no longer exists.")
            cert_id = self._store_certificate(s, certificate)
            entry = self._write(s, practitioner_id, course, cert_id, None, withdrawn=False)
            return self._saved(s, entry, AuditAction.CREATE)

    def correct_entry(
        self,
        entry_id: int,
        course: CourseDetails,
        reason: str,
        certificate: NewCertificate | None = None,
    ) -> Saved[TrainingEntryRow]:
        """Record a correction: a new entry that replaces ``entry_id`` (kept as it was).

        The certificate carries over unless a new one is given; the correction needs verifying
        again.

        Raises:
            ValidationFailed: a field is invalid or the reason is missing.
            ServiceError: the entry was already corrected (correct the latest version).
        """
        self._ctx.require(Permission.TRAINING_WRITE)
        self._check(course, certificate, reason=reason)
        with self._db.write() as s:
            old = self._latest_of(s, entry_id)
            cert_id = self._store_certificate(s, certificate) or old.certificate_id
            entry = self._write(
                s, old.practitioner_id, course, cert_id, old.id, withdrawn=False, reason=reason
            )
            return self._saved(s, entry, AuditAction.UPDATE)

    def withdraw_entry(self, entry_id: int, reason: str) -> Saved[TrainingEntryRow]:
        """Withdraw a course entered in error: a final correction that counts for nothing.

        Raises:
            ValidationFailed: the reason is missing.
            ServiceError: the entry was already corrected.
        """
        self._ctx.require(Permission.TRAINING_WRITE)
        if not reason.strip():
            raise ValidationFailed([Issue("reason", "Say why this course is withdrawn.")])
        with self._db.write() as s:
            old = self._latest_of(s, entry_id)
            course = course_of(old)
            entry = self._write(
                s, old.practitioner_id, course, old.certificate_id, old.id,
                withdrawn=True, reason=reason,
            )  # fmt: skip
            return self._saved(s, entry, AuditAction.ENTERED_IN_ERROR)

    def certificate(self, certificate_id: int) -> CertificateFile:
        """Return a stored certificate with its bytes.

        Raises:
            NotFoundError: no such certificate.
        """
        self._ctx.require(Permission.TRAINING_READ)
        with self._db.read() as s:
            c = s.get(TrainingCertificate, certificate_id)
            if c is None:
                raise NotFoundError("That certificate is not stored.")
            info = CertificateInfo(c.id, c.filename, c.media_type, c.size_bytes, c.sha256)
            return CertificateFile(info, bytes(c.content))

    def verify_entry(self, entry_id: int) -> Saved[TrainingEntryRow]:
        """Verify a ledger entry as a manager (recorded with who and when; audited).

        Raises:
            ServiceError: the entry is superseded, withdrawn, already verified, or the manager's
                own training (someone else must verify it).
        """
        self._ctx.require(Permission.TRAINING_VERIFY)
        actor = self._ctx.actor
        with self._db.write() as s:
            entry = self._latest_of(s, entry_id)
            if entry.withdrawn:
                raise ServiceError("A withdrawn course cannot be verified.")
            if actor.practitioner_id == entry.practitioner_id:
                raise ServiceError("Your own training must be verified by another manager.")
            done = s.scalar(
                select(TrainingVerification.id).where(TrainingVerification.entry_id == entry.id)
            )
            if done is not None:
                raise ServiceError("This course is already verified.")
            s.add(
                TrainingVerification(
                    entry_id=entry.id,
                    verified_by=actor.username,
                    verified_by_name=actor.display_name or actor.username,
                    verified_at=self._ctx.now(),
                )
            )
            s.flush()
            return self._saved(s, entry, AuditAction.TRAINING_VERIFY)

    # --- totals and eligibility --------------------------------------------------------------
    def hour_totals(self, practitioner_id: int) -> HourTotals:
        """Return a practitioner's current training hours by kind."""
        self._ctx.require(Permission.TRAINING_READ)
        with self._db.read() as s:
            return hour_totals(ledger_lines(s, [practitioner_id]).get(practitioner_id, []))

    def total_hours(self, practitioner_id: int) -> Decimal:
        """Return a practitioner's formal training hours (what the decision wizard uses)."""
        return self.hour_totals(practitioner_id).total

    def eligibility(self, practitioner_id: int) -> Eligibility:
        """Return the practitioner's status against the clinic threshold and the legal minimum.

        Raises:
            NotFoundError: no such practitioner.
        """
        self._ctx.require(Permission.TRAINING_READ)
        with self._db.read() as s:
            p = s.get(Practitioner, practitioner_id)
            if p is None:
                raise NotFoundError("That practitioner no longer exists.")
            totals = hour_totals(ledger_lines(s, [p.id]).get(p.id, []))
            _code, threshold = clinic_settings(s)
            return evaluate(totals, threshold, load_rule(s, jurisdiction_of(s, p)))

    # --- jurisdiction rules ------------------------------------------------------------------
    def rule(self, code: str) -> TrainingRule:
        """Return the clinic's rule for a jurisdiction (its own edit, else the shipped preset)."""
        self._ctx.require(Permission.TRAINING_READ)
        with self._db.read() as s:
            return load_rule(s, code)

    def save_rule(self, rule: TrainingRule) -> Saved[TrainingRule]:
        """Store the clinic's own version of a jurisdiction's rule.

        Raises:
            ValidationFailed: a value is out of range or the code unknown.
        """
        self._ctx.require(Permission.CLINIC_SETTINGS)
        issues = validate_rule(rule)
        if rule.code not in jurisdiction_codes():
            issues.append(Issue("code", "Choose a state, or Other."))
        if issues:
            raise ValidationFailed(issues)
        with self._db.write() as s:
            row = s.get(JurisdictionRule, rule.code)
            created = row is None
            if row is None:
                row = JurisdictionRule(code=rule.code)
                s.add(row)
            for name in (
                "minimum_hours", "hours_status", "minimum_in_person_hours",
                "minimum_theory_hours", "minimum_hands_on_hours", "supervised_sessions",
                "ae_report_days", "written_consent", "conditions", "source",
            ):  # fmt: skip
                setattr(row, name, getattr(rule, name))
            self._ctx.stamp(row, created=created)
            s.flush()
            self._audit.record(
                s, AuditAction.SETTINGS, entity="jurisdiction_rule", entity_id=None,
                details={"code": rule.code, "minimum_hours": str(rule.minimum_hours),
                         "ae_report_days": rule.ae_report_days},
            )  # fmt: skip
        return Saved(rule, ChangeSet(clinic=True))

    # --- helpers -----------------------------------------------------------------------------
    def _check(
        self, course: CourseDetails, cert: NewCertificate | None, *, reason: str | None = None
    ) -> None:
        issues = validate_course(course, today=self._ctx.today())
        if reason is not None and not reason.strip():
            issues.append(Issue("reason", "Say what this correction changes, and why."))
        if cert is not None:
            if sniff_media_type(cert.content) is None:
                issues.append(Issue("certificate", "Attach a PDF, PNG or JPEG file."))
            elif len(cert.content) > MAX_CERTIFICATE_BYTES:
                issues.append(Issue("certificate", "The file is larger than 10 MB."))
        if issues:
            raise ValidationFailed(issues)

    def _store_certificate(self, s: Session, cert: NewCertificate | None) -> int | None:
        if cert is None:
            return None
        media_type = sniff_media_type(cert.content)
        assert media_type is not None  # checked by _check
        row = TrainingCertificate(
            filename=cert.filename.strip()[-255:] or "certificate",
            media_type=media_type,
            size_bytes=len(cert.content),
            sha256=hashlib.sha256(cert.content).hexdigest(),
            content=cert.content,
        )
        self._ctx.stamp(row, created=True)
        s.add(row)
        s.flush()
        return row.id

    def _write(
        self,
        s: Session,
        practitioner_id: int,
        c: CourseDetails,
        cert_id: int | None,
        corrects_id: int | None,
        *,
        withdrawn: bool,
        reason: str = "",
    ) -> TrainingEntry:
        entry = TrainingEntry(
            practitioner_id=practitioner_id, corrects_id=corrects_id,
            course_title=c.course_title.strip(), provider=c.provider.strip(),
            approving_body=c.approving_body.strip(), started_on=c.started_on,
            ended_on=c.ended_on, in_person_hours=c.in_person_hours,
            online_hours=c.online_hours, theory_hours=c.theory_hours,
            hands_on_hours=c.hands_on_hours, supervised_sessions=c.supervised_sessions,
            regions=list(c.regions), certificate_id=cert_id, withdrawn=withdrawn,
            reason=reason.strip(),
        )  # fmt: skip
        self._ctx.stamp(entry, created=True)
        s.add(entry)
        s.flush()
        return entry

    def _latest_of(self, s: Session, entry_id: int) -> TrainingEntry:
        entry = s.get(TrainingEntry, entry_id)
        if entry is None:
            raise NotFoundError("That training entry does not exist.")
        newer = s.scalar(select(TrainingEntry.id).where(TrainingEntry.corrects_id == entry.id))
        if newer is not None:
            raise ServiceError(
                f"This entry was already corrected (entry {newer}); work on the latest version."
            )
        return entry

    def _saved(self, s: Session, entry: TrainingEntry, action: str) -> Saved[TrainingEntryRow]:
        self._audit.record(
            s, action, entity="training_entry", entity_id=entry.id,
            details={"practitioner": entry.practitioner_id, "corrects": entry.corrects_id,
                     "hours": str(entry.in_person_hours + entry.online_hours)},
        )  # fmt: skip
        row = next(r for r in entry_rows(s, entry.practitioner_id) if r.id == entry.id)
        return Saved(row, ChangeSet(practitioners=frozenset({entry.practitioner_id})))
