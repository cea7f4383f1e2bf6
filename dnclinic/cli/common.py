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


def _is_demo(target: str | Path | None) -> bool:
    if target is not None and "://" in str(target):
        return False
    path = (
        Path(target).expanduser().resolve() if target is not None else paths.default_database_path()
    )
    try:
        ring = load_keyring(keyring_path(path))
    except (OSError, ValueError):
        return False
    return bool(ring and ring.demo)


def credentials(args: argparse.Namespace) -> Credentials | None:
    """Work out who logs in, or None when nobody can be.

    ``--user`` or ``DNCLINIC_USER`` names the user; the password comes from ``DNCLINIC_PASSWORD``
    or a prompt. A demo clinic (``dnclinic demo``) falls back to its documented physio account.
    """
    user = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not user:
        return DEMO_LOGIN if _is_demo(getattr(args, "db", None)) else None
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


def open_or_explain(args: argparse.Namespace) -> AppContext | None:
    """Log in and open the clinic named by ``--db``, or print why not and return None."""
    target = getattr(args, "db", None)
    login = credentials(args)
    if login is None:
        print(
            f"error: this command needs a login: --user NAME (or {USER_ENV}) and the password "
            f"(prompt or {PASSWORD_ENV})",
            file=sys.stderr,
        )
        return None
    try:
        return open_clinic(target, login)
    except (SchemaError, ServiceError, ClinicNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
    except Exception as exc:  # a command line user must never see a traceback
        log.exception("Could not open the database %s", target)
        print(f"error: the database could not be opened: {exc}", file=sys.stderr)
    return None
