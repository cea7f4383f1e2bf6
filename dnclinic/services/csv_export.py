"""Export the whole clinic as CSV files, one per table, with a manifest (issue 11; docs/CSV.md).

Administrators only (``Permission.CLINIC_EXPORT``): the folder holds every record of every
patient, unencrypted, and the users' password hashes. Every table is read from one snapshot,
written into a new (or empty) folder, the manifest written last, and the export audited.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic import __version__
from dnclinic.model.entities import AuditEntry
from dnclinic.model.migrate import HEAD_REVISION
from dnclinic.model.transfer import (
    TransferError,
    column_specs,
    file_name,
    tables_in_order,
    write_table,
)
from dnclinic.services.audit import AuditAction
from dnclinic.services.backup_files import sha256_file
from dnclinic.services.csv_manifest import CsvManifest, TableFile, write_manifest
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Connection

    from dnclinic.model.db import Database
    from dnclinic.services.audit import AuditService
    from dnclinic.services.context import ServiceContext
    from dnclinic.services.keys import KeyStore


@dataclass(frozen=True, slots=True)
class CsvExport:
    """A finished export: where it is and its manifest."""

    folder: Path
    manifest: CsvManifest


class CsvExportService:
    """Writes every table of the open clinic to a folder of CSV files."""

    def __init__(
        self, db: Database, ctx: ServiceContext, audit: AuditService, keys: KeyStore | None
    ) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit
        self._keys = keys

    def export(self, folder: Path) -> CsvExport:
        """Write the clinic to ``folder`` (new or empty), then audit the export.

        Raises:
            PermissionDenied: only administrators export the whole clinic.
            TransferError: the folder is not empty or cannot be written (nothing is left in it).
        """
        self._ctx.require(Permission.CLINIC_EXPORT)
        created = _prepare(folder)
        try:
            with self._db.snapshot() as conn:
                manifest = self._write(conn, folder)
            write_manifest(folder, manifest)
        except OSError as exc:
            _clean(folder, created)
            raise TransferError(f"Could not write the export to {folder}: {exc}") from exc
        except BaseException:
            _clean(folder, created)
            raise
        self._audit.record_now(
            AuditAction.PRINT_EXPORT,
            entity="clinic",
            details={
                "format": "csv",
                "folder": str(folder),
                "tables": len(manifest.tables),
                "rows": manifest.rows,
            },
        )
        return CsvExport(folder, manifest)

    def _write(self, conn: Connection, folder: Path) -> CsvManifest:
        files = []
        for table in tables_in_order():
            path = folder / file_name(table)
            rows = write_table(conn, table, path)
            files.append(
                TableFile(table.name, path.name, rows, sha256_file(path), column_specs(table))
            )
        last = conn.execute(
            select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).first()
        ring = self._keys.keyring() if self._keys is not None else None
        return CsvManifest(
            app_version=__version__,
            schema_revision=HEAD_REVISION,
            exported_at=self._ctx.now(),
            exported_by=self._ctx.actor.username,
            demo=bool(ring and ring.demo),
            audit_last_id=None if last is None else last.id,
            audit_last_hash=None if last is None else last.hash,
            tables=tuple(files),
        )


def _prepare(folder: Path) -> bool:
    """Create ``folder`` (private to this user), or accept an empty one; True when created."""
    if folder.exists():
        if not folder.is_dir() or any(folder.iterdir()):
            raise TransferError(
                f"{folder} is not an empty folder. Export into a new folder, so that the "
                "export is never mixed with other files."
            )
        return False
    try:
        folder.mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise TransferError(f"Could not create {folder}: {exc.strerror or exc}") from exc
    return True


def _clean(folder: Path, created: bool) -> None:
    """Remove a failed export, so that no partial copy of the records is left behind."""
    if created:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for path in folder.iterdir():
        path.unlink(missing_ok=True)
