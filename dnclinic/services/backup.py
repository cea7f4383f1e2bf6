"""Backups, verification and restore for the open clinic.

- On demand (admins, ``Permission.BACKUP``), on a schedule and on exit (run by the system on
  behalf of whoever is logged in, whatever their role): an online backup-API snapshot into a
  chosen folder, verified, described by a SHA-256 manifest, keeping the newest N sets.
- :meth:`BackupService.verify`: every named check on the live database (``dnclinic verify``).
- :meth:`BackupService.restore`: put a backup in place of the open database (admins); the
  front end must then close the clinic and log in again.

Every backup, restore and failure is written to the audit log with ``AuditAction.BACKUP``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from dnclinic import __version__
from dnclinic.model.audit_chain import ChainAnchor, anchor_path, save_anchor
from dnclinic.model.db import make_read_only_engine
from dnclinic.model.entities import AuditEntry
from dnclinic.model.migrate import backup_sqlite, current_revision
from dnclinic.model.verify import CheckResult, run_checks, verify_file
from dnclinic.services.audit import AuditAction
from dnclinic.services.backup_files import (
    PARTIAL_SUFFIX,
    Manifest,
    companions,
    digest_files,
    fsync_path,
    last_backup_at,
    list_sets,
    prune_sets,
    set_name,
    write_manifest,
)
from dnclinic.services.errors import BackupError
from dnclinic.services.policy import Permission
from dnclinic.services.restore import RestoreOutcome, check_backup, restore_files
from dnclinic.services.verification import clinic_verifiers

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from dnclinic.model.db import Database
    from dnclinic.model.verify import Verifier
    from dnclinic.services.audit import AuditService
    from dnclinic.services.context import ServiceContext

DEFAULT_KEEP = 14
DEFAULT_INTERVAL_HOURS = 24


@dataclass(frozen=True, slots=True)
class BackupResult:
    """A finished backup set and what pruning removed."""

    folder: Path
    manifest: Manifest
    pruned: tuple[Path, ...]

    @property
    def verified(self) -> bool:
        """Whether every check passed on the copy."""
        return self.manifest.verified


class BackupService:
    """Backs up, verifies and restores the open clinic's database."""

    def __init__(
        self,
        db: Database,
        ctx: ServiceContext,
        audit: AuditService,
        extra_verifiers: Sequence[Verifier] = (),
    ) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit
        self._extra = tuple(extra_verifiers)

    # --- verification --------------------------------------------------------------------------
    def verify(self) -> list[CheckResult]:
        """Run every check on the live database, each reported by name (no permission needed).

        Integrity and foreign keys (SQLite), the audit chain against its anchor, then the extra
        checks given at construction (signed-note digests).
        """
        verifiers = clinic_verifiers(self._db, self._audit.anchor(), self._extra)
        return run_checks(self._db.read, verifiers)

    # --- backups -------------------------------------------------------------------------------
    def back_up(self, folder: Path, *, keep: int = DEFAULT_KEEP) -> BackupResult:
        """Make a verified backup now (admins).

        Raises:
            PermissionDenied: the user may not run backups.
            BackupError: a server database, or the folder cannot be written.
        """
        self._ctx.require(Permission.BACKUP)
        return self._run(folder, keep, "on demand", self._ctx.actor.username)

    def back_up_scheduled(self, folder: Path, *, keep: int, reason: str) -> BackupResult:
        """Make a scheduled backup (``daily``, ``on exit``) as the system, for any user.

        Audited as ``system:<user>``.
        """
        return self._run(folder, keep, reason, f"system:{self._ctx.actor.username}")

    def last_backup_at(self, folder: Path) -> datetime | None:
        """Return when the newest backup of this database in ``folder`` was made (no check)."""
        db_file = self._db.sqlite_path
        return last_backup_at(folder, db_file) if db_file else None

    def backups(self, folder: Path) -> list[tuple[Path, Manifest]]:
        """Return this database's backup sets in ``folder``, newest first (admins)."""
        self._ctx.require(Permission.BACKUP)
        db_file = self._db.sqlite_path
        return list_sets(folder, db_file.name) if db_file else []

    def _run(self, folder: Path, keep: int, reason: str, who: str) -> BackupResult:
        db_file = self._db.sqlite_path
        if db_file is None:
            raise BackupError(
                "This clinic's data is on a clinic server (PostgreSQL), which dnclinic does not "
                "back up itself: the server's administrator backs it up there with pg_dump "
                "(see docs/SERVER.md). Backups from this app are for clinic database files."
            )
        try:
            result = self._write_set(db_file, Path(folder), keep, reason, who)
        except OSError as exc:
            self._audit.record_now(
                AuditAction.BACKUP, entity="database", username=who,
                details={"reason": reason, "result": "failed", "error": str(exc)},
            )  # fmt: skip
            raise BackupError(
                f"The backup could not be written to {folder}: {exc.strerror or exc}. Choose "
                "another folder or free some space."
            ) from exc
        self._audit.record_now(
            AuditAction.BACKUP, entity="database", username=who,
            details={"reason": reason, "set": result.folder.name,
                     "verified": result.verified, "pruned": len(result.pruned)},
        )  # fmt: skip
        return result

    def _write_set(
        self, db_file: Path, folder: Path, keep: int, reason: str, who: str
    ) -> BackupResult:
        created = self._ctx.now()
        final = _free_name(folder / set_name(db_file.name, created))
        partial = final.with_name(final.name + PARTIAL_SUFFIX)
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        try:
            anchor_before = self._audit.anchor()  # read first: the snapshot must still reach it
            copy = backup_sqlite(db_file, partial / db_file.name, self._db.key)
            for src, dst in zip(companions(db_file)[1:2], companions(copy)[1:2], strict=True):
                if src.exists():  # the key file; the anchor is written for the snapshot below
                    shutil.copyfile(src, dst)
            checks = tuple(verify_file(copy, self._db.key, anchor_before, self._extra))
            _anchor_snapshot(copy, self._db.key)
            names = sorted(p.name for p in partial.iterdir())
            for name in names:
                fsync_path(partial / name)
            manifest = Manifest(
                app_version=__version__,
                schema_revision=current_revision(self._db.engine) or "",
                created_at=created, database=db_file.name, encrypted=self._db.key is not None,
                reason=reason, created_by=who, files=digest_files(partial, names), checks=checks,
            )  # fmt: skip
            write_manifest(partial, manifest)
            partial.replace(final)
            fsync_path(folder)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        # A backup that failed its checks never causes good older ones to be deleted.
        pruned = prune_sets(folder, db_file.name, keep) if manifest.verified else []
        return BackupResult(final, manifest, tuple(pruned))

    # --- restore -------------------------------------------------------------------------------
    def restore(self, backup: Path) -> RestoreOutcome:
        """Put a backup of this clinic in place of the open database (admins).

        The backup's digests are checked before anything is written; the current files are
        renamed aside, not deleted. Afterwards the clinic must be closed and opened again.

        Raises:
            PermissionDenied: the user may not restore backups.
            BackupDamagedError: the backup does not match its manifest or fails its checks.
            BackupError: a server database, or a backup of another clinic (a different key).
        """
        self._ctx.require(Permission.BACKUP)
        db_file = self._db.sqlite_path
        if db_file is None:
            raise BackupError("A clinic server database is restored on the server.")
        folder, manifest = check_backup(Path(backup))
        if not _opens_with(folder / manifest.database, self._db.key):
            raise BackupError(
                "This backup belongs to another clinic (its key is different). Restore it to a "
                "new file from the command line: dnclinic restore BACKUP --db NEW-FILE."
            )
        self._audit.record_now(
            AuditAction.BACKUP, entity="database",
            details={"action": "restore", "from": folder.name, "result": "started"},
        )  # fmt: skip
        self._db.dispose()  # no pooled connection may keep the old file open
        outcome = restore_files(
            folder, manifest, db_file, self._db.key,
            replace=True, now=self._ctx.now(), extra_verifiers=self._extra,
        )  # fmt: skip
        self._audit.record_now(
            AuditAction.BACKUP, entity="database",
            details={"action": "restore", "from": folder.name, "result": "restored",
                     "set_aside": outcome.set_aside.name if outcome.set_aside else ""},
        )  # fmt: skip
        return outcome


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists() or candidate.with_name(candidate.name + PARTIAL_SUFFIX).exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def _read_only(path: Path, key: bytes | None) -> Engine:
    return make_read_only_engine(path, key=key)


def _opens_with(db_file: Path, key: bytes | None) -> bool:
    engine = _read_only(db_file, key)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        return True
    except Exception:  # noqa: BLE001 - any failure means: not this key
        return False
    finally:
        engine.dispose()


def _anchor_snapshot(copy: Path, key: bytes | None) -> None:
    """Write the audit anchor of a snapshot: the newest entry it holds."""
    engine = _read_only(copy, key)
    try:
        with engine.connect() as conn:
            last = conn.execute(
                select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
            ).first()
    finally:
        engine.dispose()
    if last is not None:
        save_anchor(anchor_path(copy), ChainAnchor(int(last.id), str(last.hash)))
