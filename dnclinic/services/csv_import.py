"""Import a CSV export folder into a new, empty clinic (issue 11; docs/CSV.md).

In this order, so that a bad folder is refused before anything is written:

1. :func:`check_folder`: the manifest is read; this version's schema revision, tables and
   columns must be the folder's; every file must match its SHA-256; every cell is decoded and
   every file holds the number of rows listed; the audit log's hash chain must verify up to
   the entry the manifest names.
2. :func:`authorise_importer`: the person importing must be an active administrator *of the
   exported clinic* (their password checked against the exported argon2 hash).
3. :func:`load_clinic`, in one unit of work: the target must be empty; every row is inserted
   with its own id (foreign keys and the audit log as they were); one audit entry records the
   import, chained to the imported ones; the audit chain and the signed-note seals are checked
   again before the commit. Any failure rolls everything back.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from dnclinic.model.audit_chain import ChainAnchor, ChainRow, verify_chain
from dnclinic.model.db import sync_id_sequences
from dnclinic.model.entities import AuditEntry, User
from dnclinic.model.keyring import user_label
from dnclinic.model.transfer import TransferError, file_name, read_table, tables_in_order
from dnclinic.model.verify import audit_chain_verifier
from dnclinic.services.audit import AuditAction
from dnclinic.services.csv_manifest import CsvManifest, manifest_problems, read_manifest
from dnclinic.services.policy import Permission
from dnclinic.services.restore import check_login
from dnclinic.services.verification import extra_verifiers

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from sqlalchemy import Table
    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.audit import AuditService

_BATCH = 500


@dataclass(frozen=True, slots=True)
class ExportAccount:
    """A user account as exported (users.csv)."""

    username: str
    password_hash: str
    active: bool
    role: str
    practitioner_id: int | None


@dataclass(frozen=True, slots=True)
class CheckedExport:
    """An export folder that passed :func:`check_folder`, with its accounts."""

    folder: Path
    manifest: CsvManifest
    accounts: tuple[ExportAccount, ...]

    def account(self, username: str) -> ExportAccount | None:
        """Return the exported account with this username (case-insensitive), if any."""
        key = user_label(username)
        return next((a for a in self.accounts if user_label(a.username) == key), None)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What an import did."""

    manifest: CsvManifest
    recovery_key: str | None  # the new clinic's recovery key, to print (None: not encrypted)
    # Active accounts that cannot log in until an administrator resets their password: the
    # new database key is wrapped only with the importer's password (see docs/CSV.md).
    needs_password_reset: tuple[str, ...]


def _refused(folder: Path, why: str) -> TransferError:
    return TransferError(f"The folder {folder} cannot be imported: {why}. Nothing was written.")


def check_folder(folder: Path) -> CheckedExport:
    """Check an export folder completely without writing anything (step 1 above).

    Raises:
        TransferError: the folder is not a complete, unchanged export of this schema revision.
    """
    manifest = read_manifest(folder)
    problems = manifest_problems(folder, manifest)
    if problems:
        raise _refused(folder, "; ".join(problems))
    counts = {t.table: t.rows for t in manifest.tables}
    chain: list[ChainRow] = []
    accounts: list[ExportAccount] = []
    for table in tables_in_order():
        rows = 0
        for row in read_table(table, folder / file_name(table)):
            rows += 1
            if table is AuditEntry.__table__:
                chain.append(ChainRow(**row))
            elif table is User.__table__:
                accounts.append(
                    ExportAccount(
                        row["username"],
                        row["password_hash"],
                        row["active"],
                        row["role"],
                        row["practitioner_id"],
                    )
                )
        if rows != counts[table.name]:
            raise _refused(
                folder,
                f"{file_name(table)} holds {rows} rows, the manifest says {counts[table.name]}",
            )
    last = manifest.audit_last_id
    anchor = None if last is None else ChainAnchor(last, manifest.audit_last_hash or "")
    report = verify_chain(chain, anchor)
    if not report.ok or (anchor is None and chain):
        where = f" (entry {report.first_bad_id})" if report.first_bad_id is not None else ""
        raise _refused(folder, f"its audit log does not verify: {report.problem}{where}")
    return CheckedExport(folder, manifest, tuple(accounts))


def authorise_importer(export: CheckedExport, username: str, password: str) -> ExportAccount:
    """Check that ``username`` is an active administrator of the exported clinic (step 2).

    Raises:
        LoginFailed: no such account, wrong password, or a disabled account.
        PermissionDenied: the account may not export or import the clinic.
    """
    account = export.account(username)
    check_login(account, password, Permission.CLINIC_EXPORT)
    assert account is not None  # check_login refuses a missing account
    return account


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while batch := list(islice(it, _BATCH)):
        yield batch


def _first_table_with_rows(s: Session, tables: Iterable[Table]) -> str | None:
    return next((t.name for t in tables if s.execute(select(t).limit(1)).first()), None)


def load_clinic(db: Database, audit: AuditService, export: CheckedExport, importer: str) -> None:
    """Insert every row of a checked export into the empty database ``db`` (step 3).

    Raises:
        TransferError: the database is not empty, or the rows do not fit together (a foreign
            key, a unique value, a seal or the audit chain); nothing was written.
    """
    tables = tables_in_order()
    checks = [audit_chain_verifier(None), *extra_verifiers()]
    try:
        with db.write() as s:
            if (busy := _first_table_with_rows(s, tables)) is not None:
                raise TransferError(
                    f"The target clinic already holds records (in {busy}): dnclinic imports "
                    "only into a new, empty clinic. Nothing was written."
                )
            for table in tables:
                for batch in _batches(read_table(table, export.folder / file_name(table))):
                    s.execute(insert(table), batch)
            sync_id_sequences(s.connection(), tables)
            m = export.manifest
            audit.record(
                s,
                AuditAction.IMPORT,
                entity="clinic",
                username=importer,
                details={
                    "format": "csv",
                    "folder": str(export.folder),
                    "rows": m.rows,
                    "exported_at": m.exported_at.isoformat(),
                    "exported_by": m.exported_by,
                    "app_version": m.app_version,
                },
            )
            problems = [f"{c.name}: {p}" for c in checks for p in c.check(s)]
            if problems:
                raise _refused(export.folder, "; ".join(problems))
    except IntegrityError as exc:
        raise _refused(export.folder, f"its rows do not fit together ({exc.orig})") from exc
