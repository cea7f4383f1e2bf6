"""The chart timeline: everything charted for a patient, in date order, filterable by kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from dnclinic.clinical.outcomes import spec
from dnclinic.clinical.vocab import label

if TYPE_CHECKING:
    from datetime import date

    from dnclinic.services.episodes import EpisodeService
    from dnclinic.services.exams import ExamService
    from dnclinic.services.outcomes import OutcomeService
    from dnclinic.services.sessions import SessionService

KINDS = ("episode", "screening", "exam", "session", "outcome", "decision", "plan")
KIND_LABELS = {
    "episode": "Episodes",
    "screening": "Screenings",
    "exam": "Neuro exams",
    "session": "Sessions",
    "outcome": "Outcome scores",
    "decision": "Decisions",  # issue 7
    "plan": "Home plans",  # issue 7
}


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One event in the chart: its kind, when, a title and detail, and the record it opens."""

    kind: str
    when: date | datetime
    title: str
    detail: str
    ref_id: int
    flagged: bool = False  # a red flag, an unsigned draft or an adverse event: drawn in colour

    @property
    def sort_key(self) -> str:
        """ISO text that orders dates and datetimes together (a date sorts at its midnight)."""
        when = self.when
        return when.astimezone().isoformat() if isinstance(when, datetime) else when.isoformat()


# --- extra kinds from other features (issue 7: decisions and home plans) ---
class TimelineSource(Protocol):
    """A feature that adds its own kinds of event to the timeline."""

    def timeline_items(self, patient_id: int, kinds: tuple[str, ...]) -> list[TimelineItem]:
        """Return the patient's events of the given kinds."""
        ...


class TimelineService:
    """Assembles the timeline from the other services' read models."""

    def __init__(
        self,
        episodes: EpisodeService,
        exams: ExamService,
        sessions: SessionService,
        outcomes: OutcomeService,
        extra: tuple[TimelineSource, ...] = (),
    ) -> None:
        self._extra = extra  # issue 7
        self._episodes = episodes
        self._exams = exams
        self._sessions = sessions
        self._outcomes = outcomes

    def timeline(self, patient_id: int, kinds: tuple[str, ...] = KINDS) -> list[TimelineItem]:
        """Return the patient's chart events of the given kinds, newest first.

        Raises:
            PermissionDenied: the user may not read clinical records.
        """
        items: list[TimelineItem] = []
        if "episode" in kinds:
            for e in self._episodes.episodes(patient_id):
                if e.details.onset_date:
                    items.append(TimelineItem(
                        "episode", e.details.onset_date, f"Episode: {label(e.details.region)}",
                        e.details.diagnosis, e.id,
                    ))  # fmt: skip
        if "screening" in kinds:
            for sc in self._episodes.screenings(patient_id):
                if sc.details.screened_on:
                    flags = ", ".join(label(c) for c in sc.flags) or "no flags"
                    items.append(TimelineItem(
                        "screening", sc.details.screened_on, "Screening",
                        f"{flags}; consent: {sc.details.consent_type}", sc.id,
                        bool(sc.details.red_flags or sc.details.contraindications),
                    ))  # fmt: skip
        if "exam" in kinds:
            for x in self._exams.exams(patient_id):
                if x.details.examined_on:
                    items.append(TimelineItem(
                        "exam", x.details.examined_on, "Neurological exam", x.summary, x.id,
                        x.interpretation.has_umn_signs,
                    ))  # fmt: skip
        if "session" in kinds:
            for ss in self._sessions.sessions(patient_id):
                pain = (
                    f"pain {ss.pain_before}→{ss.pain_after}"
                    if ss.pain_before is not None and ss.pain_after is not None
                    else ""
                )
                muscles = f"{ss.muscles} muscle{'s' if ss.muscles != 1 else ''}"
                parts = [muscles, f"CPT {ss.billing_code}" if ss.billing_code else "", pain]
                if ss.adverse_events:
                    parts.append(f"{ss.adverse_events} adverse event(s)")
                title = "Session (draft)" if ss.status == "draft" else "Session, signed"
                items.append(TimelineItem(
                    "session", ss.session_at, f"{title} — {ss.practitioner_name}",
                    ", ".join(p for p in parts if p), ss.id,
                    ss.status == "draft" or ss.adverse_events > 0,
                ))  # fmt: skip
        if "outcome" in kinds:
            for o in self._outcomes.scores(patient_id):
                sp = spec(o.instrument)
                value = "invalid" if o.value is None else f"{o.value:g}{sp.unit}"
                band = f" ({o.band})" if o.band else ""
                items.append(TimelineItem("outcome", o.scored_on, sp.name, f"{value}{band}", o.id))
        for source in self._extra:  # issue 7
            items += source.timeline_items(patient_id, kinds)
        return sorted(items, key=lambda i: (i.sort_key, i.kind, i.ref_id), reverse=True)
