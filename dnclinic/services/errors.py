"""Errors the services raise for the user interface to explain in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dnclinic.clinical.validation import Issue


class ServiceError(Exception):
    """Base class: ``str(error)`` is a sentence fit to show to a clinician."""


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
