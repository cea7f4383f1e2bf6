"""``dnclinic --self-test``: prove that this installation can open a clinic and show it.

With ``--db`` (or a clinic at the default location) the real clinic is opened, read only. On a
fresh installation, where there is no clinic yet, a small throwaway demo clinic is created in a
temporary folder and checked instead, so that a packaged build can be tested before first use.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    """Run the self-test; return the exit code."""
    from dnclinic.app_context import clinic_exists
    from dnclinic.cli.common import credentials
    from dnclinic.ui.app import self_test

    if args.db is not None or clinic_exists(None):
        return self_test(args.db, credentials(args))
    from dnclinic.demo import DEMO_LOGIN, create_demo_clinic
    from dnclinic.services.context import system_clock

    with tempfile.TemporaryDirectory(prefix="dnclinic-self-test-") as tmp:
        db = Path(tmp) / "self-test.db"
        print("No clinic here yet: checking a throwaway demo clinic instead.", file=sys.stderr)
        ctx, _summary = create_demo_clinic(
            db, patients=50, seed=1, clock=system_clock, config_dir=Path(tmp)
        )
        ctx.close()
        return self_test(db, DEMO_LOGIN)
