"""A form whose rows can show a problem right under the field it concerns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from dnclinic.clinical.validation import Issue, Severity
from dnclinic.ui.theme import set_state

if TYPE_CHECKING:
    from collections.abc import Iterable
from typing import TypeVar

W = TypeVar("W", bound=QWidget)


class ValidatedForm(QWidget):
    """A ``QFormLayout`` with an error label under every field.

    ``show_issues`` puts each issue's message under its field (by field name), marks the field
    invalid for the stylesheet, and moves the focus to the first problem. Nothing typed is
    touched.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._order: list[str] = []

    def add_row(self, field: str, label: str, widget: W, hint: str = "") -> W:
        """Add a labelled field; return the widget for chaining."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.setVisible(False)
        error.setAccessibleName(f"{label} error")
        column.addWidget(error)
        if hint:
            hint_label = QLabel(hint, box)
            hint_label.setObjectName("fieldHint")
            hint_label.setWordWrap(True)
            column.addWidget(hint_label)
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.layout_.addRow(caption, box)
        self._fields[field] = widget
        self._errors[field] = error
        self._order.append(field)
        return widget

    def _grow_window(self) -> None:
        """Make room for messages that just appeared, so that none is clipped."""
        self.layout_.activate()
        window = self.window()
        window_layout = window.layout()
        if window_layout is not None:
            window_layout.activate()
        hint = window.sizeHint()
        if hint.height() > window.height():
            window.resize(window.width(), hint.height())

    def error_text(self, field: str) -> str:
        """Return the message shown under ``field`` ('' when none)."""
        label = self._errors[field]
        return label.text() if label.isVisibleTo(self) else ""

    def clear_issues(self) -> None:
        """Hide every message."""
        for field, label in self._errors.items():
            label.clear()
            label.setVisible(False)
            set_state(self._fields[field], "invalid", False)

    def show_issues(self, issues: Iterable[Issue]) -> list[Issue]:
        """Show issues under their fields; return those that match no field (shown elsewhere)."""
        self.clear_issues()
        unplaced: list[Issue] = []
        by_field: dict[str, list[str]] = {}
        for issue in issues:
            if issue.field in self._errors:
                by_field.setdefault(issue.field, []).append(issue.message)
                if issue.severity is Severity.ERROR:
                    set_state(self._fields[issue.field], "invalid", True)
            else:
                unplaced.append(issue)
        for field, messages in by_field.items():
            self._errors[field].setText(" ".join(messages))
            self._errors[field].setVisible(True)
        self._grow_window()
        first = next((f for f in self._order if f in by_field), None)
        if first is not None:
            self._fields[first].setFocus(Qt.FocusReason.OtherFocusReason)
        return unplaced
