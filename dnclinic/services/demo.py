"""A realistic synthetic clinic for trying the app, demonstrations and benchmarks.

Deterministic for a given seed and date. Record numbers are ``DEMO-000001``, ``DEMO-000002``...
so that scripts can find patients. Rows are written in bulk (Core ``executemany`` in batches)
inside one transaction, so 100,000 patients take seconds, not minutes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from dnclinic.clinical import vocab
from dnclinic.model.base import Base
from dnclinic.model.db import sync_id_sequences
from dnclinic.model.entities import Clinic, Episode, Patient, Practitioner, Screening
from dnclinic.model.search import fold
from dnclinic.services.demo_charting import build_charts
from dnclinic.services.demo_decisions import build_decisions
from dnclinic.services.demo_documents import ensure_showcase_patient
from dnclinic.services.demo_training import build_training

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database

BATCH = 5_000
DEMO_ACTOR = "demo"

GIVEN = [
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Amelia",
    "Oliver",
    "Sophia",
    "Elijah",
    "Charlotte",
    "James",
    "Ava",
    "Lucas",
    "Mia",
    "Mateo",
    "Isabella",
    "Henry",
    "Evelyn",
    "Theo",
    "Harper",
    "Leo",
    "Zoë",
    "Chloé",
    "José",
    "Renée",
    "Łukasz",
    "Søren",
    "Mónica",
    "Aoife",
    "Siobhán",
    "Nguyễn",
    "Priya",
    "Arjun",
    "Fatima",
    "Omar",
    "Yuki",
    "Hana",
    "Kwame",
    "Ama",
    "Thandiwe",
    "Diego",
    "Lucía",
    "Björn",
    "Ingrid",
    "François",
    "Anaïs",
    "Mehmet",
    "Ayşe",
    "Kai",
    "Leilani",
    "Grace",
    "Samuel",
    "Ruth",
    "Daniel",
    "Maya",
    "Ethan",
]
FAMILY = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Pérez",
    "Thompson",
    "White",
    "Harris",
    "Sánchez",
    "Clark",
    "Ramírez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "O'Brien",
    "Müller",
    "Østergaard",
    "Kowalski",
    "Dubois",
    "Novák",
    "Papadopoulos",
    "Okafor",
    "Mensah",
    "Tanaka",
    "Kim",
    "Patel",
    "Singh",
    "Haddad",
    "Cohen",
    "Fitzgerald",
    "MacLeod",
    "Björklund",
    "Jiménez",
    "Åberg",
]
STREETS = ("Harbour Rd", "Elm St", "Maple Ave", "Ocean Dr", "Park Ln", "Cedar Ct", "Lake View")
PRACTITIONERS = (
    ("Maria", "Alvarez", "PT-FL-20417"),
    ("David", "Chen", "PT-FL-31822"),
    ("Aisha", "Okoye", "PT-FL-27745"),
    ("Tom", "Brennan", "PT-FL-18090"),
    ("Sofia", "Lindqvist", "PT-FL-35561"),
    ("Marcus", "Reed", "PT-FL-40213"),
)
DIAGNOSES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "cervical": (
        ("Mechanical neck pain with upper trapezius trigger points", ("myofascial",)),
        ("C6 radiculopathy", ("radiculopathy",)),
        ("Cervicogenic headache", ("headache", "myofascial")),
    ),
    "thoracic": (("Thoracic myofascial pain", ("myofascial",)),),
    "lumbar": (
        ("Non-specific low back pain", ("myofascial",)),
        ("L5 radiculopathy", ("radiculopathy",)),
        ("Lumbar spondylosis", ("degenerative",)),
        ("Facet-mediated low back pain", ("facet_mediated",)),
    ),
    "pelvis_sacroiliac": (("Sacroiliac joint pain", ("myofascial",)),),
    "head_face": (
        ("Tension-type headache", ("headache",)),
        ("Temporomandibular pain", ("myofascial",)),
    ),
    "shoulder": (
        ("Rotator cuff related shoulder pain", ("tendinopathy", "myofascial")),
        ("Post-operative stiffness after cuff repair", ("post_surgical",)),
    ),
    "elbow": (("Lateral elbow tendinopathy", ("tendinopathy",)),),
    "wrist_hand": (("Forearm flexor myofascial pain", ("myofascial",)),),
    "hip": (("Greater trochanteric pain syndrome", ("tendinopathy", "myofascial")),),
    "knee": (
        ("Patellofemoral pain", ("myofascial",)),
        ("Patellar tendinopathy", ("tendinopathy",)),
        ("Knee osteoarthritis", ("degenerative",)),
    ),
    "ankle_foot": (
        ("Plantar heel pain", ("myofascial",)),
        ("Achilles tendinopathy", ("tendinopathy",)),
    ),
}
SIDED = {"shoulder", "elbow", "wrist_hand", "hip", "knee", "ankle_foot"}


class DemoError(Exception):
    """The demo clinic cannot be built here (the message says why)."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What :func:`build_demo` wrote."""

    patients: int
    practitioners: int
    episodes: int
    screenings: int
    # --- charting (issue 5) ---
    exams: int = 0
    sessions: int = 0
    outcome_scores: int = 0
    adverse_events: int = 0


def _audit(now: datetime) -> dict[str, Any]:
    return {
        "created_at": now,
        "created_by": DEMO_ACTOR,
        "updated_at": now,
        "updated_by": DEMO_ACTOR,
        "version_id": 1,
    }


def _pick_codes(rng: random.Random, rates: dict[str, float]) -> list[str]:
    return [code for code, rate in rates.items() if rng.random() < rate]


PRECAUTION_RATES = {
    "anticoagulants": 0.05,
    "bleeding_disorder": 0.01,
    "immunocompromised": 0.02,
    "diabetes": 0.08,
    "vascular_disease": 0.02,
    "metal_allergy": 0.02,
    "pacemaker_or_icd": 0.01,
    "epilepsy": 0.01,
}
CONTRAINDICATION_RATES = {
    "needle_phobia": 0.02,
    "lymphoedema_at_site": 0.005,
    "refuses_needling": 0.005,
}
RED_FLAG_RATES = {"unexplained_weight_loss": 0.005, "progressive_neuro_deficit": 0.004}


def _precautions(rng: random.Random, pregnant: bool) -> list[str]:
    chosen = set(_pick_codes(rng, PRECAUTION_RATES)) | ({"pregnancy"} if pregnant else set())
    return [c for c in vocab.PRECAUTIONS if c in chosen]


def _patient_rows(
    rng: random.Random, count: int, today: date, now: datetime
) -> Iterator[dict[str, Any]]:
    for n in range(1, count + 1):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        dob = today - timedelta(days=rng.randint(18 * 365, 88 * 365))
        yield {
            "mrn": f"DEMO-{n:06d}",
            "given_name": given,
            "family_name": family,
            "date_of_birth": dob,
            "sex": rng.choices(("female", "male", "other", "unknown"), (48, 48, 2, 2))[0],
            "phone": f"(305) 555-{rng.randint(0, 9999):04d}",
            "email": f"{fold(given)}.{fold(family).replace(chr(39), '')}{n}@example.com",
            "address": f"{rng.randint(1, 999)} {rng.choice(STREETS)}, Miami, FL",
            "emergency_contact_name": f"{rng.choice(GIVEN)} {family}",
            "emergency_contact_phone": f"(305) 555-{rng.randint(0, 9999):04d}",
            "notes": "",
            "status": "active",
            "entered_in_error_reason": "",
            "search_family": fold(family),
            "search_given": fold(given),
            **_audit(now),
        }


def _insert_batched(s: Session, table: Any, rows: Iterator[dict[str, Any]]) -> int:
    total = 0
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            s.execute(insert(table), batch)
            total += len(batch)
            batch = []
    if batch:
        s.execute(insert(table), batch)
        total += len(batch)
    return total


def build_demo(
    db: Database,
    *,
    patients: int,
    seed: int,
    now: datetime,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty clinic database with a synthetic clinic.

    Args:
        db: a migrated database with no patients.
        patients: how many patients to create.
        seed: the random seed; the same seed and date give the same clinic.
        now: the current time (UTC); dates are spread over the two years before it.
        progress: optional callback for progress lines.

    Raises:
        DemoError: the database already holds patients.
    """
    rng = random.Random(seed)
    today = now.astimezone().date()
    say = progress or (lambda _msg: None)
    with db.write() as s:
        if (s.scalar(select(func.count(Patient.id))) or 0) > 0:
            raise DemoError("This database already holds patients; choose a new file for the demo.")
        if s.scalar(select(Clinic.id)) is None:
            s.execute(
                insert(Clinic),
                [
                    {
                        "name": "Harbourside Physiotherapy & Dry Needling (demo)",
                        "address": "120 Harbour Rd, Suite 4\nMiami, FL 33131",
                        "phone": "(305) 555-0142",
                        "jurisdiction": "FL",
                        "training_threshold_hours": Decimal(60),
                        **_audit(now),
                    }
                ],
            )
        s.execute(
            insert(Practitioner),
            [
                {
                    "given_name": g,
                    "family_name": f,
                    "licence_number": lic,
                    "active": True,
                    **_audit(now),
                }
                for g, f, lic in PRACTITIONERS
            ],
        )
        practitioner_ids = list(s.scalars(select(Practitioner.id)))
        say(f"writing {patients} patients")
        _insert_batched(s, Patient.__table__, _patient_rows(rng, patients, today, now))
        first_id = s.scalar(select(func.min(Patient.id))) or 1
        say("writing episodes and screenings")
        episodes = _insert_batched(
            s, Episode.__table__, _episode_rows(rng, first_id, patients, today, now)
        )
        # Pregnancy only where plausible: about 4% of women aged 18 to 45.
        young_women = s.scalars(
            select(Patient.id).where(
                Patient.sex == "female", Patient.date_of_birth > today - timedelta(days=45 * 365)
            )
        )
        pregnant = {pid for pid in young_women if rng.random() < 0.04}
        rows = _screening_rows(rng, first_id, patients, today, now, practitioner_ids, pregnant)
        screenings = _insert_batched(s, Screening.__table__, rows)
        say("writing exams, sessions and outcome scores")
        charts = build_charts(
            s, rng, first_patient=first_id, patients=patients,
            practitioner_ids=practitioner_ids, now=now,
        )  # fmt: skip
        sync_id_sequences(s.connection(), Base.metadata.sorted_tables)  # explicit ids above
        # --- documents (issue 8): DEMO-000001 always has signed notes to print ---
        charts = ensure_showcase_patient(
            s, seed=seed, first_patient=first_id, practitioner_ids=practitioner_ids, now=now,
            counts=charts,
        ) if patients else charts  # fmt: skip
        build_decisions(s, rng, first_patient=first_id, patients=patients, now=now)  # issue 7
        # The charts and decisions were written with explicit ids; a server's id sequences
        # must move past them before anything else is inserted (issue 11).
        sync_id_sequences(s.connection(), Base.metadata.sorted_tables)
        build_training(s, rng, now=now)  # training ledgers, more adverse events (issue 6)
    return DemoSummary(
        patients, len(PRACTITIONERS), episodes, screenings,
        charts["exam"], charts["session"], charts["outcome"], charts["ae"],
    )  # fmt: skip


def _episode_rows(
    rng: random.Random, first_id: int, count: int, today: date, now: datetime
) -> Iterator[dict[str, Any]]:
    regions = list(DIAGNOSES)
    weights = [6 if r in ("lumbar", "cervical") else 2 for r in regions]
    for pid in range(first_id, first_id + count):
        for index in range(rng.choices((1, 2), (85, 15))[0]):
            region = rng.choices(regions, weights)[0]
            diagnosis, tags = rng.choice(DIAGNOSES[region])
            onset = today - timedelta(days=rng.randint(3, 720))
            closed = index > 0 or rng.random() < 0.2
            yield {
                "patient_id": pid,
                "region": region,
                "side": rng.choice(("left", "right")) if region in SIDED else "midline",
                "onset_date": onset,
                "diagnosis": diagnosis,
                "tags": list(tags),
                "status": "closed" if closed else "open",
                "closed_on": min(today, onset + timedelta(days=rng.randint(30, 120)))
                if closed
                else None,
                "entered_in_error_reason": "",
                **_audit(now),
            }


def _screening_rows(
    rng: random.Random,
    first_id: int,
    count: int,
    today: date,
    now: datetime,
    practitioner_ids: list[int],
    pregnant: set[int],
) -> Iterator[dict[str, Any]]:
    for pid in range(first_id, first_id + count):
        screened = today - timedelta(days=rng.randint(0, 365))
        consent = rng.choices(("written", "verbal", "none"), (85, 10, 5))[0]
        yield {
            "patient_id": pid,
            "episode_id": None,
            "screened_on": screened,
            "red_flags": [c for c in vocab.RED_FLAGS if c in _pick_codes(rng, RED_FLAG_RATES)],
            "contraindications": [
                c for c in vocab.CONTRAINDICATIONS if c in _pick_codes(rng, CONTRAINDICATION_RATES)
            ],
            "precautions": _precautions(rng, pid in pregnant),
            "consent_type": consent,
            "consent_date": screened if consent != "none" else None,
            "consent_recorded_by_id": rng.choice(practitioner_ids) if consent != "none" else None,
            "notes": "",
            "status": "valid",
            "entered_in_error_reason": "",
            **_audit(now),
        }
