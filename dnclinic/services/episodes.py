"""Episodes of care and medical screenings for a patient."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from dnclinic.clinical import vocab
from dnclinic.clinical.chronicity import chronicity
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.model.entities import Episode, Patient, Practitioner, Screening
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import ConcurrentEditError, NotFoundError, ValidationFailed
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

EPISODE_SIDES = ("left", "right", "bilateral", "midline", "not_applicable")
SIDE_LABELS = {
    "left": "Left",
    "right": "Right",
    "bilateral": "Both sides",
    "midline": "Midline",
    "not_applicable": "Not applicable",
}
CONSENT_TYPES = ("none", "written", "verbal")


@dataclass(frozen=True, slots=True)
class EpisodeDetails:
    """An episode as the user enters it."""

    region: str
    onset_date: date | None
    side: str = "not_applicable"
    diagnosis: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EpisodeRow:
    """An episode for the chart, with its chronicity derived for ``today``."""

    id: int
    version_id: int
    patient_id: int
    details: EpisodeDetails
    chronicity: str
    status: str


@dataclass(frozen=True, slots=True)
class ScreeningDetails:
    """A screening as the user enters it (codes from DECISION_RULES section 1)."""

    screened_on: date | None
    red_flags: tuple[str, ...] = ()
    contraindications: tuple[str, ...] = ()
    precautions: tuple[str, ...] = ()
    consent_type: str = "none"
    consent_date: date | None = None
    consent_recorded_by_id: int | None = None
    episode_id: int | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ScreeningRow:
    """A stored screening."""

    id: int
    patient_id: int
    details: ScreeningDetails
    consent_recorded_by: str = ""
    flags: tuple[str, ...] = field(default=())


def validate_episode(d: EpisodeDetails, today: date) -> list[Issue]:
    """Check an episode: a known region and side, an onset date not in the future, known tags."""
    issues = []
    if d.region not in vocab.REGIONS:
        issues.append(Issue("region", "Choose the body region.", Severity.ERROR))
    if d.side not in EPISODE_SIDES:
        issues.append(Issue("side", "Choose the side.", Severity.ERROR))
    if d.onset_date is None:
        issues.append(Issue("onset_date", "Enter the onset date as YYYY-MM-DD.", Severity.ERROR))
    elif d.onset_date > today:
        issues.append(Issue("onset_date", "The onset cannot be in the future.", Severity.ERROR))
    unknown = [t for t in d.tags if t not in vocab.TAGS]
    if unknown:
        issues.append(Issue("tags", f"Unknown tags: {', '.join(unknown)}.", Severity.ERROR))
    return issues


def validate_screening(d: ScreeningDetails, today: date) -> list[Issue]:
    """Check a screening: known codes, dates not in the future, consent details complete."""
    issues = []
    if d.screened_on is None:
        issues.append(Issue("screened_on", "Enter the screening date.", Severity.ERROR))
    elif d.screened_on > today:
        issues.append(Issue("screened_on", "The screening date is in the future.", Severity.ERROR))
    for name, codes, allowed in (
        ("red_flags", d.red_flags, vocab.RED_FLAGS),
        ("contraindications", d.contraindications, vocab.CONTRAINDICATIONS),
        ("precautions", d.precautions, vocab.PRECAUTIONS),
    ):
        unknown = [c for c in codes if c not in allowed]
        if unknown:
            issues.append(Issue(name, f"Unknown codes: {', '.join(unknown)}.", Severity.ERROR))
    if d.consent_type not in CONSENT_TYPES:
        issues.append(Issue("consent_type", "Choose written, verbal or none.", Severity.ERROR))
    elif d.consent_type != "none":
        if d.consent_date is None:
            issues.append(
                Issue("consent_date", "Enter the date consent was given.", Severity.ERROR)
            )
        elif d.consent_date > today:
            issues.append(
                Issue("consent_date", "The consent date is in the future.", Severity.ERROR)
            )
        if d.consent_recorded_by_id is None:
            issues.append(
                Issue("consent_recorded_by", "Choose who recorded the consent.", Severity.ERROR)
            )
    return issues


def _episode_row(e: Episode, today: date) -> EpisodeRow:
    details = EpisodeDetails(e.region, e.onset_date, e.side, e.diagnosis, tuple(e.tags))
    return EpisodeRow(
        e.id, e.version_id, e.patient_id, details, chronicity(e.onset_date, today), e.status
    )


class EpisodeService:
    """Use cases for episodes of care and screenings."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    def episodes(self, patient_id: int) -> list[EpisodeRow]:
        """Return a patient's episodes, newest onset first (entered-in-error ones excluded)."""
        self._ctx.require(Permission.CHART_READ)
        today = self._ctx.today()
        with self._db.read() as s:
            stmt = (
                select(Episode)
                .where(Episode.patient_id == patient_id, Episode.status != "entered_in_error")
                .order_by(Episode.onset_date.desc(), Episode.id.desc())
            )
            return [_episode_row(e, today) for e in s.scalars(stmt)]

    def add_episode(self, patient_id: int, details: EpisodeDetails) -> Saved[EpisodeRow]:
        """Open a new episode of care.

        Raises:
            ValidationFailed: a field is invalid.
        """
        self._ctx.require(Permission.CHART_WRITE)
        today = self._ctx.today()
        issues = validate_episode(details, today)
        if issues:
            raise ValidationFailed(issues)
        assert details.onset_date is not None
        with self._db.write() as s:
            if s.get(Patient, patient_id) is None:
                raise NotFoundError(f"Patient {patient_id} does not exist.")
            e = Episode(
                patient_id=patient_id,
                region=details.region,
                side=details.side,
                onset_date=details.onset_date,
                diagnosis=details.diagnosis.strip(),
                tags=list(details.tags),
                status="open",
                entered_in_error_reason="",
            )
            self._ctx.stamp(e, created=True)
            s.add(e)
            s.flush()
            self._audit.record(
                s, AuditAction.CREATE, entity="episode", entity_id=e.id, patient_id=patient_id
            )
            row = _episode_row(e, today)
        return Saved(row, ChangeSet(patients=frozenset({patient_id}), episodes=frozenset({row.id})))

    def close_episode(self, episode_id: int, version_id: int) -> Saved[EpisodeRow]:
        """Discharge: close an open episode as of today.

        Raises:
            ConcurrentEditError: the episode changed since it was opened.
        """
        self._ctx.require(Permission.CHART_WRITE)
        today = self._ctx.today()
        try:
            with self._db.write() as s:
                e = s.get(Episode, episode_id)
                if e is None:
                    raise NotFoundError(f"Episode {episode_id} does not exist.")
                if e.version_id != version_id:
                    raise ConcurrentEditError("episode")
                e.status = "closed"
                e.closed_on = today
                self._ctx.stamp(e, created=False)
                s.flush()
                self._audit.record(
                    s, AuditAction.UPDATE, entity="episode", entity_id=e.id,
                    patient_id=e.patient_id, details={"status": "closed"},
                )  # fmt: skip
                row = _episode_row(e, today)
        except StaleDataError as exc:
            raise ConcurrentEditError("episode") from exc
        changes = ChangeSet(patients=frozenset({row.patient_id}), episodes=frozenset({row.id}))
        return Saved(row, changes)

    def screenings(self, patient_id: int) -> list[ScreeningRow]:
        """Return a patient's valid screenings, newest first."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            stmt = (
                select(Screening, Practitioner)
                .outerjoin(Practitioner, Practitioner.id == Screening.consent_recorded_by_id)
                .where(Screening.patient_id == patient_id, Screening.status == "valid")
                .order_by(Screening.screened_on.desc(), Screening.id.desc())
            )
            return [_screening_row(sc, pr) for sc, pr in s.execute(stmt)]

    def latest_screening(self, patient_id: int) -> ScreeningRow | None:
        """Return the screening the chart and the wizard go by: the newest valid one."""
        rows = self.screenings(patient_id)
        return rows[0] if rows else None

    def record_screening(self, patient_id: int, details: ScreeningDetails) -> Saved[ScreeningRow]:
        """Record a new screening (screenings are never edited; a new one supersedes).

        Raises:
            ValidationFailed: a field is invalid.
        """
        self._ctx.require(Permission.CHART_WRITE)
        issues = validate_screening(details, self._ctx.today())
        if issues:
            raise ValidationFailed(issues)
        assert details.screened_on is not None
        with self._db.write() as s:
            if s.get(Patient, patient_id) is None:
                raise NotFoundError(f"Patient {patient_id} does not exist.")
            sc = Screening(
                patient_id=patient_id,
                episode_id=details.episode_id,
                screened_on=details.screened_on,
                red_flags=_ordered(details.red_flags, vocab.RED_FLAGS),
                contraindications=_ordered(details.contraindications, vocab.CONTRAINDICATIONS),
                precautions=_ordered(details.precautions, vocab.PRECAUTIONS),
                consent_type=details.consent_type,
                consent_date=details.consent_date if details.consent_type != "none" else None,
                consent_recorded_by_id=details.consent_recorded_by_id,
                notes=details.notes.strip(),
                status="valid",
                entered_in_error_reason="",
            )
            self._ctx.stamp(sc, created=True)
            s.add(sc)
            s.flush()
            self._audit.record(
                s, AuditAction.CREATE, entity="screening", entity_id=sc.id, patient_id=patient_id
            )
            pr = (
                s.get(Practitioner, sc.consent_recorded_by_id)
                if sc.consent_recorded_by_id
                else None
            )
            row = _screening_row(sc, pr)
        changes = ChangeSet(patients=frozenset({patient_id}), screenings=frozenset({row.id}))
        return Saved(row, changes)


def _ordered(codes: Sequence[str], vocabulary: Sequence[str]) -> list[str]:
    chosen = set(codes)
    return [c for c in vocabulary if c in chosen]


def _screening_row(sc: Screening, pr: Practitioner | None) -> ScreeningRow:
    details = ScreeningDetails(
        screened_on=sc.screened_on,
        red_flags=tuple(sc.red_flags),
        contraindications=tuple(sc.contraindications),
        precautions=tuple(sc.precautions),
        consent_type=sc.consent_type,
        consent_date=sc.consent_date,
        consent_recorded_by_id=sc.consent_recorded_by_id,
        episode_id=sc.episode_id,
        notes=sc.notes,
    )
    flags = (*sc.red_flags, *sc.contraindications, *sc.precautions)
    return ScreeningRow(sc.id, sc.patient_id, details, pr.display_name if pr else "", flags)
