"""What every service needs besides the database: the clock, who is acting, and the policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from dnclinic.services.errors import PermissionDenied
from dnclinic.services.policy import Permission, permissions_for

if TYPE_CHECKING:
    from dnclinic.model.base import AuditedMixin

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


@dataclass(slots=True)
class Actor:
    """The person on whose behalf services act: the logged-in user.

    Mutable on purpose: it is the one place that changes at login, logout and lock; every
    service holds the same instance through :class:`ServiceContext`.
    """

    username: str
    role: str = "admin"
    practitioner_id: int | None = None
    display_name: str = ""
    user_id: int | None = None
    logged_in: bool = True

    def permissions(self) -> frozenset[Permission]:
        """Return what this user may do now (nothing when logged out or locked)."""
        if not self.logged_in:
            return frozenset()
        return permissions_for(self.role, is_practitioner=self.practitioner_id is not None)

    def can(self, permission: Permission) -> bool:
        """Whether this user may do ``permission`` (for the UI to hide what it cannot)."""
        return permission in self.permissions()


@dataclass(frozen=True, slots=True)
class ServiceContext:
    """The clock, the acting user and the refusal hook, shared by all services."""

    clock: Clock
    actor: Actor
    # Called with (permission, username) when a check fails, to audit the refusal.
    on_denied: list[Callable[[Permission, str], None]] = field(default_factory=list)

    def now(self) -> datetime:
        """Return the current time (UTC, timezone-aware)."""
        return self.clock()

    def today(self) -> date:
        """Return the clinic's current local date."""
        return self.clock().astimezone().date()

    def require(self, permission: Permission) -> None:
        """Refuse (and audit the refusal) unless the acting user holds ``permission``.

        Raises:
            PermissionDenied: the role does not allow it.
        """
        if self.actor.can(permission):
            return
        for hook in self.on_denied:
            hook(permission, self.actor.username)
        raise PermissionDenied(permission, self.actor.username)

    def stamp(self, row: AuditedMixin, *, created: bool) -> None:
        """Set the audit columns of an ORM row for this action."""
        now = self.now()
        if created:
            row.created_at = now
            row.created_by = self.actor.username
        row.updated_at = now
        row.updated_by = self.actor.username
