"""Who may do what: the one policy table, enforced in the services (the UI only hides).

Roles (CLINICAL practice in a dry-needling clinic):
- practitioner: charts, needles and signs their own sessions;
- manager: training, adverse events and reports, but not clinical notes;
- admin: users, clinic settings, backups and the audit log.
A user of any role who is linked to a practitioner also gets the practitioner's permissions
("unless they are also practitioners").
"""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    """Things a user may be allowed to do."""

    PATIENT_READ = "patient.read"  # patient list, search and demographics
    PATIENT_WRITE = "patient.write"  # register, edit, mark entered in error
    CHART_READ = "chart.read"  # clinical content: episodes, screenings, exams, sessions, outcomes
    CHART_WRITE = "chart.write"  # record clinical content, draft session notes
    NOTE_SIGN = "note.sign"  # sign one's own session notes and addenda
    DOCUMENT_EXPORT = "document.export"  # print or export patient documents
    ADVERSE_EVENTS_READ = "adverse_events.read"  # the clinic's adverse-event register
    # --- training (issue 6) ---
    ADVERSE_EVENTS_REPORT = "adverse_events.report"  # record the date reported to the regulator
    TRAINING_READ = "training.read"
    TRAINING_WRITE = "training.write"
    TRAINING_VERIFY = "training.verify"
    REPORTS_READ = "reports.read"  # clinic-level reports and dashboards
    CLINIC_SETTINGS = "clinic.settings"
    USERS_MANAGE = "users.manage"
    AUDIT_READ = "audit.read"
    BACKUP = "backup.run"
    # --- export of the whole clinic (issue 11) ---
    CLINIC_EXPORT = "clinic.export"  # every record at once: FHIR bundle, CSV tables (unencrypted)


P = Permission

POLICY: dict[str, frozenset[Permission]] = {
    "practitioner": frozenset(
        {
            P.PATIENT_READ,
            P.PATIENT_WRITE,
            P.CHART_READ,
            P.CHART_WRITE,
            P.NOTE_SIGN,
            P.DOCUMENT_EXPORT,
            P.TRAINING_READ,
        }
    ),
    "manager": frozenset(
        {
            P.PATIENT_READ,
            P.ADVERSE_EVENTS_READ,
            P.ADVERSE_EVENTS_REPORT,
            P.TRAINING_READ,
            P.TRAINING_WRITE,
            P.TRAINING_VERIFY,
            P.REPORTS_READ,
        }
    ),
    "admin": frozenset(
        {
            P.CLINIC_SETTINGS,
            P.USERS_MANAGE,
            P.AUDIT_READ,
            P.BACKUP,
            P.TRAINING_READ,
            P.CLINIC_EXPORT,  # the custodian of the clinic's data, who already holds its backups
        }
    ),
}


def permissions_for(role: str, *, is_practitioner: bool) -> frozenset[Permission]:
    """Return what a user with ``role`` may do (plus the practitioner's rights when linked)."""
    granted = POLICY.get(role, frozenset())
    return granted | POLICY["practitioner"] if is_practitioner else granted
