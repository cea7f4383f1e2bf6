"""Entry point: ``dnclinic`` (the GUI) and its sub-commands, e.g. ``dnclinic demo``.

Heavy modules (Qt, ReportLab, SQLAlchemy) are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from dnclinic import __version__
from dnclinic.cli import (
    add_login_options,
    backup,
    decide,
    demo,
    export,
    importing,
    migrate_to_server,
    report,
    restore,
    server_setup,
    verify,
)

if TYPE_CHECKING:
    from collections.abc import Sequence


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``dnclinic`` command."""
    parser = argparse.ArgumentParser(
        prog="dnclinic",
        description="Charting for physiotherapy clinics that practise dry needling.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the clinic database: a file path (default: your user data folder) or a server URL",
    )
    parser.add_argument("--version", action="version", version=f"dnclinic {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the database offscreen, build the main window, load the patient list, exit",
    )
    add_login_options(parser)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in (
        demo,
        decide,
        export,
        importing,
        report,
        backup,
        restore,
        verify,
        server_setup,
        migrate_to_server,
    ):
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    from dnclinic.logs import configure_logging

    args = build_parser().parse_args(argv)
    handler = getattr(args, "handler", None)
    configure_logging()
    if handler is not None:
        return int(handler(args))
    if args.self_test:
        from dnclinic.cli import selftest

        return selftest.run(args)
    from dnclinic.startup import pause_collection

    pause_collection()  # until the main window is up (run_gui resumes it)
    from dnclinic.ui.app import run_gui

    return run_gui(args.db)


if __name__ == "__main__":
    sys.exit(main())
