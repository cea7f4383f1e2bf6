"""What a printed session note shows: display-ready values assembled by the document service.

Everything here is already worded for print (labels, not codes); the builder only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from dnclinic.reports.templates import Letterhead, PatientBanner


@dataclass(frozen=True, slots=True)
class TargetLine:
    """One needle target as printed (gauge x length in mm, retention in minutes)."""

    muscle: str
    side: str
    level: str
    needles: int
    needle: str
    technique: str
    twitch_responses: int
    ultrasound: bool
    retention: str = ""


@dataclass(frozen=True, slots=True)
class StimulationLine:
    """One stimulation setting with the checks' warnings (DECISION_RULES section 6)."""

    settings: str
    pairs: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AdverseEventLine:
    """An adverse event: type, severity class (CLINICAL_REFERENCE 4.5), onset, action."""

    event: str
    severity: str
    onset: str
    action: str
    reported: str = ""


@dataclass(frozen=True, slots=True)
class NeuroTable:
    """The neurological exam as a grid: one row per level, grades per side.

    ``columns`` name the grade columns after "Level"; ``flagged`` holds the levels of rows to
    highlight (implicated levels).
    """

    examined_on: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    reflexes: tuple[tuple[str, str, str], ...]
    implicated: tuple[str, ...]
    umn: tuple[str, ...]
    flagged: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DecisionSummary:
    """The recorded needling decision for the episode (arrives with the decision wizard)."""

    verdict: str
    decided_on: str
    reasons: tuple[str, ...] = ()
    rule_set: str = ""


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signed the note, when, and the SHA-256 digest that seals it."""

    signer: str
    signed_at: datetime
    digest: str


@dataclass(frozen=True, slots=True)
class AddendumLine:
    """A signed addendum printed after the note."""

    author: str
    written_at: datetime
    reason: str
    text: str
    digest: str


@dataclass(frozen=True, slots=True)
class SessionNoteData:
    """Everything the printed session note shows (assembled by the document service)."""

    letterhead: Letterhead
    patient: PatientBanner
    printed_at: datetime
    session_at: datetime | None
    practitioner: str
    status: str
    episode: str
    consent: str
    screening: tuple[str, ...]
    neuro: NeuroTable | None
    targets: tuple[TargetLine, ...]
    stimulation: tuple[StimulationLine, ...]
    adverse_events: tuple[AdverseEventLine, ...]
    pain_before: int | None
    pain_after: int | None
    subjective: str
    objective: str
    assessment: str
    plan: str
    billing_code: str | None
    signature: Signature | None
    addenda: tuple[AddendumLine, ...] = ()
    decision: DecisionSummary | None = None

    @property
    def signed(self) -> bool:
        """Whether the note is signed (an unsigned one prints with a DRAFT watermark)."""
        return self.signature is not None
