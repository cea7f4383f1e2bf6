"""Enter an outcome instrument item by item, with the score worked out as you answer.

Answer lists start with the item's score (``3 · Pain stops me sitting for more than 30
minutes.``), so typing the digit chooses the answer and Tab moves on; Enter saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical.demographics import parse_date
from dnclinic.clinical.instruments import ITEMS
from dnclinic.clinical.outcomes import INSTRUMENTS, score, spec
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.widgets.form_bits import read_number, show_number
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.outcomes import OutcomeRow, OutcomeService

UNANSWERED = "— not answered —"


class OutcomeDialog(QDialog):
    """One instrument's questions, the live score, and Save."""

    outcome_saved = Signal(object)

    def __init__(
        self,
        outcomes: OutcomeService,
        patient_id: int,
        today_iso: str,
        instrument: str = "NPRS",
        record: OutcomeRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._outcomes = outcomes
        self._patient_id = patient_id
        self.setObjectName("outcomeDialog")
        self.setWindowTitle("Outcome score")
        self.resize(760, 640)
        self.form = ValidatedForm(self)
        self.instrument = QComboBox(self)
        for code in INSTRUMENTS:
            self.instrument.addItem(f"{code} — {spec(code).name}", code)
        self.scored_on = QLineEdit(today_iso, self)
        self.scored_on.setPlaceholderText("YYYY-MM-DD")
        self.form.add_row("instrument", "&Instrument", self.instrument)
        self.form.add_row("scored_on", "&Date", self.scored_on)
        self.items_area = QScrollArea(self)
        self.items_area.setWidgetResizable(True)
        self.score_label = QLabel(self)
        self.score_label.setObjectName("liveScore")
        self.score_label.setWordWrap(True)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(self.items_area, 1)
        layout.addWidget(self.score_label)
        layout.addWidget(self.buttons)
        self.answers: list[QComboBox | QLineEdit] = []
        self.instrument.currentIndexChanged.connect(self._on_instrument_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.instrument.setCurrentIndex(max(self.instrument.findData(instrument), 0))
        self._on_instrument_changed()
        if record is not None:
            self._show_record(record)

    def code(self) -> str:
        """Return the chosen instrument's code."""
        return str(self.instrument.currentData())

    def values(self) -> list[float | None]:
        """Return the answers in item order (None for unanswered)."""
        out: list[float | None] = []
        for widget in self.answers:
            if isinstance(widget, QComboBox):
                data = widget.currentData()
                out.append(None if data is None else float(data))
            else:
                out.append(read_number(widget))
        if spec(self.code()).integer_answers:
            return [None if v is None else int(v) for v in out]
        return out

    # --- slots -------------------------------------------------------------------------------
    def _on_instrument_changed(self, *_args: object) -> None:
        code = self.code()
        page = QWidget(self.items_area)
        rows = QFormLayout(page)
        rows.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.answers = []
        for n, item in enumerate(ITEMS[code], start=1):
            widget: QComboBox | QLineEdit
            if item.options:
                widget = QComboBox(page)
                widget.addItem(UNANSWERED, None)
                for value, text in enumerate(item.options):
                    shown = text if text == str(value) else f"{value} · {text}"
                    widget.addItem(shown, value)
                widget.currentIndexChanged.connect(self._on_answer_changed)
            else:
                widget = QLineEdit(page)
                widget.setPlaceholderText(spec(code).unit or "number")
                widget.setMaximumWidth(160)
                widget.textChanged.connect(self._on_answer_changed)
            widget.setAccessibleName(item.text)
            question = QLabel(f"{n}. {item.text}", page)
            question.setWordWrap(True)
            question.setBuddy(widget)
            rows.addRow(question, widget)
            self.answers.append(widget)
        self.items_area.setWidget(page)
        self._on_answer_changed()

    def _on_answer_changed(self, *_args: object) -> None:
        code = self.code()
        result = score(code, self.values())
        sp = spec(code)
        if result.valid and result.value is not None:
            band = f" — {result.band}" if result.band else ""
            unit = sp.unit if sp.unit in ("%", "mm") else f" {sp.unit}".rstrip()
            text = f"<b>Score: {result.value:g}{unit}{band}</b>"
            notes = [i.message for i in result.issues if i.severity is Severity.WARNING]
            text += f" ({'; '.join(notes)})" if notes else ""
        else:
            text = f"Score: not yet valid — {result.reason}"
        self.score_label.setText(text + f"<br>MCID: {sp.mcid_text}.")

    def _on_buttons_accepted(self) -> None:
        typed = self.scored_on.text().strip()
        when = parse_date(typed)
        if typed and when is None:
            self.form.show_issues([Issue("scored_on", f"“{typed}” is not a date; use YYYY-MM-DD.")])
            return
        try:
            saved = self._outcomes.record(self._patient_id, self.code(), when, self.values())
        except ValidationFailed as exc:
            rest = self.form.show_issues(exc.issues)
            if rest:
                self.banner.setText(" ".join(i.message for i in rest))
                self.banner.setVisible(True)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.outcome_saved.emit(saved)
        self.accept()

    def _show_record(self, record: OutcomeRow) -> None:
        self.instrument.setEnabled(False)
        self.scored_on.setText(record.scored_on.isoformat())
        self.scored_on.setReadOnly(True)
        for widget, answer in zip(self.answers, record.answers, strict=False):
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(answer), 0))
                widget.setEnabled(False)
            else:
                show_number(widget, answer)
                widget.setReadOnly(True)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
