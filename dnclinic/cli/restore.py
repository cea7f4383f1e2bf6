"""``dnclinic restore BACKUP --db PATH``: put a backup set back, after checking it.

The manifest's SHA-256 digests are checked first: a damaged backup is refused (exit 1) before
anything is written. The login is checked against the *backup* (its key file and its accounts):
only an active administrator of the backed-up clinic may restore it; on a demo backup the demo
admin is used. An existing database at PATH is only replaced with ``--replace`` and is then
kept beside it. The restored clinic is opened, the restore audited, and every check printed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dnclinic.cli import (
    EXIT_CHECK_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    add_db_option,
    add_login_options,
)

if TYPE_CHECKING:
    import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``restore`` command."""
    parser = subparsers.add_parser(
        "restore",
        help="restore a backup to a database file (refuses a damaged backup)",
        description="Check a backup against its SHA-256 manifest, then restore it to PATH and "
        "verify the result. Log in as an administrator of the backed-up clinic.",
    )
    parser.add_argument("backup", type=Path, metavar="BACKUP", help="the backup folder")
    add_db_option(parser, "where to restore the database file (required)")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace an existing database at PATH (it is kept beside it, renamed)",
    )
    add_login_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Restore ``args.backup`` to ``--db``; return the exit code."""
    from dnclinic.app_context import Credentials, open_clinic
    from dnclinic.cli.common import credentials, explain_missing_login
    from dnclinic.demo import DEMO_ADMIN_LOGIN
    from dnclinic.model.keyring import keyring_path
    from dnclinic.model.migrate import SchemaError
    from dnclinic.services.audit import AuditAction
    from dnclinic.services.context import system_clock
    from dnclinic.services.errors import BackupDamagedError, ServiceError
    from dnclinic.services.policy import Permission
    from dnclinic.services.restore import check_backup, restore_files, unlock_file
    from dnclinic.services.verification import extra_verifiers

    target = getattr(args, "db", None)
    if target is None or "://" in str(target):
        print("error: dnclinic restore needs --db PATH, the database file to restore to",
              file=sys.stderr)  # fmt: skip
        return EXIT_INVALID
    target_file = Path(target).expanduser().resolve()
    try:
        folder, manifest = check_backup(Path(args.backup).expanduser())
    except BackupDamagedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    print(f"Backup {folder.name}: every file matches its SHA-256 digest.")
    db_in_backup = folder / manifest.database
    login = credentials(args, demo_login=DEMO_ADMIN_LOGIN, keys_file=keyring_path(db_in_backup))
    if login is None:
        explain_missing_login()
        return EXIT_INVALID
    try:
        key = unlock_file(
            db_in_backup, login.username, login.password, permission=Permission.BACKUP
        )
        outcome = restore_files(
            folder, manifest, target_file, key, replace=args.replace, now=system_clock(),
            extra_verifiers=extra_verifiers(),
        )  # fmt: skip
    except BackupDamagedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"Restored to {outcome.target}.")
    if outcome.set_aside is not None:
        print(f"The database that was there is kept as {outcome.set_aside}.")
    try:
        ctx = open_clinic(target_file, Credentials(login.username, login.password))
    except (SchemaError, ServiceError) as exc:
        print(f"error: the restored database does not open: {exc}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    try:
        ctx.audit.record_now(
            AuditAction.BACKUP, entity="database",
            details={"action": "restore", "from": folder.name, "created_at":
                     manifest.created_at.isoformat(), "result": "restored"},
        )  # fmt: skip
        results = ctx.backups.verify()
    finally:
        ctx.close()
    for check in results:
        print(f"  {check.line()}")
    return EXIT_OK if all(c.ok for c in results) else EXIT_CHECK_FAILED
