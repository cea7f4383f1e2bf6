"""``dnclinic verify``: check a clinic database, one line per check.

Checks (in order): the schema revision, integrity, foreign keys, the audit chain, then the
extra checks of :func:`dnclinic.services.verification.extra_verifiers` (signed-note digests).
Nothing is written: the login is checked against the key file and the accounts without
logging in. Exit 0 when every check passes, 1 when any fails, 2 for invalid input or a login
that is refused.
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
    from collections.abc import Sequence

    from dnclinic.model.verify import CheckResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``verify`` command."""
    parser = subparsers.add_parser(
        "verify",
        help="check the database: integrity, foreign keys, audit chain, signed-note digests",
        description="Run every check on a clinic database and print one line per check; "
        "exit non-zero when any fails. Changes nothing.",
    )
    add_db_option(parser, "the clinic database (default: your user data folder)")
    add_login_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Verify the clinic named by ``--db``; return the exit code."""
    from dnclinic.cli.common import credentials, explain_missing_login, open_or_explain, target_path
    from dnclinic.demo import DEMO_ADMIN_LOGIN
    from dnclinic.model.audit_chain import anchor_path, load_anchor
    from dnclinic.model.db import Database
    from dnclinic.model.migrate import current_revision, head_revision
    from dnclinic.model.verify import CheckResult, run_checks
    from dnclinic.services.errors import ServiceError, StorageError
    from dnclinic.services.restore import unlock_file
    from dnclinic.services.verification import clinic_verifiers, extra_verifiers

    db_file = target_path(getattr(args, "db", None))
    if db_file is None:  # a clinic server: log in as usual; the server keeps its own files safe
        ctx = open_or_explain(args, demo_login=DEMO_ADMIN_LOGIN)
        if ctx is None:
            return EXIT_INVALID
        try:
            return _report(ctx.backups.verify())
        finally:
            ctx.close()
    if not db_file.exists():
        print(f"error: there is no clinic database at {db_file}", file=sys.stderr)
        return EXIT_INVALID
    login = credentials(args, demo_login=DEMO_ADMIN_LOGIN)
    if login is None:
        explain_missing_login()
        return EXIT_INVALID
    try:
        key = unlock_file(db_file, login.username, login.password, permission=None)
    except StorageError as exc:  # too damaged to read even the accounts
        return _report([CheckResult("integrity", False, f"the database cannot be read: {exc}")])
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    db = Database.open(db_file, key=key)
    try:
        head = head_revision()
        revision = current_revision(db.engine)
        schema = CheckResult(
            "schema",
            revision is not None and revision <= head,
            f"revision {revision}" + (" (current)" if revision == head else f", this app: {head}"),
        )
        checks = clinic_verifiers(db, load_anchor(anchor_path(db_file)), extra_verifiers())
        return _report([schema, *run_checks(db.read, checks)])
    except StorageError as exc:
        return _report([CheckResult("integrity", False, f"the database cannot be read: {exc}")])
    finally:
        db.dispose()


def _report(checks: Sequence[CheckResult]) -> int:
    for check in checks:
        print(check.line())
    failed = [c.name for c in checks if not c.ok]
    if failed:
        print(f"{len(failed)} check(s) failed: {', '.join(failed)}", file=sys.stderr)
        return EXIT_CHECK_FAILED
    return EXIT_OK
