"""Fixtures of the durability harnesses: a small encrypted clinic for writer processes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from crash_harness import Clinic

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


@pytest.fixture
def clinic(app_context: AppContext) -> Clinic:
    """The ``app_context`` clinic, closed so that only the writer processes use it."""
    path = app_context.db.sqlite_path
    assert path is not None
    key = app_context.db.key
    app_context.close()
    return Clinic(path, key)
