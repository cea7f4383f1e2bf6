"""Factories for training tests: a manager account, a course, a certificate, an adverse event."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from charting_factories import screened_patient, three_muscle_content
from factories import PASSWORD, as_user

from dnclinic.clinical.training import CourseDetails
from dnclinic.services.session_content import AdverseEventEntry
from dnclinic.services.users import NewUser

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.services.sessions import SessionRecord

# The smallest valid PDF header and PNG signature: enough for the type check and a round trip.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + bytes(range(256))


def _png(width: int, height: int) -> bytes:
    """A valid RGB PNG of one colour (dark blue), built with zlib."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x1f\x5f\x99" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )  # fmt: skip


PNG_BYTES = _png(120, 40)


def add_manager(ctx: AppContext, username: str = "boss") -> str:
    """Create a clinic manager account (as the admin) and return its username."""
    with as_user(ctx, "admin"):
        ctx.users.create_user(NewUser(username, "Bea Boss", "manager", PASSWORD))
    return username


def course(hours: int | str = 28, **overrides: Any) -> CourseDetails:
    """A completed course: all hours in person, split evenly into theory and hands-on."""
    total = Decimal(str(hours))
    values: dict[str, Any] = {
        "course_title": "Dry Needling Course 1",
        "provider": "Double E Education",
        "approving_body": "APTA Florida",
        "started_on": date(2025, 3, 1),
        "ended_on": date(2025, 3, 3),
        "in_person_hours": total,
        "online_hours": Decimal(0),
        "theory_hours": total / 2,
        "hands_on_hours": total - total / 2,
        "supervised_sessions": 0,
        "regions": ("lumbar", "hip"),
    }
    values.update(overrides)
    return CourseDetails(**values)


def practitioner_id(ctx: AppContext, name: str) -> int:
    """Return the id of the practitioner called ``name`` ("Maria Alvarez")."""
    return next(p.id for p in ctx.clinic.practitioners() if p.display_name == name)


def session_with_event(
    ctx: AppContext, severity: str = "significant", *, sign: bool = True, **overrides: Any
) -> SessionRecord:
    """Chart (and sign) a session with one adverse event, as the logged-in practitioner."""
    patient = screened_patient(ctx)
    event = AdverseEventEntry("bruising", severity, "immediately_after", "Pressure applied.")
    content = three_muscle_content(adverse_events=(event,), **overrides)
    record = ctx.sessions.create(patient.id, content).value
    if sign:
        record = ctx.sessions.sign(record.id, record.version_id).value
    return record
