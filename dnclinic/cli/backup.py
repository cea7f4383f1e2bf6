"""``dnclinic backup --to DIR``: a verified, encrypted backup set of the clinic database.

Prints where the set was written and each check run on the copy. Exit 0 when the backup was
written and verified, 1 when a check failed on the copy (it is kept, marked unverified), 2 for
invalid input, a refused login or a database that cannot be opened.
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
    """Add the ``backup`` command."""
    parser = subparsers.add_parser(
        "backup",
        help="write a verified backup of the clinic database into a folder",
        description="Back up the clinic database with SQLite's online backup API into a new "
        "folder inside DIR (database, key file, audit anchor and a SHA-256 manifest), verify "
        "the copy, and keep only the newest backups. Administrators only.",
    )
    add_db_option(parser, "the clinic database (default: your user data folder)")
    parser.add_argument("--to", required=True, metavar="DIR", help="the folder for backups")
    parser.add_argument(
        "--keep",
        type=int,
        default=None,
        metavar="N",
        help="keep the newest N backups of this database in DIR (default: the settings, 14)",
    )
    add_login_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Back up the clinic named by ``--db`` into ``--to``; return the exit code."""
    from dnclinic.cli.common import open_or_explain
    from dnclinic.demo import DEMO_ADMIN_LOGIN
    from dnclinic.services.errors import ServiceError

    if args.keep is not None and args.keep < 1:
        print("error: --keep must be 1 or more", file=sys.stderr)
        return EXIT_INVALID
    ctx = open_or_explain(args, demo_login=DEMO_ADMIN_LOGIN)
    if ctx is None:
        return EXIT_INVALID
    try:
        keep = args.keep if args.keep is not None else ctx.settings.backup_keep
        result = ctx.backups.back_up(Path(args.to).expanduser(), keep=keep)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        ctx.close()
    state = "verified" if result.verified else "written, but it FAILED a check"
    print(f"Backup {state}: {result.folder}")
    for check in result.manifest.checks:
        print(f"  {check.line()}")
    for name in result.manifest.files:
        print(f"  sha256 {name.sha256}  {name.name}")
    if result.pruned:
        print(f"Removed {len(result.pruned)} older backup(s) to keep the newest {keep}.")
    return EXIT_OK if result.verified else EXIT_CHECK_FAILED
