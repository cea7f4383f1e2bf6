"""Logging to a rotating file in the user's log folder (and to stderr for the command line)."""

from __future__ import annotations

import logging
import logging.handlers
from typing import TYPE_CHECKING

from dnclinic import paths

if TYPE_CHECKING:
    from pathlib import Path

LOG_FILE = "dnclinic.log"


def configure_logging(*, verbose: bool = False, folder: Path | None = None) -> Path:
    """Send log records to ``dnclinic.log`` (rotated at 1 MB, 5 kept); return the file's path."""
    folder = folder if folder is not None else paths.user_log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    if not any(getattr(h, "_dnclinic", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._dnclinic = True  # type: ignore[attr-defined]  # marks our handler (idempotent)
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    return path
