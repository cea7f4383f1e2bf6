"""A writing dnclinic process for the crash and concurrency harnesses (not a test module).

Usage: ``python writer_child.py DB USERNAME PREFIX START COUNT``

Logs in through the real composition root (``open_clinic``) and registers patients ``PREFIX-n``
for n = START, START+1, ... through ``PatientService.create`` (one unit of work each, with its
audit entry). After each ``create`` returns, i.e. after the commit, it prints ``ack n``. It
prints ``ready`` once logged in and ``done`` after COUNT patients (COUNT 0: until killed).
The password is read from ``DNCLINIC_PASSWORD``; ``DNCLINIC_FAST_KDF=1`` selects the cheap
argon2 costs the test clinic was created with.
"""

from __future__ import annotations

import itertools
import os
import sys
from datetime import date
from pathlib import Path


def main(argv: list[str]) -> int:
    from dnclinic.app_context import Credentials, open_clinic
    from dnclinic.clinical.demographics import PatientDetails
    from dnclinic.errors import DatabaseBusyError
    from dnclinic.model.keyring import KdfParams

    db, username, prefix, start, count = argv[0], argv[1], argv[2], int(argv[3]), int(argv[4])
    kdf = KdfParams.fast() if os.environ.get("DNCLINIC_FAST_KDF") == "1" else None
    password = os.environ["DNCLINIC_PASSWORD"]
    ctx = open_clinic(
        Path(db), Credentials(username, password), kdf=kdf, config_dir=Path(db).parent / "cfg"
    )
    print("ready", flush=True)
    numbers = itertools.count(start) if count == 0 else range(start, start + count)
    for n in numbers:
        details = PatientDetails(
            mrn=f"{prefix}-{n:06d}", given_name="Crash", family_name="Testcase",
            date_of_birth=date(1970, 1, 1), sex="female",
        )  # fmt: skip
        while True:
            try:
                ctx.patients.create(details)
                break
            except DatabaseBusyError:  # the clear error a user would see; they save again
                print(f"busy {n}", flush=True)
        print(f"ack {n}", flush=True)
    ctx.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
