"""Entry point: ``dnclinic`` (the GUI) and its sub-commands, e.g. ``dnclinic demo``.

Heavy modules (Qt, ReportLab, SQLAlchemy) are imported only by the command that needs them.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from dnclinic import __version__
from dnclinic.cli import add_login_options

if TYPE_CHECKING:
    from collections.abc import Sequence


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """Return the argument parser of the ``dnclinic`` command.

    Without ``commands`` it knows only the desktop app's own options: starting the app needs
    no more, and each sub-command's module then stays unloaded (see :func:`parse_arguments`).
    Such a parser raises ``argparse.ArgumentError`` instead of exiting.
    """
    parser = argparse.ArgumentParser(
        prog="dnclinic",
        description="Charting for physiotherapy clinics that practise dry needling.",
        exit_on_error=commands,
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
    if not commands:
        return parser
    from dnclinic.cli import (
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


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """Parse the command line; the sub-commands' parsers are built only when one may be named.

    Most starts name none: the desktop app, perhaps with ``--db``. Those are parsed with the
    app's own options alone; anything else (a command, an unknown word, ``--help``) goes to the
    whole parser, which gives the same result and the same messages as always.
    """
    if not {"-h", "--help"} & set(argv):
        try:
            args, rest = build_parser(commands=False).parse_known_args(argv)
        except argparse.ArgumentError:
            rest = argv  # the whole parser says what is wrong
        if not rest:
            return args
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    from dnclinic.startup import pause_collection, resume_collection

    # Garbage collection pauses until the desktop app's main window is up (see
    # dnclinic.startup); a sub-command gets it back as soon as it is known.
    pause_collection()
    try:
        from dnclinic.logs import configure_logging

        args = parse_arguments(sys.argv[1:] if argv is None else list(argv))
        handler = getattr(args, "handler", None)
        configure_logging()
        if handler is not None or args.self_test:
            resume_collection(freeze=False)
        if handler is not None:
            return int(handler(args))
        if args.self_test:
            from dnclinic.cli import selftest

            return selftest.run(args)
        from dnclinic.ui.app import run_gui

        return run_gui(args.db)  # resumes it once the window is up
    finally:
        resume_collection(freeze=False)  # when the command line was refused, say


if __name__ == "__main__":
    sys.exit(main())
