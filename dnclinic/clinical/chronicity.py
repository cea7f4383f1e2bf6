"""Chronicity of a complaint from its onset date (DECISION_RULES section 1).

The caller passes ``today``; the engine never reads the clock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from datetime import date

ACUTE_BEFORE_DAYS: Final = 42
"""Under 6 weeks (fewer than 42 days) is acute."""
CHRONIC_AFTER_DAYS: Final = 84
"""Over 12 weeks (more than 84 days) is chronic."""


def chronicity(onset: date, today: date) -> str:
    """Classify a complaint as ``acute``, ``subacute`` or ``chronic`` from its age in days.

    Exact boundaries, with ``days = (today - onset).days``:

    - ``acute`` when ``days < 42`` (under 6 weeks);
    - ``subacute`` when ``42 <= days <= 84`` (6 to 12 weeks, both ends included);
    - ``chronic`` when ``days > 84`` (over 12 weeks).

    Args:
        onset: the date the complaint began.
        today: the reference date, passed by the caller.

    Returns:
        One of the codes of ``vocab.CHRONICITIES``.

    Raises:
        ValueError: when ``onset`` is after ``today``.
    """
    days = (today - onset).days
    if days < 0:
        raise ValueError(f"onset {onset.isoformat()} is after today ({today.isoformat()})")
    if days < ACUTE_BEFORE_DAYS:
        return "acute"
    if days <= CHRONIC_AFTER_DAYS:
        return "subacute"
    return "chronic"
