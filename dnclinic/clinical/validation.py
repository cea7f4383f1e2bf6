"""Validation results as data (HOUSE_STYLE G8): the UI maps issues onto fields, nothing raises.

Outcome-answer checks live in ``dnclinic.clinical.outcomes.validate_answers``; patient checks are
added below by the foundation.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable


class Severity(StrEnum):
    """How much an issue matters: an ``error`` blocks saving, a ``warning`` does not."""

    ERROR = "error"
    WARNING = "warning"


class Issue(NamedTuple):
    """One validation problem: the field it concerns, a readable message, its severity."""

    field: str
    message: str
    severity: Severity = Severity.ERROR


def has_errors(issues: Iterable[Issue]) -> bool:
    """Return True when any issue is an error (blocks saving)."""
    return any(issue.severity is Severity.ERROR for issue in issues)
