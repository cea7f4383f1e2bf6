"""Open a new episode of care."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical import vocab
from dnclinic.clinical.chronicity import chronicity
from dnclinic.clinical.demographics import parse_date
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.services.episodes import EPISODE_SIDES, SIDE_LABELS, EpisodeDetails, EpisodeService
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.widgets.code_checklist import CodeChecklist
from dnclinic.ui.widgets.validated_form import ValidatedForm


class EpisodeDialog(QDialog):
    """Region, side, onset (chronicity shown as you type), diagnosis and tags."""

    episode_saved = Signal(object)

    def __init__(
        self,
        episodes: EpisodeService,
        patient_id: int,
        today_iso: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._episodes = episodes
        self._patient_id = patient_id
        self._today = parse_date(today_iso)
        self.setObjectName("episodeDialog")
        self.setWindowTitle("New episode of care")
        self.setMinimumWidth(560)
        self.form = ValidatedForm(self)
        self.region = QComboBox(self)
        for code in vocab.REGIONS:
            self.region.addItem(vocab.label(code), code)
        self.side = QComboBox(self)
        for code in EPISODE_SIDES:
            self.side.addItem(SIDE_LABELS[code], code)
        self.onset = QLineEdit(self)
        self.onset.setObjectName("onset_date")
        self.onset.setPlaceholderText("YYYY-MM-DD")
        self.chronicity = QLabel(self)
        self.chronicity.setObjectName("fieldHint")
        self.diagnosis = QLineEdit(self)
        self.diagnosis.setPlaceholderText("e.g. L5 radiculopathy")
        self.tags = CodeChecklist(vocab.TAGS, 2, self)
        self.form.add_row("region", "Body region", self.region)
        self.form.add_row("side", "Side", self.side)
        self.form.add_row("onset_date", "Onset", self.onset)
        self.form.add_row("chronicity", "Chronicity", self.chronicity)
        self.form.add_row("diagnosis", "Diagnosis", self.diagnosis)
        self.form.add_row("tags", "Tags", self.tags)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.onset.textChanged.connect(self._on_onset_text_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._on_onset_text_changed("")

    def details(self) -> EpisodeDetails:
        """Return what is in the form now."""
        return EpisodeDetails(
            region=str(self.region.currentData()),
            onset_date=parse_date(self.onset.text()),
            side=str(self.side.currentData()),
            diagnosis=self.diagnosis.text(),
            tags=self.tags.codes(),
        )

    def _on_onset_text_changed(self, text: str) -> None:
        onset = parse_date(text)
        if onset is None or self._today is None or onset > self._today:
            self.chronicity.setText("Worked out from the onset date")
            return
        self.chronicity.setText(vocab.label(chronicity(onset, self._today)))

    def _on_buttons_accepted(self) -> None:
        typed = self.onset.text().strip()
        if typed and parse_date(typed) is None:
            self.form.show_issues(
                [Issue("onset_date", f"“{typed}” is not a date; use YYYY-MM-DD.", Severity.ERROR)]
            )
            return
        try:
            saved = self._episodes.add_episode(self._patient_id, self.details())
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.episode_saved.emit(saved)
        self.accept()
