"""The command line: a second front end over the same services as the GUI.

Each sub-command lives in its own module that exposes ``register(subparsers)``; the module adds
its parser and sets ``handler`` (a callable taking the parsed namespace and returning an exit
code) with ``parser.set_defaults(handler=...)``.
"""

from __future__ import annotations

import argparse

USER_ENV = "DNCLINIC_USER"
PASSWORD_ENV = "DNCLINIC_PASSWORD"


def add_login_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--user`` to a command that touches patient data."""
    parser.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help=f"log in as NAME (or set {USER_ENV}); the password is asked for, or read from "
        f"{PASSWORD_ENV}",
    )


def add_db_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Add ``--db`` to a sub-command (it may also be given before the command name)."""
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=help_text)


EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_INVALID = 2
