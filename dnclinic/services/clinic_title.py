"""The clinic's name, for the window title: read at start-up on a Core connection, no ORM."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.model.core_tables import clinics

if TYPE_CHECKING:
    from dnclinic.model.db import Database


class ClinicTitleService:
    """Whether the clinic is set up, and its name (the full details are in ClinicService)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def name(self) -> str | None:
        """Return the clinic's name, or None before the first-run setup (reveals nothing else)."""
        with self._db.connect() as conn:
            return conn.scalar(select(clinics.c.name).order_by(clinics.c.id).limit(1))
