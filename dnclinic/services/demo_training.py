"""The demo clinic's training ledgers, a few more adverse events, and regulator report dates.

Each demo practitioner gets a plausible ledger (Double E style 28 h courses, online theory,
an advanced course): some above the clinic's 60 h threshold, some under it or under Florida's
50 h in-person minimum; one with a corrected entry, some certificates missing and some entries
not yet verified. A few draft notes gain a significant adverse event, and most events older
than Florida's 15-day deadline get a report date, so the register shows some still waiting and
a couple overdue. Written with Core inserts: it adds well under a second to ``dnclinic demo``.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any

from reportlab.lib.pagesizes import A5, landscape
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, insert, select, update

from dnclinic.model.entities import (
    AdverseEvent,
    NeedlingSession,
    Practitioner,
    RegulatorReport,
    TrainingCertificate,
    TrainingEntry,
    TrainingVerification,
)

if TYPE_CHECKING:
    import random

    from sqlalchemy.orm import Session

DEMO_ACTOR = "demo"
MANAGER = ("manager", "Demo Clinic Manager")
D = Decimal

# (title, provider, in person, online, theory, hands-on, supervised sessions)
COURSES = {
    "dn1": ("Dry Needling Course 1", "Double E Education", 28, 0, 14, 14, 0),
    "dn2": ("Dry Needling Course 2", "Double E Education", 28, 0, 12, 16, 0),
    "dn3": ("Advanced Dry Needling (Course 3)", "Double E Education", 12, 0, 4, 8, 0),
    "web": ("Dry Needling Safety and Theory (online)", "Evidence in Motion", 0, 16, 16, 0, 0),
    "sup": ("Supervised clinical needling log", "Harbourside mentorship", 0, 0, 0, 0, 25),
    "ipt": (
        "Integrative Dry Needling Level 1",
        "Integrative Dry Needling Institute",
        27,
        0,
        13,
        14,
        0,
    ),
}
# Per practitioner: the courses, and which have no certificate / are not yet verified.
PLANS: tuple[tuple[tuple[str, ...], set[str], set[str]], ...] = (
    (("dn1", "dn2", "web", "sup"), set(), set()),  # Maria: 72 h, eligible
    (("dn1", "web"), set(), {"web"}),  # David: 44 h, under both
    (("dn1", "dn2", "dn3", "sup"), {"dn3"}, {"dn3"}),  # Aisha: 68 h, a certificate missing
    (("ipt", "dn1"), {"ipt"}, set()),  # Tom: 55 h, under the threshold
    (("dn1", "dn2", "dn3", "web", "sup"), set(), {"sup"}),  # Sofia: 84 h
    (("dn1",), {"dn1"}, {"dn1"}),  # Marcus: 28 h, new to needling
)


def _audit(now: datetime) -> dict[str, Any]:
    return {
        "created_at": now,
        "created_by": DEMO_ACTOR,
        "updated_at": now,
        "updated_by": DEMO_ACTOR,
    }


def certificate_pdf(name: str, title: str, provider: str, hours: int, ended: date) -> bytes:
    """Return a one-page certificate of completion (synthetic, for the demo)."""
    out = BytesIO()
    canvas = Canvas(out, pagesize=landscape(A5), invariant=True)
    width, height = landscape(A5)
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawCentredString(width / 2, height - 90, "Certificate of completion")
    canvas.setFont("Helvetica", 12)
    lines = (name, f"has completed {title}", f"{hours} contact hours — {provider}", f"{ended}")
    for i, text in enumerate(lines):
        canvas.drawCentredString(width / 2, height - 140 - 24 * i, text)
    canvas.setFont("Helvetica-Oblique", 8)
    canvas.drawCentredString(width / 2, 30, "Synthetic demo document")
    canvas.save()
    return out.getvalue()


def build_training(s: Session, rng: random.Random, *, now: datetime) -> dict[str, int]:
    """Write the demo ledgers, extra adverse events and report dates; return counts."""
    today = now.astimezone().date()
    people = list(s.scalars(select(Practitioner).order_by(Practitioner.id)))
    entries = 0
    for index, p in enumerate(people):
        plan, no_cert, unverified = PLANS[index % len(PLANS)]
        started_years = 1 + index % 4
        s.execute(
            update(Practitioner)
            .where(Practitioner.id == p.id)
            .values(needling_since=today - timedelta(days=365 * started_years + 30 * index))
        )
        for n, key in enumerate(plan):
            title, provider, in_person, online, theory, hands_on, supervised = COURSES[key]
            ended = today - timedelta(days=365 * started_years - 60 * n + rng.randint(0, 20))
            cert_id = None
            if key not in no_cert:
                pdf = certificate_pdf(p.display_name, title, provider, in_person + online, ended)
                cert_id = s.execute(
                    insert(TrainingCertificate).returning(TrainingCertificate.id),
                    [{"filename": f"{key}-{p.family_name.lower()}.pdf",
                      "media_type": "application/pdf", "size_bytes": len(pdf),
                      "sha256": hashlib.sha256(pdf).hexdigest(), "content": pdf, **_audit(now)}],
                ).scalar_one()  # fmt: skip
            values = {
                "practitioner_id": p.id, "corrects_id": None, "course_title": title,
                "provider": provider, "approving_body": "APTA Florida",
                "started_on": ended - timedelta(days=2), "ended_on": ended,
                "in_person_hours": D(in_person), "online_hours": D(online),
                "theory_hours": D(theory), "hands_on_hours": D(hands_on),
                "supervised_sessions": supervised, "regions": ["cervical", "lumbar", "shoulder"],
                "certificate_id": cert_id, "withdrawn": False, "reason": "", **_audit(now),
            }  # fmt: skip
            if index == 1 and key == "dn1":  # David's hours were first typed wrongly
                wrong = {**values, "in_person_hours": D(24), "theory_hours": D(10)}
                first = s.execute(insert(TrainingEntry).returning(TrainingEntry.id), [wrong])
                values["corrects_id"] = first.scalar_one()
                values["reason"] = "Certificate states 28 contact hours, not 24."
                entries += 1
            entry_id = s.execute(
                insert(TrainingEntry).returning(TrainingEntry.id), [values]
            ).scalar_one()
            entries += 1
            if key not in unverified:
                s.execute(
                    insert(TrainingVerification),
                    [{"entry_id": entry_id, "verified_by": MANAGER[0],
                      "verified_by_name": MANAGER[1],
                      "verified_at": now - timedelta(days=rng.randint(5, 200))}],
                )  # fmt: skip
    added = _more_adverse_events(s)
    reported = _report_dates(s, rng, today=today, now=now)
    return {"training_entries": entries, "ae": added, "reported": reported}


def _more_adverse_events(s: Session) -> int:
    """Add a significant event to a few draft notes (drafts have no digest to keep)."""
    drafts = list(
        s.execute(
            select(NeedlingSession.id, NeedlingSession.patient_id, NeedlingSession.revision)
            .where(NeedlingSession.status == "draft")
            .order_by(NeedlingSession.session_at.desc())
            .limit(3)
        )
    )
    picked = drafts[:3]  # the most recent: their reports are still due
    for sid, pid, rev in picked:
        taken = s.scalar(
            select(func.count()).where(AdverseEvent.session_id == sid, AdverseEvent.revision == rev)
        )
        s.execute(
            insert(AdverseEvent),
            [{"session_id": sid, "patient_id": pid, "revision": rev, "position": taken or 0,
              "event_type": "feeling_faint", "severity": "significant", "onset": "during",
              "action_taken": "Needles removed, supine, observed 20 min; recovered fully.",
              "reported_to_regulator_on": None}],
        )  # fmt: skip
    return len(picked)


def _report_dates(s: Session, rng: random.Random, *, today: date, now: datetime) -> int:
    """Give most events older than the 15-day deadline a report date; leave two overdue."""
    rows = list(
        s.execute(
            select(AdverseEvent.id, AdverseEvent.session_id, AdverseEvent.position,
                   NeedlingSession.session_at)
            .join(NeedlingSession, NeedlingSession.id == AdverseEvent.session_id)
            .where(AdverseEvent.revision == NeedlingSession.revision)
            .order_by(NeedlingSession.session_at.desc())
        )
    )  # fmt: skip
    old = [r for r in rows if r.session_at.astimezone().date() < today - timedelta(days=15)]
    reports = [
        {"session_id": r.session_id, "position": r.position, "adverse_event_id": r.id,
         "reported_on": min(today, r.session_at.astimezone().date()
                            + timedelta(days=rng.randint(2, 14))),
         "reference": f"FL-BPT-{r.id:05d}", **_audit(now)}
        for r in old[2:]  # the two most recent of them are overdue
    ]  # fmt: skip
    if reports:
        s.execute(insert(RegulatorReport), reports)
    return len(reports)
