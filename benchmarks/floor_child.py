"""The floor for cold start: a bare PySide6 window plus importing SQLAlchemy, nothing else."""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    """Show an empty main window and report when it is up."""
    import sqlalchemy  # noqa: F401  (the floor includes the database toolkit's import)
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.show()
    app.processEvents()
    print(json.dumps({"ready_ms": (time.perf_counter() - STARTED) * 1000}))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
