"""Reading needling sessions for a FHIR export: the current revision of every note, in bulk.

Helper of :mod:`dnclinic.services.fhir_export`; entered-in-error notes are included (their
resources say so), drafts too (marked as such).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dnclinic.clinical.vocab import label
from dnclinic.fhir.records import AdverseEventInfo, SessionInfo, StimulationInfo, TargetInfo
from dnclinic.model.entities import (
    AdverseEvent,
    ElectrodePair,
    Episode,
    NeedleTarget,
    NeedlingSession,
    RegulatorReport,
    StimulationSetting,
)
from dnclinic.services.fhir_gather import scoped

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from sqlalchemy.sql import Select

    from dnclinic.services.muscles import MuscleCatalog


def _current(child: Any, patient_id: int | None) -> Select[Any]:
    """Rows of ``child`` (targets, settings, events) of each note's current revision."""
    on = (child.session_id == NeedlingSession.id) & (child.revision == NeedlingSession.revision)
    stmt = select(child).join(NeedlingSession, on)
    return scoped(stmt, NeedlingSession.patient_id, patient_id).order_by(
        child.session_id, child.position
    )


def _targets(s: Session, pid: int | None, muscles: MuscleCatalog) -> dict[int, list[TargetInfo]]:
    out: dict[int, list[TargetInfo]] = defaultdict(list)
    for t in s.scalars(_current(NeedleTarget, pid)):
        out[t.session_id].append(
            TargetInfo(
                t.id, t.muscle, muscles.label(t.muscle), t.side, t.spinal_level, t.approach,
                t.needles, t.gauge_mm, t.length_mm, t.depth_mm, t.technique, t.twitch_responses,
                t.ultrasound_guided, t.retention_min,
            )
        )  # fmt: skip
    return out


def _stimulation(s: Session, pid: int | None) -> dict[int, list[StimulationInfo]]:
    settings = list(s.scalars(_current(StimulationSetting, pid)))
    pairs: dict[int, list[str]] = defaultdict(list)
    stmt = select(ElectrodePair).where(ElectrodePair.setting_id.in_([st.id for st in settings]))
    for p in s.scalars(stmt.order_by(ElectrodePair.setting_id, ElectrodePair.position)):
        pairs[p.setting_id].append(
            f"{label(p.a_region)} ({p.a_side}) to {label(p.b_region)} ({p.b_side})"
        )
    out: dict[int, list[StimulationInfo]] = defaultdict(list)
    for st in settings:
        warnings = tuple(f"{f.get('level', '')}: {f.get('message', '')}" for f in st.findings or ())
        out[st.session_id].append(
            StimulationInfo(
                st.frequency_hz, st.pulse_width_us, st.intensity_ma, st.waveform,
                st.duration_min, tuple(pairs[st.id]), warnings,
            )
        )  # fmt: skip
    return out


def _events(s: Session, pid: int | None) -> dict[int, list[AdverseEventInfo]]:
    # The regulator's report date lives in its own append-only table; the latest entry wins.
    reports = {
        (r.session_id, r.position): r.reported_on
        for r in s.scalars(select(RegulatorReport).order_by(RegulatorReport.id))
    }
    out: dict[int, list[AdverseEventInfo]] = defaultdict(list)
    for ae in s.scalars(_current(AdverseEvent, pid)):
        reported = reports.get((ae.session_id, ae.position), ae.reported_to_regulator_on)
        out[ae.session_id].append(
            AdverseEventInfo(
                ae.id, ae.event_type, label(ae.event_type), ae.severity, label(ae.onset),
                ae.action_taken, reported,
            )
        )  # fmt: skip
    return out


def _reasons(s: Session, pid: int | None) -> dict[int, str]:
    stmt = scoped(select(Episode), Episode.patient_id, pid)
    return {
        e.id: ", ".join(x for x in (e.diagnosis.strip(), label(e.region)) if x)
        for e in s.scalars(stmt)
    }


def sessions(s: Session, patient_id: int | None, muscles: MuscleCatalog) -> tuple[SessionInfo, ...]:
    """Return every session note in scope (all states) with its current revision's rows."""
    targets = _targets(s, patient_id, muscles)
    stimulation = _stimulation(s, patient_id)
    events = _events(s, patient_id)
    reasons = _reasons(s, patient_id)
    stmt = scoped(select(NeedlingSession), NeedlingSession.patient_id, patient_id).order_by(
        NeedlingSession.patient_id, NeedlingSession.session_at, NeedlingSession.id
    )
    return tuple(
        SessionInfo(
            n.id, n.patient_id, n.practitioner_id, n.session_at, n.status,
            n.entered_in_error_reason, n.consent_confirmed, n.pain_before, n.pain_after,
            n.billing_code, n.signed_at, n.signed_by, n.content_digest,
            reasons.get(n.episode_id, "") if n.episode_id is not None else "",
            tuple(targets[n.id]), tuple(stimulation[n.id]), tuple(events[n.id]),
        )
        for n in s.scalars(stmt)
    )  # fmt: skip
