"""What a needling-session note holds, as the editor enters it, and how it is checked.

The same frozen dataclasses travel from the editor to the service, into the autosave draft
(as JSON, :func:`content_to_payload`/:func:`content_from_payload`) and into the canonical text
whose SHA-256 seals a signed note.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dnclinic.clinical import charting
from dnclinic.clinical.levels import LEVELS
from dnclinic.clinical.stimulation import (
    ELECTRODE_REGIONS,
    ELECTRODE_SIDES,
    Electrode,
    StimulationFinding,
    check_stimulation,
)
from dnclinic.clinical.stimulation import ElectrodePair as ClinicalPair
from dnclinic.clinical.stimulation import StimulationSetting as ClinicalSetting
from dnclinic.clinical.validation import Issue, Severity

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from dnclinic.services.muscles import MuscleCatalog


@dataclass(frozen=True, slots=True)
class TargetEntry:
    """One needle target (CLINICAL_REFERENCE 4.1): gauge and length in mm, retention in min."""

    muscle: str
    side: str
    approach: str = "peripheral"
    spinal_level: str | None = None
    needles: int = 1
    gauge_mm: float | None = 0.25
    length_mm: float | None = 40.0
    depth_mm: float | None = None
    technique: str = "pistoning"
    twitch_responses: int = 0
    ultrasound_guided: bool = False
    retention_min: float | None = None


@dataclass(frozen=True, slots=True)
class PairEntry:
    """An electrode pair: region and side of each lead."""

    a_region: str
    a_side: str
    b_region: str
    b_side: str


@dataclass(frozen=True, slots=True)
class StimulationEntry:
    """One stimulation setting: Hz, microseconds, milliamps, waveform, minutes, pairs."""

    frequency_hz: float | None
    pulse_width_us: float | None
    intensity_ma: float | None
    duration_min: float | None
    waveform: str = "biphasic"
    pairs: tuple[PairEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class AdverseEventEntry:
    """An adverse event: type, severity class, onset, action, date reported to a regulator."""

    event_type: str
    severity: str
    onset: str = "during"
    action_taken: str = ""
    reported_to_regulator_on: date | None = None


@dataclass(frozen=True, slots=True)
class SessionContent:
    """Everything the clinician writes in a session note."""

    session_at: datetime | None
    episode_id: int | None = None
    consent_confirmed: bool = False
    pain_before: int | None = None
    pain_after: int | None = None
    subjective: str = ""
    objective: str = ""
    assessment: str = ""
    plan: str = ""
    targets: tuple[TargetEntry, ...] = ()
    stimulation: tuple[StimulationEntry, ...] = ()
    adverse_events: tuple[AdverseEventEntry, ...] = field(default=())

    @property
    def billing_code(self) -> str | None:
        """CPT 20560 (1-2 muscles) or 20561 (3 or more), from the distinct muscles needled."""
        return charting.billing_code((t.muscle, t.side) for t in self.targets)

    @property
    def segmental(self) -> bool:
        """Whether any target is segmental (spinal): e-stim then needs at least 10 min."""
        return any(t.approach == "segmental" for t in self.targets)


def clinical_setting(entry: StimulationEntry) -> ClinicalSetting:
    """Return the clinical engine's form of a stimulation entry."""
    pairs = tuple(
        ClinicalPair(Electrode(p.a_region, p.a_side), Electrode(p.b_region, p.b_side))
        for p in entry.pairs
    )
    return ClinicalSetting(
        entry.frequency_hz, entry.pulse_width_us, entry.intensity_ma, entry.duration_min, pairs
    )


# Which field of the stimulation form each check of DECISION_RULES section 6 concerns.
FINDING_FIELDS = {
    "missing_frequency": "frequency_hz",
    "frequency_above_100hz": "frequency_hz",
    "frequency_outside_band": "frequency_hz",
    "missing_duration": "duration_min",
    "duration_below_10min": "duration_min",
    "missing_pulse_width": "pulse_width_us",
    "missing_intensity": "intensity_ma",
}


def stimulation_findings(
    entry: StimulationEntry, *, segmental_session: bool, precautions: Collection[str]
) -> list[StimulationFinding]:
    """Run the DECISION_RULES section 6 checks on one setting (see ``check_stimulation``)."""
    return check_stimulation(
        clinical_setting(entry), segmental_session=segmental_session, precautions=precautions
    )


def finding_issue(index: int, finding: StimulationFinding) -> Issue:
    """Return a finding as an issue on ``stimulation.<index>.<field>``."""
    where = FINDING_FIELDS.get(finding.code, "pairs")
    severity = Severity.ERROR if finding.level == "error" else Severity.WARNING
    return Issue(f"stimulation.{index}.{where}", finding.message, severity)


def validate_content(
    content: SessionContent,
    *,
    now: datetime,
    precautions: Collection[str],
    muscles: MuscleCatalog,
) -> list[Issue]:
    """Check a session note before it is saved (errors block; stimulation warnings are kept).

    Args:
        content: the note as entered.
        now: the current time (a session cannot be in the future).
        precautions: the patient's precautions from the latest screening.
        muscles: the muscle list targets must come from.
    """
    issues: list[Issue] = []
    if content.session_at is None:
        issues.append(Issue("session_at", "Enter the date and time of the session."))
    elif content.session_at > now:
        issues.append(Issue("session_at", "The session cannot be in the future."))
    for name in ("pain_before", "pain_after"):
        value = getattr(content, name)
        if value is not None and not 0 <= value <= 10:
            issues.append(Issue(name, "Pain is rated from 0 to 10."))
    for i, t in enumerate(content.targets):
        issues += _target_issues(i, t, muscles)
    for i, s in enumerate(content.stimulation):
        if s.waveform not in charting.WAVEFORMS:
            issues.append(Issue(f"stimulation.{i}.waveform", "Choose the waveform."))
        for p in s.pairs:
            bad = (p.a_region, p.b_region) + (p.a_side, p.b_side)
            if not (
                set(bad[:2]) <= set(ELECTRODE_REGIONS) and set(bad[2:]) <= set(ELECTRODE_SIDES)
            ):
                issues.append(
                    Issue(f"stimulation.{i}.pairs", "Choose each lead's region and side.")
                )
        found = stimulation_findings(
            s, segmental_session=content.segmental, precautions=precautions
        )
        issues += [finding_issue(i, f) for f in found]
    for i, ae in enumerate(content.adverse_events):
        if ae.event_type not in charting.AE_TYPES:
            issues.append(Issue(f"adverse_events.{i}.event_type", "Choose the type of event."))
        if ae.severity not in charting.AE_SEVERITIES:
            issues.append(
                Issue(f"adverse_events.{i}.severity", "Choose mild, significant or serious.")
            )
        if ae.onset not in charting.AE_ONSETS:
            issues.append(Issue(f"adverse_events.{i}.onset", "Choose when it began."))
        if ae.reported_to_regulator_on is not None and ae.reported_to_regulator_on > now.date():
            issues.append(
                Issue(f"adverse_events.{i}.reported", "The report date is in the future.")
            )
    return issues


def _target_issues(i: int, t: TargetEntry, muscles: MuscleCatalog) -> list[Issue]:
    where = f"targets.{i}"
    out: list[Issue] = []
    muscle = muscles.get(t.muscle)
    if muscle is None:
        out.append(Issue(f"{where}.muscle", "Choose the muscle from the list."))
    if t.side not in charting.TARGET_SIDES:
        out.append(Issue(f"{where}.side", "Choose left, right or midline."))
    if t.approach not in charting.APPROACHES:
        out.append(Issue(f"{where}.approach", "Choose segmental or peripheral."))
    if t.approach == "segmental" and t.spinal_level not in LEVELS:
        out.append(Issue(f"{where}.spinal_level", "A segmental target needs its spinal level."))
    if t.technique not in charting.TECHNIQUES:
        out.append(Issue(f"{where}.technique", "Choose static, pistoning or rotation."))
    if t.needles < 1:
        out.append(Issue(f"{where}.needles", "At least one needle."))
    if t.twitch_responses < 0:
        out.append(Issue(f"{where}.twitch_responses", "Twitch responses cannot be negative."))
    for name in ("gauge_mm", "length_mm", "depth_mm", "retention_min"):
        value = getattr(t, name)
        if value is not None and value <= 0:
            out.append(Issue(f"{where}.{name}", "Must be more than zero."))
    return out


def content_to_payload(content: SessionContent) -> dict[str, Any]:
    """Return the note as JSON-ready data (dates as ISO text) for drafts and digests."""

    def plain(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    data: dict[str, Any] = plain(asdict(content))
    return data


def content_from_payload(data: Mapping[str, Any]) -> SessionContent:
    """Rebuild a note from :func:`content_to_payload` data (an autosaved draft).

    Raises:
        ValueError, KeyError, TypeError: the payload is not a session note.
    """
    at = data.get("session_at")
    return SessionContent(
        session_at=datetime.fromisoformat(at) if at else None,
        episode_id=data.get("episode_id"),
        consent_confirmed=bool(data.get("consent_confirmed", False)),
        pain_before=data.get("pain_before"),
        pain_after=data.get("pain_after"),
        subjective=str(data.get("subjective", "")),
        objective=str(data.get("objective", "")),
        assessment=str(data.get("assessment", "")),
        plan=str(data.get("plan", "")),
        targets=tuple(TargetEntry(**t) for t in data.get("targets", ())),
        stimulation=tuple(
            StimulationEntry(
                **{k: v for k, v in s.items() if k != "pairs"},
                pairs=tuple(PairEntry(**p) for p in s.get("pairs", ())),
            )
            for s in data.get("stimulation", ())
        ),
        adverse_events=tuple(
            AdverseEventEntry(
                **{k: v for k, v in a.items() if k != "reported_to_regulator_on"},
                reported_to_regulator_on=date.fromisoformat(a["reported_to_regulator_on"])
                if a.get("reported_to_regulator_on")
                else None,
            )
            for a in data.get("adverse_events", ())
        ),
    )
