"""The pure training rules: chains of corrections, the threshold rule, reporting deadlines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dnclinic.clinical.training import (
    CourseDetails,
    HourTotals,
    LedgerLine,
    TrainingRule,
    evaluate,
    hour_totals,
    report_deadline,
    validate_course,
)

D = Decimal


def line(
    id_: int, hours: str, corrects: int | None = None, *, withdrawn: bool = False
) -> LedgerLine:
    h = D(hours)
    return LedgerLine(id_, corrects, h, D(0), h, D(0), 0, withdrawn)


def test_only_the_latest_entry_of_each_chain_counts() -> None:
    lines = [
        line(1, "28"),
        line(2, "30", 1),
        line(3, "32", 2),
        line(4, "10"),
        line(5, "10", 4, withdrawn=True),
    ]
    totals = hour_totals(lines)
    assert (totals.total, totals.courses) == (D(32), 1)


@pytest.mark.parametrize(
    ("total", "threshold", "minimum", "eligible"),
    [
        ("60", "60", None, False),
        ("60.1", "60", None, True),
        ("70", "60", "80", False),
        ("80", "60", "80", True),
        ("30", "20", "24", True),
        ("0", "0", None, False),
    ],
)
def test_more_than_the_threshold_and_at_least_the_minimum(
    total: str, threshold: str, minimum: str | None, eligible: bool
) -> None:
    rule = TrainingRule("XX", D(minimum) if minimum else None, "confirmed" if minimum else "none")
    result = evaluate(HourTotals(in_person=D(total)), D(threshold), rule)
    assert result.eligible is eligible
    assert len(result.reasons) == (2 if minimum else 1)


def test_unconfirmed_minimum_is_said_so() -> None:
    rule = TrainingRule("UT", None, "unconfirmed", supervised_sessions=250)
    result = evaluate(HourTotals(in_person=D(100), supervised_sessions=40), D(60), rule)
    assert result.eligible
    assert result.minimum_evidence == "UNCONFIRMED"
    assert result.status == "eligible (conditions open)"
    assert any("UNCONFIRMED" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("reported", "today", "needs", "overdue"),
    [
        (None, date(2026, 1, 16), True, False),  # the 15th day after is still in time
        (None, date(2026, 1, 17), True, True),
        (date(2026, 1, 20), date(2026, 2, 1), False, False),
    ],
)
def test_reporting_deadline(reported: date | None, today: date, needs: bool, overdue: bool) -> None:
    d = report_deadline(date(2026, 1, 1), 15, reported, today=today)
    assert d.due_on == date(2026, 1, 16)
    assert (d.needs_report, d.overdue) == (needs, overdue)
    assert not report_deadline(date(2026, 1, 1), None, None, today=today).needs_report


def test_course_validation_names_the_fields() -> None:
    bad = CourseDetails("", date(2026, 2, 1), date(2026, 1, 1), in_person_hours=D(-1))
    fields = {i.field for i in validate_course(bad, today=date(2026, 3, 1))}
    assert fields == {"course_title", "ended_on", "in_person_hours"}
