"""Child process for the cold-start benchmark: log in, show the main window, load the list.

Prints one JSON line: milliseconds from interpreter start to a usable window, the time spent in
the deliberate password hashing (argon2id) at login, and the resident memory.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

STARTED = (
    time.perf_counter()
)  # as early as this module can be: interpreter start is measured outside
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    """Open the clinic named on the command line and report the timings."""
    from pathlib import Path

    from dnclinic.app_context import Credentials, open_clinic
    from dnclinic.ui.app import make_application
    from dnclinic.ui.main_window import MainWindow

    db, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
    app = make_application()
    before_login = time.perf_counter()
    ctx = open_clinic(Path(db), Credentials(user, password))
    login_ms = (time.perf_counter() - before_login) * 1000
    window = MainWindow(ctx)
    window.show()
    app.processEvents()
    assert window.patient_list.model.rowCount() > 0
    assert window.patient_list.model.index(0, 1).data()
    ready_ms = (time.perf_counter() - STARTED) * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ready_ms": ready_ms, "login_ms": login_ms, "rss_mb": rss_mb}))
    sys.stdout.flush()
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
