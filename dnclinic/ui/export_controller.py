"""Data leaving the app from the menus: a patient's record as FHIR, the whole clinic as FHIR or CSV.

The same services as ``dnclinic export fhir|csv``: one patient (practitioners, *Patient* menu), or
every record (administrators, *Clinic* menu). The work runs off the UI thread; the file appears
only once it is complete, and the result (or a plain-language error) is shown when it is done.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from dnclinic.services.policy import Permission
from dnclinic.ui.workers import run_task

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMenu

    from dnclinic.ui.main_window import MainWindow

UNENCRYPTED = (
    "The export is NOT encrypted and holds every patient's record. Keep it on an encrypted disk, "
    "share it only as the law and the clinic's policy allow, and delete it when it is no longer "
    "needed."
)


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` first, so that the file appears only once it is complete."""
    part = path.with_name(path.name + ".part")
    try:
        part.write_bytes(data)
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)


class ExportController(QObject):
    """Owns the export actions of one main window."""

    def __init__(self, window: MainWindow, patient_menu: QMenu, clinic_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.app = window.app
        self.busy = False
        self.last_message = ""  # what the last finished export said (shown in the status bar)
        self.act_patient_fhir = self._action("Export record as F&HIR…", self._on_patient_fhir)
        patient_menu.addAction(self.act_patient_fhir)
        clinic_menu.addSeparator()
        self.act_clinic_fhir = self._action("Export all records as FHIR…", self._on_clinic_fhir)
        self.act_clinic_csv = self._action("Export all data as CSV…", self._on_clinic_csv)
        for action in (self.act_clinic_fhir, self.act_clinic_csv):
            clinic_menu.addAction(action)

    def _action(self, text: str, slot: object) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        return action

    def update_actions(self, has_patient: bool) -> None:
        """Show what the role allows; enable it when there is something to export."""
        can = self.app.services.actor.can
        rules = (
            (self.act_patient_fhir, can(Permission.DOCUMENT_EXPORT), has_patient),
            (self.act_clinic_fhir, can(Permission.CLINIC_EXPORT), True),
            (self.act_clinic_csv, can(Permission.CLINIC_EXPORT), True),
        )
        for action, allowed, enabled in rules:
            action.setVisible(allowed)
            action.setEnabled(allowed and enabled and not self.busy)

    # --- the exports (the file or folder already chosen) ---------------------------------------
    def export_patient_fhir(self, path: Path) -> None:
        """Write the shown patient's record to ``path`` as a FHIR R4 bundle."""
        patient_id = self.window.chart.patient_id
        if patient_id is None:
            return

        def work() -> str:
            export = self.app.fhir.export_patient(patient_id)
            write_whole(path, export.content)
            return f"Wrote {path.name}: FHIR R4 bundle, {export.resources} resources (audited)."

        self._start(work, warn=False)

    def export_clinic_fhir(self, path: Path) -> None:
        """Write every patient's record to ``path`` as one FHIR R4 bundle (administrators)."""

        def work() -> str:
            export = self.app.fhir.export_clinic()
            write_whole(path, export.content)
            return (f"Wrote {path.name}: FHIR R4 bundle of {export.patients:,} patients, "
                    f"{export.resources:,} resources (audited).")  # fmt: skip

        self._start(work, warn=True)

    def export_clinic_csv(self, folder: Path) -> None:
        """Write every table to ``folder`` (new or empty) as CSV files (administrators)."""

        def work() -> str:
            manifest = self.app.csv_export.export(folder).manifest
            return (f"Exported {manifest.rows:,} rows of {len(manifest.tables)} tables to {folder} "
                    "(manifest.json lists each file's SHA-256).")  # fmt: skip

        self._start(work, warn=True)

    def _start(self, work: Callable[[], str], *, warn: bool) -> None:
        self.busy = True
        self.update_actions(self.window.chart.patient_id is not None)
        self.window.statusBar().showMessage("Exporting…")

        def done(message: object) -> None:
            self._finish(str(message))
            if warn:
                from PySide6.QtWidgets import QMessageBox

                box = QMessageBox(QMessageBox.Icon.Information, "Export finished",
                                  f"{message}\n\n{UNENCRYPTED}", parent=self.window)  # fmt: skip
                box.open()  # not exec(): nothing waits on it

        def failed(exc: Exception) -> None:
            self._finish("")
            from dnclinic.ui.errors import show_error

            show_error(self.window, "Export", _plain(exc))

        run_task(self.window, work, done, failed)

    def _finish(self, message: str) -> None:
        self.busy = False
        self.last_message = message
        self.window.statusBar().showMessage(message, 15_000)
        self.update_actions(self.window.chart.patient_id is not None)

    # --- choosing where ----------------------------------------------------------------------
    def _ask_file(self, title: str, name: str, then: Callable[[Path], None]) -> None:
        from PySide6.QtWidgets import QFileDialog  # file dialogs load when one is opened

        dialog = QFileDialog(self.window, title, name, "FHIR JSON (*.json)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda chosen: then(_json(Path(chosen))))
        dialog.open()

    def _on_patient_fhir(self) -> None:
        record = self.app.patients.get(self.window.chart.patient_id or 0)
        self._ask_file("Export record as FHIR", f"{record.details.mrn}.fhir.json",
                       self.export_patient_fhir)  # fmt: skip

    def _on_clinic_fhir(self) -> None:
        self._ask_file("Export all records as FHIR", "clinic.fhir.json", self.export_clinic_fhir)

    def _on_clinic_csv(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        dialog = QFileDialog(self.window, "Export all data as CSV: choose a new or empty folder")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.fileSelected.connect(lambda chosen: self.export_clinic_csv(Path(chosen)))
        dialog.open()


def _json(path: Path) -> Path:
    return path if path.suffix.lower() == ".json" else path.with_name(path.name + ".json")


def _plain(exc: Exception) -> str:
    from dnclinic.services.errors import ServiceError

    if isinstance(exc, ServiceError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"The file could not be written: {exc.strerror or exc}. Choose another place."
    return "Something went wrong and nothing was exported. The details are in the log file."
