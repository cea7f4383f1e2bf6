"""The manager's training dashboard: one row per practitioner, its CSV export and the PDF report.

Each row: training hours by kind, status against the clinic's threshold and the jurisdiction's
minimum, missing or unverified certificates, sessions in the last 90 days, and adverse events
per 100 sessions by severity. The columns are declared once (:data:`COLUMNS`): the Qt table,
the CSV export and the command line all show the same text.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from dnclinic.clinical.jurisdictions import jurisdiction_label
from dnclinic.clinical.training import Eligibility, HourTotals, current_lines, evaluate, hour_totals
from dnclinic.model.entities import AdverseEvent, Clinic, NeedlingSession, Practitioner
from dnclinic.services.adverse_events import SEVERITIES
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.policy import Permission
from dnclinic.services.training_store import (
    clinic_settings,
    current_course_titles,
    ledger_lines,
    load_rule,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

RECENT_DAYS = 90
SHORT_NAMES = {"mild": "mild", "significant": "sig.", "serious": "serious"}


@dataclass(frozen=True, slots=True)
class PractitionerTrainingRow:
    """One practitioner on the dashboard."""

    practitioner_id: int
    name: str
    licence_number: str
    jurisdiction: str
    active: bool
    totals: HourTotals
    eligibility: Eligibility
    missing_certificates: int
    unverified: int
    sessions_recent: int
    sessions_total: int
    adverse_events: tuple[int, int, int]  # mild, significant, serious

    def rate(self, severity: str) -> Decimal | None:
        """Return adverse events of ``severity`` per 100 sessions (None without sessions)."""
        if self.sessions_total == 0:
            return None
        count = self.adverse_events[SEVERITIES.index(severity)]
        return (Decimal(count) * 100 / self.sessions_total).quantize(Decimal("0.1"))


@dataclass(frozen=True, slots=True)
class Column:
    """One dashboard column: header, display text and sort key."""

    key: str
    header: str
    text: Callable[[PractitionerTrainingRow], str]
    sort: Callable[[PractitionerTrainingRow], object]
    numeric: bool = False


def _minimum(r: PractitionerTrainingRow) -> str:
    e = r.eligibility
    if e.jurisdiction_minimum_hours is None:
        return "UNCONFIRMED" if e.minimum_evidence == "UNCONFIRMED" else "none on file"
    return f"{e.jurisdiction_minimum_hours} h {'met' if e.meets_minimum else 'short'}"


def _rate_text(value: Decimal | None) -> str:
    return "—" if value is None else str(value)


def _rate_column(severity: str) -> Column:
    return Column(
        f"ae_{severity}", f"AE {SHORT_NAMES[severity]}/100",
        lambda r: _rate_text(r.rate(severity)),
        lambda r: r.rate(severity) if r.rate(severity) is not None else Decimal(-1),
        numeric=True,
    )  # fmt: skip


COLUMNS: tuple[Column, ...] = (
    Column("name", "Practitioner", lambda r: r.name, lambda r: r.name.casefold()),
    Column("jurisdiction", "State", lambda r: r.jurisdiction, lambda r: r.jurisdiction),
    Column("total", "Total h", lambda r: str(r.totals.total), lambda r: r.totals.total, True),
    Column(
        "in_person",
        "In person",
        lambda r: str(r.totals.in_person),
        lambda r: r.totals.in_person,
        True,
    ),  # fmt: skip
    Column(
        "hands_on",
        "Hands-on",
        lambda r: str(r.totals.hands_on),
        lambda r: r.totals.hands_on,
        True,
    ),  # fmt: skip
    Column("status", "Status", lambda r: r.eligibility.status, lambda r: r.eligibility.status),
    Column(
        "threshold",
        "Threshold",
        lambda r: "met" if r.eligibility.meets_threshold else "short",
        lambda r: r.eligibility.meets_threshold,
    ),  # fmt: skip
    Column("minimum", "Minimum", _minimum, _minimum),
    Column(
        "missing",
        "No cert.",
        lambda r: str(r.missing_certificates),
        lambda r: r.missing_certificates,
        True,
    ),  # fmt: skip
    Column("unverified", "Unverified", lambda r: str(r.unverified), lambda r: r.unverified, True),
    Column(
        "recent",
        f"Sessions {RECENT_DAYS} d",
        lambda r: str(r.sessions_recent),
        lambda r: r.sessions_recent,
        True,
    ),  # fmt: skip
    *(_rate_column(sev) for sev in SEVERITIES),
)


def to_csv(rows: Sequence[PractitionerTrainingRow], columns: Sequence[Column] = COLUMNS) -> str:
    """Return ``rows`` as CSV text, exactly as the columns display them, in the given order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([c.text(row) for c in columns])
    return out.getvalue()


class TrainingDashboardService:
    """The clinic-level training figures for managers."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    def rows(self, *, include_inactive: bool = False) -> list[PractitionerTrainingRow]:
        """Return one row per practitioner, by family name."""
        self._ctx.require(Permission.REPORTS_READ)
        with self._db.read() as s:
            return _rows(s, self._ctx.now(), include_inactive=include_inactive)

    def export_csv(self, rows: Sequence[PractitionerTrainingRow], described: str = "") -> str:
        """Return the rows as CSV (as the table shows them) and audit the export."""
        self._ctx.require(Permission.REPORTS_READ)
        self._audit.record_now(
            AuditAction.PRINT_EXPORT, entity="training_dashboard",
            details={"format": "csv", "rows": len(rows), "filter": described or "none"},
        )  # fmt: skip
        return to_csv(rows)

    def report_pdf(self) -> bytes:
        """Return the practitioner training report as PDF bytes and audit the export."""
        from dnclinic.reports import training_report as report  # noqa: PLC0415 - ReportLab is heavy

        self._ctx.require(Permission.REPORTS_READ)
        now = self._ctx.now()
        with self._db.read() as s:
            rows = _rows(s, now, include_inactive=False)
            clinic = s.scalar(select(Clinic).order_by(Clinic.id).limit(1))
            code, threshold = clinic_settings(s)
            rule = load_rule(s, code)
            parts = [
                report.PractitionerPart(
                    name=r.name, licence_number=r.licence_number,
                    jurisdiction=r.jurisdiction, total=r.totals.total,
                    in_person=r.totals.in_person, hands_on=r.totals.hands_on,
                    supervised_sessions=r.totals.supervised_sessions,
                    status=r.eligibility.status, reasons=r.eligibility.reasons,
                    courses=tuple(current_course_titles(s, r.practitioner_id)),
                    missing_certificates=r.missing_certificates, unverified=r.unverified,
                    sessions_recent=r.sessions_recent, sessions_total=r.sessions_total,
                    adverse_events=r.adverse_events,
                )
                for r in rows
            ]  # fmt: skip
            data = report.TrainingReport(
                clinic=clinic.name if clinic else "dnclinic",
                jurisdiction=jurisdiction_label(code),
                threshold=threshold,
                minimum=rule.describe_minimum(),
                conditions=rule.conditions,
                source=rule.source,
                recent_days=RECENT_DAYS,
                practitioners=tuple(parts),
                printed_at=now,
            )
        pdf = report.render(data)
        self._audit.record_now(
            AuditAction.PRINT_EXPORT, entity="training_report",
            details={"format": "pdf", "practitioners": len(parts)},
        )  # fmt: skip
        return pdf


def _rows(s: Session, now: datetime, *, include_inactive: bool) -> list[PractitionerTrainingRow]:
    stmt = select(Practitioner).order_by(Practitioner.family_name, Practitioner.given_name)
    if not include_inactive:
        stmt = stmt.where(Practitioner.active.is_(True))
    people = list(s.scalars(stmt))
    ledgers = ledger_lines(s)
    clinic_code, threshold = clinic_settings(s)
    live = NeedlingSession.status != "entered_in_error"
    per = NeedlingSession.practitioner_id
    totals: dict[int, int] = {
        pid: n for pid, n in s.execute(select(per, func.count()).where(live).group_by(per))
    }
    since = now - timedelta(days=RECENT_DAYS)
    recent: dict[int, int] = {
        pid: n
        for pid, n in s.execute(
            select(per, func.count()).where(live, NeedlingSession.session_at >= since).group_by(per)
        )
    }
    events: Counter[tuple[int, str]] = Counter()
    for pid, severity, count in s.execute(
        select(NeedlingSession.practitioner_id, AdverseEvent.severity, func.count())
        .join(NeedlingSession, NeedlingSession.id == AdverseEvent.session_id)
        .where(live, AdverseEvent.revision == NeedlingSession.revision)
        .group_by(NeedlingSession.practitioner_id, AdverseEvent.severity)
    ):
        events[(pid, severity)] = count
    rules = {}
    out = []
    for p in people:
        code = p.jurisdiction or clinic_code
        if code not in rules:
            rules[code] = load_rule(s, code)
        lines = ledgers.get(p.id, [])
        current = current_lines(lines)
        hours = hour_totals(lines)
        out.append(
            PractitionerTrainingRow(
                practitioner_id=p.id, name=p.display_name, licence_number=p.licence_number,
                jurisdiction=code, active=p.active, totals=hours,
                eligibility=evaluate(hours, threshold, rules[code]),
                missing_certificates=sum(1 for x in current if not x.has_certificate),
                unverified=sum(1 for x in current if not x.verified),
                sessions_recent=recent.get(p.id, 0), sessions_total=totals.get(p.id, 0),
                adverse_events=(
                    events[(p.id, "mild")], events[(p.id, "significant")],
                    events[(p.id, "serious")],
                ),
            )
        )  # fmt: skip
    return out
