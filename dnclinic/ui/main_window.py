"""The main window: composes the patient list, the chart and the actions; delegates the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from dnclinic import __version__
from dnclinic.services.errors import NotFoundError
from dnclinic.ui.change_bus import ChangeBus
from dnclinic.ui.charting_controller import ChartingController
from dnclinic.ui.dialogs.clinic_setup_dialog import ClinicSetupDialog
from dnclinic.ui.dialogs.entered_in_error_dialog import EnteredInErrorDialog
from dnclinic.ui.dialogs.episode_dialog import EpisodeDialog
from dnclinic.ui.dialogs.patient_dialog import PatientDialog
from dnclinic.ui.dialogs.screening_dialog import ScreeningDialog
from dnclinic.ui.widgets.chart_panel import ChartPanel
from dnclinic.ui.widgets.patient_list import PatientList

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.services.changes import ChangeSet, Saved

UI_STATE_FILE = "ui-state.ini"


class MainWindow(QMainWindow):
    """Patient list on the left, the chart on the right, actions in menus and the toolbar."""

    def __init__(self, app: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.bus = ChangeBus(self)
        self.dialog: QDialog | None = None  # the one editor open at a time
        self.setObjectName("mainWindow")
        self.setWindowTitle("dnclinic")
        self.patient_list = PatientList(app.patients, self)
        self.chart = ChartPanel(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.patient_list)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([660, 780])
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._build_menus()
        self.charting = ChartingController(self)  # exams, sessions, outcomes (issue 5)
        self.status_count = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_count)
        self.statusBar().showMessage(f"Database: {app.database_label}")

        self.patient_list.patient_selected.connect(self._on_patient_list_patient_selected)
        self.patient_list.patient_activated.connect(self._on_patient_list_patient_activated)
        self.chart.new_episode_requested.connect(self.new_episode)
        self.chart.screening_requested.connect(self.record_screening)
        self.chart.edit_patient_requested.connect(self.edit_patient)
        self.bus.changed.connect(self._on_bus_changed)
        self._update_actions()
        self._update_title()
        self._restore_state()

    # --- construction ------------------------------------------------------------------------
    def _action(
        self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: object
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_new_patient = self._action("&New patient…", "Ctrl+N", self.new_patient)
        self.act_edit_patient = self._action("&Edit patient…", "Ctrl+E", self.edit_patient)
        self.act_new_episode = self._action("New e&pisode…", "Ctrl+Shift+E", self.new_episode)
        self.act_screening = self._action(
            "Record &screening…", "Ctrl+Shift+S", self.record_screening
        )
        self.act_in_error = self._action(
            "Mark entered in e&rror…", None, self.mark_entered_in_error
        )
        self.act_find = self._action("&Find patient", "Ctrl+F", self.patient_list.focus_search)
        self.act_clinic = self._action("&Clinic details…", None, self.edit_clinic)
        self.act_quit = self._action("&Quit", "Ctrl+Q", self.close)
        self.act_about = self._action("&About dnclinic", None, self._on_about_triggered)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.act_quit)
        patient_menu = bar.addMenu("&Patient")
        for action in (
            self.act_new_patient,
            self.act_edit_patient,
            self.act_new_episode,
            self.act_screening,
        ):
            patient_menu.addAction(action)
        patient_menu.addSeparator()
        patient_menu.addAction(self.act_in_error)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.act_find)
        clinic_menu = bar.addMenu("&Clinic")
        clinic_menu.addAction(self.act_clinic)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_about)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.act_new_patient,
            self.act_edit_patient,
            self.act_new_episode,
            self.act_screening,
            self.act_find,
        ):
            toolbar.addAction(action)

    # --- window state ------------------------------------------------------------------------
    def _ui_state(self) -> QSettings:
        path = self.app.config_dir / UI_STATE_FILE
        return QSettings(str(path), QSettings.Format.IniFormat)

    def _restore_state(self) -> None:
        state = self._ui_state()
        geometry = state.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:  # first start: generous, but never larger than the screen
            screen = self.screen().availableGeometry()
            self.resize(min(1360, int(screen.width() * 0.92)), min(820, int(screen.height() * 0.9)))
        splitter = state.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = state.value("patientTableHeader")
        if isinstance(header, QByteArray):
            self.patient_list.table.horizontalHeader().restoreState(header)

    def save_state(self) -> None:
        """Remember window geometry, splitter and column widths."""
        state = self._ui_state()
        state.setValue("geometry", self.saveGeometry())
        state.setValue("splitter", self.splitter.saveState())
        state.setValue("patientTableHeader", self.patient_list.table.horizontalHeader().saveState())
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    # --- actions -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog, signal_name: str) -> QDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        getattr(dialog, signal_name).connect(self._on_dialog_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_patient(self) -> None:
        """Open an empty patient form."""
        self._open(PatientDialog(self.app.patients, None, self), "patient_saved")

    def edit_patient(self) -> None:
        """Open the selected patient's details."""
        if self.chart.patient_id is not None:
            record = self.app.patients.get(self.chart.patient_id)
            self._open(PatientDialog(self.app.patients, record, self), "patient_saved")

    def new_episode(self) -> None:
        """Open a new episode of care for the selected patient."""
        if self.chart.patient_id is not None:
            today = self.app.services.today().isoformat()
            self._open(
                EpisodeDialog(self.app.episodes, self.chart.patient_id, today, self),
                "episode_saved",
            )

    def record_screening(self) -> None:
        """Open a screening form prefilled from the latest screening."""
        pid = self.chart.patient_id
        if pid is not None:
            dialog = ScreeningDialog(
                self.app.episodes,
                pid,
                self.app.clinic.practitioners(),
                self.app.services.today().isoformat(),
                self.app.episodes.latest_screening(pid),
                self,
            )
            self._open(dialog, "screening_saved")

    def mark_entered_in_error(self) -> None:
        """Withdraw the selected patient record (with a reason)."""
        if self.chart.patient_id is not None:
            record = self.app.patients.get(self.chart.patient_id)
            self._open(EnteredInErrorDialog(self.app.patients, record, self), "patient_saved")

    def edit_clinic(self) -> None:
        """Open the clinic details."""
        self._open(ClinicSetupDialog(self.app.clinic, self.app.clinic.get(), self), "clinic_saved")

    def show_patient(self, patient_id: int) -> None:
        """Show a patient's chart."""
        try:
            self.chart.show_chart(self.app.chart.overview(patient_id))
            self.charting.show_patient(patient_id)
        except NotFoundError:
            self.chart.clear()
            self.charting.show_patient(None)
        self._update_actions()

    # --- slots -------------------------------------------------------------------------------
    def _on_patient_list_patient_selected(self, patient_id: int) -> None:
        self.show_patient(patient_id)

    def _on_patient_list_patient_activated(self, patient_id: int) -> None:
        self.show_patient(patient_id)
        self.chart.tabs.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_dialog_saved(self, saved: Saved[object]) -> None:
        self.bus.publish(saved.changes, self)
        new_id = getattr(saved.value, "id", None)
        if not (isinstance(self.dialog, PatientDialog) and isinstance(new_id, int)):
            return
        if not self.patient_list.select_patient(new_id):  # e.g. hidden by the current search
            self.show_patient(new_id)

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _on_bus_changed(self, changes: ChangeSet, _initiator: object) -> None:
        self.patient_list.on_changes(changes)
        if self.chart.patient_id is not None and changes.touches_patient(self.chart.patient_id):
            self.show_patient(self.chart.patient_id)
        if changes.clinic:
            self._update_title()

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            "About dnclinic",
            f"<b>dnclinic {__version__}</b><br>Charting for physiotherapy clinics that practise "
            f"dry needling.<br><br>Database: {self.app.database_label}",
        )

    def _update_actions(self) -> None:
        has_patient = self.chart.patient_id is not None
        for action in (
            self.act_edit_patient,
            self.act_new_episode,
            self.act_screening,
            self.act_in_error,
        ):
            action.setEnabled(has_patient)
        self.charting.update_actions(has_patient)
        self.status_count.setText(f"{self.app.patients.count():,} patients")

    def _update_title(self) -> None:
        clinic = self.app.clinic.get()
        self.setWindowTitle(f"{clinic.details.name} — dnclinic" if clinic else "dnclinic")
