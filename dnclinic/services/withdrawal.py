"""Marking a clinical record "entered in error": it is kept, flagged, given a reason, audited.

Exams, outcome scores and session notes share this one path. Nothing is deleted or rewritten: the
row keeps its content (a signed note keeps its signature and digest, still checked by
``dnclinic verify``), its status becomes ``entered_in_error`` and the reason is stored with it and
in the audit log. Lists, trends and documents leave such records out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.orm.exc import StaleDataError

from dnclinic.clinical.validation import Issue
from dnclinic.model.entities import NeedlingSession, NeuroExamination, OutcomeScore
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.errors import (
    ConcurrentEditError,
    NotFoundError,
    ServiceError,
    ValidationFailed,
)
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

W = TypeVar("W", NeuroExamination, OutcomeScore, NeedlingSession)  # what can be withdrawn
ENTERED_IN_ERROR = "entered_in_error"


class AlreadyWithdrawnError(ServiceError):
    """The record was already marked entered in error."""


def mark_entered_in_error(
    db: Database,
    ctx: ServiceContext,
    audit: AuditService,
    entity: type[W],
    record_id: int,
    version_id: int,
    reason: str,
    *,
    noun: str,
    audit_entity: str,
) -> int:
    """Withdraw one record; return its patient's id.

    Args:
        db: the clinic database (one write unit of work).
        ctx: who is acting, and the clock.
        audit: where the withdrawal is recorded.
        entity: the mapped class (exam, outcome score or session note).
        record_id: the record's id.
        version_id: the version the user saw (optimistic locking).
        reason: why; required.
        noun: how the record is named in messages ("exam", "session note"...).
        audit_entity: the entity name in the audit log.

    Raises:
        PermissionDenied: the user may not chart.
        ValidationFailed: no reason given (on the ``reason`` field).
        NotFoundError: no such record.
        AlreadyWithdrawnError: it was withdrawn before.
        ConcurrentEditError: it changed since it was opened.
    """
    ctx.require(Permission.CHART_WRITE)
    why = reason.strip()
    if not why:
        raise ValidationFailed([Issue("reason", f"Say why the {noun} is withdrawn.")])
    try:
        with db.write() as s:
            row = s.get(entity, record_id)
            if row is None:
                raise NotFoundError(f"The {noun} {record_id} does not exist.")
            if row.status == ENTERED_IN_ERROR:
                raise AlreadyWithdrawnError(f"This {noun} was already marked entered in error.")
            if row.version_id != version_id:
                raise ConcurrentEditError(noun)
            row.status = ENTERED_IN_ERROR
            row.entered_in_error_reason = why
            ctx.stamp(row, created=False)
            s.flush()
            audit.record(
                s, AuditAction.ENTERED_IN_ERROR, entity=audit_entity, entity_id=row.id,
                patient_id=row.patient_id, details={"reason": why},
            )  # fmt: skip
            return row.patient_id
    except StaleDataError as exc:
        raise ConcurrentEditError(noun) from exc
