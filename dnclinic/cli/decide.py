"""``dnclinic decide CASE.json``: run the decision engine on a case file.

Prints the recommendation as JSON (exit 0), or with ``--explain`` the reasons as readable text
with their sources. An unreadable file, invalid JSON or an invalid case prints ``error: ...`` to
stderr and exits 2, without a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_OK = 0
EXIT_INVALID = 2


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("case", type=Path, help="path of the case JSON file")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print the reasons as readable text with their sources instead of JSON",
    )
    parser.set_defaults(handler=run)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``decide`` sub-command to the ``dnclinic`` command line."""
    parser = subparsers.add_parser(
        "decide",
        help="decide whether to dry needle a case (JSON)",
        description="Run the dry-needling decision rules on a case file.",
    )
    _configure(parser)


def run(args: argparse.Namespace) -> int:
    """Evaluate the case named by ``args.case``; return the exit code (0 ok, 2 invalid)."""
    # The rules load when a case is decided, not with the parser every command builds.
    from dnclinic.clinical.decision import Case, CaseError, evaluate
    from dnclinic.clinical.explain import explain

    path = Path(args.case)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return _fail(f"cannot read {path}: {exc.strerror or exc}")
    except UnicodeDecodeError:
        return _fail(f"{path} is not UTF-8 text")
    except json.JSONDecodeError as exc:
        return _fail(f"{path} is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
    try:
        case = Case.from_dict(data)
    except CaseError as exc:
        return _fail(f"invalid case in {path}: {exc}")
    recommendation = evaluate(case)
    if args.explain:
        sys.stdout.write(explain(recommendation))
    else:
        sys.stdout.write(json.dumps(recommendation.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return EXIT_INVALID


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``decide`` as a standalone command (for tests and scripts); return the exit code."""
    parser = argparse.ArgumentParser(
        prog="dnclinic decide", description="Run the dry-needling decision rules on a case file."
    )
    _configure(parser)
    args = parser.parse_args(argv)
    return run(args)
