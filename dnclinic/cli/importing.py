"""``dnclinic import csv DIR --db PATH``: a new clinic from a CSV export folder (docs/CSV.md).

The folder is checked completely first (manifest, SHA-256 digests, every cell, the audit
chain); a folder that fails is refused before anything is written. The login is checked
against the *exported* accounts: only an active administrator of the exported clinic may
import it (on a demo export, the demo admin). PATH must be new: an existing clinic is never
touched. Prints the new recovery key and the accounts whose passwords must be reset.
Exit 0 when imported and every check passes, 1 when a check fails afterwards, 2 otherwise.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dnclinic.cli import (
    EXIT_CHECK_FAILED,
    EXIT_INVALID,
    EXIT_OK,
    USER_ENV,
    add_db_option,
    add_login_options,
)

if TYPE_CHECKING:
    import argparse

    from dnclinic.app_context import Credentials
    from dnclinic.services.csv_import import CheckedExport, ImportOutcome

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``import`` command and its ``csv`` format."""
    parser = subparsers.add_parser(
        "import",
        help="create a new clinic from an export folder (CSV)",
        description="Create a new clinic database from an export folder.",
    )
    formats = parser.add_subparsers(title="formats", metavar="FORMAT", required=True)
    csv = formats.add_parser(
        "csv",
        help="a folder written by `dnclinic export csv`",
        description="Check a CSV export folder against its manifest, then create a new, "
        "encrypted clinic at PATH with every row of it. Log in as an administrator of the "
        "exported clinic.",
    )
    csv.add_argument("folder", type=Path, metavar="DIR", help="the export folder")
    add_db_option(csv, "the new clinic database file (required; must not exist)")
    add_login_options(csv)
    csv.set_defaults(handler=run)


def _login(args: argparse.Namespace, export: CheckedExport) -> Credentials | None:
    from dnclinic.cli.common import credentials
    from dnclinic.demo import DEMO_ADMIN_LOGIN

    named = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not named and export.manifest.demo:
        return DEMO_ADMIN_LOGIN
    return credentials(args, demo_login=DEMO_ADMIN_LOGIN)


def _report(target: str, outcome: ImportOutcome) -> None:
    manifest = outcome.manifest
    print(
        f"Imported {manifest.rows:,} rows of {len(manifest.tables)} tables into {target} "
        f"(exported by {manifest.exported_by} at {manifest.exported_at:%Y-%m-%d %H:%M} UTC)."
    )
    if outcome.recovery_key is not None:
        print(
            "The new clinic has a new database key. Its RECOVERY KEY (print it, keep it "
            f"locked away): {outcome.recovery_key}"
        )
    if outcome.needs_password_reset:
        print(
            "These accounts cannot log in until an administrator resets their password "
            f"(Users ▸ Reset password): {', '.join(outcome.needs_password_reset)}"
        )


def run(args: argparse.Namespace) -> int:
    """Import ``args.folder`` into a new clinic at ``--db``; return the exit code."""
    from dnclinic.app_context import import_clinic
    from dnclinic.cli.common import explain_missing_login
    from dnclinic.services.csv_import import check_folder
    from dnclinic.services.errors import ServiceError

    target = getattr(args, "db", None)
    if target is None:
        print(
            "error: dnclinic import csv needs --db PATH, the new clinic database", file=sys.stderr
        )
        return EXIT_INVALID
    try:
        export = check_folder(Path(args.folder).expanduser())
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"Export {export.folder}: every file matches its SHA-256 digest, every value reads "
        "back, and its audit log verifies."
    )
    login = _login(args, export)
    if login is None:
        explain_missing_login()
        return EXIT_INVALID
    try:
        ctx, outcome = import_clinic(target, export, login)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # a command line user must never see a traceback
        log.exception("Import of %s failed", export.folder)
        print(f"error: the import failed, nothing was kept: {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        results = ctx.backups.verify()
    finally:
        ctx.close()
    _report(str(target), outcome)
    for check in results:
        print(f"  {check.line()}")
    return EXIT_OK if all(c.ok for c in results) else EXIT_CHECK_FAILED
