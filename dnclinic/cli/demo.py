"""``dnclinic demo --db PATH [--patients N] [--seed S]``: build a synthetic clinic."""

from __future__ import annotations

import argparse
import sys
import time

from dnclinic.cli.common import open_or_explain


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` command."""
    parser = subparsers.add_parser(
        "demo",
        help="build a realistic synthetic clinic (record numbers DEMO-000001, ...)",
        description="Fill a new clinic database with synthetic practitioners and patients.",
    )
    parser.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="the new demo database file"
    )
    parser.add_argument("--patients", type=int, default=200, metavar="N", help="default 200")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Build the demo clinic into ``--db``."""
    from dnclinic.services.demo import DemoError, build_demo

    if args.db is None:
        print(
            "error: dnclinic demo needs --db PATH (a new file for the demo clinic)", file=sys.stderr
        )
        return 2
    if args.patients < 0:
        print("error: --patients must be 0 or more", file=sys.stderr)
        return 2
    ctx = open_or_explain(args.db)
    if ctx is None:
        return 2
    started = time.perf_counter()
    try:
        summary = build_demo(
            ctx.db,
            patients=args.patients,
            seed=args.seed,
            now=ctx.services.now(),
            progress=lambda msg: print(f"  {msg}...", file=sys.stderr),
        )
    except DemoError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        ctx.close()
    elapsed = time.perf_counter() - started
    print(
        f"Demo clinic written to {args.db}: {summary.patients} patients, "
        f"{summary.practitioners} practitioners, {summary.episodes} episodes, "
        f"{summary.screenings} screenings, {summary.exams} neuro exams, "
        f"{summary.sessions} needling sessions, {summary.outcome_scores} outcome scores "
        f"({elapsed:.1f} s)."
    )
    return 0
