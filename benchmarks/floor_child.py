"""The floor for cold start: a bare PySide6 window plus importing SQLAlchemy, nothing else."""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

STARTED = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def show() -> tuple[Any, Any]:
    """Import SQLAlchemy, show an empty main window; return (application, window)."""
    import sqlalchemy  # noqa: F401  (the floor includes the database toolkit's import)
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.show()
    app.processEvents()
    return app, window


def main() -> int:
    """Show the empty window and report when it is up."""
    _shown = show()
    print(json.dumps({"ready_ms": (time.perf_counter() - STARTED) * 1000}))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
