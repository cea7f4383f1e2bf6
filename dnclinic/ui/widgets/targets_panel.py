"""Fast needle-target entry: type a muscle, press Enter; quick picks, suggestions, repeat last."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnclinic.clinical import charting
from dnclinic.clinical.levels import LEVELS, level_label
from dnclinic.services.session_content import TargetEntry
from dnclinic.ui.widgets.flow_layout import FlowLayout
from dnclinic.ui.widgets.form_bits import code_combo, select_code

if TYPE_CHECKING:
    from dnclinic.services.muscles import Muscle, MuscleCatalog

COLUMNS = ("Muscle", "Side", "Level", "Approach", "Needles", "Technique", "LTR", "Ret. min")
GAUGES = (0.16, 0.18, 0.2, 0.25, 0.3)
LENGTHS = (13.0, 15.0, 25.0, 30.0, 40.0, 50.0, 60.0, 75.0)


class TargetsPanel(QGroupBox):
    """The session's needle targets: an entry row, quick picks and the list."""

    changed = Signal()
    favourite_toggled = Signal(str)

    def __init__(self, muscles: MuscleCatalog, parent: QWidget | None = None) -> None:
        super().__init__("Needle targets", parent)
        self.setObjectName("targetsPanel")
        self._muscles = muscles
        self._targets: list[TargetEntry] = []
        self.search = QLineEdit(self)
        self.search.setObjectName("muscleSearch")
        self.search.setPlaceholderText("Type a muscle, Enter adds it (e.g. glut med)")
        self.search.setAccessibleName("Muscle")
        completer = QCompleter([m.label for m in muscles.all()], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(completer)
        self.search.installEventFilter(self)
        self.side = code_combo(charting.TARGET_SIDES, self)
        self.level = code_combo(LEVELS, self, blank="—")
        for i in range(1, self.level.count()):
            self.level.setItemText(i, level_label(str(self.level.itemData(i))))
        self.approach = code_combo(charting.APPROACHES, self)
        select_code(self.approach, "peripheral")
        self.needles = QSpinBox(self)
        self.needles.setRange(1, 40)
        self.technique = code_combo(charting.TECHNIQUES, self)
        select_code(self.technique, "pistoning")
        self.gauge = code_combo((f"{g:g}" for g in GAUGES), self)
        select_code(self.gauge, "0.25")
        self.length = code_combo((f"{v:g}" for v in LENGTHS), self)
        select_code(self.length, "40")
        self.depth_mm = QSpinBox(self)
        self.depth_mm.setRange(0, 150)
        self.depth_mm.setSpecialValueText("—")
        self.depth_mm.setSuffix(" mm")
        self.twitches = QSpinBox(self)
        self.twitches.setRange(0, 99)
        self.ultrasound = QCheckBox("&Ultrasound", self)
        self.retention = QSpinBox(self)
        self.retention.setRange(0, 60)
        self.retention.setSpecialValueText("—")
        self.retention.setSuffix(" min")
        self.add = QPushButton("&Add target", self)
        self.favourite = QPushButton("★ Favourite", self)
        self.favourite.setToolTip("Add the typed muscle to your quick picks (or remove it)")
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setVisible(False)
        entry = QGridLayout()
        entry.addWidget(self.search, 0, 0, 1, 4)
        entry.addWidget(self.side, 0, 4)
        entry.addWidget(self.add, 0, 5)
        entry.addWidget(self.favourite, 0, 6)
        row2: list[tuple[str, QWidget]] = [
            ("Level", self.level), ("Approach", self.approach), ("Needles", self.needles),
            ("Technique", self.technique), ("Gauge mm", self.gauge), ("Length mm", self.length),
            ("Depth", self.depth_mm), ("LTR", self.twitches), ("Retention", self.retention),
        ]  # fmt: skip
        details = FlowLayout()
        for caption, widget in row2:
            pair = QWidget(self)
            pl = QHBoxLayout(pair)
            pl.setContentsMargins(0, 0, 6, 0)
            pl.setSpacing(4)
            text = QLabel(caption, pair)
            text.setBuddy(widget)
            pl.addWidget(text)
            pl.addWidget(widget)
            details.addWidget(pair)
        details.addWidget(self.ultrasound)
        self.picks = FlowLayout()
        self.suggestions = FlowLayout()
        self.repeat_last = QPushButton("&Repeat last session", self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("targetsTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(110)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.remove = QPushButton("Remo&ve target", self)
        self.billing = QLabel(self)
        self.billing.setObjectName("billingCode")
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove)
        bottom.addWidget(self.repeat_last)
        bottom.addStretch(1)
        bottom.addWidget(self.billing)
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addLayout(details)
        layout.addWidget(self.message)
        layout.addLayout(self.picks)
        layout.addLayout(self.suggestions)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.add.clicked.connect(self._on_add_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self.favourite.clicked.connect(self._on_favourite_clicked)
        self._refresh()

    # --- public ------------------------------------------------------------------------------
    def targets(self) -> tuple[TargetEntry, ...]:
        """Return the targets entered, in order."""
        return tuple(self._targets)

    def set_targets(self, targets: tuple[TargetEntry, ...]) -> None:
        """Replace the list."""
        self._targets = list(targets)
        self._refresh()

    def add_target(self, target: TargetEntry) -> None:
        """Append one target."""
        self._targets.append(target)
        self._refresh()

    def set_quick_picks(self, favourites: list[str], recent: list[str]) -> None:
        """Show favourite (★) and recent muscles as one-click buttons."""
        self.picks.clear()
        seen: set[str] = set()
        for code, star in [(c, True) for c in favourites] + [(c, False) for c in recent]:
            muscle = self._muscles.get(code)
            if muscle is None or code in seen:
                continue
            seen.add(code)
            button = QPushButton(("★ " if star else "") + muscle.label, self)
            button.setObjectName("quickPick")
            button.clicked.connect(lambda _c=False, m=muscle: self._add_muscle(m))
            self.picks.addWidget(button)

    def set_suggestions(self, targets: list[TargetEntry]) -> None:
        """Offer segmental targets (from the latest exam's implicated levels)."""
        self.suggestions.clear()
        for t in targets:
            where = f"{level_label(t.spinal_level or '')} {t.side}"
            text = f"Suggested: {self._muscles.label(t.muscle)} {where}"
            button = QPushButton(text, self)
            button.setObjectName("suggestion")
            button.clicked.connect(lambda _c=False, target=t: self.add_target(target))
            self.suggestions.addWidget(button)

    def set_read_only(self, read_only: bool) -> None:
        """Lock entry (a signed note)."""
        for w in (self.search, self.add, self.remove, self.repeat_last, self.favourite):
            w.setEnabled(not read_only)
        for flow in (self.picks, self.suggestions):
            for i in range(flow.count()):
                item = flow.itemAt(i)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.setEnabled(not read_only)

    # --- slots -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            popup = self.search.completer().popup()
            if popup is not None and popup.isVisible():
                return False  # let the completer take the highlighted muscle first
            self._on_add_clicked()
            return True  # Enter here adds a target; it never closes the dialog
        return super().eventFilter(watched, event)

    def _on_add_clicked(self) -> None:
        matches = self._muscles.search(self.search.text())
        exact = [m for m in matches if m.label.casefold() == self.search.text().strip().casefold()]
        if not self.search.text().strip() or not matches:
            self._say("Type part of a muscle's name and choose it from the list.")
            return
        self._add_muscle((exact or matches)[0])
        self.search.clear()

    def _add_muscle(self, muscle: Muscle) -> None:
        level = self.level.currentData()
        # A paraspinal muscle with a level chosen is needled segmentally (seed 1: multifidi
        # at the corresponding root levels); otherwise the approach chosen applies.
        approach = "segmental" if muscle.segmental and level else str(self.approach.currentData())
        side = self.side.currentData() if muscle.sided else "midline"
        self.add_target(
            TargetEntry(
                muscle=muscle.code,
                side=str(side),
                approach=approach,
                spinal_level=str(level) if approach == "segmental" and level else None,
                needles=self.needles.value(),
                gauge_mm=float(self.gauge.currentData()),
                length_mm=float(self.length.currentData()),
                depth_mm=float(self.depth_mm.value()) or None,
                technique=str(self.technique.currentData()),
                twitch_responses=self.twitches.value(),
                ultrasound_guided=self.ultrasound.isChecked(),
                retention_min=float(self.retention.value()) or None,
            )
        )
        self._say("")

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._targets):
            del self._targets[row]
            self._refresh()

    def _on_favourite_clicked(self) -> None:
        matches = self._muscles.search(self.search.text())
        if matches:
            self.favourite_toggled.emit(matches[0].code)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _refresh(self) -> None:
        self.table.setRowCount(len(self._targets))
        for r, t in enumerate(self._targets):
            values = (
                self._muscles.label(t.muscle), t.side, level_label(t.spinal_level or "") or "—",
                t.approach, str(t.needles), t.technique, str(t.twitch_responses),
                f"{t.retention_min:g}" if t.retention_min else "—",
            )  # fmt: skip
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))
        code = charting.billing_code((t.muscle, t.side) for t in self._targets)
        muscles = len({(t.muscle, t.side) for t in self._targets})
        self.billing.setText(
            f"Billing: CPT {code} ({muscles} muscle{'s' if muscles != 1 else ''})"
            if code
            else "Billing: no muscle needled yet"
        )
        self.changed.emit()

    def with_defaults(self, target: TargetEntry) -> TargetEntry:
        """Return ``target`` with this panel's current needle defaults (for suggestions)."""
        technique = str(self.technique.currentData())
        return replace(target, needles=self.needles.value(), technique=technique)
