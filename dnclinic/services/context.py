"""What every service needs besides the database: the clock and who is acting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dnclinic.model.base import AuditedMixin

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


@dataclass(slots=True)
class Actor:
    """The person on whose behalf services act (the logged-in user, once logins exist)."""

    username: str


@dataclass(frozen=True, slots=True)
class ServiceContext:
    """The clock and the acting user, shared by all services of one app instance."""

    clock: Clock
    actor: Actor

    def now(self) -> datetime:
        """Return the current time (UTC, timezone-aware)."""
        return self.clock()

    def today(self) -> date:
        """Return the clinic's current local date."""
        return self.clock().astimezone().date()

    def stamp(self, row: AuditedMixin, *, created: bool) -> None:
        """Set the audit columns of an ORM row for this action."""
        now = self.now()
        if created:
            row.created_at = now
            row.created_by = self.actor.username
        row.updated_at = now
        row.updated_by = self.actor.username
