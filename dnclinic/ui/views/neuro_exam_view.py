"""Layout of the neurological exam: the level grid, reflexes, UMN tests, live interpretation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.levels import UMN_SIGNS
from dnclinic.ui.widgets.neuro_grid import dermatome_grid, reflex_grid
from dnclinic.ui.widgets.validated_form import ValidatedForm

UMN_LABELS = {
    "babinski": "&Babinski sign",
    "hoffmann": "&Hoffmann sign",
    "clonus": "Clo&nus",
    "inverted_supinator": "&Inverted supinator",
    "gait_disturbance": "&Gait disturbance",
}


class NeuroExamView(QWidget):
    """The exam form; the dialog fills and reads its public widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("neuroExamView")
        self.form = ValidatedForm(self)
        self.examined_on = QLineEdit(self)
        self.examined_on.setPlaceholderText("YYYY-MM-DD")
        self.form.add_row("examined_on", "Exam date", self.examined_on)
        self.grid = dermatome_grid(self)
        self.grid.setObjectName("dermatomeGrid")
        self.grid.setAccessibleName("Dermatomes and myotomes")
        self.grid_error = QLabel(self)
        self.grid_error.setObjectName("fieldError")
        self.grid_error.setWordWrap(True)
        self.grid_error.setVisible(False)
        hint = QLabel(
            "Type the grade and move on: sensation 0 absent, 1 altered, 2 normal; motor 0-5; "
            "reflexes 0-4; N = not testable. Delete clears. Highlighted: changed since the "
            "previous exam.",
            self,
        )
        hint.setObjectName("fieldHint")
        hint.setWordWrap(True)
        self.cervical_normal = QPushButton("&Cervical all normal", self)
        self.lumbar_normal = QPushButton("&Lumbar all normal", self)
        normals = QHBoxLayout()
        normals.addWidget(self.cervical_normal)
        normals.addWidget(self.lumbar_normal)
        normals.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(normals)
        left.addWidget(self.grid, 1)
        left.addWidget(self.grid_error)
        left.addWidget(hint)

        self.reflexes = reflex_grid(self)
        self.reflexes.setObjectName("reflexGrid")
        self.reflexes.setAccessibleName("Reflexes")
        self.reflexes.setMinimumHeight(6 * 26 + 34)
        reflex_box = QGroupBox("Reflexes", self)
        QVBoxLayout(reflex_box).addWidget(self.reflexes)
        umn_box = QGroupBox("Upper motor neuron tests (tick when present)", self)
        umn_layout = QGridLayout(umn_box)
        self.umn: dict[str, QCheckBox] = {}
        for i, sign in enumerate(UMN_SIGNS):
            box = QCheckBox(UMN_LABELS[sign], umn_box)
            self.umn[sign] = box
            umn_layout.addWidget(box, i // 2, i % 2)
        self.red_flag = QLabel(self)
        self.red_flag.setObjectName("redFlagBanner")
        self.red_flag.setWordWrap(True)
        self.red_flag.setVisible(False)
        interp_box = QGroupBox("Interpretation", self)
        self.interpretation = QLabel("Nothing graded yet.", interp_box)
        self.interpretation.setObjectName("interpretation")
        self.interpretation.setWordWrap(True)
        QVBoxLayout(interp_box).addWidget(self.interpretation)
        self.comment = QPlainTextEdit(self)
        self.comment.setPlaceholderText("Comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(70)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addWidget(self.red_flag)
        right.addWidget(interp_box)
        right.addWidget(reflex_box)
        right.addWidget(umn_box)
        right.addWidget(self.comment)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
