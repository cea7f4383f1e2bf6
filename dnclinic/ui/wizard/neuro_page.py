"""Page 3, neurological screen: the latest exam, editable; implicated levels shown live."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.levels import UMN_SIGNS
from dnclinic.clinical.neuro import NeuroExam, describe_level, interpret
from dnclinic.services.decision_draft import Page
from dnclinic.ui.dialogs.neuro_exam_dialog import exam_from_cells
from dnclinic.ui.views.neuro_exam_view import UMN_LABELS
from dnclinic.ui.widgets.neuro_grid import dermatome_grid, reflex_grid
from dnclinic.ui.wizard.base_page import DraftPage

if TYPE_CHECKING:
    from dnclinic.clinical.levels import Grade
    from dnclinic.services.decision_draft import DecisionDraft
    from dnclinic.services.exams import Cell


def exam_cells(exam: NeuroExam | None) -> dict[Cell, Grade]:
    """Return the grid cells of an exam (the inverse of ``exam_from_cells``)."""
    cells: dict[Cell, Grade] = {}
    if exam is None:
        return cells
    for level, sides in exam.dermatomes.items():
        for side, mods in sides.items():
            for modality, grade in mods.items():
                cells["dermatome", modality, level, side] = grade
    for level, grades in exam.myotomes.items():
        for side, grade in grades.items():
            cells["myotome", "motor", level, side] = grade
    for reflex, grades in exam.reflexes.items():
        for side, grade in grades.items():
            cells["reflex", "reflex", reflex, side] = grade
    return cells


class NeuroPage(DraftPage):
    """Dermatomes, myotomes, reflexes and UMN tests; UMN signs lead to "refer"."""

    PAGE = Page.NEURO

    def __init__(self, draft: DecisionDraft, parent: QWidget | None = None) -> None:
        super().__init__(draft, "Neurological screen", parent)
        self.setSubTitle(
            "Grades: sensation 0 absent, 1 altered, 2 normal; motor 0-5; reflexes 0-4; "
            "N not testable. Type a grade to change a cell."
        )
        self.grid = dermatome_grid(self)
        self.grid.setObjectName("wizardDermatomeGrid")
        self.grid.setAccessibleName("Dermatomes and myotomes")
        self.grid.setTabKeyNavigation(False)  # Tab leaves the grid: keyboard-only wizard
        self.reflexes = reflex_grid(self)
        self.reflexes.setAccessibleName("Reflexes")
        self.reflexes.setTabKeyNavigation(False)
        self.reflexes.setMinimumHeight(6 * 26 + 34)
        self.umn: dict[str, QCheckBox] = {}
        umn_box = QGroupBox("Upper motor neuron signs (tick when present)", self)
        umn_layout = QGridLayout(umn_box)
        for i, sign in enumerate(UMN_SIGNS):
            # no mnemonics here: they would clash with the wizard's Alt+N / Alt+B
            self.umn[sign] = QCheckBox(UMN_LABELS[sign].replace("&", ""), umn_box)
            umn_layout.addWidget(self.umn[sign], i // 2, i % 2)
        self.interpretation = QLabel(self)
        self.interpretation.setObjectName("interpretation")
        self.interpretation.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.provenance)
        right.addWidget(self.interpretation)
        right.addWidget(self.reflexes)
        right.addWidget(umn_box)
        right.addStretch(1)
        right.addWidget(self.make_why())
        columns = QHBoxLayout()
        columns.addWidget(self.grid, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.banner)
        self.grid.grades_changed.connect(self._on_grades_changed)
        self.reflexes.grades_changed.connect(self._on_grades_changed)
        for box in self.umn.values():
            box.toggled.connect(self._on_grades_changed)

    def exam(self) -> NeuroExam | None:
        """Return the exam on screen (None when nothing is graded or ticked)."""
        cells = {**self.grid.grades(), **self.reflexes.grades()}
        umn = {sign: box.isChecked() for sign, box in self.umn.items()}
        if not cells and not any(umn.values()):
            return None
        return exam_from_cells(cells, umn)

    def initializePage(self) -> None:
        exam = self.draft.neuro
        cells = exam_cells(exam)
        self.grid.set_grades({c: g for c, g in cells.items() if c[0] != "reflex"})
        self.reflexes.set_grades({c: g for c, g in cells.items() if c[0] == "reflex"})
        for sign, box in self.umn.items():
            box.setChecked(bool(exam and exam.umn.get(sign)))
        self.show_provenance("neuro")
        self._on_grades_changed()
        # start at the first graded level (a lumbar exam starts far down the grid)
        graded = [pos for c in cells if c[0] != "reflex" and (pos := self.grid.position(c))]
        row, column = min(graded) if graded else (0, 0)
        self.grid.setCurrentCell(row, column)
        item = self.grid.item(row, column)
        if item is not None:
            self.grid.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtTop)
        self.grid.setFocus()

    def validatePage(self) -> bool:
        self.draft.neuro = self.exam()
        return self.show_issues(self.draft.issues(self.PAGE))

    def _on_grades_changed(self, *_args: object) -> None:
        exam = self.exam()
        if exam is None:
            self.interpretation.setText("<b>Implicated levels:</b> nothing graded.")
            return
        interp = interpret(exam)
        levels = "; ".join(describe_level(i) for i in interp.implicated_levels) or "none"
        text = f"<b>Implicated levels:</b> {levels}"
        if interp.has_umn_signs:
            text += (
                "<br><b>RED FLAG:</b> upper motor neuron signs ("
                + ", ".join(interp.umn_signs)
                + "): refer."
            )
        self.interpretation.setText(text)
