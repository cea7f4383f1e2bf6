"""A grid of check boxes over a clinical vocabulary (codes in, codes out)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from dnclinic.clinical.vocab import label

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class CodeChecklist(QWidget):
    """One check box per code, labelled in plain English, laid out in columns."""

    def __init__(
        self, codes: Sequence[str], columns: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        self.boxes: dict[str, QCheckBox] = {}
        for i, code in enumerate(codes):
            box = QCheckBox(label(code), self)
            box.setObjectName(f"code_{code}")
            grid.addWidget(box, i // columns, i % columns)
            self.boxes[code] = box

    def codes(self) -> tuple[str, ...]:
        """Return the checked codes, in vocabulary order."""
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def set_codes(self, codes: Iterable[str]) -> None:
        """Check exactly ``codes``."""
        chosen = set(codes)
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)
