"""The demo's showcase patient: ``DEMO-000001`` always has signed session notes (issue 8).

The README and the issue use ``dnclinic export note --patient DEMO-000001`` as the example, but
the demo charts only about one patient in five. After the charts are written, the first patient
is cleared for needling (screening without red flags or contraindications, written consent, an
open myofascial low-back episode when it has none) and charted with signed notes, from a random
generator of its own so that the rest of the demo stays as it was for the same seed.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select, update

from dnclinic.model.entities import Episode, NeedlingSession, Screening
from dnclinic.services.demo_charting import build_charts

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.orm import Session

SHOWCASE_SEED_OFFSET = 8_000_008
HIDDEN_TAGS = ("facet_mediated", "headache")  # the demo does not needle these episodes


def ensure_showcase_patient(
    s: Session,
    *,
    seed: int,
    first_patient: int,
    practitioner_ids: list[int],
    now: datetime,
    counts: dict[str, int],
) -> dict[str, int]:
    """Give the first demo patient signed session notes if the demo did not; return the counts.

    Args:
        s: the demo's unit of work (patients, episodes, screenings and charts written).
        seed: the demo's seed.
        first_patient: the id of ``DEMO-000001``.
        practitioner_ids: the demo practitioners.
        now: the demo's current time (UTC).
        counts: the charting counts so far (by table: exam, session, outcome, ae).
    """
    pid = first_patient
    signed = s.scalar(
        select(func.count()).where(
            NeedlingSession.patient_id == pid, NeedlingSession.status == "signed"
        )
    )
    if signed:
        return counts
    today = now.astimezone().date()
    s.execute(
        update(Screening)
        .where(Screening.patient_id == pid)
        .values(red_flags=[], contraindications=[], consent_type="written",
                consent_date=Screening.screened_on, consent_recorded_by_id=practitioner_ids[0])
    )  # fmt: skip
    usable = [
        tags for tags in s.scalars(
            select(Episode.tags).where(Episode.patient_id == pid, Episode.status == "open"))
        if not set(tags) & set(HIDDEN_TAGS)
    ]  # fmt: skip
    if not usable:
        s.execute(insert(Episode), [{
            "patient_id": pid, "region": "lumbar", "side": "left",
            "onset_date": today - timedelta(days=120), "diagnosis": "Myofascial low back pain",
            "tags": ["myofascial"], "status": "open", "closed_on": None,
            "entered_in_error_reason": "", "created_at": now, "updated_at": now,
            "created_by": "demo", "updated_by": "demo", "version_id": 1,
        }])  # fmt: skip
    more = build_charts(
        s, random.Random(seed + SHOWCASE_SEED_OFFSET), first_patient=pid, patients=1,
        practitioner_ids=practitioner_ids, now=now, share=1.0, drafts=False,
    )  # fmt: skip
    return {name: counts.get(name, 0) + more.get(name, 0) for name in {*counts, *more}}
