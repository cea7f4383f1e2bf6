"""A workstation process for the concurrency tests (not a test module).

Usage: ``python workstation_child.py TARGET USERNAME [NOW]`` (TARGET: a clinic file or a server
URL; NOW: an ISO time to use as the clock, like the test's fixed clock).

Logs in through the real composition root and then obeys one command per line on stdin,
answering one line on stdout per command (the parent drives the interleaving, so nothing
waits on a timer):

- ``read ID``: open patient ID as an editor would; answers ``read VERSION``.
- ``write PHONE``: save the opened patient with a new phone; ``ok VERSION`` or ``conflict``.
- ``insert PREFIX COUNT``: register COUNT patients PREFIX-1..; ``inserted COUNT``.
- ``hold ID`` / ``release ID``: take or give up the editor lease on a chart; ``held``/``released``.
- ``others ID``: the banners this workstation would show for that chart, ``|``-separated
  (``none`` when there are none).
- ``quit``: log out; answers ``bye``.

The password is read from ``DNCLINIC_PASSWORD``; the test clinic uses the cheap argon2 costs.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dnclinic.services.patients import PatientRecord


def main(argv: list[str]) -> int:
    import os

    from dnclinic.app_context import Credentials, open_clinic
    from dnclinic.clinical.demographics import PatientDetails
    from dnclinic.model.keyring import KdfParams
    from dnclinic.services.errors import ConcurrentEditError

    target, username = argv[0], argv[1]
    fixed = datetime.fromisoformat(argv[2]) if len(argv) > 2 else None
    ctx = open_clinic(
        target, Credentials(username, os.environ["DNCLINIC_PASSWORD"]),
        kdf=KdfParams.fast(), config_dir=Path(tempfile.mkdtemp(prefix="ws-")),
        **({"clock": lambda: fixed} if fixed else {}),
    )  # fmt: skip
    opened: PatientRecord | None = None
    print("ready", flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "read":
            opened = ctx.patients.get(int(args[0]))
            print(f"read {opened.version_id}", flush=True)
        elif command == "write":
            assert opened is not None
            details = replace(opened.details, phone=" ".join(args))
            try:
                saved = ctx.patients.update(opened.id, opened.version_id, details).value
            except ConcurrentEditError:
                print("conflict", flush=True)
            else:
                print(f"ok {saved.version_id}", flush=True)
        elif command == "insert":
            prefix, count = args[0], int(args[1])
            for n in range(1, count + 1):
                ctx.patients.create(
                    PatientDetails(
                        mrn=f"{prefix}-{n:04d}", given_name="Con", family_name="Current",
                        date_of_birth=date(1970, 1, 1), sex="female",
                    )
                )  # fmt: skip
            print(f"inserted {count}", flush=True)
        elif command == "hold":
            ctx.presence.hold(int(args[0]))
            print("held", flush=True)
        elif command == "release":
            ctx.presence.release(int(args[0]))
            print("released", flush=True)
        elif command == "others":
            banners = [r.banner() for r in ctx.presence.others(int(args[0]))]
            print("|".join(banners) or "none", flush=True)
        elif command == "quit":
            break
    ctx.close()
    print("bye", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
