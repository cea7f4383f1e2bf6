"""Shows the recovery key once, at setup, to print or write down and keep somewhere safe."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

EXPLAIN = (
    "This recovery key opens the clinic's data if every administrator forgets their password. "
    "Print it or write it down now and keep it locked away, apart from this computer. It is "
    "not shown again, and nobody, including dnclinic's makers, can recover the data without "
    "a password or this key."
)


class RecoveryKeyDialog(QDialog):
    """The recovery key in large print, with Copy and Save buttons."""

    def __init__(self, recovery_key: str, clinic_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self._clinic_label = clinic_label
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Your recovery key")
        self.setMinimumWidth(620)
        explain = QLabel(EXPLAIN, self)
        explain.setWordWrap(True)
        self.key_label = QLabel(recovery_key, self)
        self.key_label.setObjectName("recoveryKey")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        copy = QPushButton("Copy", self)
        save = QPushButton("Save as text file…", self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(copy)
        row.addWidget(save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        done = buttons.button(QDialogButtonBox.StandardButton.Ok)
        done.setText("I have stored it safely")
        done.setDefault(True)
        for button in (copy, save):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.key_label)
        layout.addLayout(row)
        layout.addWidget(buttons)
        copy.clicked.connect(self._on_copy_clicked)
        save.clicked.connect(self._on_save_clicked)
        buttons.accepted.connect(self.accept)

    def save_to(self, path: Path) -> None:
        """Write the key with a short explanation to a text file."""
        path.write_text(
            f"dnclinic recovery key for {self._clinic_label}\n\n"
            f"    {self.recovery_key}\n\n{EXPLAIN}\n",
            encoding="utf-8",
        )

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)

    def _on_save_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save recovery key", "dnclinic-recovery-key.txt"
        )
        if name:
            self.save_to(Path(name))
