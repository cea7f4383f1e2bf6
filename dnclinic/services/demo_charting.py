"""The demo clinic's charts: exams, signed and draft sessions, stimulation, events, scores.

About one patient in five has been needled: an exam at the first visit for spinal complaints
(radicular ones with the implicated level), 1-8 weekly sessions with 1-4 targets, stimulation
in a third of them, a mild adverse event in about one session in twelve (rarely a significant
one), pain before and after each session as NPRS scores, and ODI or NDI at the first and the
last visit. Signed notes carry a real digest, so "Verify" works on them. Written with Core
inserts in batches, with ids assigned here, so that 100,000 patients still build in minutes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from dnclinic.clinical import charting
from dnclinic.clinical.levels import LEVELS, REFLEX_ROOTS, level_index
from dnclinic.clinical.neuro import NeuroExam, interpret
from dnclinic.clinical.outcomes import score
from dnclinic.model.entities import (
    AdverseEvent,
    ElectrodePair,
    Episode,
    NeedleTarget,
    NeedlingSession,
    NeuroExamination,
    NeuroFinding,
    OutcomeScore,
    Screening,
    StimulationSetting,
)
from dnclinic.services.session_content import (
    AdverseEventEntry,
    PairEntry,
    SessionContent,
    StimulationEntry,
    TargetEntry,
)
from dnclinic.services.session_store import sealed_content

if TYPE_CHECKING:
    import random

    from sqlalchemy.orm import Session

SHARE_NEEDLED = 0.2
MUSCLES_BY_REGION: dict[str, tuple[str, ...]] = {
    "cervical": ("upper_trapezius", "levator_scapulae", "splenius_capitis", "suboccipitals",
                 "scalenes", "semispinalis_capitis"),
    "thoracic": ("rhomboids", "middle_trapezius", "thoracic_erector_spinae", "lower_trapezius"),
    "lumbar": ("quadratus_lumborum", "gluteus_medius", "lumbar_erector_spinae", "piriformis",
               "gluteus_minimus"),
    "pelvis_sacroiliac": ("gluteus_maximus", "piriformis", "gluteus_medius"),
    "head_face": ("temporalis", "masseter", "upper_trapezius", "suboccipitals"),
    "shoulder": ("infraspinatus", "supraspinatus", "teres_minor", "middle_deltoid",
                 "upper_trapezius"),
    "elbow": ("extensor_carpi_radialis_brevis", "extensor_digitorum", "supinator",
              "brachioradialis"),
    "wrist_hand": ("flexor_carpi_radialis", "flexor_digitorum_superficialis", "pronator_teres"),
    "hip": ("gluteus_medius", "gluteus_minimus", "tensor_fasciae_latae", "piriformis"),
    "knee": ("vastus_lateralis", "vastus_medialis", "rectus_femoris", "biceps_femoris"),
    "ankle_foot": ("gastrocnemius_medial", "soleus", "quadratus_plantae", "abductor_hallucis"),
}  # fmt: skip
AE_MILD = ("bruising", "bleeding", "pain_after", "drowsiness", "symptom_aggravation", "headache")
SUBJECTIVE = (
    "Pain a little better since last visit; sleeping better.",
    "Still sore after long drives; morning stiffness about 30 min.",
    "Flare-up after gardening at the weekend, settling.",
    "Reports less pain at work; exercises done most days.",
)
PLAN = (
    "Continue loading programme (2-3 sets, 1-2 reps in reserve); review in one week.",
    "Progress exercises; reassess outcome measures at next visit.",
    "Reduce needling dose next session; home exercises unchanged.",
)


def build_charts(
    s: Session,
    rng: random.Random,
    *,
    first_patient: int,
    patients: int,
    practitioner_ids: list[int],
    now: datetime,
    share: float = SHARE_NEEDLED,
    drafts: bool = True,
) -> dict[str, int]:
    """Write the charting rows for about 20% of the demo patients; return counts by table.

    ``share`` and ``drafts`` (issue 8) let the showcase patient be charted for sure, signed.
    """
    today = now.astimezone().date()
    episodes = _open_episodes(s, first_patient, patients)
    blocked = _blocked_patients(s)
    ids = {name: (s.scalar(select(func.max(t.c.id))) or 0) for name, t in _TABLES.items()}
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    audit = {"created_by": "demo", "updated_by": "demo", "version_id": 1}
    for pid in range(first_patient, first_patient + patients):
        if rng.random() >= share or pid not in episodes or pid in blocked:
            continue
        episode_id, region, tags, onset = episodes[pid]
        practitioner = rng.choice(practitioner_ids)
        start = max(onset + timedelta(days=rng.randint(3, 21)), today - timedelta(days=300))
        count = rng.randint(1, 8)
        dates = [start + timedelta(days=7 * i) for i in range(count)]
        dates = [d for d in dates if d < today] or [today - timedelta(days=1)]
        radicular = "radiculopathy" in tags
        side = rng.choice(("left", "right"))
        level = "L5" if region == "lumbar" else "C6"
        if region in ("lumbar", "cervical"):
            ids["exam"] += 1
            _exam_rows(rows, ids["exam"], pid, episode_id, practitioner, dates[0], region,
                       level if radicular else None, side, now, audit)  # fmt: skip
        pain = rng.randint(4, 8)
        function = rng.uniform(30, 60)
        instrument = {"lumbar": "ODI", "cervical": "NDI"}.get(region)
        for n, day in enumerate(dates):
            at = datetime.combine(day, time(rng.randint(13, 21), rng.choice((0, 15, 30, 45))), UTC)
            after = max(0, pain - rng.randint(1, 3))
            draft = drafts and n == len(dates) - 1 and rng.random() < 0.1
            content = replace(
                _content(rng, region, at, pain, after, radicular, level, side),
                episode_id=episode_id,
            )
            ids["session"] += 1
            sid = ids["session"]
            signed_at = at + timedelta(minutes=rng.randint(20, 90))
            digest = None
            if not draft:
                sealed = sealed_content(sid, pid, practitioner, "demo", signed_at, content)
                digest = charting.content_digest(sealed)
            rows["session"].append({
                "id": sid, "patient_id": pid, "episode_id": episode_id,
                "practitioner_id": practitioner, "session_at": at, "consent_confirmed": True,
                "pain_before": pain, "pain_after": after, "subjective": content.subjective,
                "objective": content.objective, "assessment": content.assessment,
                "plan": content.plan, "status": "draft" if draft else "signed", "revision": 1,
                "billing_code": content.billing_code,
                "signed_at": None if draft else signed_at, "signed_by": None if draft else "demo",
                "content_digest": digest, "entered_in_error_reason": "",
                "created_at": at, "updated_at": signed_at, **audit,
            })  # fmt: skip
            _children(rows, ids, sid, pid, content)
            _score(rows, ids, pid, episode_id, "NPRS", day, [pain], at, audit)
            if instrument and n in (0, len(dates) - 1):
                answers = _disability_answers(rng, function)
                _score(rows, ids, pid, episode_id, instrument, day, answers, at, audit)
            pain = max(0, pain - rng.choice((0, 1, 1, 2)))
            function = max(4.0, function - rng.uniform(2, 9))
    for name, table in _TABLES.items():
        batch = rows[name]
        for i in range(0, len(batch), 5000):
            s.execute(insert(table), batch[i : i + 5000])
    return {name: len(rows[name]) for name in ("exam", "session", "outcome", "ae")}


_TABLES: dict[str, Any] = {
    "exam": NeuroExamination.__table__,
    "finding": NeuroFinding.__table__,
    "session": NeedlingSession.__table__,
    "target": NeedleTarget.__table__,
    "stim": StimulationSetting.__table__,
    "pair": ElectrodePair.__table__,
    "ae": AdverseEvent.__table__,
    "outcome": OutcomeScore.__table__,
}


def _open_episodes(
    s: Session, first: int, count: int
) -> dict[int, tuple[int, str, list[str], date]]:
    out: dict[int, tuple[int, str, list[str], date]] = {}
    for eid, pid, region, tags, onset in s.execute(
        select(Episode.id, Episode.patient_id, Episode.region, Episode.tags, Episode.onset_date)
        .where(Episode.patient_id.between(first, first + count - 1), Episode.status == "open")
        .order_by(Episode.id)
    ):
        tag_list = list(tags)
        if "facet_mediated" not in tag_list and "headache" not in tag_list:
            out.setdefault(pid, (eid, region, tag_list, onset))
    return out


def _blocked_patients(s: Session) -> set[int]:
    return {
        pid
        for pid, flags, contra, consent in s.execute(
            select(
                Screening.patient_id,
                Screening.red_flags,
                Screening.contraindications,
                Screening.consent_type,
            )
        )  # fmt: skip
        if flags or contra or consent == "none"
    }


def _content(
    rng: random.Random,
    region: str,
    at: datetime,
    pain: int,
    after: int,
    radicular: bool,
    level: str,
    side: str,
) -> SessionContent:
    muscles = rng.sample(
        MUSCLES_BY_REGION[region], k=min(rng.randint(1, 4), len(MUSCLES_BY_REGION[region]))
    )
    targets = [
        TargetEntry(m, side if rng.random() < 0.7 else rng.choice(("left", "right")),
                    needles=rng.randint(1, 3), technique=rng.choice(charting.TECHNIQUES),
                    twitch_responses=rng.randint(0, 4), retention_min=rng.choice((None, 5.0, 10.0)))
        for m in muscles
    ]  # fmt: skip
    if radicular:
        multifidus = "lumbar_multifidus" if region == "lumbar" else "cervical_multifidus"
        targets.insert(0, TargetEntry(multifidus, side, "segmental", level, needles=2))
    stimulation: tuple[StimulationEntry, ...] = ()
    if rng.random() < 0.33 and region in ("lumbar", "pelvis_sacroiliac", "hip", "knee"):
        near = "lumbar" if region == "lumbar" else "gluteal"
        pair = PairEntry(near, side, "gluteal" if near == "lumbar" else "thigh", side)
        stimulation = (StimulationEntry(rng.choice((2.0, 4.0, 10.0)), 250.0, 2.0, 20.0,
                                        "biphasic", (pair,)),)  # fmt: skip
    events: tuple[AdverseEventEntry, ...] = ()
    roll = rng.random()
    if roll < 0.08:
        events = (AdverseEventEntry(rng.choice(AE_MILD), "mild", "immediately_after",
                                    "Pressure and advice"),)  # fmt: skip
    elif roll < 0.0815:
        events = (AdverseEventEntry("feeling_faint", "significant", "during",
                                    "Needles removed, supine, observed 30 min",
                                    at.date() + timedelta(days=3)),)  # fmt: skip
    return SessionContent(
        session_at=at, consent_confirmed=True, pain_before=pain, pain_after=after,
        subjective=rng.choice(SUBJECTIVE), objective="Tender taut bands on palpation; ROM noted.",
        assessment="Responding to treatment." if after < pain else "No immediate change.",
        plan=rng.choice(PLAN), targets=tuple(targets), stimulation=stimulation,
        adverse_events=events,
    )  # fmt: skip


def _children(
    rows: dict[str, list[dict[str, Any]]], ids: dict[str, int], sid: int, pid: int,
    content: SessionContent,
) -> None:  # fmt: skip
    for i, t in enumerate(content.targets):
        ids["target"] += 1
        rows["target"].append({
            "id": ids["target"], "session_id": sid, "revision": 1, "position": i,
            "muscle": t.muscle, "side": t.side, "spinal_level": t.spinal_level,
            "approach": t.approach, "needles": t.needles, "gauge_mm": t.gauge_mm,
            "length_mm": t.length_mm, "depth_mm": t.depth_mm, "technique": t.technique,
            "twitch_responses": t.twitch_responses, "ultrasound_guided": t.ultrasound_guided,
            "retention_min": t.retention_min,
        })  # fmt: skip
    for i, st in enumerate(content.stimulation):
        ids["stim"] += 1
        rows["stim"].append({
            "id": ids["stim"], "session_id": sid, "revision": 1, "position": i,
            "frequency_hz": st.frequency_hz, "pulse_width_us": st.pulse_width_us,
            "intensity_ma": st.intensity_ma, "waveform": st.waveform,
            "duration_min": st.duration_min, "findings": [],
        })  # fmt: skip
        for j, p in enumerate(st.pairs):
            ids["pair"] += 1
            rows["pair"].append({
                "id": ids["pair"], "setting_id": ids["stim"], "position": j,
                "a_region": p.a_region, "a_side": p.a_side, "b_region": p.b_region,
                "b_side": p.b_side,
            })  # fmt: skip
    for i, ae in enumerate(content.adverse_events):
        ids["ae"] += 1
        rows["ae"].append({
            "id": ids["ae"], "session_id": sid, "patient_id": pid, "revision": 1, "position": i,
            "event_type": ae.event_type, "severity": ae.severity, "onset": ae.onset,
            "action_taken": ae.action_taken,
            "reported_to_regulator_on": ae.reported_to_regulator_on,
        })  # fmt: skip


def _disability_answers(rng: random.Random, percent: float) -> list[float | None]:
    total = round(percent / 100 * 50)
    answers = [0] * 10
    for _ in range(total):
        i = rng.randrange(10)
        while answers[i] >= 5:
            i = (i + 1) % 10
        answers[i] += 1
    return [float(a) for a in answers]


def _score(
    rows: dict[str, list[dict[str, Any]]], ids: dict[str, int], pid: int, episode_id: int,
    instrument: str, day: date, answers: list[float | None], at: datetime, audit: dict[str, Any],
) -> None:  # fmt: skip
    result = score(instrument, [int(a) if a is not None else None for a in answers])
    ids["outcome"] += 1
    rows["outcome"].append({
        "id": ids["outcome"], "patient_id": pid, "episode_id": episode_id,
        "instrument": instrument, "scored_on": day, "answers": answers, "value": result.value,
        "band": result.band, "status": "valid", "entered_in_error_reason": "",
        "created_at": at, "updated_at": at, **audit,
    })  # fmt: skip


def _exam_rows(
    rows: dict[str, list[dict[str, Any]]], exam_id: int, pid: int, episode_id: int,
    practitioner: int, day: date, region: str, level: str | None, side: str, now: datetime,
    audit: dict[str, Any],
) -> None:  # fmt: skip
    first, last = ("L1", "S1") if region == "lumbar" else ("C2", "T1")
    derm: dict[str, dict[str, dict[str, int | str]]] = {}
    myo: dict[str, dict[str, int | str]] = {}
    grade: int | str
    for lv in LEVELS[level_index(first) : level_index(last) + 1]:
        low = lv == level
        derm[lv] = {
            s: {
                "light_touch": 1 if low and s == side else 2,
                "pin_prick": 1 if low and s == side else 2,
            }
            for s in ("left", "right")
        }
        myo[lv] = {s: (4 if low and s == side else 5) for s in ("left", "right")}  # fmt: skip
    ref: dict[str, dict[str, int | str]] = {
        name: {"left": 2, "right": 2}
        for name, root in REFLEX_ROOTS.items()
        if level_index(first) <= level_index(root) <= level_index(last)
    }
    exam = NeuroExam(derm, myo, ref, {sign: False for sign in ("babinski", "hoffmann")})
    interp = interpret(exam)
    at = datetime.combine(day, time(13), UTC)
    rows["exam"].append({
        "id": exam_id, "patient_id": pid, "episode_id": episode_id, "examined_on": day,
        "examiner_id": practitioner, "examiner": "demo", "umn": dict(exam.umn), "comment": "",
        "implicated": [i.to_dict() for i in interp.implicated_levels], "umn_positive": False,
        "status": "valid", "entered_in_error_reason": "", "created_at": at, "updated_at": at,
        **audit,
    })  # fmt: skip
    n = 0
    for lv, sides in derm.items():
        for s, mods in sides.items():
            for modality, grade in mods.items():
                rows["finding"].append(_finding(exam_id, "dermatome", modality, lv, s, grade, n))
                n += 1
    for lv, grades in myo.items():
        for s, grade in grades.items():
            rows["finding"].append(_finding(exam_id, "myotome", "motor", lv, s, grade, n))
            n += 1
    for name, reflex_grades in ref.items():
        for s, grade in reflex_grades.items():
            rows["finding"].append(_finding(exam_id, "reflex", "reflex", name, s, grade, n))
            n += 1


def _finding(
    exam_id: int, domain: str, modality: str, key: str, side: str, grade: int | str, n: int
) -> dict[str, Any]:
    return {"exam_id": exam_id, "domain": domain, "modality": modality, "key": key,
            "side": side, "grade": str(grade), "position": n}  # fmt: skip
