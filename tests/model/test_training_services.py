"""Training services on a real SQLite file.

Totals, the threshold rule, corrections, certificates,
verification, jurisdiction rules, the adverse-event register and its reporting deadline.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from conftest import FIXED_NOW
from factories import as_user
from pypdf import PdfReader
from sqlalchemy import select
from training_factories import (
    PDF_BYTES,
    PNG_BYTES,
    add_manager,
    course,
    practitioner_id,
    session_with_event,
)

from dnclinic.clinical.training import TrainingRule
from dnclinic.model.entities import AuditEntry, TrainingEntry
from dnclinic.services.adverse_events import AdverseEventFilter
from dnclinic.services.errors import PermissionDenied, ServiceError, ValidationFailed
from dnclinic.services.training import NewCertificate
from dnclinic.services.training_dashboard import to_csv

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

D = Decimal


@pytest.fixture
def manager(clinic_context: AppContext) -> AppContext:
    """The clinic (Florida, threshold 60 h) with a manager account "boss"."""
    add_manager(clinic_context)
    return clinic_context


def test_hour_totals_by_kind(manager: AppContext) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    with as_user(manager, "boss"):
        manager.training.add_entry(maria, course(28, supervised_sessions=10))
        manager.training.add_entry(
            maria,
            course(
                "12.5", course_title="Online theory", in_person_hours=D(0),
                online_hours=D("12.5"), theory_hours=D("12.5"), hands_on_hours=D(0),
            ),
        )  # fmt: skip
        totals = manager.training.hour_totals(maria)
        assert manager.training.total_hours(maria) == D("40.5")
    assert (totals.in_person, totals.online) == (D(28), D("12.5"))
    assert (totals.theory, totals.hands_on) == (D("26.5"), D(14))
    assert (totals.supervised_sessions, totals.courses) == (10, 2)


def test_hours_must_split_consistently(manager: AppContext) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    with as_user(manager, "boss"), pytest.raises(ValidationFailed) as err:
        manager.training.add_entry(maria, course(28, hands_on_hours=D(20)))
    assert [i.field for i in err.value.issues] == ["hands_on_hours"]


@pytest.mark.parametrize(
    ("hours", "threshold_met", "minimum_met", "status"),
    [
        ("49.9", False, False, "under threshold and minimum"),
        ("50", False, True, "under threshold"),
        ("60", False, True, "under threshold"),  # strictly MORE than 60 is required
        ("60.1", True, True, "eligible (conditions open)"),  # FL also needs 25 supervised
    ],
)
def test_threshold_rule_strictly_more_and_at_least_the_minimum(
    manager: AppContext, hours: str, threshold_met: bool, minimum_met: bool, status: str
) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    with as_user(manager, "boss"):
        manager.training.add_entry(maria, course(hours))
        e = manager.training.eligibility(maria)
    assert (e.meets_threshold, e.meets_minimum, e.eligible) == (
        threshold_met, minimum_met, threshold_met and minimum_met,
    )  # fmt: skip
    assert e.jurisdiction_minimum_hours == D(50)  # Florida (CLINICAL_REFERENCE 7.2)
    assert e.status == status
    short_in_person = {"in_person"} if D(hours) < 50 else set()
    assert {c.code for c in e.conditions if not c.met} == {"supervised_sessions"} | short_in_person


def test_jurisdiction_minimum_above_the_threshold_is_applied(manager: AppContext) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    with as_user(manager, "boss"):
        profile = next(p for p in manager.profiles.profiles() if p.id == maria)
        details = profile.details
        manager.profiles.save_profile(replace(details, jurisdiction="MD"), maria)
        manager.training.add_entry(maria, course(70))
        e = manager.training.eligibility(maria)
    assert e.meets_threshold
    assert not e.meets_minimum
    assert e.jurisdiction == "MD"
    assert e.status == "under jurisdiction minimum"
    assert any("80" in r for r in e.reasons)


def test_utah_hours_are_shown_as_unconfirmed(manager: AppContext) -> None:
    with as_user(manager, "boss"):
        rule = manager.training.rule("UT")
    assert rule.minimum_hours is None
    assert rule.supervised_sessions == 250
    assert rule.evidence == "UNCONFIRMED"
    assert rule.describe_minimum() == "hours UNCONFIRMED"


def test_corrections_replace_and_keep_the_original(manager: AppContext) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    with as_user(manager, "boss"):
        first = manager.training.add_entry(maria, course(28)).value
        fixed = manager.training.correct_entry(first.id, course(32), "Certificate says 32 h").value
        with pytest.raises(ServiceError, match="already corrected"):
            manager.training.correct_entry(first.id, course(30), "again")
        assert manager.training.total_hours(maria) == D(32)
        manager.training.withdraw_entry(fixed.id, "Course was never attended")
        assert manager.training.total_hours(maria) == D(0)
        ledger = manager.training.entries(maria)
    assert [(r.corrects_id, r.current) for r in ledger] == [
        (None, False), (first.id, False), (fixed.id, False),
    ]  # fmt: skip
    assert ledger[0].course.in_person_hours == D(28)  # the original is untouched
    assert ledger[2].withdrawn
    assert ledger[2].reason == "Course was never attended"
    with manager.db.read() as s:
        assert len(s.scalars(select(TrainingEntry)).all()) == 3


def test_certificate_round_trip(manager: AppContext) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    with as_user(manager, "boss"):
        row = manager.training.add_entry(
            maria, course(28), NewCertificate("course1.pdf", PDF_BYTES)
        ).value
        assert row.certificate is not None
        stored = manager.training.certificate(row.certificate.id)
        png = manager.training.correct_entry(
            row.id, course(28), "Clearer scan", NewCertificate("scan.png", PNG_BYTES)
        ).value
        kept = manager.training.correct_entry(png.id, course(29), "Hours").value
        with pytest.raises(ValidationFailed, match="PDF, PNG or JPEG"):
            manager.training.add_entry(maria, course(10), NewCertificate("x.txt", b"hello"))
    assert stored.content == PDF_BYTES
    assert stored.info.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert (stored.info.media_type, stored.info.filename) == ("application/pdf", "course1.pdf")
    assert png.certificate is not None
    assert png.certificate.media_type == "image/png"
    assert kept.certificate == png.certificate  # carried over by a correction


def test_verification_is_audited_and_not_of_ones_own_training(manager: AppContext) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    with as_user(manager, "boss"):
        entry = manager.training.add_entry(maria, course(28)).value
        verified = manager.training.verify_entry(entry.id).value
        with pytest.raises(ServiceError, match="already verified"):
            manager.training.verify_entry(entry.id)
        manager.services.actor.practitioner_id = maria  # a manager who also needles
        own = manager.training.add_entry(maria, course(10)).value
        with pytest.raises(ServiceError, match="another manager"):
            manager.training.verify_entry(own.id)
    assert verified.verified_by == "Bea Boss"
    assert verified.verified_at == FIXED_NOW
    with manager.db.read() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "training_entry"))
        assert "training_verify" in list(actions)
    with pytest.raises(PermissionDenied):  # the logged-in practitioner may only read
        manager.training.verify_entry(entry.id)


def test_the_clinic_can_edit_its_jurisdiction_rule(manager: AppContext) -> None:
    with as_user(manager, "admin"):
        manager.training.save_rule(TrainingRule("FL", D(55), "confirmed", ae_report_days=10))
        assert manager.training.rule("FL").minimum_hours == D(55)
        with pytest.raises(ValidationFailed):
            manager.training.save_rule(TrainingRule("FL", D(-1)))


def test_regulator_reporting_deadline(manager: AppContext) -> None:
    as_tess = session_with_event(manager, "significant")
    older = session_with_event(manager, "mild", session_at=FIXED_NOW - timedelta(days=20))
    with as_user(manager, "boss"):
        events = manager.adverse_events.register()
        assert [e.session_id for e in events] == [as_tess.id, older.id]
        recent, late = events
        assert recent.deadline.due_on == recent.session_on + timedelta(days=15)  # Florida
        assert recent.deadline.needs_report
        assert not recent.deadline.overdue
        assert late.deadline.overdue
        with pytest.raises(ValidationFailed):
            manager.adverse_events.record_report(older.id, 0, FIXED_NOW.date() + timedelta(1))
        saved = manager.adverse_events.record_report(older.id, 0, FIXED_NOW.date(), "FL-123")
        assert saved.value.reported_on == FIXED_NOW.date()
        assert not saved.value.deadline.needs_report
        waiting = manager.adverse_events.register(AdverseEventFilter(needing_report_only=True))
        assert [e.session_id for e in waiting] == [as_tess.id]
        mild = manager.adverse_events.register(AdverseEventFilter(severity="mild"))
        assert [e.session_id for e in mild] == [older.id]
        since = FIXED_NOW.date() - timedelta(days=5)
        assert len(manager.adverse_events.register(AdverseEventFilter(since=since))) == 1
    # The signed note still verifies: the report date was not written into it.
    assert manager.sessions.verify(older.id).unaltered


def test_dashboard_rows_csv_and_report(manager: AppContext) -> None:
    tess = manager.services.actor.practitioner_id
    assert tess is not None
    session_with_event(manager, "significant")
    with as_user(manager, "boss"):
        manager.training.add_entry(tess, course(64), NewCertificate("c.pdf", PDF_BYTES))
        rows = manager.training_dashboard.rows()
        text = manager.training_dashboard.export_csv(rows)
        pdf = manager.training_dashboard.report_pdf()
    by_name = {r.name: r for r in rows}
    tess_row = by_name["Tess Tester"]
    assert tess_row.eligibility.meets_threshold
    assert tess_row.missing_certificates == 0
    assert tess_row.unverified == 1
    assert tess_row.sessions_recent == 1
    assert tess_row.rate("significant") == D(100)
    assert by_name["Maria Alvarez"].eligibility.status == "under threshold and minimum"
    assert text == to_csv(rows)
    assert text.splitlines()[0].startswith("Practitioner,State,Total h")
    page_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Practitioner training" in page_text
    assert "Tess Tester" in page_text
    assert "Clinic totals" in page_text
