"""The application's look: one stylesheet from resources/styles, applied once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont

from dnclinic import paths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget


def apply_theme(app: QApplication) -> None:
    """Load ``dnclinic.qss`` and a readable default font size."""
    font = app.font()
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    app.setFont(font)
    app.setStyleSheet(paths.resource_path("styles", "dnclinic.qss").read_text(encoding="utf-8"))


def set_state(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property used by the stylesheet (e.g. ``invalid``) and re-polish."""
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def heading_font(base: QFont, scale: float = 1.5) -> QFont:
    """Return a bold font ``scale`` times larger than ``base``."""
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setBold(True)
    return font
