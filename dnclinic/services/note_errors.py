"""Refusals specific to session notes (sign and lock)."""

from __future__ import annotations

from dnclinic.services.errors import ServiceError, ValidationFailed


class SignedNoteError(ServiceError):
    """The note is signed: it cannot be changed, only amended by an addendum."""

    def __init__(self) -> None:
        super().__init__(
            "This note is signed and can no longer be changed. Add an addendum to correct it."
        )


class NotOwnNoteError(ServiceError):
    """Only the practitioner who wrote a session note may edit or sign it."""

    def __init__(self) -> None:
        super().__init__("Only the practitioner who wrote this note may edit or sign it.")


class SignGateFailed(ValidationFailed):  # noqa: N818 - reads as what happened to the command
    """Signing was refused: consent, screening or content is missing (the issues say what)."""
