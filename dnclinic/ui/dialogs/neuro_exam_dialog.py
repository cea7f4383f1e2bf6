"""Record (or view) a neurological exam, with the live interpretation beside the grid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from dnclinic.clinical.demographics import parse_date
from dnclinic.clinical.levels import LEVELS, REFLEX_ROOTS, level_index
from dnclinic.clinical.neuro import NeuroExam, describe_level, interpret
from dnclinic.clinical.validation import Issue
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.services.exams import ExamDetails, ExamService, changed_cells
from dnclinic.ui.views.neuro_exam_view import NeuroExamView

if TYPE_CHECKING:
    from dnclinic.clinical.levels import Grade
    from dnclinic.services.exams import Cell, ExamRecord

REGIONS = {"cervical": ("C2", "T1"), "lumbar": ("L1", "S1")}


def exam_from_cells(cells: dict[Cell, Grade], umn: dict[str, bool]) -> NeuroExam:
    """Build the clinical exam from the grid's graded cells (spinal order kept)."""
    derm: dict[str, dict[str, dict[str, Grade]]] = {}
    myo: dict[str, dict[str, Grade]] = {}
    ref: dict[str, dict[str, Grade]] = {}
    for (domain, modality, key, side), grade in cells.items():
        if domain == "dermatome":
            derm.setdefault(key, {}).setdefault(side, {})[modality] = grade
        elif domain == "myotome":
            myo.setdefault(key, {})[side] = grade
        else:
            ref.setdefault(key, {})[side] = grade
    order = {lv: i for i, lv in enumerate(LEVELS)}
    derm = dict(sorted(derm.items(), key=lambda kv: order[kv[0]]))
    myo = dict(sorted(myo.items(), key=lambda kv: order[kv[0]]))
    return NeuroExam(derm, myo, ref, umn)


def region_normal(region: str) -> dict[Cell, Grade]:
    """Return "all normal" for a region: sensation 2, motor 5, the region's reflexes 2+."""
    first, last = (level_index(x) for x in REGIONS[region])
    out: dict[Cell, Grade] = {}
    for level in LEVELS[first : last + 1]:
        for side in ("left", "right"):
            out[("dermatome", "light_touch", level, side)] = 2
            out[("dermatome", "pin_prick", level, side)] = 2
            out[("myotome", "motor", level, side)] = 5
    for reflex, root in REFLEX_ROOTS.items():
        if first <= level_index(root) <= last:
            for side in ("left", "right"):
                out[("reflex", "reflex", reflex, side)] = 2
    return out


class NeuroExamDialog(QDialog):
    """Keyboard-first exam entry; Enter saves. With ``record`` it shows that exam read-only."""

    exam_saved = Signal(object)

    def __init__(
        self,
        exams: ExamService,
        patient_id: int,
        today_iso: str,
        previous: ExamRecord | None,
        record: ExamRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._exams = exams
        self._patient_id = patient_id
        self._previous = previous
        self.setObjectName("neuroExamDialog")
        self.setWindowTitle("Neurological exam" if record else "New neurological exam")
        self.view = NeuroExamView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.view)
        self.resize(1180, 720)
        v = self.view
        v.examined_on.setText(today_iso)
        v.grid.grades_changed.connect(self._on_grades_changed)
        v.reflexes.grades_changed.connect(self._on_grades_changed)
        for box in v.umn.values():
            box.toggled.connect(self._on_grades_changed)
        v.cervical_normal.clicked.connect(self._on_cervical_normal_clicked)
        v.lumbar_normal.clicked.connect(self._on_lumbar_normal_clicked)
        v.buttons.accepted.connect(self._on_buttons_accepted)
        v.buttons.rejected.connect(self.reject)
        if record is not None:
            self._show_record(record)
        else:
            v.grid.setCurrentCell(0, 0)
            v.grid.setFocus(Qt.FocusReason.OtherFocusReason)
        self._on_grades_changed()

    # --- reading the form --------------------------------------------------------------------
    def cells(self) -> dict[Cell, Grade]:
        """Return every graded cell of both grids."""
        return {**self.view.grid.grades(), **self.view.reflexes.grades()}

    def details(self) -> ExamDetails:
        """Return what is in the form now."""
        v = self.view
        umn = {sign: box.isChecked() for sign, box in v.umn.items()}
        return ExamDetails(
            parse_date(v.examined_on.text()),
            exam_from_cells(self.cells(), umn),
            comment=v.comment.toPlainText(),
        )

    # --- slots -------------------------------------------------------------------------------
    def _on_grades_changed(self, *_args: object) -> None:
        details = self.details()
        interp = interpret(details.exam)
        v = self.view
        levels = [describe_level(i) for i in interp.implicated_levels]
        text = (
            "<b>Implicated levels:</b> " + "; ".join(levels)
            if levels
            else "<b>Implicated levels:</b> none"
        )
        if interp.notes:
            text += "<br>" + "<br>".join(interp.notes)
        v.interpretation.setText(text)
        v.red_flag.setVisible(interp.has_umn_signs)
        v.red_flag.setText(
            "RED FLAG — upper motor neuron signs: "
            + ", ".join(interp.umn_signs)
            + ". Refer for medical assessment; dry needling is not the first step."
        )
        if self._previous is not None:
            before = self._previous.cells()
            changed = changed_cells(details, self._previous)
            v.grid.mark_changed(changed, before)
            v.reflexes.mark_changed(changed, before)

    def _on_cervical_normal_clicked(self) -> None:
        self._fill_normal("cervical")

    def _on_lumbar_normal_clicked(self) -> None:
        self._fill_normal("lumbar")

    def _fill_normal(self, region: str) -> None:
        normal = region_normal(region)
        self.view.grid.set_grades({c: g for c, g in normal.items() if c[0] != "reflex"})
        self.view.reflexes.set_grades({c: g for c, g in normal.items() if c[0] == "reflex"})

    def _on_buttons_accepted(self) -> None:
        v = self.view
        v.grid_error.setVisible(False)
        typed = v.examined_on.text().strip()
        if typed and parse_date(typed) is None:
            v.form.show_issues([Issue("examined_on", f"“{typed}” is not a date; use YYYY-MM-DD.")])
            return
        try:
            saved = self._exams.record(self._patient_id, self.details())
        except ValidationFailed as exc:
            for issue in v.form.show_issues(exc.issues):
                v.grid_error.setText(issue.message)
                v.grid_error.setVisible(True)
            return
        except ServiceError as exc:
            v.banner.setText(str(exc))
            v.banner.setVisible(True)
            return
        self.exam_saved.emit(saved)
        self.accept()

    def _show_record(self, record: ExamRecord) -> None:
        v = self.view
        d = record.details
        v.examined_on.setText(d.examined_on.isoformat() if d.examined_on else "")
        v.examined_on.setReadOnly(True)
        cells = record.cells()
        v.grid.set_grades({c: g for c, g in cells.items() if c[0] != "reflex"})
        v.reflexes.set_grades({c: g for c, g in cells.items() if c[0] == "reflex"})
        for sign, box in v.umn.items():
            box.setChecked(bool(d.exam.umn.get(sign, False)))
            box.setEnabled(False)
        v.comment.setPlainText(d.comment)
        v.comment.setReadOnly(True)
        for widget in (v.grid, v.reflexes):
            widget.set_read_only(True)
        v.cervical_normal.setEnabled(False)
        v.lumbar_normal.setEnabled(False)
        v.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        v.banner.setText(f"Recorded by {record.examiner}. Exams are never edited.")
        v.banner.setVisible(True)
