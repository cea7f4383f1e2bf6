"""``dnclinic demo --db PATH [--patients N] [--seed S]``: build a synthetic clinic."""

from __future__ import annotations

import argparse
import sys
import time

from dnclinic.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` command."""
    parser = subparsers.add_parser(
        "demo",
        help="build a realistic synthetic clinic (record numbers DEMO-000001, ...)",
        description="Create a new, encrypted demo clinic with synthetic practitioners and "
        f"patients, and the demo accounts {', '.join(a[0] for a in DEMO_ACCOUNTS)} "
        f"(password {DEMO_PASSWORD}).",
    )
    parser.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the new demo database file"
    )
    parser.add_argument("--patients", type=int, default=200, metavar="N", help="default 200")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Build the demo clinic into ``--db``."""
    from dnclinic.demo import create_demo_clinic
    from dnclinic.services.context import system_clock

    if getattr(args, "db", None) is None:
        print(
            "error: dnclinic demo needs --db PATH (a new file for the demo clinic)", file=sys.stderr
        )
        return 2
    if args.patients < 0:
        print("error: --patients must be 0 or more", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        ctx, summary = create_demo_clinic(
            args.db,
            patients=args.patients,
            seed=args.seed,
            clock=system_clock,
            progress=lambda msg: print(f"  {msg}...", file=sys.stderr),
        )
    except FileExistsError:
        print(
            f"error: {args.db} already holds a clinic; choose a new file for the demo",
            file=sys.stderr,
        )
        return 2
    ctx.close()
    elapsed = time.perf_counter() - started
    print(
        f"Demo clinic written to {args.db}: {summary.patients} patients, "
        f"{summary.practitioners} practitioners, {summary.episodes} episodes, "
        f"{summary.screenings} screenings, {summary.exams} neuro exams, "
        f"{summary.sessions} needling sessions, {summary.outcome_scores} outcome scores "
        f"({elapsed:.1f} s). The file is encrypted."
    )
    if summary.patients:
        print("DEMO-000001 shows corrections: an addendum to a signed note, the note in the "
              "document archive, and a pain score marked entered in error.")  # fmt: skip
    print(f"Demo accounts (password {DEMO_PASSWORD}):")
    for username, name, role in DEMO_ACCOUNTS:
        print(f"  {username:<8} {role:<13} {name}")
    return 0
