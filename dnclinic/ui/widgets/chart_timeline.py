"""The chart timeline: every charted event, newest first, filterable by kind; Enter opens one."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.timeline import KIND_LABELS, KINDS
from dnclinic.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from dnclinic.services.timeline import TimelineItem

FLAGGED = QBrush(QColor("#8a1c14"))
REF_ROLE = Qt.ItemDataRole.UserRole


class ChartTimeline(QWidget):
    """A filter row (one box per kind) over the list of events."""

    item_opened = Signal(str, int)  # kind, record id
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartTimeline")
        self.filters: dict[str, QCheckBox] = {}
        # the filter boxes wrap onto a second line in a narrow chart (seven kinds since issue 7)
        filters = QWidget(self)
        row = FlowLayout(filters)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Show:", filters))
        for kind in KINDS:
            box = QCheckBox(KIND_LABELS[kind], filters)
            box.setChecked(True)
            box.toggled.connect(self._on_filter_toggled)
            self.filters[kind] = box
            row.addWidget(box)
        self.list = QListWidget(self)
        self.list.setObjectName("timeline")
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._on_list_item_activated)
        hint = QLabel(
            "Double-click or press Enter to open an entry; right-click to mark one entered in "
            "error.",
            self,
        )
        hint.setObjectName("fieldHint")
        layout = QVBoxLayout(self)
        layout.addWidget(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)

    def kinds(self) -> tuple[str, ...]:
        """Return the kinds ticked in the filter row."""
        return tuple(k for k, box in self.filters.items() if box.isChecked())

    def show_items(self, items: list[TimelineItem]) -> None:
        """Replace the list."""
        self.list.clear()
        for it in items:
            when = it.when
            stamp = (
                when.astimezone().strftime("%Y-%m-%d %H:%M")
                if isinstance(when, datetime)
                else when.isoformat()
            )
            entry = QListWidgetItem(f"{stamp}   {it.title}\n            {it.detail}")
            entry.setData(REF_ROLE, f"{it.kind}:{it.ref_id}")
            if it.flagged:
                entry.setForeground(FLAGGED)
            self.list.addItem(entry)
        if not items:
            self.list.addItem("Nothing charted yet.")

    def selected_ref(self) -> tuple[str, int] | None:
        """Return the (kind, record id) of the entry selected in the list, if any."""
        item = self.list.currentItem()
        ref = item.data(REF_ROLE) if item is not None else None
        if not (isinstance(ref, str) and ":" in ref):
            return None
        kind, ref_id = ref.split(":")
        return kind, int(ref_id)

    def _on_filter_toggled(self, _checked: bool) -> None:
        self.filter_changed.emit()

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.list.setCurrentItem(item)
        ref = self.selected_ref()
        if ref is not None:
            self.item_opened.emit(*ref)
