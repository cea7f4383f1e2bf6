"""Small builders shared by the charting editors: code combos, optional numbers, messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from dnclinic.clinical.vocab import label
from dnclinic.ui.theme import set_state

if TYPE_CHECKING:
    from collections.abc import Iterable


def code_combo(codes: Iterable[str], parent: QWidget, *, blank: str | None = None) -> QComboBox:
    """A combo of vocabulary codes shown by their labels (optionally with a blank first entry)."""
    combo = QComboBox(parent)
    if blank is not None:
        combo.addItem(blank, None)
    for code in codes:
        combo.addItem(label(code), code)
    return combo


def select_code(combo: QComboBox, code: object) -> None:
    """Select the entry whose data is ``code`` (the first entry when absent)."""
    index = combo.findData(code)
    combo.setCurrentIndex(max(index, 0))


def number_field(parent: QWidget, placeholder: str = "") -> QLineEdit:
    """A short line edit for a number (parsed by :func:`read_number`)."""
    field = QLineEdit(parent)
    field.setPlaceholderText(placeholder)
    field.setMaximumWidth(110)
    return field


def read_number(field: QLineEdit) -> float | None:
    """Return the number typed (comma or point), or None when empty or not a number."""
    text = field.text().strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def show_number(field: QLineEdit, value: float | None) -> None:
    """Show a number without a needless ``.0``."""
    field.setText("" if value is None else f"{value:g}")


def message_label(parent: QWidget) -> QLabel:
    """A hidden label for a field's error or warning (styled by the ``level`` property)."""
    message = QLabel(parent)
    message.setObjectName("fieldError")
    message.setWordWrap(True)
    message.setVisible(False)
    return message


def show_message(message: QLabel, text: str, level: str = "error") -> None:
    """Show (or with empty text hide) a field message; ``level`` is error or warning."""
    message.setText(text)
    message.setVisible(bool(text))
    set_state(message, "level", level)
