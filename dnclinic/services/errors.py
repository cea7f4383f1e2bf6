"""Errors the services raise for the user interface to explain in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING

# Re-exported: the services' errors, including the storage errors the data layer raises.
from dnclinic.errors import (
    DatabaseBusyError,
    NetworkStorageError,
    ServiceError,
    StorageError,
    StorageFullError,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dnclinic.clinical.validation import Issue
    from dnclinic.services.policy import Permission


__all__ = [
    "BackupDamagedError",
    "BackupError",
    "ConcurrentEditError",
    "DatabaseBusyError",
    "NetworkStorageError",
    "NotFoundError",
    "PermissionDenied",
    "ServiceError",
    "StorageError",
    "StorageFullError",
    "ValidationFailed",
]


class ValidationFailed(ServiceError):  # noqa: N818 - reads as what happened to the command
    """The command was refused because of field-level issues; nothing was written."""

    def __init__(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        super().__init__("; ".join(f"{i.field}: {i.message}" for i in self.issues))


class ConcurrentEditError(ServiceError):
    """Someone else saved this record after it was opened; nothing was overwritten."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"This {what} was changed on another workstation after you opened it. "
            "Your changes were not saved: reload it to see the other changes, then apply yours."
        )


class NotFoundError(ServiceError):
    """The record does not exist (or no longer exists)."""


class PermissionDenied(ServiceError):  # noqa: N818 - the established name for this refusal
    """The acting user's role does not allow this action (the refusal was audited)."""

    def __init__(self, permission: Permission, username: str) -> None:
        self.permission = permission
        self.username = username
        super().__init__(f"Your role does not allow this ({permission.value}).")


class BackupError(ServiceError):
    """A backup could not be made, or a restore was refused; the message says why."""


class BackupDamagedError(BackupError):
    """A backup does not match its manifest (or fails its checks); nothing was restored."""
