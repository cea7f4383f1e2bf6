"""``dnclinic report training --out FILE.pdf|FILE.csv``: the practitioner training report.

The format follows the file name: ``.pdf`` writes the training report, ``.csv`` the dashboard
table (one row per active practitioner, the same columns as the manager's dashboard). Needs a
login with the clinic-reports permission (a clinic manager). Exit codes: 0 written, 2 invalid
input, a refused login or role, or a file that cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dnclinic.cli import add_login_options

FORMATS = (".pdf", ".csv")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``report`` command and its ``training`` report."""
    parser = subparsers.add_parser(
        "report", help="write a clinic report (training)", description="Write a clinic report."
    )
    reports = parser.add_subparsers(title="reports", metavar="REPORT")
    training = reports.add_parser(
        "training",
        help="practitioner training: hours, status, certificates, adverse events",
        description="Write the practitioner training report (PDF) or the dashboard table (CSV); "
        "the format follows the file name.",
    )
    training.add_argument(
        "--out", required=True, type=Path, metavar="FILE", help="FILE.pdf or FILE.csv"
    )
    training.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the clinic database"
    )
    add_login_options(training)
    training.set_defaults(handler=run_training)
    parser.set_defaults(handler=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("error: name a report, e.g. dnclinic report training --out report.pdf", file=sys.stderr)
    return 2


def run_training(args: argparse.Namespace) -> int:
    """Write the training report to ``--out`` as PDF or CSV."""
    from dnclinic.cli.common import open_or_explain
    from dnclinic.services.errors import ServiceError

    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        print(f"error: --out must end in .pdf or .csv (got {out.name})", file=sys.stderr)
        return 2
    ctx = open_or_explain(args)
    if ctx is None:
        return 2
    try:
        board = ctx.training_dashboard
        if suffix == ".pdf":
            out.write_bytes(board.report_pdf())
        else:
            out.write_text(board.export_csv(board.rows()), encoding="utf-8", newline="")
    except ServiceError as exc:
        print(f"error: {exc} Log in as a clinic manager (--user NAME).", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    finally:
        ctx.close()
    print(f"Training report written to {out}.")
    return 0
