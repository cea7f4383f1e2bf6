"""Role-by-action matrix over every service method: the services enforce the policy table.

Every public method of every service on the AppContext must be listed in REQUIRED, with the
permission it needs (or None and a reason). For each role, a call either succeeds past the
permission check or is refused with PermissionDenied, exactly as POLICY says, and every refusal
is written to the audit log.
"""

from __future__ import annotations

import inspect
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from factories import patient_details
from sqlalchemy import func, select

from dnclinic.model.entities import AuditEntry
from dnclinic.services.clinic import ClinicDetails
from dnclinic.services.episodes import EpisodeDetails, ScreeningDetails
from dnclinic.services.errors import PermissionDenied
from dnclinic.services.policy import Permission, permissions_for
from dnclinic.services.users import NewUser

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

P = Permission
EXEMPT = None  # authentication, session handling and the log's own bookkeeping

REQUIRED: dict[str, Permission | None] = {
    "PatientService.search_ids": P.PATIENT_READ,
    "PatientService.rows": P.PATIENT_READ,
    "PatientService.search": P.PATIENT_READ,
    "PatientService.search_page": P.PATIENT_READ,
    "PatientService.get": P.PATIENT_READ,
    "PatientService.find_by_mrn": P.PATIENT_READ,
    "PatientService.count": P.PATIENT_READ,
    "PatientService.suggest_mrn": P.PATIENT_READ,
    "PatientService.validate": P.PATIENT_WRITE,
    "PatientService.create": P.PATIENT_WRITE,
    "PatientService.update": P.PATIENT_WRITE,
    "PatientService.mark_entered_in_error": P.PATIENT_WRITE,
    "PatientService.today": EXEMPT,  # the date, nothing more
    # The patient list's queries alone (PatientService inherits them).
    "PatientSearchService.search_ids": P.PATIENT_READ,
    "PatientSearchService.rows": P.PATIENT_READ,
    "PatientSearchService.search": P.PATIENT_READ,
    "PatientSearchService.search_page": P.PATIENT_READ,
    "PatientSearchService.count": P.PATIENT_READ,
    "PatientSearchService.today": EXEMPT,  # the date, nothing more
    "ClinicTitleService.name": EXEMPT,  # the window title, before anyone may read details
    "EpisodeService.episodes": P.CHART_READ,
    "EpisodeService.screenings": P.CHART_READ,
    "EpisodeService.latest_screening": P.CHART_READ,
    "EpisodeService.add_episode": P.CHART_WRITE,
    "EpisodeService.close_episode": P.CHART_WRITE,
    "EpisodeService.record_screening": P.CHART_WRITE,
    "ChartService.overview": P.CHART_READ,
    "ExamService.exams": P.CHART_READ,
    "ExamService.get": P.CHART_READ,
    "ExamService.latest": P.CHART_READ,
    "ExamService.record": P.CHART_WRITE,
    "ExamService.mark_entered_in_error": P.CHART_WRITE,
    "SessionService.sessions": P.CHART_READ,
    "SessionService.get": P.CHART_READ,
    "SessionService.last_content": P.CHART_READ,
    "SessionService.recent_muscles": P.CHART_READ,
    "SessionService.precautions": P.CHART_READ,
    "SessionService.verify": P.CHART_READ,
    "SessionService.create": P.CHART_WRITE,
    "SessionService.update": P.CHART_WRITE,
    "SessionService.sign": P.NOTE_SIGN,
    "SessionService.add_addendum": P.NOTE_SIGN,
    "OutcomeService.scores": P.CHART_READ,
    "OutcomeService.get": P.CHART_READ,
    "OutcomeService.instruments_used": P.CHART_READ,
    "OutcomeService.trend": P.CHART_READ,
    "OutcomeService.record": P.CHART_WRITE,
    "OutcomeService.mark_entered_in_error": P.CHART_WRITE,
    "DraftService.pending": P.CHART_READ,
    "DraftService.save": P.CHART_WRITE,
    "DraftService.discard": P.CHART_WRITE,
    "TimelineService.timeline": P.CHART_READ,
    # --- documents (issue 8) ---
    "DocumentService.render_note": P.CHART_READ,
    "DocumentService.render_plan": P.CHART_READ,
    "DocumentService.render_stored_plan": P.CHART_READ,
    "DocumentService.render_progress": P.CHART_READ,
    "DocumentService.latest_signed_session": P.CHART_READ,
    "DocumentService.documents": P.CHART_READ,
    "DocumentService.archived_copy": P.CHART_READ,
    "DocumentService.archive": P.DOCUMENT_EXPORT,
    "DocumentService.reprint": P.DOCUMENT_EXPORT,
    # --- decision wizard (issue 7) ---
    "DecisionService.prefill": P.CHART_READ,
    "DecisionService.get": P.CHART_READ,
    "DecisionService.decisions": P.CHART_READ,
    "DecisionService.record": P.CHART_WRITE,
    "PlanService.get": P.CHART_READ,
    "PlanService.plans": P.CHART_READ,
    "PlanService.latest": P.CHART_READ,
    "PlanService.create": P.CHART_WRITE,
    "PlanService.update": P.CHART_WRITE,
    "ClinicService.get": EXEMPT,  # the clinic's name and address (letterhead, login screen)
    "ClinicService.practitioners": EXEMPT,  # names for pickers
    "ClinicService.save": P.CLINIC_SETTINGS,
    "ClinicService.add_practitioner": P.CLINIC_SETTINGS,
    "UserService.list_users": P.USERS_MANAGE,
    "UserService.create_user": P.USERS_MANAGE,
    "UserService.set_role": P.USERS_MANAGE,
    "UserService.set_active": P.USERS_MANAGE,
    "UserService.reset_password": P.USERS_MANAGE,
    "UserService.set_practitioner": P.USERS_MANAGE,
    "UserService.count": EXEMPT,
    "UserService.change_own_password": EXEMPT,  # checks the old password instead
    "UserService.recover_password": EXEMPT,  # only reachable with the recovery key
    "AuditService.login_failures": EXEMPT,  # the server back-off, read before login
    "AccessService.become": EXEMPT,
    "AccessService.check_backoff": EXEMPT,
    "AccessService.fail": EXEMPT,
    "AccessService.flush_pending_failures": EXEMPT,
    "AccessService.lock": EXEMPT,
    "AccessService.login": EXEMPT,
    "AccessService.logout": EXEMPT,
    "AccessService.unlock": EXEMPT,
    "AuditService.entries": P.AUDIT_READ,
    "AuditService.export_csv": P.AUDIT_READ,
    "AuditService.export_pdf": P.AUDIT_READ,
    "AuditService.record": EXEMPT,  # every action writes its own entry
    "AuditService.record_now": EXEMPT,
    "AuditService.verify": EXEMPT,  # runs at start-up for everyone
    "AuditService.count": EXEMPT,
    "AuditService.anchor": EXEMPT,  # where the chain must reach; reveals nothing
    "BackupService.back_up": P.BACKUP,
    "BackupService.backups": P.BACKUP,
    "BackupService.restore": P.BACKUP,
    "BackupService.back_up_scheduled": EXEMPT,  # the system, on behalf of whoever is logged in
    "BackupService.last_backup_at": EXEMPT,  # a time, for the scheduler
    "BackupService.verify": EXEMPT,  # check names and verdicts, like the audit check at start-up
    # --- training (issue 6) ---
    "ProfileService.profiles": P.TRAINING_READ,
    "ProfileService.save_profile": P.TRAINING_WRITE,
    "TrainingService.entries": P.TRAINING_READ,
    "TrainingService.add_entry": P.TRAINING_WRITE,
    "SessionService.mark_entered_in_error": P.CHART_WRITE,
    "TrainingService.correct_entry": P.TRAINING_WRITE,
    "TrainingService.withdraw_entry": P.TRAINING_WRITE,
    "TrainingService.certificate": P.TRAINING_READ,
    "TrainingService.verify_entry": P.TRAINING_VERIFY,
    "TrainingService.hour_totals": P.TRAINING_READ,
    "TrainingService.total_hours": P.TRAINING_READ,
    "TrainingService.eligibility": P.TRAINING_READ,
    "TrainingService.rule": P.TRAINING_READ,
    "TrainingService.save_rule": P.CLINIC_SETTINGS,
    "TrainingDashboardService.rows": P.REPORTS_READ,
    "TrainingDashboardService.export_csv": P.REPORTS_READ,
    "TrainingDashboardService.report_pdf": P.REPORTS_READ,
    "AdverseEventService.register": P.ADVERSE_EVENTS_READ,
    "AdverseEventService.record_report": P.ADVERSE_EVENTS_REPORT,
    # --- export (issue 11) ---
    "CsvExportService.export": P.CLINIC_EXPORT,
    "FhirExportService.export_patient": P.DOCUMENT_EXPORT,  # one record, like its documents
    "FhirExportService.export_clinic": P.CLINIC_EXPORT,  # every record at once: admins
    # --- clinic server (issue 11) ---
    "ServerTransferService.copy_to_server": P.BACKUP,  # moving the clinic is an admin's job
    "PresenceService.hold": P.CHART_WRITE,
    "PresenceService.release": P.CHART_WRITE,
    "PresenceService.others": P.CHART_READ,
}

ROLES = {
    "practitioner": ("practitioner", 1),
    "manager": ("manager", None),
    "manager who also needles": ("manager", 1),
    "admin": ("admin", None),
}


def service_methods(ctx: AppContext) -> dict[str, Any]:
    found = {}
    for name in dir(ctx):  # built services and those built on first use alike
        if name.startswith("_") or callable(getattr(type(ctx), name, None)):
            continue
        service = getattr(ctx, name)
        cls = type(service)
        if not cls.__name__.endswith("Service"):
            continue
        for attr, member in inspect.getmembers(cls):
            if attr.startswith("_") or isinstance(member, property) or not callable(member):
                continue
            found[f"{cls.__name__}.{attr}"] = getattr(service, attr)
    return found


def dummy(annotation: str) -> Any:
    """A plausible argument for a parameter of this type (the check comes before any use)."""
    table: list[tuple[str, Any]] = [
        ("PatientDetails", patient_details()),
        ("EpisodeDetails", EpisodeDetails("lumbar", date(2026, 1, 1))),
        ("ScreeningDetails", ScreeningDetails(date(2026, 1, 1))),
        ("ClinicDetails", ClinicDetails("X", training_threshold_hours=Decimal(60))),
        ("NewUser", NewUser("someone", "Some One", "practitioner", "long enough password")),
        ("Sequence[int]", [1]),
        ("Session", None),
        ("UserRow", None),
        ("AuditFilter", None),
        ("bool", True),
        ("int", 1),
        ("str", "x"),
    ]
    return next((value for key, value in table if key in annotation), None)


def call(method: Any) -> None:
    params = [
        p for p in inspect.signature(method).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind is not p.VAR_KEYWORD
    ]  # fmt: skip
    method(*[dummy(str(p.annotation)) for p in params])


def denied_count(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        stmt = select(func.count()).where(AuditEntry.action == "permission_denied")
        return int(s.scalar(stmt) or 0)


def test_every_service_method_is_classified(app_context: AppContext) -> None:
    assert set(service_methods(app_context)) == set(REQUIRED)


@pytest.mark.parametrize("role", list(ROLES))
def test_matrix_matches_the_policy_table(app_context: AppContext, role: str) -> None:
    actor = app_context.services.actor
    for name, method in sorted(service_methods(app_context).items()):
        needed = REQUIRED[name]
        if needed is None or name.startswith("AccessService"):
            continue
        actor.role, actor.practitioner_id = ROLES[role]
        actor.logged_in = True
        allowed = needed in permissions_for(
            actor.role, is_practitioner=actor.practitioner_id is not None
        )
        before = denied_count(app_context)
        outcome: Exception | None = None
        try:
            call(method)
        except Exception as exc:  # noqa: BLE001 - past the check, dummy arguments may fail
            outcome = exc
        if isinstance(outcome, PermissionDenied):
            assert not allowed, f"{role} was refused {name}"
            assert outcome.permission == needed, name
            assert denied_count(app_context) == before + 1, f"refusal of {name} not audited"
        else:
            assert allowed, f"{role} reached {name} without {needed}"


def test_a_locked_session_may_do_nothing(app_context: AppContext) -> None:
    app_context.access.lock()
    for name, method in service_methods(app_context).items():
        if REQUIRED[name] is None:
            continue
        with pytest.raises(PermissionDenied):
            call(method)
