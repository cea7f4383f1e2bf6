"""Helpers shared by the command-line front end: opening a clinic with a login."""

from __future__ import annotations

import getpass
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dnclinic import paths
from dnclinic.app_context import AppContext, ClinicNotFoundError, Credentials, open_clinic
from dnclinic.cli import PASSWORD_ENV, USER_ENV
from dnclinic.demo import DEMO_LOGIN
from dnclinic.model.keyring import keyring_path, load_keyring
from dnclinic.model.migrate import SchemaError
from dnclinic.services.errors import ServiceError

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)


def target_path(target: str | Path | None) -> Path | None:
    """Return the database file named by ``--db`` (the default one when None); None for a URL."""
    if target is not None and "://" in str(target):
        return None
    return (
        Path(target).expanduser().resolve() if target is not None else paths.default_database_path()
    )


def _is_demo(keys_file: Path | None) -> bool:
    if keys_file is None:
        return False
    try:
        ring = load_keyring(keys_file)
    except (OSError, ValueError):
        return False
    return bool(ring and ring.demo)


def credentials(
    args: argparse.Namespace,
    *,
    demo_login: Credentials = DEMO_LOGIN,
    keys_file: Path | None = None,
) -> Credentials | None:
    """Work out who logs in, or None when nobody can be.

    ``--user`` or ``DNCLINIC_USER`` names the user; the password comes from ``DNCLINIC_PASSWORD``
    or a prompt. A demo clinic (``dnclinic demo``) falls back to one of its documented accounts,
    ``demo_login`` (physio unless the command needs the admin).

    Args:
        args: the parsed command line.
        demo_login: the demo account to fall back to.
        keys_file: the key file that tells whether it is a demo clinic (default: the one of
            ``--db``; a restore looks at the backup's).
    """
    user = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not user:
        if keys_file is None:
            db_file = target_path(getattr(args, "db", None))
            keys_file = keyring_path(db_file) if db_file is not None else None
        return demo_login if _is_demo(keys_file) else None
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            print(
                f"error: set {PASSWORD_ENV} or run in a terminal to type the password",
                file=sys.stderr,
            )
            return None
        password = getpass.getpass(f"Password for {user}: ")
    return Credentials(user, password)


def explain_missing_login() -> None:
    """Say on stderr how to log in from the command line."""
    print(
        f"error: this command needs a login: --user NAME (or {USER_ENV}) and the password "
        f"(prompt or {PASSWORD_ENV})",
        file=sys.stderr,
    )


def open_or_explain(
    args: argparse.Namespace, *, demo_login: Credentials = DEMO_LOGIN
) -> AppContext | None:
    """Log in and open the clinic named by ``--db``, or print why not and return None."""
    target = getattr(args, "db", None)
    login = credentials(args, demo_login=demo_login)
    if login is None:
        explain_missing_login()
        return None
    try:
        return open_clinic(target, login)
    except (SchemaError, ServiceError, ClinicNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except Exception as exc:  # a command line user must never see a traceback
        log.exception("Could not open the database %s", target)
        print(f"error: the database could not be opened: {exc}", file=sys.stderr)
    return None
