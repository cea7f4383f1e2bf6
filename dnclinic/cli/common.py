"""Helpers shared by the command-line front end."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from dnclinic.app_context import AppContext, open_clinic
from dnclinic.model.migrate import SchemaError

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)


def open_or_explain(target: str | Path | None) -> AppContext | None:
    """Open the clinic database, or print why it cannot be opened and return None."""
    try:
        return open_clinic(target)
    except SchemaError as exc:
        print(f"error: {exc}", file=sys.stderr)
    except Exception as exc:  # a command line user must never see a traceback
        log.exception("Could not open the database %s", target)
        print(f"error: the database could not be opened: {exc}", file=sys.stderr)
    return None
