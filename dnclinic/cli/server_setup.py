"""``dnclinic server-setup --db OWNER_URL --app-role ROLE``: prepare a PostgreSQL clinic server.

Run by the server's administrator with the schema owner's account (docs/SERVER.md): creates
the schema at this version's head (or upgrades it), then grants the app role, the account the
workstations log in with, what the app needs and no more (``audit_log``: SELECT and INSERT
only). Run it again after installing a dnclinic with a newer schema. Exit 0 when done, 2 for
invalid input or a server that cannot be reached or refuses.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from dnclinic.cli import EXIT_INVALID, EXIT_OK, add_db_option

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``server-setup`` command."""
    parser = subparsers.add_parser(
        "server-setup",
        help="create or upgrade a clinic server's schema and grant the workstations' role",
        description="As the schema owner of a PostgreSQL clinic database: create the schema "
        "(or upgrade it), then grant ROLE (the account the workstations use) what dnclinic "
        "needs; the audit log is SELECT and INSERT only. See docs/SERVER.md.",
    )
    add_db_option(
        parser, "the schema owner's URL: postgresql+psycopg://OWNER@HOST/DATABASE?sslmode=..."
    )
    parser.add_argument("--app-role", required=True, metavar="ROLE", help="the workstations' role")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Prepare the server database named by ``--db``; return the exit code."""
    from dnclinic.model.db import Database, app_role_grants, database_url
    from dnclinic.model.migrate import SchemaError, ensure_schema
    from dnclinic.services.errors import ServiceError

    target = getattr(args, "db", None)
    if not target or database_url(target).get_backend_name() != "postgresql":
        print(
            "error: --db must be a postgresql+psycopg:// URL (the schema owner's)", file=sys.stderr
        )
        return EXIT_INVALID
    try:
        db = Database.open(target)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    try:
        outcome = ensure_schema(db.engine)
        with db.engine.begin() as conn:
            app_role_grants(conn, args.app_role)
    except SchemaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # a command line user must never see a traceback
        log.exception("server-setup failed")
        print(f"error: the server refused: {exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        db.dispose()
    print(f"Schema {outcome.action.value} at revision {outcome.to_revision}.")
    print(f"Granted {args.app_role}: the clinic's tables; the audit log read and append only.")
    return EXIT_OK
