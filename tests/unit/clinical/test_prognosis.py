"""Prognosis and follow-up (DECISION_RULES section 5)."""

from __future__ import annotations

import pytest

from dnclinic.clinical.prognosis import prognosis


@pytest.mark.parametrize(
    ("baseline", "followup", "drop", "responder"),
    [(6, 4, 2, True), (6, 5, 1, False), (6, 6, 0, False), (3, 5, -2, False), (10, 0, 10, True)],
)
def test_early_responder_needs_a_drop_of_more_than_one_point(
    baseline: int, followup: int, drop: int, responder: bool
) -> None:
    result = prognosis(baseline, followup)
    assert result.drop == drop
    assert result.early_responder is responder
    assert [n.rule for n in result.notes] == ["P1", "P2", "P3"]


def test_before_follow_up() -> None:
    result = prognosis(7)
    assert result.early_responder is None
    assert [n.rule for n in result.notes] == ["P1", "P3"]
    assert "GER17" in result.notes[0].sources
    assert "UNCONFIRMED" in result.notes[0].evidence
    assert "6.3" not in result.notes[0].text  # the disputed figure is never shown as settled


@pytest.mark.parametrize(("baseline", "followup"), [(11, None), (-1, None), (5, 11), (True, None)])
def test_invalid_scores(baseline: int, followup: int | None) -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        prognosis(baseline, followup)
