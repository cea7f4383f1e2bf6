"""The demo clinic's decisions and home-loading plans (issue 7).

About one patient in eight with an open episode and a screening has had the decision wizard run:
the case comes from the charted episode and screening (with demo training hours per practitioner,
one of them under the 60-hour threshold so that ``defer`` appears), the engine decides, and a
``needle`` verdict gets a home-loading plan from the exercise library. A few ``do_not_needle``
verdicts carry a practitioner's override with its reason. Core inserts in batches: fast at
100,000 patients.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from dnclinic.clinical.case import Case
from dnclinic.clinical.chronicity import chronicity
from dnclinic.clinical.decision import evaluate
from dnclinic.model.entities import Decision, Episode, HomePlan, Patient, Practitioner, Screening
from dnclinic.services.plans import plan_from_loading

if TYPE_CHECKING:
    import random

    from sqlalchemy.orm import Session

SHARE_DECIDED = 0.125
DEMO_HOURS = (120, 85, 45, 200, 70, 150)  # per practitioner, in order; 45 h is under 60
OVERRIDE_REASON = "Patient declined injections; 4-session trial with loading agreed and reviewed."


def build_decisions(
    s: Session, rng: random.Random, *, first_patient: int, patients: int, now: datetime
) -> dict[str, int]:
    """Write decisions (and plans for ``needle``) for a share of the demo patients."""
    today = now.astimezone().date()
    last = first_patient + patients - 1
    people = select(Practitioner.id, Practitioner.given_name, Practitioner.family_name)
    practitioners = list(s.execute(people.order_by(Practitioner.id)))
    if not practitioners:
        return {"decision": 0, "plan": 0}
    screenings: dict[int, tuple[Any, ...]] = {}
    for row in s.execute(
        select(Screening.patient_id, Screening.screened_on, Screening.red_flags,
               Screening.contraindications, Screening.precautions, Screening.consent_type)
        .where(Screening.patient_id.between(first_patient, last))
        .order_by(Screening.screened_on, Screening.id)
    ):  # fmt: skip
        screenings[row[0]] = tuple(row[1:])  # the newest wins
    in_demo = Patient.id.between(first_patient, last)
    births = {
        pid: dob for pid, dob in s.execute(select(Patient.id, Patient.date_of_birth).where(in_demo))
    }
    ids = {"decision": s.scalar(select(func.max(Decision.id))) or 0,
           "plan": s.scalar(select(func.max(HomePlan.id))) or 0}  # fmt: skip
    rows: dict[str, list[dict[str, Any]]] = {"decision": [], "plan": []}
    seen: set[int] = set()
    for eid, pid, region, tags, onset in s.execute(
        select(Episode.id, Episode.patient_id, Episode.region, Episode.tags, Episode.onset_date)
        .where(Episode.patient_id.between(first_patient, last), Episode.status == "open")
        .order_by(Episode.id)
    ):
        if pid in seen or pid not in screenings or rng.random() >= SHARE_DECIDED:
            continue
        seen.add(pid)
        screened_on, red, contra, precautions, consent = screenings[pid]
        index = rng.randrange(len(practitioners))
        prac_id, given, family = practitioners[index]
        dob = births.get(pid)
        age = (
            None
            if dob is None
            else today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
        )
        case = Case.from_dict({
            "region": region, "chronicity": chronicity(onset, today), "tags": list(tags),
            "trigger_points_identified": "myofascial" in tags or rng.random() < 0.6,
            "failed_conservative_care": rng.random() < 0.85,
            "understands_short_term_benefit": True, "consent_recorded": consent != "none",
            "practitioner_training_hours": DEMO_HOURS[index % len(DEMO_HOURS)],
            "baseline_pain": rng.randint(3, 8), "age": age, "red_flags": list(red),
            "contraindications": list(contra), "precautions": list(precautions),
        })  # fmt: skip
        rec = evaluate(case)
        day = max(screened_on, onset)
        at = datetime.combine(min(day + timedelta(days=1), today), time(14), UTC)
        overridden = rec.verdict == "do_not_needle" and rng.random() < 0.3
        ids["decision"] += 1
        audit = {"created_at": at, "updated_at": at, "created_by": "demo", "updated_by": "demo",
                 "version_id": 1}  # fmt: skip
        rows["decision"].append({
            "id": ids["decision"], "patient_id": pid, "episode_id": eid,
            "practitioner_id": prac_id, "practitioner_name": f"{given} {family}",
            "decided_at": at, "case": case.to_dict(), "recommendation": rec.to_dict(),
            "rule_set_version": rec.rule_set_version, "verdict": rec.verdict,
            "overridden": overridden, "override_reason": OVERRIDE_REASON if overridden else "",
            "status": "valid", "entered_in_error_reason": "", **audit,
        })  # fmt: skip
        if rec.verdict == "needle" or overridden:
            plan = plan_from_loading(region)
            ids["plan"] += 1
            rows["plan"].append({
                "id": ids["plan"], "patient_id": pid, "decision_id": ids["decision"],
                "session_id": None, "region": region,
                "exercises": [e.to_dict() for e in plan.exercises], "rir_min": plan.rir_min,
                "rir_max": plan.rir_max, "sessions_per_week": plan.sessions_per_week,
                "notes": "", "status": "active", **audit,
            })  # fmt: skip
    tables: tuple[tuple[str, Any], ...] = (
        ("decision", Decision.__table__),
        ("plan", HomePlan.__table__),
    )
    for name, table in tables:
        for i in range(0, len(rows[name]), 5000):
            s.execute(insert(table), rows[name][i : i + 5000])
    return {name: len(batch) for name, batch in rows.items()}
