"""Practitioner training: ledger totals, the eligibility rule and regulator reporting deadlines.

Pure functions over plain values (no database, no clock: the caller passes ``today``).

- Eligibility (DECISION_RULES R6, criterion ``training_hours``): formal training must be
  **strictly more** than the clinic's threshold (seed 2: "more than 60 hours of formal
  training", itself UNCONFIRMED as a guideline criterion, CLINICAL_REFERENCE section 2) and **at
  least** the jurisdiction's minimum when one is set (CLINICAL_REFERENCE section 7.2).
- Extra conditions of a jurisdiction (hours in person, theory and hands-on minimums, supervised
  sessions) are reported one by one beside the hours; they are shown, not folded into the
  threshold rule, because the decision rules name hours only.
- Ledger entries are append-only: a correction is a new entry pointing at the one it corrects;
  only the latest entry of each chain counts, and a withdrawn latest entry counts for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from dnclinic.clinical.validation import Issue

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

ZERO = Decimal(0)
MAX_COURSE_HOURS = Decimal(1000)
HOURS_CONFIRMED = "confirmed"
HOURS_UNCONFIRMED = "unconfirmed"
HOURS_NONE = "none"


@dataclass(frozen=True, slots=True)
class CourseDetails:
    """One course as entered in the ledger (CLINICAL_REFERENCE 7.3). Hours in hours."""

    course_title: str
    started_on: date | None
    ended_on: date | None
    in_person_hours: Decimal = ZERO
    online_hours: Decimal = ZERO
    theory_hours: Decimal = ZERO
    hands_on_hours: Decimal = ZERO
    provider: str = ""
    approving_body: str = ""
    supervised_sessions: int = 0
    regions: tuple[str, ...] = ()

    @property
    def total_hours(self) -> Decimal:
        """Return the course's hours (in person plus online)."""
        return self.in_person_hours + self.online_hours


def validate_course(course: CourseDetails, *, today: date) -> list[Issue]:
    """Check a course field by field.

    The two splits of the hours (in person/online and theory/hands-on) must add up to the same
    total, so that totals by either kind agree with the overall total.
    """
    issues: list[Issue] = []
    if not course.course_title.strip():
        issues.append(Issue("course_title", "Enter the course title."))
    if course.started_on is None:
        issues.append(Issue("started_on", "Enter the first day (YYYY-MM-DD)."))
    if course.ended_on is None:
        issues.append(Issue("ended_on", "Enter the last day (YYYY-MM-DD)."))
    if course.started_on and course.ended_on:
        if course.ended_on < course.started_on:
            issues.append(Issue("ended_on", "The last day is before the first day."))
        elif course.ended_on > today:
            issues.append(Issue("ended_on", "Only completed courses count: this date is ahead."))
    for name in ("in_person_hours", "online_hours", "theory_hours", "hands_on_hours"):
        value: Decimal = getattr(course, name)
        if not ZERO <= value <= MAX_COURSE_HOURS:
            issues.append(Issue(name, "Enter between 0 and 1000 hours."))
    if course.total_hours <= ZERO:
        # A log of supervised sessions may come without hours (Florida 25, Utah 250).
        if course.supervised_sessions <= 0:
            issues.append(Issue("in_person_hours", "Enter the hours, or supervised sessions."))
    elif course.theory_hours + course.hands_on_hours != course.total_hours:
        issues.append(
            Issue(
                "hands_on_hours",
                f"Theory plus hands-on ({course.theory_hours + course.hands_on_hours} h) must "
                f"equal in person plus online ({course.total_hours} h).",
            )
        )
    if not 0 <= course.supervised_sessions <= 10_000:
        issues.append(Issue("supervised_sessions", "Enter between 0 and 10000 sessions."))
    return issues


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """The parts of a ledger entry that totals need."""

    id: int
    corrects_id: int | None
    in_person_hours: Decimal
    online_hours: Decimal
    theory_hours: Decimal
    hands_on_hours: Decimal
    supervised_sessions: int = 0
    withdrawn: bool = False


_Line = TypeVar("_Line", bound=LedgerLine)


def current_lines(lines: Iterable[_Line]) -> list[_Line]:
    """Return the latest entry of each correction chain, leaving out withdrawn ones."""
    items = list(lines)
    superseded = {line.corrects_id for line in items if line.corrects_id is not None}
    return [line for line in items if line.id not in superseded and not line.withdrawn]


@dataclass(frozen=True, slots=True)
class HourTotals:
    """A practitioner's training hours by kind (current entries only)."""

    in_person: Decimal = ZERO
    online: Decimal = ZERO
    theory: Decimal = ZERO
    hands_on: Decimal = ZERO
    supervised_sessions: int = 0
    courses: int = 0

    @property
    def total(self) -> Decimal:
        """Return all formal training hours (in person plus online)."""
        return self.in_person + self.online


def hour_totals(lines: Iterable[LedgerLine]) -> HourTotals:
    """Add up the current entries of a ledger (corrections replace, withdrawals remove)."""
    current = current_lines(lines)
    return HourTotals(
        in_person=sum((x.in_person_hours for x in current), ZERO),
        online=sum((x.online_hours for x in current), ZERO),
        theory=sum((x.theory_hours for x in current), ZERO),
        hands_on=sum((x.hands_on_hours for x in current), ZERO),
        supervised_sessions=sum(x.supervised_sessions for x in current),
        courses=len(current),
    )


@dataclass(frozen=True, slots=True)
class TrainingRule:
    """A jurisdiction's training rule (CLINICAL_REFERENCE 7.2); hours in hours."""

    code: str
    minimum_hours: Decimal | None = None
    hours_status: str = HOURS_NONE
    minimum_in_person_hours: Decimal | None = None
    minimum_theory_hours: Decimal | None = None
    minimum_hands_on_hours: Decimal | None = None
    supervised_sessions: int | None = None
    ae_report_days: int | None = None
    written_consent: bool = False
    conditions: str = ""
    source: str = ""

    @property
    def evidence(self) -> str:
        """Return how sure the minimum is: CONFIRMED, UNCONFIRMED or NONE ON FILE."""
        return {
            HOURS_CONFIRMED: "CONFIRMED",
            HOURS_UNCONFIRMED: "UNCONFIRMED",
        }.get(self.hours_status, "NONE ON FILE")

    def describe_minimum(self) -> str:
        """Return the minimum in words, with its evidence status when it is not confirmed."""
        if self.minimum_hours is None:
            if self.hours_status == HOURS_UNCONFIRMED:
                return "hours UNCONFIRMED"
            return "none on file"
        text = f"{self.minimum_hours} h"
        return text if self.hours_status == HOURS_CONFIRMED else f"{text} (UNCONFIRMED)"


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))


def rules_from_data(data: Mapping[str, Any]) -> dict[str, TrainingRule]:
    """Read the shipped presets (``resources/jurisdiction_training.json``) into rules by code."""
    rules: dict[str, TrainingRule] = {}
    for raw in data.get("rules", ()):
        rule = TrainingRule(
            code=str(raw["code"]),
            minimum_hours=_decimal(raw.get("minimum_hours")),
            hours_status=str(raw.get("hours_status", HOURS_NONE)),
            minimum_in_person_hours=_decimal(raw.get("minimum_in_person_hours")),
            minimum_theory_hours=_decimal(raw.get("minimum_theory_hours")),
            minimum_hands_on_hours=_decimal(raw.get("minimum_hands_on_hours")),
            supervised_sessions=raw.get("supervised_sessions"),
            ae_report_days=raw.get("ae_report_days"),
            written_consent=bool(raw.get("written_consent", False)),
            conditions=str(raw.get("conditions", "")),
            source=str(raw.get("source", "")),
        )
        rules[rule.code] = rule
    return rules


def validate_rule(rule: TrainingRule) -> list[Issue]:
    """Check a clinic's edit of a jurisdiction rule."""
    issues: list[Issue] = []
    for name in (
        "minimum_hours",
        "minimum_in_person_hours",
        "minimum_theory_hours",
        "minimum_hands_on_hours",
    ):
        value: Decimal | None = getattr(rule, name)
        if value is not None and not ZERO <= value <= MAX_COURSE_HOURS:
            issues.append(Issue(name, "Enter between 0 and 1000 hours, or leave it empty."))
    if rule.supervised_sessions is not None and not 0 <= rule.supervised_sessions <= 10_000:
        issues.append(Issue("supervised_sessions", "Enter between 0 and 10000 sessions."))
    if rule.ae_report_days is not None and not 1 <= rule.ae_report_days <= 365:
        issues.append(Issue("ae_report_days", "Enter between 1 and 365 days, or leave it empty."))
    if rule.hours_status not in (HOURS_CONFIRMED, HOURS_UNCONFIRMED, HOURS_NONE):
        issues.append(Issue("hours_status", "Choose confirmed, unconfirmed or none."))
    return issues


@dataclass(frozen=True, slots=True)
class ConditionCheck:
    """One extra condition of a jurisdiction, checked against the ledger."""

    code: str
    label: str
    required: Decimal
    actual: Decimal
    met: bool


@dataclass(frozen=True, slots=True)
class Eligibility:
    """A practitioner's status against the clinic's threshold and the jurisdiction's minimum."""

    total_hours: Decimal
    threshold_hours: Decimal
    jurisdiction: str
    jurisdiction_minimum_hours: Decimal | None
    minimum_evidence: str
    meets_threshold: bool
    meets_minimum: bool
    conditions: tuple[ConditionCheck, ...] = field(default=())
    reasons: tuple[str, ...] = field(default=())

    @property
    def eligible(self) -> bool:
        """Whether the hours criterion of the decision rules is met."""
        return self.meets_threshold and self.meets_minimum

    @property
    def conditions_met(self) -> bool:
        """Whether every extra condition of the jurisdiction is met."""
        return all(c.met for c in self.conditions)

    @property
    def status(self) -> str:
        """Return a short status for tables: eligible, or what is short."""
        if not self.meets_threshold and not self.meets_minimum:
            return "under threshold and minimum"
        if not self.meets_threshold:
            return "under threshold"
        if not self.meets_minimum:
            return "under jurisdiction minimum"
        return "eligible" if self.conditions_met else "eligible (conditions open)"


def evaluate(totals: HourTotals, threshold: Decimal, rule: TrainingRule) -> Eligibility:
    """Apply the hours criterion and list the jurisdiction's extra conditions.

    Args:
        totals: the practitioner's current training hours.
        threshold: the clinic's wizard threshold in hours (more than this is required).
        rule: the jurisdiction's rule (``minimum_hours`` None = no minimum on file).
    """
    total = totals.total
    meets_threshold = total > threshold
    minimum = rule.minimum_hours
    meets_minimum = minimum is None or total >= minimum
    reasons = [
        f"{total} h recorded; the clinic requires more than {threshold} h"
        + ("." if meets_threshold else f": more than {threshold - total} h still needed.")
    ]
    if minimum is not None:
        status = "" if rule.hours_status == HOURS_CONFIRMED else f" ({rule.evidence})"
        reasons.append(
            f"{rule.code} requires at least {minimum} h{status}"
            + ("." if meets_minimum else f": {minimum - total} h short.")
        )
    elif rule.hours_status == HOURS_UNCONFIRMED:
        reasons.append(f"{rule.code}: the minimum hours are UNCONFIRMED; none applied.")
    checks: list[ConditionCheck] = []
    for code, label, required, actual in (
        ("in_person", "hours in person", rule.minimum_in_person_hours, totals.in_person),
        ("theory", "theory hours", rule.minimum_theory_hours, totals.theory),
        ("hands_on", "hands-on hours", rule.minimum_hands_on_hours, totals.hands_on),
        (
            "supervised_sessions",
            "supervised sessions",
            None if rule.supervised_sessions is None else Decimal(rule.supervised_sessions),
            Decimal(totals.supervised_sessions),
        ),
    ):
        if required is None:
            continue
        met = actual >= required
        checks.append(ConditionCheck(code, label, required, actual, met))
        if not met:
            reasons.append(f"{rule.code} also requires {required} {label}; {actual} recorded.")
    return Eligibility(
        total_hours=total,
        threshold_hours=threshold,
        jurisdiction=rule.code,
        jurisdiction_minimum_hours=minimum,
        minimum_evidence=rule.evidence,
        meets_threshold=meets_threshold,
        meets_minimum=meets_minimum,
        conditions=tuple(checks),
        reasons=tuple(reasons),
    )


@dataclass(frozen=True, slots=True)
class ReportDeadline:
    """Whether an adverse event still needs a report to the regulator, and by when."""

    due_on: date | None
    reported_on: date | None
    needs_report: bool
    overdue: bool


def report_deadline(
    session_on: date, days: int | None, reported_on: date | None, *, today: date
) -> ReportDeadline:
    """Work out the regulator reporting deadline of an adverse event.

    Args:
        session_on: the date of the session in which the event happened.
        days: the jurisdiction's deadline in days (None = no reporting rule on file).
        reported_on: when it was reported, if it was.
        today: the clinic's date.
    """
    if days is None:
        return ReportDeadline(None, reported_on, needs_report=False, overdue=False)
    due = session_on + timedelta(days=days)
    needs = reported_on is None
    return ReportDeadline(due, reported_on, needs_report=needs, overdue=needs and today > due)
