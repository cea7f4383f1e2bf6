"""Outcome instruments: scoring, bands and minimal clinically important change (MCID).

CLINICAL_REFERENCE section 5. ``score(instrument, answers)`` takes the answers as a sequence in
item order (``None`` for unanswered; for PSFS the activity ratings, for PPT the trials) and returns
a `ScoreResult`; it never raises for a patient's answers (problems make the result invalid, with the
reason). ``validate_answers`` returns the same problems as data for the UI (HOUSE_STYLE G8).
``change(instrument, before, after)`` tells whether a change reaches the MCID and improves.

Rounding is half-up: ODI, NDI, PSFS and BPI to one decimal, PPT to two. Bands are taken on the
rounded value, so the number shown and its band always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from dnclinic.clinical.instruments import ITEMS
from dnclinic.clinical.outcome_specs import SPECS, InstrumentSpec, band
from dnclinic.clinical.validation import Issue, Severity, has_errors

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "INSTRUMENTS",
    "Change",
    "ScoreResult",
    "band",
    "change",
    "score",
    "spec",
    "validate_answers",
]

INSTRUMENTS: Final = tuple(SPECS)
Answer = float | None


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """A scored instrument: value (None when invalid), band, validity and why it is invalid."""

    instrument: str
    value: float | None
    band: str | None
    valid: bool
    reason: str | None = None
    unit: str = ""
    answered: int = 0
    subscores: Mapping[str, float | None] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True)
class Change:
    """A change between two scores, judged against the instrument's MCID."""

    instrument: str
    before: float
    after: float
    difference: float
    improved: bool
    reaches_mcid: bool | None
    explanation: str
    sources: tuple[str, ...]


def spec(instrument: str) -> InstrumentSpec:
    """Return the definition of an instrument (range, unit, MCID, sources).

    Raises:
        ValueError: for an unknown instrument code, naming the allowed codes.
    """
    try:
        return SPECS[instrument]
    except KeyError:
        raise ValueError(
            f"unknown instrument {instrument!r}; allowed: {', '.join(INSTRUMENTS)}"
        ) from None


def _round(value: float, places: int) -> float:
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _is_number(value: object, *, integer: bool) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (not integer and isinstance(value, float) and value == value)


def _as_float(answer: object) -> float:
    assert isinstance(answer, int | float)  # only called on validated answers
    return float(answer)


def validate_answers(instrument: str, answers: Sequence[object]) -> list[Issue]:
    """Check answers against the instrument's structure; errors make the score invalid.

    Args:
        instrument: an instrument code of `INSTRUMENTS`.
        answers: the answers in item order, ``None`` for unanswered.

    Returns:
        Issues with ``field`` ``"<CODE>"`` (counts) or ``"<CODE>.<item key>"`` (one answer).
        Unanswered items within the allowed limit give a warning.

    Raises:
        ValueError: for an unknown instrument code (a programming error, not a user error).
    """
    s = spec(instrument)
    items = ITEMS[instrument]
    answers = list(answers)
    if not s.min_entries <= len(answers) <= len(items):
        count = (
            f"{len(items)}" if s.min_entries == len(items) else f"{s.min_entries} to {len(items)}"
        )
        return [Issue(instrument, f"expected {count} answers in item order; got {len(answers)}")]
    issues = [
        issue
        for item, answer in zip(items, answers, strict=False)
        if (issue := _answer_issue(s, f"{instrument}.{item.key}", answer)) is not None
    ]
    return issues + _count_issues(s, answers)


def _answer_issue(s: InstrumentSpec, where: str, answer: object) -> Issue | None:
    if answer is None:
        return None
    if _is_number(answer, integer=s.integer_answers):
        assert isinstance(answer, int | float)  # narrowed by _is_number
        low_ok = answer > s.answer_min if s.answer_min_exclusive else answer >= s.answer_min
        if low_ok and answer <= s.answer_max:
            return None
    kind = "a whole number" if s.integer_answers else "a number"
    low = f"above {s.answer_min:g}" if s.answer_min_exclusive else f"from {s.answer_min:g}"
    unit = f" {s.unit}" if s.unit and not s.integer_answers else ""
    return Issue(where, f"expected {kind} {low} to {s.answer_max:g}{unit}; got {answer!r}")


def _count_issues(s: InstrumentSpec, answers: list[object]) -> list[Issue]:
    code = s.code
    if code == "BPI":
        severity, interference = answers[:4], answers[4:]
        out = []
        if any(a is None for a in severity):
            out.append(Issue(code, "all 4 pain intensity items must be answered"))
        if sum(a is not None for a in interference) < 4:
            out.append(Issue(code, "at least 4 of the 7 interference items must be answered"))
        return out
    missing = sum(a is None for a in answers)
    answered = len(answers) - missing
    if s.max_missing is not None and missing > s.max_missing:
        return [Issue(code, f"{missing} items unanswered; at most {s.max_missing} allowed")]
    if answered < s.min_answered:
        need = "an answer is needed" if s.min_answered == 1 else f"at least {s.min_answered} needed"
        return [Issue(code, f"{need}; got {answered} answered")]
    if missing and s.max_missing:
        note = f"{missing} unanswered: score based on the {answered} answered"
        return [Issue(code, note, Severity.WARNING)]
    return []


def score(instrument: str, answers: Sequence[object]) -> ScoreResult:
    """Score an instrument (CLINICAL_REFERENCE section 5; sources in ``spec(code).sources``).

    NPRS 0-10; VAS 0-100 mm; ODI and NDI percent = sum / (5 x items answered) x 100 (at most 2
    unanswered); PSFS mean of 3-5 ratings; PPT mean of up to 3 trials (kg/cm²); BPI value is the
    interference mean (at least 4 of 7 answered), with the severity mean (all 4) in ``subscores``.

    Args:
        instrument: an instrument code of `INSTRUMENTS`.
        answers: the answers in item order, ``None`` for unanswered.

    Returns:
        The result; ``value`` and ``band`` are None and ``reason`` says why when it is invalid.

    Raises:
        ValueError: for an unknown instrument code only.
    """
    s = spec(instrument)
    issues = tuple(validate_answers(instrument, answers))
    if has_errors(issues):
        first = next(i for i in issues if i.severity is Severity.ERROR)
        answered = sum(a is not None for a in answers)
        return ScoreResult(
            instrument, None, None, False, first.message, s.unit, answered, issues=issues
        )
    numbers = [a if a is None else _as_float(a) for a in answers]
    given = [a for a in numbers if a is not None]
    subscores: dict[str, float | None] = {}
    if instrument in ("ODI", "NDI"):
        value = _round(sum(given) / (5 * len(given)) * 100, 1)
    elif instrument == "BPI":
        severity = [a for a in numbers[:4] if a is not None]
        interference = [a for a in numbers[4:] if a is not None]
        value = _round(sum(interference) / len(interference), 1)
        subscores = {"severity": _round(sum(severity) / 4, 1), "interference": value}
    elif instrument in ("PSFS", "PPT"):
        value = _round(sum(given) / len(given), s.places)
    else:
        value = given[0]
    value = int(value) if instrument == "NPRS" else value
    return ScoreResult(
        instrument,
        value,
        band(instrument, value),
        True,
        None,
        s.unit,
        len(given),
        MappingProxyType(subscores),
        issues,
    )


def _value(result: float | ScoreResult, name: str) -> float:
    if isinstance(result, ScoreResult):
        if result.value is None:
            raise ValueError(f"{name}: the {result.instrument} score is not valid: {result.reason}")
        return float(result.value)
    return float(result)


def change(instrument: str, before: float | ScoreResult, after: float | ScoreResult) -> Change:
    """Judge a change in score against the instrument's MCID (CLINICAL_REFERENCE section 5).

    MCIDs: NPRS 2 points or 30%; VAS 15 mm or 30%; ODI 10 points; NDI 5 raw points (10 percent
    points); PSFS 2 points; BPI interference 1 point; PPT none established (``reaches_mcid`` None).
    The percentage is of the ``before`` score. A deterioration can reach the MCID too: read
    ``improved`` for the direction.

    Args:
        instrument: an instrument code.
        before: the earlier score (a number or a valid `ScoreResult`).
        after: the later score.

    Returns:
        The change, with a plain-language explanation and its sources.

    Raises:
        ValueError: for an unknown instrument or an invalid score.
    """
    s = spec(instrument)
    b, a = _value(before, "before"), _value(after, "after")
    diff = round(a - b, 6)
    improved = diff != 0 and (diff < 0) == s.higher_is_worse
    reaches: bool | None = None
    if s.mcid_points is not None:
        reaches = abs(diff) >= s.mcid_points or (
            s.mcid_percent is not None and b > 0 and round(abs(diff) / b * 100, 6) >= s.mcid_percent
        )
    direction = "no change" if diff == 0 else ("improvement" if improved else "deterioration")
    verdict = (
        "no MCID is established for this measure"
        if reaches is None
        else ("reaches" if reaches else "does not reach") + f" the MCID ({s.mcid_text})"
    )
    text = f"{s.name}: {b:g} to {a:g} ({diff:+g} {s.unit}".rstrip() + f"), {direction}; {verdict}."
    return Change(instrument, b, a, diff, improved, reaches, text, s.sources)
