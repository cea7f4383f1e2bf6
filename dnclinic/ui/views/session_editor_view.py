"""Layout of the session editor: targets and SOAP left; stimulation, events, addenda right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dnclinic.ui.widgets.adverse_events_panel import AdverseEventsPanel
from dnclinic.ui.widgets.form_bits import message_label
from dnclinic.ui.widgets.stimulation_panel import StimulationPanel
from dnclinic.ui.widgets.targets_panel import TargetsPanel

if TYPE_CHECKING:
    from dnclinic.services.muscles import MuscleCatalog

SOAP = (
    ("subjective", "&Subjective"),
    ("objective", "&Objective"),
    ("assessment", "Assess&ment"),
    ("plan", "&Plan"),
)


def _pain_box(parent: QWidget) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(-1, 10)
    box.setSpecialValueText("—")
    box.setValue(-1)
    box.setSuffix("/10")
    return box


class SessionEditorView(QWidget):
    """The session note form; the dialog fills and reads its public widgets."""

    def __init__(self, muscles: MuscleCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionEditorView")
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.signature = QLabel(self)
        self.signature.setObjectName("signatureBanner")
        self.signature.setWordWrap(True)
        self.signature.setVisible(False)

        facts = QGroupBox("Session", self)
        self.session_at = QLineEdit(facts)
        self.session_at.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.session_at.setMaximumWidth(170)
        self.session_at_error = message_label(facts)
        self.episode = QComboBox(facts)
        self.consent = QCheckBox("&Consent for this session confirmed", facts)
        self.consent_error = message_label(facts)
        self.pain_before = _pain_box(facts)
        self.pain_after = _pain_box(facts)
        grid = QGridLayout(facts)
        grid.addWidget(QLabel("Date and time", facts), 0, 0)
        grid.addWidget(self.session_at, 0, 1)
        grid.addWidget(QLabel("Episode", facts), 0, 2)
        grid.addWidget(self.episode, 0, 3)
        grid.addWidget(self.session_at_error, 1, 0, 1, 4)
        grid.addWidget(self.consent, 2, 0, 1, 2)
        pain = QHBoxLayout()
        before = QLabel("Pain &before", facts)
        before.setBuddy(self.pain_before)
        after = QLabel("Pain &after", facts)
        after.setBuddy(self.pain_after)
        for w in (before, self.pain_before, after, self.pain_after):
            pain.addWidget(w)
        pain.addStretch(1)
        grid.addLayout(pain, 2, 2, 1, 2)
        grid.addWidget(self.consent_error, 3, 0, 1, 4)
        grid.setColumnStretch(3, 1)

        self.targets = TargetsPanel(muscles, self)
        soap_box = QGroupBox("Note (SOAP)", self)
        soap_grid = QGridLayout(soap_box)
        self.soap: dict[str, QPlainTextEdit] = {}
        for i, (name, caption) in enumerate(SOAP):
            edit = QPlainTextEdit(soap_box)
            edit.setObjectName(name)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(52)
            text = QLabel(caption, soap_box)
            text.setBuddy(edit)
            soap_grid.addWidget(text, (i // 2) * 2, i % 2)
            soap_grid.addWidget(edit, (i // 2) * 2 + 1, i % 2)
            self.soap[name] = edit
        self.subjective = self.soap["subjective"]

        self.stimulation = StimulationPanel(self)
        self.adverse_events = AdverseEventsPanel(self)
        addenda_box = QGroupBox("Addenda", self)
        self.addenda = QLabel("None.", addenda_box)
        self.addenda.setObjectName("addenda")
        self.addenda.setWordWrap(True)
        QVBoxLayout(addenda_box).addWidget(self.addenda)
        self.addenda_box = addenda_box

        left = QVBoxLayout()
        left.addWidget(facts)
        left.addWidget(self.targets, 1)
        left.addWidget(soap_box)
        right = QVBoxLayout()
        right.addWidget(self.stimulation)
        right.addWidget(self.adverse_events)
        right.addWidget(addenda_box)
        right.addStretch(1)
        body = QWidget(self)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 11)
        columns.addLayout(right, 8)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)

        self.status = QLabel(self)
        self.status.setObjectName("fieldHint")
        self.save = QPushButton("&Save draft", self)
        self.save.setToolTip("Ctrl+S")
        self.sign = QPushButton("Si&gn note…", self)
        self.verify = QPushButton("&Verify", self)
        self.add_addendum = QPushButton("Add adden&dum…", self)
        self.close_button = QPushButton("Close", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for b in (self.verify, self.add_addendum, self.save, self.sign, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.signature)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
