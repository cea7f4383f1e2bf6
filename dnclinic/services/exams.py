"""Neurological examinations: record, read, compare with the previous one (CLINICAL_REFERENCE 3).

The interpretation (implicated levels, UMN signs) comes from ``dnclinic.clinical.neuro``; it is
stored with the exam for the timeline and recomputed whenever an exam is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.clinical.levels import SENSATION_MODALITIES, UMN_SIGNS, Grade
from dnclinic.clinical.neuro import NeuroExam, NeuroInterpretation, describe_level, interpret
from dnclinic.clinical.parsing import CaseError
from dnclinic.clinical.validation import Issue
from dnclinic.model.entities import NeuroExamination, NeuroFinding, Patient, Practitioner
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import NotFoundError, ValidationFailed
from dnclinic.services.policy import Permission
from dnclinic.services.withdrawal import mark_entered_in_error

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

# A finding's address in the grid: (domain, modality, key, side).
Cell = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class ExamDetails:
    """An exam as entered: date, episode, the graded exam, comment."""

    examined_on: date | None
    exam: NeuroExam
    episode_id: int | None = None
    comment: str = ""


@dataclass(frozen=True, slots=True)
class ExamRecord:
    """A stored exam with its interpretation."""

    id: int
    version_id: int
    patient_id: int
    details: ExamDetails
    examiner: str
    interpretation: NeuroInterpretation
    status: str

    def cells(self) -> dict[Cell, Grade]:
        """Return every graded cell, for comparing with another exam."""
        return dict(_cells(self.details.exam))

    @property
    def summary(self) -> str:
        """One line for the timeline: implicated levels and UMN signs."""
        interp = self.interpretation
        parts = [describe_level(i) for i in interp.implicated_levels] or ["no implicated level"]
        if interp.has_umn_signs:
            parts.insert(0, "UMN SIGNS: " + ", ".join(interp.umn_signs))
        return "; ".join(parts)


def _cells(exam: NeuroExam) -> Iterable[tuple[Cell, Grade]]:
    for level, sides in exam.dermatomes.items():
        for side, mods in sides.items():
            for modality, grade in mods.items():
                yield ("dermatome", modality, level, side), grade
    for level, grades in exam.myotomes.items():
        for side, grade in grades.items():
            yield ("myotome", "motor", level, side), grade
    for reflex, grades in exam.reflexes.items():
        for side, grade in grades.items():
            yield ("reflex", "reflex", reflex, side), grade


def changed_cells(current: ExamRecord | ExamDetails, previous: ExamRecord | None) -> set[Cell]:
    """Return the cells whose grade differs from the previous exam (empty without one)."""
    if previous is None:
        return set()
    exam = current.exam if isinstance(current, ExamDetails) else current.details.exam
    before = previous.cells()
    return {cell for cell, grade in _cells(exam) if cell in before and before[cell] != grade}


def _grade_text(grade: Grade) -> str:
    return str(grade)


def _grade_value(text: str) -> Grade:
    return int(text) if text.isdigit() else text


class ExamService:
    """Use cases for neurological exams."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    def record(self, patient_id: int, details: ExamDetails) -> Saved[ExamRecord]:
        """Record an exam (exams are never edited; a mistake is entered in error).

        Raises:
            ValidationFailed: no date, a future date, an invalid grade, or nothing charted.
        """
        self._ctx.require(Permission.CHART_WRITE)
        issues = self._validate(details)
        if issues:
            raise ValidationFailed(issues)
        assert details.examined_on is not None
        interp = interpret(details.exam)
        with self._db.write() as s:
            if s.get(Patient, patient_id) is None:
                raise NotFoundError(f"Patient {patient_id} does not exist.")
            pid = self._ctx.actor.practitioner_id
            examiner_id = pid if pid is not None and s.get(Practitioner, pid) is not None else None
            row = NeuroExamination(
                patient_id=patient_id, episode_id=details.episode_id,
                examined_on=details.examined_on,
                examiner_id=examiner_id,
                examiner=self._ctx.actor.username, umn=dict(details.exam.umn),
                comment=details.comment.strip(),
                implicated=[i.to_dict() for i in interp.implicated_levels],
                umn_positive=interp.has_umn_signs, status="valid", entered_in_error_reason="",
            )  # fmt: skip
            self._ctx.stamp(row, created=True)
            s.add(row)
            s.flush()
            s.add_all(
                NeuroFinding(
                    exam_id=row.id,
                    domain=domain,
                    modality=modality,
                    key=key,
                    side=side,
                    grade=_grade_text(grade),
                    position=n,
                )  # fmt: skip
                for n, ((domain, modality, key, side), grade) in enumerate(_cells(details.exam))
            )
            self._audit.record(
                s, AuditAction.CREATE, entity="neuro_exam", entity_id=row.id,
                patient_id=patient_id, details={"umn": interp.has_umn_signs},
            )  # fmt: skip
            record = self._record(s, row)
        changes = ChangeSet(patients=frozenset({patient_id}), exams=frozenset({record.id}))
        return Saved(record, changes)

    def _validate(self, d: ExamDetails) -> list[Issue]:
        issues = []
        if d.examined_on is None:
            issues.append(Issue("examined_on", "Enter the exam date as YYYY-MM-DD."))
        elif d.examined_on > self._ctx.today():
            issues.append(Issue("examined_on", "The exam date is in the future."))
        try:
            NeuroExam.from_dict(d.exam.to_dict())
        except CaseError as exc:
            issues.append(Issue("grid", str(exc)))
        if not any(True for _ in _cells(d.exam)) and not d.exam.umn:
            issues.append(Issue("grid", "Nothing is graded yet."))
        return issues

    def get(self, exam_id: int) -> ExamRecord:
        """Return one exam.

        Raises:
            NotFoundError: no such exam.
        """
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            row = s.get(NeuroExamination, exam_id)
            if row is None:
                raise NotFoundError(f"Exam {exam_id} does not exist.")
            return self._record(s, row)

    def exams(self, patient_id: int) -> list[ExamRecord]:
        """Return a patient's valid exams, newest first."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            rows = s.scalars(
                select(NeuroExamination)
                .where(
                    NeuroExamination.patient_id == patient_id, NeuroExamination.status == "valid"
                )
                .order_by(NeuroExamination.examined_on.desc(), NeuroExamination.id.desc())
            ).all()
            return [self._record(s, r) for r in rows]

    def latest(self, patient_id: int, *, before_id: int | None = None) -> ExamRecord | None:
        """Return the newest valid exam (older than exam ``before_id`` when given)."""
        exams = self.exams(patient_id)
        if before_id is not None:
            ids = [e.id for e in exams]
            exams = exams[ids.index(before_id) + 1 :] if before_id in ids else exams
        return exams[0] if exams else None

    def mark_entered_in_error(self, exam_id: int, version_id: int, reason: str) -> Saved[int]:
        """Withdraw an exam recorded by mistake; it stays in the database with the reason.

        Raises:
            ValidationFailed: no reason given.
            ConcurrentEditError: the exam changed since it was opened.
        """
        pid = mark_entered_in_error(
            self._db, self._ctx, self._audit, NeuroExamination, exam_id, version_id, reason,
            noun="exam", audit_entity="neuro_exam",
        )  # fmt: skip
        changes = ChangeSet(patients=frozenset({pid}), exams=frozenset({exam_id}))
        return Saved(exam_id, changes)

    def _record(self, s: Session, row: NeuroExamination) -> ExamRecord:
        derm: dict[str, dict[str, dict[str, Grade]]] = {}
        myo: dict[str, dict[str, Grade]] = {}
        ref: dict[str, dict[str, Grade]] = {}
        findings = s.scalars(
            select(NeuroFinding)
            .where(NeuroFinding.exam_id == row.id)
            .order_by(NeuroFinding.position)
        )
        for f in findings:
            grade = _grade_value(f.grade)
            if f.domain == "dermatome" and f.modality in SENSATION_MODALITIES:
                derm.setdefault(f.key, {}).setdefault(f.side, {})[f.modality] = grade
            elif f.domain == "myotome":
                myo.setdefault(f.key, {})[f.side] = grade
            else:
                ref.setdefault(f.key, {})[f.side] = grade
        umn = {k: bool(v) for k, v in row.umn.items() if k in UMN_SIGNS}
        exam = NeuroExam(derm, myo, ref, umn)
        details = ExamDetails(row.examined_on, exam, row.episode_id, row.comment)
        return ExamRecord(
            row.id, row.version_id, row.patient_id, details, row.examiner, interpret(exam),
            row.status,
        )  # fmt: skip
