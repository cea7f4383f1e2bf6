"""The audit log in the database: every action recorded, the table refuses changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from factories import PASSWORD, make_patient
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from dnclinic.services.audit import AuditFilter

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from dnclinic.app_context import AppContext


def _remove_guard(s: Session, verb: str) -> None:
    """Take away the append-only trigger, as someone with the key (or the schema owner) could."""
    if s.get_bind().dialect.name == "sqlite":
        s.execute(text(f"DROP TRIGGER trg_audit_log_no_{verb}"))
    else:
        s.execute(text("ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only"))


def test_actions_and_chart_views_are_recorded(clinic_context: AppContext) -> None:
    p = make_patient(clinic_context, family_name="Watched")
    clinic_context.chart.overview(p.id)
    clinic_context.access.login("admin", PASSWORD)
    rows = clinic_context.audit.entries(AuditFilter(patient_mrn=p.details.mrn))
    assert [(r.action, r.username) for r in reversed(rows)] == [
        ("create", "tester"),
        ("chart_viewed", "tester"),
    ]
    assert clinic_context.audit.verify().ok


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log"]
)
def test_the_table_refuses_update_and_delete(app_context: AppContext, statement: str) -> None:
    with pytest.raises(DatabaseError, match="append-only"), app_context.db.write() as s:
        s.execute(text(statement))
    assert app_context.audit.verify().ok


def test_tampering_behind_the_triggers_is_detected(app_context: AppContext) -> None:
    make_patient(app_context)
    with app_context.db.write() as s:  # someone with the key drops the guard and edits a row
        _remove_guard(s, "update")
        s.execute(text("UPDATE audit_log SET username = 'nobody' WHERE id = 2"))
    report = app_context.audit.verify()
    assert not report.ok
    assert report.first_bad_id == 2


# The anchor (beside a clinic file; in the workstation's config folder for a server) catches a
# cut-off end. On a server the app role's grants refuse DELETE outright as well
# (tests/model/test_server_roles.py); only the schema owner could try.
def test_cutting_off_the_end_is_detected(app_context: AppContext) -> None:
    make_patient(app_context)
    with app_context.db.write() as s:
        _remove_guard(s, "delete")
        s.execute(text("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"))
    report = app_context.audit.verify()
    assert not report.ok
    assert "missing at the end" in report.problem


def test_exports_need_the_right_and_are_audited(clinic_context: AppContext) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from dnclinic.services.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        clinic_context.audit.export_csv()
    clinic_context.access.login("admin", PASSWORD)
    csv_text = clinic_context.audit.export_csv(AuditFilter(username="tester"))
    assert csv_text.splitlines()[0].startswith("id,at_utc,user,action")
    assert all(",tester," in line for line in csv_text.splitlines()[1:])
    pdf = clinic_context.audit.export_pdf(AuditFilter(), "Test Physio")
    page_text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Audit log — Test Physio" in page_text
    assert "Chain verification: intact" in page_text
    assert "permission_denied" in page_text  # the refused CSV export above
    actions = [r.action for r in clinic_context.audit.entries(AuditFilter(action="print_export"))]
    assert actions == ["print_export", "print_export"]
