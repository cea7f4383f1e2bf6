"""Layout of the training dashboard: filters, the practitioner table, the ledger and the chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.training_dashboard import COLUMNS
from dnclinic.ui.models.training_table_model import STATUS_FILTERS
from dnclinic.ui.widgets.hours_chart import HoursChart

# Column widths (px) that fit the fourteen columns on a 1366-pixel screen; users can drag them.
WIDTHS = {"name": 140, "jurisdiction": 52, "hands_on": 80, "status": 234, "threshold": 86,
          "minimum": 100, "missing": 62, "unverified": 92, "recent": 74}  # fmt: skip
NUMBER_WIDTH = 66

LEDGER_HEADERS = ("Course", "Completed", "Hours", "Certificate", "Verified", "Counts")


class TrainingDashboardView(QWidget):
    """Public child widgets only; the dialog wires them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter by name")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.addItems(STATUS_FILTERS)
        self.export_csv = QPushButton("Export &CSV…", self)
        self.export_pdf = QPushButton("Training &report (PDF)…", self)
        self.adverse_events = QPushButton("&Adverse-event register…", self)
        self.new_practitioner = QPushButton("&New practitioner…", self)
        self.profile = QPushButton("&Profile…", self)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.status, 1)
        top.addStretch(1)
        for button in (
            self.new_practitioner, self.profile, self.adverse_events, self.export_csv,
            self.export_pdf,
        ):  # fmt: skip
            top.addWidget(button)

        self.table = QTableView(self)
        self.table.setObjectName("trainingTable")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.ledger_title = QLabel("Select a practitioner to see the training ledger.", self)
        self.ledger_title.setObjectName("sectionTitle")
        self.ledger_title.setWordWrap(True)
        self.reasons = QLabel(self)
        self.reasons.setObjectName("fieldHint")
        self.reasons.setWordWrap(True)
        self.ledger = QTableWidget(0, len(LEDGER_HEADERS), self)
        self.ledger.setObjectName("ledgerTable")
        self.ledger.setHorizontalHeaderLabels(list(LEDGER_HEADERS))
        self.ledger.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ledger.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ledger.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ledger.verticalHeader().setVisible(False)
        header = self.ledger.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_course = QPushButton("Add &course…", self)
        self.correct = QPushButton("C&orrect…", self)
        self.withdraw = QPushButton("&Withdraw…", self)
        self.verify = QPushButton("&Verify", self)
        self.certificate = QPushButton("&Save certificate…", self)
        buttons = QHBoxLayout()
        for button in (self.add_course, self.correct, self.withdraw, self.verify, self.certificate):
            buttons.addWidget(button)
        buttons.addStretch(1)
        ledger_box = QWidget(self)
        ledger_column = QVBoxLayout(ledger_box)
        ledger_column.setContentsMargins(0, 0, 0, 0)
        ledger_column.addWidget(self.ledger_title)
        ledger_column.addWidget(self.reasons)
        ledger_column.addWidget(self.ledger, 1)
        ledger_column.addLayout(buttons)

        self.chart = HoursChart(self)
        self.chart.setMinimumWidth(460)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        self.bottom = bottom
        bottom.addWidget(ledger_box)
        bottom.addWidget(self.chart)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([290, 360])
        bottom.setSizes([740, 560])
        self.message = QLabel(self)
        self.message.setObjectName("statusBanner")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

    def fit_columns(self) -> None:
        """Give the dashboard columns their default widths (after the model is set)."""
        for i, column in enumerate(COLUMNS):
            self.table.setColumnWidth(i, WIDTHS.get(column.key, NUMBER_WIDTH))
