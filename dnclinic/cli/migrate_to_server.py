"""``dnclinic migrate-to-server --db FILE --to URL``: move a clinic file onto a clinic server.

Logs in as an admin of the clinic file, copies every table (ids kept, foreign-key order, one
transaction) into an empty PostgreSQL database, then checks the copy: row counts per table,
signed-note digests and the audit chain. Exit 0 when every check passed, 1 when one failed (the
copy is left for inspection; do not use it), 2 for invalid input, a refused login, a server that
cannot be reached or a database that is not empty (nothing copied).
"""

from __future__ import annotations

import sys
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
    """Add the ``migrate-to-server`` command."""
    parser = subparsers.add_parser(
        "migrate-to-server",
        help="copy a clinic file into an empty PostgreSQL clinic server database, and check it",
        description="Copy the clinic file (--db) into an empty PostgreSQL database (--to), "
        "then check row counts, signed-note digests and the audit chain. Administrators only. "
        "See docs/SERVER.md.",
    )
    add_db_option(parser, "the clinic file to copy (default: your user data folder)")
    parser.add_argument(
        "--to", required=True, metavar="URL", help="postgresql+psycopg://OWNER@HOST/DATABASE"
    )
    add_login_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Copy the clinic named by ``--db`` to ``--to``; return the exit code."""
    from dnclinic.cli.common import open_or_explain, target_path
    from dnclinic.demo import DEMO_ADMIN_LOGIN
    from dnclinic.services.errors import ServiceError

    if target_path(getattr(args, "db", None)) is None:
        print("error: --db must be a clinic file; it is already a server", file=sys.stderr)
        return EXIT_INVALID
    ctx = open_or_explain(args, demo_login=DEMO_ADMIN_LOGIN)
    if ctx is None:
        return EXIT_INVALID
    try:
        report = ctx.server_transfer.copy_to_server(args.to)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        ctx.close()
    for name, count in report.rows.items():
        print(f"  copied {count:>7}  {name}")
    for check in report.checks:
        print(check.line())
    if report.ok:
        print(f"The clinic is on the server: {report.target}")
        return EXIT_OK
    print("The copy FAILED a check: do not use it. Drop that database and try again.")
    return EXIT_CHECK_FAILED
