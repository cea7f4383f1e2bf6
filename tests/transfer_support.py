"""Helpers for the CSV export/import tests: a rich demo clinic, its rows, and a tamperer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from factories import patient_details
from sqlalchemy import select

from dnclinic.clinical.training import TrainingRule
from dnclinic.model.entities import NeedlingSession
from dnclinic.model.transfer import csv_reader, csv_writer, tables_in_order
from dnclinic.services.backup_files import sha256_file
from dnclinic.services.csv_manifest import MANIFEST_NAME

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from dnclinic.app_context import AppContext
    from dnclinic.model.db import Database

Rows = dict[str, list[dict[str, Any]]]
DEMO_NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
# What a careless or hostile hand can put in a cell: formulas, quotes, newlines, NUL, bidi...
HOSTILE_NAME = '=HYPERLINK("http://evil.example","click")'
HOSTILE_NOTES = '-2+3\r\n@SUM(A1:A9)\n"quoted", comma; \'tick\x00 ‮evil‬ 🩺 Ørsted'


def all_rows(db: Database) -> Rows:
    """Every row of every table, in key order, as plain dicts."""
    with db.connect() as conn:
        return {
            t.name: [
                dict(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns)).mappings()
            ]
            for t in tables_in_order()
        }


def enrich(ctx: AppContext, physio: str, admin: str, password: str) -> None:
    """Fill the tables a demo clinic leaves empty and add hostile values (as those users)."""
    ctx.access.login(admin, password)
    ctx.training.save_rule(TrainingRule("FL", Decimal("50.0"), "confirmed", conditions="=1+1"))
    ctx.access.login(physio, password)
    ctx.patients.create(
        patient_details(given_name=HOSTILE_NAME, family_name="+Plus", notes=HOSTILE_NOTES,
                        address="", email="")
    )  # fmt: skip
    with ctx.db.read() as s:
        signed = s.scalars(
            select(NeedlingSession.id)
            .where(NeedlingSession.status == "signed")
            .where(NeedlingSession.practitioner_id == ctx.services.actor.practitioner_id)
        ).first()
        assert signed is not None
        patient = s.get(NeedlingSession, signed)
        assert patient is not None
        patient_id = patient.patient_id
    ctx.sessions.add_addendum(signed, "late entry", HOSTILE_NOTES)
    ctx.documents.archive(ctx.documents.render_note(signed), how="export")
    ctx.drafts.save(patient_id, "session", {"subjective": HOSTILE_NOTES, "n": [1.5, None]})
    ctx.presence.hold(patient_id)  # an editor lease (issue 11): exported like any other row


def tamper(folder: Path, file: str, change: Callable[[list[list[str]]], None]) -> None:
    """Edit one CSV file and, like a deliberate tamperer, fix its digest in the manifest."""
    path = folder / file
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv_reader(fh))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv_writer(fh).writerows(rows)
    edit_manifest(folder, lambda m: _set_digest(m, file, sha256_file(path)))


def _set_digest(manifest: dict[str, Any], file: str, digest: str) -> None:
    next(t for t in manifest["tables"] if t["file"] == file)["sha256"] = digest


def edit_manifest(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change ``manifest.json`` in place."""
    path = folder / MANIFEST_NAME
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")
