"""Rendering documents: a session note, a home-loading plan, the training report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from benchmarks.common import Result, measure, ms, spread
from dnclinic.clinical.training import CourseDetails
from dnclinic.demo import DEMO_PASSWORD
from dnclinic.services.practitioner_profiles import ProfileDetails

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext, Credentials

PRACTITIONERS = 200


def _practitioners(ctx: AppContext) -> None:
    """Bring the clinic to 200 practitioners, each with two courses in the ledger."""
    ctx.access.login("manager", DEMO_PASSWORD)
    have = len(ctx.profiles.profiles())
    for n in range(have, PRACTITIONERS):
        profile = ctx.profiles.save_profile(ProfileDetails("Bench", f"Practitioner {n:03d}")).value
        for title, hours in (("Dry Needling Course 1", 28), ("Dry Needling Course 2", 27)):
            ctx.training.add_entry(
                profile.id,
                CourseDetails(title, date(2025, 3, 1), date(2025, 3, 3),
                              in_person_hours=Decimal(hours), theory_hours=Decimal(hours) / 2,
                              hands_on_hours=Decimal(hours) / 2, provider="Bench Education"),
            )  # fmt: skip


def render_documents(ctx: AppContext, physio: Credentials) -> list[Result]:
    """Time the three documents the issue names, each rendered from the database."""
    patient = ctx.patients.find_by_mrn("DEMO-000001")
    assert patient is not None
    session_id = ctx.documents.latest_signed_session(patient.id)
    note = measure(lambda: ctx.documents.render_note(session_id), runs=7)
    plan = measure(lambda: ctx.documents.render_plan(patient.id), runs=7)
    _practitioners(ctx)
    report = measure(ctx.training_dashboard.report_pdf, runs=3)
    ctx.access.login(physio.username, physio.password)
    return [
        Result("render a session note (signed, from the database)", ms(note), spread(note),
               "< 250 ms", note.median_ms < 250),
        Result("render a home-loading plan (large print, drawings)", ms(plan), spread(plan),
               "< 400 ms", plan.median_ms < 400),
        Result(f"render the training report for {PRACTITIONERS} practitioners", ms(report),
               spread(report), "< 2000 ms", report.median_ms < 2000),
    ]  # fmt: skip
