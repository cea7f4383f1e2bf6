"""The clinic's own details and its practitioners."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.clinical.jurisdictions import jurisdiction_codes
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.model.entities import Clinic, Practitioner
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import ConcurrentEditError, ValidationFailed
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

DEFAULT_TRAINING_THRESHOLD = Decimal(60)
# --- training (issue 6) --- logo media types and their first bytes
LOGO_TYPES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}
MAX_LOGO_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ClinicDetails:
    """The clinic as the setup dialog edits it."""

    name: str
    address: str = ""
    phone: str = ""
    jurisdiction: str = "other"
    training_threshold_hours: Decimal = DEFAULT_TRAINING_THRESHOLD
    # --- training (issue 6) ---
    # The letterhead logo: PNG or JPEG bytes (None = no logo) and its media type.
    logo: bytes | None = None
    logo_media_type: str = ""


@dataclass(frozen=True, slots=True)
class ClinicRecord:
    """The stored clinic."""

    id: int
    version_id: int
    details: ClinicDetails


@dataclass(frozen=True, slots=True)
class PractitionerRow:
    """A practitioner for lists and pickers."""

    id: int
    display_name: str
    licence_number: str
    active: bool


def validate_clinic(details: ClinicDetails) -> list[Issue]:
    """Check the clinic details field by field."""
    issues = []
    if not details.name.strip():
        issues.append(Issue("name", "Enter the clinic's name.", Severity.ERROR))
    if details.jurisdiction not in jurisdiction_codes():
        issues.append(Issue("jurisdiction", "Choose a state, or Other.", Severity.ERROR))
    hours = details.training_threshold_hours
    # A NaN never compares (a signalling one raises): is_finite() first.
    if not (hours.is_finite() and Decimal(0) <= hours <= Decimal(1000)):
        issues.append(
            Issue("training_threshold_hours", "Enter between 0 and 1000 hours.", Severity.ERROR)
        )
    # --- training (issue 6) ---
    if details.logo is not None:
        if details.logo_media_type not in LOGO_TYPES or not details.logo.startswith(
            LOGO_TYPES.get(details.logo_media_type, b"-")
        ):
            issues.append(Issue("logo", "Choose a PNG or JPEG image.", Severity.ERROR))
        elif len(details.logo) > MAX_LOGO_BYTES:
            issues.append(Issue("logo", "The logo is larger than 2 MB.", Severity.ERROR))
    return issues


class ClinicService:
    """Use cases for the clinic record and the practitioner list."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    def get(self) -> ClinicRecord | None:
        """Return the clinic, or None before the first-run setup."""
        with self._db.read() as s:
            c = s.scalar(select(Clinic).order_by(Clinic.id).limit(1))
            if c is None:
                return None
            details = ClinicDetails(
                c.name, c.address, c.phone, c.jurisdiction, Decimal(c.training_threshold_hours),
                logo=c.logo, logo_media_type=c.logo_media_type,  # issue 6
            )  # fmt: skip
            return ClinicRecord(c.id, c.version_id, details)

    def save(self, details: ClinicDetails, *, version_id: int | None = None) -> Saved[ClinicRecord]:
        """Create the clinic (first run) or update it.

        Raises:
            ValidationFailed: a field is invalid.
            ConcurrentEditError: the clinic changed since it was opened.
            PermissionDenied: the user may not change clinic settings.
        """
        self._ctx.require(Permission.CLINIC_SETTINGS)
        issues = validate_clinic(details)
        if issues:
            raise ValidationFailed(issues)
        with self._db.write() as s:
            c = s.scalar(select(Clinic).order_by(Clinic.id).limit(1))
            created = c is None
            if c is None:
                c = Clinic()
                s.add(c)
            elif version_id is not None and c.version_id != version_id:
                raise ConcurrentEditError("clinic record")
            c.name = details.name.strip()
            c.address = details.address.strip()
            c.phone = details.phone.strip()
            c.jurisdiction = details.jurisdiction
            c.training_threshold_hours = details.training_threshold_hours
            c.logo = details.logo  # issue 6
            c.logo_media_type = details.logo_media_type if details.logo is not None else ""
            self._ctx.stamp(c, created=created)
            s.flush()
            self._audit.record(
                s, AuditAction.SETTINGS, entity="clinic", entity_id=c.id,
                details={"jurisdiction": c.jurisdiction,
                         "threshold": str(c.training_threshold_hours),
                         "logo": c.logo is not None},
            )  # fmt: skip
            record = ClinicRecord(c.id, c.version_id, details)
        return Saved(record, ChangeSet(clinic=True))

    def practitioners(self, *, active_only: bool = True) -> list[PractitionerRow]:
        """Return the practitioners, by family name."""
        with self._db.read() as s:
            stmt = select(Practitioner).order_by(Practitioner.family_name, Practitioner.given_name)
            if active_only:
                stmt = stmt.where(Practitioner.active.is_(True))
            return [
                PractitionerRow(p.id, p.display_name, p.licence_number, p.active)
                for p in s.scalars(stmt)
            ]

    def add_practitioner(
        self, given_name: str, family_name: str, licence_number: str = ""
    ) -> Saved[PractitionerRow]:
        """Register a practitioner.

        Raises:
            ValidationFailed: a name is missing.
            PermissionDenied: the user may not change clinic settings.
        """
        self._ctx.require(Permission.CLINIC_SETTINGS)
        issues = [
            Issue(field, message, Severity.ERROR)
            for field, value, message in (
                ("given_name", given_name, "Enter the given name."),
                ("family_name", family_name, "Enter the family name."),
            )
            if not value.strip()
        ]
        if issues:
            raise ValidationFailed(issues)
        with self._db.write() as s:
            p = Practitioner(
                given_name=given_name.strip(),
                family_name=family_name.strip(),
                licence_number=licence_number.strip(),
                active=True,
            )
            self._ctx.stamp(p, created=True)
            s.add(p)
            s.flush()
            self._audit.record(s, AuditAction.CREATE, entity="practitioner", entity_id=p.id)
            row = PractitionerRow(p.id, p.display_name, p.licence_number, p.active)
        return Saved(row, ChangeSet(practitioners=frozenset({row.id})))
