"""Practitioner profiles: name, licence, jurisdiction, when they started needling, active."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.clinical.jurisdictions import jurisdiction_codes
from dnclinic.clinical.validation import Issue
from dnclinic.model.entities import Practitioner
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import ConcurrentEditError, NotFoundError, ValidationFailed
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from datetime import date

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class ProfileDetails:
    """A practitioner's profile as the profile dialog edits it."""

    given_name: str
    family_name: str
    licence_number: str = ""
    jurisdiction: str | None = None  # None = where the clinic practises
    needling_since: date | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class PractitionerProfile:
    """A stored practitioner profile."""

    id: int
    version_id: int
    details: ProfileDetails

    @property
    def display_name(self) -> str:
        """Return "Given Family"."""
        return f"{self.details.given_name} {self.details.family_name}".strip()


class ProfileService:
    """Use cases for practitioner profiles (the training side of the practitioner list)."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    # --- queries and commands ---------------------------------------------------------------
    def profiles(self, *, active_only: bool = False) -> list[PractitionerProfile]:
        """Return the practitioners' profiles, by family name."""
        self._ctx.require(Permission.TRAINING_READ)
        with self._db.read() as s:
            stmt = select(Practitioner).order_by(Practitioner.family_name, Practitioner.given_name)
            if active_only:
                stmt = stmt.where(Practitioner.active.is_(True))
            return [_profile(p) for p in s.scalars(stmt)]

    def save_profile(
        self,
        details: ProfileDetails,
        practitioner_id: int | None = None,
        *,
        version_id: int | None = None,
    ) -> Saved[PractitionerProfile]:
        """Register a practitioner (no id) or update a profile.

        Raises:
            ValidationFailed: a field is invalid.
            ConcurrentEditError: the profile changed since it was opened.
            NotFoundError: no such practitioner.
        """
        self._ctx.require(Permission.TRAINING_WRITE)
        issues = _profile_issues(details, today=self._ctx.today())
        if issues:
            raise ValidationFailed(issues)
        with self._db.write() as s:
            p = Practitioner() if practitioner_id is None else s.get(Practitioner, practitioner_id)
            if p is None:
                raise NotFoundError("That practitioner no longer exists.")
            if version_id is not None and p.version_id != version_id:
                raise ConcurrentEditError("practitioner profile")
            p.given_name = details.given_name.strip()
            p.family_name = details.family_name.strip()
            p.licence_number = details.licence_number.strip()
            p.jurisdiction = details.jurisdiction
            p.needling_since = details.needling_since
            p.active = details.active
            self._ctx.stamp(p, created=practitioner_id is None)
            s.add(p)
            s.flush()
            action = AuditAction.CREATE if practitioner_id is None else AuditAction.UPDATE
            self._audit.record(
                s, action, entity="practitioner", entity_id=p.id,
                details={"jurisdiction": p.jurisdiction or "clinic", "active": p.active},
            )  # fmt: skip
            out = _profile(p)
        return Saved(out, ChangeSet(practitioners=frozenset({out.id})))


def _profile(p: Practitioner) -> PractitionerProfile:
    details = ProfileDetails(
        p.given_name, p.family_name, p.licence_number, p.jurisdiction, p.needling_since, p.active
    )
    return PractitionerProfile(p.id, p.version_id, details)


def _profile_issues(d: ProfileDetails, *, today: date) -> list[Issue]:
    issues = [
        Issue(name, message)
        for name, value, message in (
            ("given_name", d.given_name, "Enter the given name."),
            ("family_name", d.family_name, "Enter the family name."),
        )
        if not value.strip()
    ]
    if d.jurisdiction is not None and d.jurisdiction not in jurisdiction_codes():
        issues.append(Issue("jurisdiction", "Choose a state, Other, or the clinic's."))
    if d.needling_since is not None and d.needling_since > today:
        issues.append(Issue("needling_since", "This date is ahead of today."))
    return issues
