"""Reading and writing a session note's rows, and its canonical content (for the digest).

Helpers of :mod:`dnclinic.services.sessions`; they work inside the caller's unit of work.
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dnclinic.model.entities import (
    AdverseEvent,
    ElectrodePair,
    NeedleTarget,
    NeedlingSession,
    StimulationSetting,
)
from dnclinic.services.session_content import (
    AdverseEventEntry,
    PairEntry,
    SessionContent,
    StimulationEntry,
    TargetEntry,
    content_to_payload,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from sqlalchemy.orm import Session

    from dnclinic.clinical.stimulation import StimulationFinding


def write_revision(
    s: Session,
    row: NeedlingSession,
    content: SessionContent,
    findings: Sequence[Sequence[StimulationFinding]],
) -> None:
    """Copy ``content`` onto the session row and add its child rows as ``row.revision``."""
    row.session_at = content.session_at  # type: ignore[assignment]  # validated not None
    row.episode_id = content.episode_id
    row.consent_confirmed = content.consent_confirmed
    row.pain_before = content.pain_before
    row.pain_after = content.pain_after
    row.subjective = content.subjective.strip()
    row.objective = content.objective.strip()
    row.assessment = content.assessment.strip()
    row.plan = content.plan.strip()
    row.billing_code = content.billing_code
    s.flush()  # a new row gets its id; an edited one its version check
    rev = row.revision
    for i, t in enumerate(content.targets):
        s.add(NeedleTarget(session_id=row.id, revision=rev, position=i, **_target_fields(t)))
    for i, (st, found) in enumerate(zip(content.stimulation, findings, strict=True)):
        setting = StimulationSetting(
            session_id=row.id, revision=rev, position=i,
            frequency_hz=st.frequency_hz, pulse_width_us=st.pulse_width_us,
            intensity_ma=st.intensity_ma, waveform=st.waveform, duration_min=st.duration_min,
            findings=[{"level": f.level, "code": f.code, "message": f.message} for f in found],
        )  # fmt: skip
        s.add(setting)
        s.flush()
        for j, p in enumerate(st.pairs):
            s.add(ElectrodePair(setting_id=setting.id, position=j, **_pair_fields(p)))
    for i, ae in enumerate(content.adverse_events):
        s.add(
            AdverseEvent(
                session_id=row.id, patient_id=row.patient_id, revision=rev, position=i,
                event_type=ae.event_type, severity=ae.severity, onset=ae.onset,
                action_taken=ae.action_taken.strip(),
                reported_to_regulator_on=ae.reported_to_regulator_on,
            )
        )  # fmt: skip
    s.flush()


def _target_fields(t: TargetEntry) -> dict[str, Any]:
    fields = dict(t.__class__.__dataclass_fields__)
    return {name: getattr(t, name) for name in fields}


def _pair_fields(p: PairEntry) -> dict[str, Any]:
    return {"a_region": p.a_region, "a_side": p.a_side, "b_region": p.b_region, "b_side": p.b_side}


def read_content(
    s: Session, row: NeedlingSession
) -> tuple[SessionContent, tuple[tuple[dict[str, str], ...], ...]]:
    """Return a session's current content, and the stored check findings per setting."""
    rev = row.revision
    targets = s.scalars(
        select(NeedleTarget)
        .where(NeedleTarget.session_id == row.id, NeedleTarget.revision == rev)
        .order_by(NeedleTarget.position)
    ).all()
    settings = s.scalars(
        select(StimulationSetting)
        .where(StimulationSetting.session_id == row.id, StimulationSetting.revision == rev)
        .order_by(StimulationSetting.position)
    ).all()
    pairs: dict[int, list[PairEntry]] = {st.id: [] for st in settings}
    if settings:
        for p in s.scalars(
            select(ElectrodePair)
            .where(ElectrodePair.setting_id.in_(list(pairs)))
            .order_by(ElectrodePair.setting_id, ElectrodePair.position)
        ):
            pairs[p.setting_id].append(PairEntry(p.a_region, p.a_side, p.b_region, p.b_side))
    events = s.scalars(
        select(AdverseEvent)
        .where(AdverseEvent.session_id == row.id, AdverseEvent.revision == rev)
        .order_by(AdverseEvent.position)
    ).all()
    content = SessionContent(
        session_at=row.session_at,
        episode_id=row.episode_id,
        consent_confirmed=row.consent_confirmed,
        pain_before=row.pain_before,
        pain_after=row.pain_after,
        subjective=row.subjective,
        objective=row.objective,
        assessment=row.assessment,
        plan=row.plan,
        targets=tuple(
            TargetEntry(
                t.muscle,
                t.side,
                t.approach,
                t.spinal_level,
                t.needles,
                t.gauge_mm,
                t.length_mm,
                t.depth_mm,
                t.technique,
                t.twitch_responses,
                t.ultrasound_guided,
                t.retention_min,
            )
            for t in targets
        ),  # fmt: skip
        stimulation=tuple(
            StimulationEntry(
                st.frequency_hz,
                st.pulse_width_us,
                st.intensity_ma,
                st.duration_min,
                st.waveform,
                tuple(pairs[st.id]),
            )
            for st in settings
        ),  # fmt: skip
        adverse_events=tuple(
            AdverseEventEntry(
                a.event_type, a.severity, a.onset, a.action_taken, a.reported_to_regulator_on
            )
            for a in events
        ),
    )
    findings = tuple(tuple(st.findings) for st in settings)
    return content, findings


def canonical_content(row: NeedlingSession, content: SessionContent) -> dict[str, Any]:
    """Return what a signature seals: the note, who it is for and by, and when it was signed."""
    if row.signed_at is None or row.signed_by is None:
        raise ValueError("Only a signed note has canonical content.")
    return sealed_content(
        row.id, row.patient_id, row.practitioner_id, row.signed_by, row.signed_at, content
    )


def sealed_content(
    session_id: int,
    patient_id: int,
    practitioner_id: int,
    signed_by: str,
    signed_at: datetime,
    content: SessionContent,
) -> dict[str, Any]:
    """Return the canonical content of a signed note from plain values (see above)."""
    data = content_to_payload(content)
    at = content.session_at
    data["session_at"] = at.astimezone(UTC).isoformat() if at else None
    data.update(
        {
            "session_id": session_id,
            "patient_id": patient_id,
            "practitioner_id": practitioner_id,
            "billing_code": content.billing_code,
            "signed_by": signed_by,
            "signed_at": signed_at.astimezone(UTC).isoformat(),
        }
    )
    return data
