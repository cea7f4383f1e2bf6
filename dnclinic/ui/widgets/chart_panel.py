"""The right pane: the selected patient's chart (header, overview, timeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar, overload

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from dnclinic.clinical.vocab import label

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QFormLayout, QListWidget, QPushButton, QTableWidget, QTabWidget

    from dnclinic.services.chart import ChartOverview
    from dnclinic.ui.widgets.chart_timeline import ChartTimeline
    from dnclinic.ui.widgets.patient_header import PatientHeaderWidget

W = TypeVar("W")


def short_region(code: str) -> str:
    """Return the region label without its explanation in brackets (for narrow columns)."""
    return label(code).split(" (")[0]


EMPTY_TEXT = (
    "Select a patient on the left (Ctrl+F to search),\nor press Ctrl+N to register a new patient."
)
EPISODE_COLUMNS = ("Region", "Side", "Onset", "Chronicity", "Diagnosis", "Status")


class _OnChart(Generic[W]):
    """A part of the chart page, which is built the first time any part of it is needed.

    Reading one builds the page (:meth:`ChartPanel.build_chart`); the widgets themselves are kept
    in the panel's ``__dict__``, so the page's code assigns them as plain attributes.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, panel: None, owner: type) -> _OnChart[W]: ...
    @overload
    def __get__(self, panel: ChartPanel, owner: type) -> W: ...
    def __get__(self, panel: ChartPanel | None, owner: type) -> _OnChart[W] | W:
        if panel is None:
            return self
        if self._name not in panel.__dict__:
            panel.build_chart()
        widget: W = panel.__dict__[self._name]
        return widget

    def __set__(self, panel: ChartPanel, widget: W) -> None:
        panel.__dict__[self._name] = widget


class ChartPanel(QWidget):
    """Shows one patient's chart; asks the window to open editors through signals."""

    new_episode_requested = Signal()
    screening_requested = Signal()
    edit_patient_requested = Signal()

    # The chart page: built when the first patient is shown, not with the window (start-up
    # needs only the empty state). Reading any of these builds it.
    chart: _OnChart[QWidget] = _OnChart()
    header: _OnChart[PatientHeaderWidget] = _OnChart()
    tabs: _OnChart[QTabWidget] = _OnChart()
    episodes: _OnChart[QTableWidget] = _OnChart()
    new_episode: _OnChart[QPushButton] = _OnChart()
    screening_summary: _OnChart[QLabel] = _OnChart()
    record_screening: _OnChart[QPushButton] = _OnChart()
    contact: _OnChart[QFormLayout] = _OnChart()
    edit_patient: _OnChart[QPushButton] = _OnChart()
    timeline_view: _OnChart[ChartTimeline] = _OnChart()
    timeline: _OnChart[QListWidget] = _OnChart()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.patient_id: int | None = None
        self._when_built: list[Callable[[], None]] | None = []  # None once the page is built
        self.stack = QStackedWidget(self)
        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    @property
    def built(self) -> bool:
        """Whether the chart page exists yet."""
        return self._when_built is None

    def when_built(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` once the chart page is built (now, if it is)."""
        if self._when_built is None:
            hook()
        else:
            self._when_built.append(hook)

    def build_chart(self) -> None:
        """Build the chart page (header, overview, timeline), then run the hooks; once.

        Controllers add their parts in hooks (:meth:`when_built`), in the order they registered,
        so the page ends up exactly as if it had been built with the window.
        """
        if self._when_built is None:
            return
        from PySide6.QtWidgets import QTabWidget  # the page's widgets load with the page

        from dnclinic.ui.widgets.chart_timeline import ChartTimeline
        from dnclinic.ui.widgets.patient_header import PatientHeaderWidget

        hooks, self._when_built = self._when_built, None
        self.chart = QWidget(self)
        self.header = PatientHeaderWidget(self.chart)
        self.tabs = QTabWidget(self.chart)
        self.tabs.addTab(self._overview_tab(), "Overview")
        # The timeline is filled by the charting controller (exams, sessions, outcomes too).
        self.timeline_view = ChartTimeline(self.chart)
        self.timeline = self.timeline_view.list
        self.tabs.addTab(self.timeline_view, "Timeline")
        column = QVBoxLayout(self.chart)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.header)
        column.addWidget(self.tabs, 1)
        self.stack.addWidget(self.chart)
        for hook in hooks:
            hook()

    def _overview_tab(self) -> QWidget:
        from PySide6.QtWidgets import (
            QAbstractItemView,
            QFormLayout,
            QGroupBox,
            QHBoxLayout,
            QHeaderView,
            QPushButton,
            QTableWidget,
        )

        tab = QWidget(self)
        episodes_box = QGroupBox("Episodes of care", tab)
        self.episodes = QTableWidget(0, len(EPISODE_COLUMNS), episodes_box)
        self.episodes.setObjectName("episodeTable")
        self.episodes.setHorizontalHeaderLabels(EPISODE_COLUMNS)
        self.episodes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.episodes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.episodes.verticalHeader().setVisible(False)
        header = self.episodes.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # diagnosis
        self.new_episode = QPushButton("New episode…", episodes_box)
        self.new_episode.clicked.connect(self.new_episode_requested)
        box_layout = QVBoxLayout(episodes_box)
        box_layout.addWidget(self.episodes)
        box_layout.addWidget(self.new_episode, 0, Qt.AlignmentFlag.AlignLeft)

        screening_box = QGroupBox("Screening and consent", tab)
        self.screening_summary = QLabel(screening_box)
        self.screening_summary.setObjectName("screeningSummary")
        self.screening_summary.setWordWrap(True)
        self.record_screening = QPushButton("Record screening…", screening_box)
        self.record_screening.clicked.connect(self.screening_requested)
        s_layout = QVBoxLayout(screening_box)
        s_layout.addWidget(self.screening_summary)
        s_layout.addWidget(self.record_screening, 0, Qt.AlignmentFlag.AlignLeft)

        contact_box = QGroupBox("Contact", tab)
        self.contact = QFormLayout(contact_box)
        self.edit_patient = QPushButton("Edit details…", contact_box)
        self.edit_patient.clicked.connect(self.edit_patient_requested)

        lower = QHBoxLayout()
        lower.addWidget(screening_box, 3)
        contact_column = QVBoxLayout()
        contact_column.addWidget(contact_box)
        contact_column.addWidget(self.edit_patient, 0, Qt.AlignmentFlag.AlignLeft)
        lower.addLayout(contact_column, 2)
        layout = QVBoxLayout(tab)
        layout.addWidget(episodes_box, 3)
        layout.addLayout(lower, 2)
        return tab

    # --- public ------------------------------------------------------------------------------
    def clear(self, text: str = EMPTY_TEXT) -> None:
        """Show the empty state (no patient selected), or why a chart cannot be shown."""
        self.patient_id = None
        self.empty.setText(text)
        self.stack.setCurrentIndex(0)

    def show_chart(self, chart: ChartOverview) -> None:
        """Show one patient's chart."""
        self.build_chart()
        self.patient_id = chart.record.id
        self.header.show_header(chart.header)
        withdrawn = chart.record.status == "entered_in_error"
        for button in (self.new_episode, self.record_screening, self.edit_patient):
            button.setEnabled(not withdrawn)
        self._fill_episodes(chart)
        self._fill_screening(chart)
        self._fill_contact(chart)
        self.stack.setCurrentIndex(1)

    def _fill_episodes(self, chart: ChartOverview) -> None:
        # Imported here: the episode service module loads the ORM, which start-up does without.
        from PySide6.QtWidgets import QTableWidgetItem

        from dnclinic.services.episodes import SIDE_LABELS

        self.episodes.setRowCount(len(chart.episodes))
        for row, e in enumerate(chart.episodes):
            d = e.details
            tags = ", ".join(label(t) for t in d.tags)
            values = (
                short_region(d.region),
                SIDE_LABELS.get(d.side, d.side),
                d.onset_date.isoformat() if d.onset_date else "",
                e.chronicity.capitalize(),
                f"{d.diagnosis} ({tags})" if tags else d.diagnosis,
                e.status.capitalize(),
            )
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{label(d.region)}\n{label(e.chronicity)}\nTags: {tags or 'none'}")
                self.episodes.setItem(row, column, item)

    def _fill_screening(self, chart: ChartOverview) -> None:
        if not chart.screenings:
            self.screening_summary.setText(
                "No screening recorded. Screen for red flags, contraindications and precautions, "
                "and record consent, before the first needling session."
            )
            return
        latest = chart.screenings[0]
        d = latest.details

        def listed(codes: tuple[str, ...]) -> str:
            return ", ".join(label(c) for c in codes) if codes else "none"

        consent = (
            "not given"
            if d.consent_type == "none"
            else (
                f"{d.consent_type} on {d.consent_date.isoformat() if d.consent_date else '?'}"
                + (
                    f", recorded by {latest.consent_recorded_by}"
                    if latest.consent_recorded_by
                    else ""
                )
            )
        )
        screened = d.screened_on.isoformat() if d.screened_on else "?"
        self.screening_summary.setText(
            f"<b>Latest screening {screened}</b><br>"
            f"Red flags: {listed(d.red_flags)}<br>"
            f"Contraindications: {listed(d.contraindications)}<br>"
            f"Precautions: {listed(d.precautions)}<br>"
            f"Consent to dry needling: {consent}"
        )

    def _fill_contact(self, chart: ChartOverview) -> None:
        while self.contact.rowCount():
            self.contact.removeRow(0)
        d = chart.record.details
        emergency = " ".join(x for x in (d.emergency_contact_name, d.emergency_contact_phone) if x)
        for caption, value in (
            ("Phone", d.phone),
            ("Email", d.email),
            ("Address", d.address),
            ("Emergency", emergency),
            ("Notes", d.notes),
        ):
            text = QLabel(value or "—")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.contact.addRow(caption, text)
