"""The main window: composes the patient list, the chart and the actions; delegates the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from dnclinic import __version__
from dnclinic.services.errors import NotFoundError
from dnclinic.services.policy import Permission
from dnclinic.ui.backup_scheduler import BackupScheduler
from dnclinic.ui.change_bus import ChangeBus
from dnclinic.ui.charting_controller import ChartingController
from dnclinic.ui.decision_controller import DecisionController
from dnclinic.ui.documents_controller import DocumentsController
from dnclinic.ui.export_controller import ExportController
from dnclinic.ui.idle_lock import IdleLock
from dnclinic.ui.presence_controller import PresenceController  # issue 11
from dnclinic.ui.training_controller import TrainingController  # issue 6
from dnclinic.ui.widgets.chart_panel import ChartPanel
from dnclinic.ui.widgets.patient_list import PatientList

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDialog

    from dnclinic.app_context import AppContext
    from dnclinic.services.backup import BackupResult
    from dnclinic.services.changes import ChangeSet, Saved
    from dnclinic.services.restore import RestoreOutcome
    from dnclinic.settings import Settings

UI_STATE_FILE = "ui-state.ini"
NO_PATIENTS_TEXT = (
    "Your account manages the clinic, not patients.\n"
    "Users, clinic details and the audit log are under the Clinic menu."
)
RESTRICTED_TEXT = (
    "Clinical records are visible to practitioners only.\n"
    "Your role gives access to training, adverse events and reports."
)


class MainWindow(QMainWindow):
    """Patient list on the left, the chart on the right, actions in menus and the toolbar."""

    def __init__(
        self, app: AppContext, parent: QWidget | None = None, *, idle_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self.app = app
        actor = app.services.actor
        minutes = max(1, app.settings.idle_lock_minutes)
        self.idle = IdleLock(
            app.access, actor.display_name or actor.username, idle_ms or minutes * 60_000, self
        )
        self.bus = ChangeBus(self)
        # Daily and on-exit backups; show_main_window starts it (test windows stay quiet).
        self.backups = BackupScheduler(app, self)
        self.restart_required = False  # set after a restore: the clinic must be opened again
        # Closing saves the geometry, splitter and columns. The self-test turns this off: its
        # offscreen window would shrink the next real one to the offscreen default.
        self.remember_layout = True
        self.dialog: QDialog | None = None  # the one editor open at a time
        self.setObjectName("mainWindow")
        self.setWindowTitle("dnclinic")
        # The panes are made inside the splitter: made elsewhere and moved in, each widget would
        # be styled twice (the stylesheet is applied again on every change of parent).
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.patient_list = PatientList(
            app.patient_search, self.splitter, enabled=actor.can(Permission.PATIENT_READ)
        )
        self.chart = ChartPanel(self.splitter)
        self.splitter.addWidget(self.patient_list)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([660, 780])
        self.setCentralWidget(self.splitter)
        self._build_actions()
        self._build_menus()
        self.charting = ChartingController(self)  # exams, sessions, outcomes (issue 5)
        self.documents = DocumentsController(self)  # preview, export, print (issue 8)
        self.decision = DecisionController(self)  # the decision wizard (issue 7)
        self.training = TrainingController(self)  # practitioners and training (issue 6)
        self.exports = ExportController(self, self.patient_menu, self.clinic_menu)  # FHIR, CSV
        self.presence = PresenceController(self)  # open on another workstation (issue 11)
        status_bar = self.statusBar()
        self.status_count = QLabel(status_bar)
        self.status_user = QLabel(status_bar)
        status_bar.addPermanentWidget(self.status_user)
        status_bar.addPermanentWidget(self.status_count)
        status_bar.showMessage(f"Database: {app.database_label}")

        self.patient_list.patient_selected.connect(self._on_patient_list_patient_selected)
        self.patient_list.patient_activated.connect(self._on_patient_list_patient_activated)
        self.chart.new_episode_requested.connect(self.new_episode)
        self.chart.screening_requested.connect(self.record_screening)
        self.chart.edit_patient_requested.connect(self.edit_patient)
        self.bus.changed.connect(self._on_bus_changed)
        if not actor.can(Permission.PATIENT_READ):
            self.chart.clear(NO_PATIENTS_TEXT)
        self.backups.backup_finished.connect(self._on_backups_backup_finished)
        self.backups.backup_failed.connect(self._on_backups_backup_failed)
        # The list has just read every active patient (no search typed yet), so the status bar
        # takes its count from there instead of counting them again.
        self._update_actions(active_patients=self.patient_list.model.rowCount())
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
            "Mark patient entered in e&rror…", None, self.mark_entered_in_error
        )
        self.act_find = self._action("&Find patient", "Ctrl+F", self.patient_list.focus_search)
        self.act_clinic = self._action("&Clinic details…", None, self.edit_clinic)
        self.act_quit = self._action("&Quit", "Ctrl+Q", self.close)
        self.act_lock = self._action("&Lock", "Ctrl+L", self.idle.lock)
        self.act_password = self._action("Change my &password…", None, self.change_password)
        self.act_users = self._action("&Users and roles…", None, self.manage_users)
        self.act_audit = self._action("&Audit log…", None, self.show_audit_log)
        self.act_backups = self._action("&Backups…", None, self.manage_backups)
        self.act_about = self._action("&About dnclinic", None, self._on_about_triggered)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.act_lock, self.act_password):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        self.patient_menu = patient_menu = bar.addMenu("&Patient")
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
        self.clinic_menu = clinic_menu = bar.addMenu("&Clinic")
        for action in (self.act_clinic, self.act_users, self.act_audit, self.act_backups):
            clinic_menu.addAction(action)
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
        toolbar.addSeparator()
        toolbar.addAction(self.act_lock)

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
        self.idle.stop()
        if self.remember_layout:
            self.save_state()
        super().closeEvent(event)

    # --- actions -----------------------------------------------------------------------------
    def _open(self, dialog: QDialog, signal_name: str | None) -> QDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        if signal_name is not None:
            getattr(dialog, signal_name).connect(self._on_dialog_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_patient(self) -> None:
        """Open an empty patient form."""
        from dnclinic.ui.dialogs.patient_dialog import PatientDialog

        self._open(PatientDialog(self.app.patients, None, self), "patient_saved")

    def edit_patient(self) -> None:
        """Open the selected patient's details."""
        from dnclinic.ui.dialogs.patient_dialog import PatientDialog

        if self.chart.patient_id is not None:
            record = self.app.patients.get(self.chart.patient_id)
            self._open(PatientDialog(self.app.patients, record, self), "patient_saved")

    def new_episode(self) -> None:
        """Open a new episode of care for the selected patient."""
        from dnclinic.ui.dialogs.episode_dialog import EpisodeDialog

        if self.chart.patient_id is not None:
            today = self.app.services.today().isoformat()
            self._open(
                EpisodeDialog(self.app.episodes, self.chart.patient_id, today, self),
                "episode_saved",
            )

    def record_screening(self) -> None:
        """Open a screening form prefilled from the latest screening."""
        from dnclinic.ui.dialogs.screening_dialog import ScreeningDialog

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
        from dnclinic.ui.dialogs.entered_in_error_dialog import patient_withdrawal

        if self.chart.patient_id is not None:
            record = self.app.patients.get(self.chart.patient_id)
            self._open(patient_withdrawal(self.app.patients, record, self), "saved")

    def edit_clinic(self) -> None:
        """Open the clinic details."""
        from dnclinic.ui.dialogs.clinic_setup_dialog import ClinicSetupDialog

        dialog = ClinicSetupDialog(
            self.app.clinic,
            self.app.clinic.get(),
            self,
            training=self.app.training,  # issue 6
        )
        self._open(dialog, "clinic_saved")

    def show_patient(self, patient_id: int) -> None:
        """Show a patient's chart (or say why it cannot be shown)."""
        if not self.app.services.actor.can(Permission.CHART_READ):
            self.chart.clear(RESTRICTED_TEXT)
            self.charting.show_patient(None)
            self.presence.show_patient(None)
        else:
            try:
                self.chart.show_chart(self.app.chart.overview(patient_id))
                self.charting.show_patient(patient_id)
                self.presence.show_patient(patient_id)
            except NotFoundError:
                self.chart.clear()
                self.charting.show_patient(None)
                self.presence.show_patient(None)
        self._update_actions()

    def change_password(self) -> None:
        """Change the logged-in user's password (rewraps the database key)."""
        from dnclinic.ui.dialogs.users_dialog import ChangePasswordDialog

        self._open(ChangePasswordDialog(self.app.users, self), "password_changed")

    def manage_users(self) -> None:
        """Open the user administration (admins)."""
        from dnclinic.ui.dialogs.users_dialog import UsersDialog

        dialog = UsersDialog(self.app.users, self.app.clinic.practitioners(active_only=False), self)
        self._open(dialog, "users_changed")

    def show_audit_log(self) -> None:
        """Open the audit log viewer (admins)."""
        from dnclinic.ui.dialogs.audit_log_dialog import AuditLogDialog

        clinic = self.app.clinic.get()
        name = clinic.details.name if clinic else ""
        self._open(AuditLogDialog(self.app.audit, self, clinic_name=name), "exported")

    def manage_backups(self) -> None:
        """Open the backup settings, backups list, verify and restore (admins)."""
        from dnclinic.ui.dialogs.backup_dialog import BackupDialog

        dialog = BackupDialog(self.app, self.backups.settings, self)
        dialog.restored.connect(self._on_backup_dialog_restored)
        dialog.backup_made.connect(self._on_backups_backup_finished)
        dialog.settings_saved.connect(self._on_backup_dialog_settings_saved)
        self._open(dialog, None)

    # --- slots -------------------------------------------------------------------------------
    def _on_patient_list_patient_selected(self, patient_id: int) -> None:
        self.show_patient(patient_id)

    def _on_patient_list_patient_activated(self, patient_id: int) -> None:
        self.show_patient(patient_id)
        self.chart.tabs.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_backups_backup_finished(self, result: BackupResult) -> None:
        verdict = "made and verified" if result.verified else "made, but it FAILED a check"
        self.statusBar().showMessage(f"Backup {verdict}: {result.folder}", 15_000)

    def _on_backups_backup_failed(self, message: str) -> None:
        self.statusBar().showMessage(f"The scheduled backup failed: {message}")

    def _on_backup_dialog_restored(self, outcome: RestoreOutcome) -> None:
        from PySide6.QtWidgets import QMessageBox  # message boxes load when one is shown

        self.restart_required = True
        box = QMessageBox(
            QMessageBox.Icon.Information, "Backup restored",
            f"The backup {outcome.manifest.created_at:%Y-%m-%d %H:%M} UTC was restored and "
            "verified. dnclinic closes now: open it again and log in.",
            QMessageBox.StandardButton.Ok, self,
        )  # fmt: skip
        box.finished.connect(self.close)
        box.open()

    def _on_backup_dialog_settings_saved(self, settings: Settings) -> None:
        self.backups.apply(settings)

    def _on_dialog_saved(self, saved: Saved[object]) -> None:
        from dnclinic.ui.dialogs.patient_dialog import PatientDialog

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
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About dnclinic",
            f"<b>dnclinic {__version__}</b><br>Charting for physiotherapy clinics that practise "
            f"dry needling.<br><br>Database: {self.app.database_label}",
        )

    def _update_actions(self, *, active_patients: int | None = None) -> None:
        """Enable what makes sense now; hide what the user's role cannot do at all.

        ``active_patients`` is the patient count when the caller knows it (else it is read).
        """
        can = self.app.services.actor.can
        has_patient = self.chart.patient_id is not None
        rules = (
            (self.act_new_patient, can(Permission.PATIENT_WRITE), True),
            (self.act_edit_patient, can(Permission.PATIENT_WRITE), has_patient),
            (self.act_in_error, can(Permission.PATIENT_WRITE), has_patient),
            (self.act_new_episode, can(Permission.CHART_WRITE), has_patient),
            (self.act_screening, can(Permission.CHART_WRITE), has_patient),
            (self.act_find, can(Permission.PATIENT_READ), True),
            (self.act_clinic, can(Permission.CLINIC_SETTINGS), True),
            (self.act_users, can(Permission.USERS_MANAGE), True),
            (self.act_audit, can(Permission.AUDIT_READ), True),
            (self.act_backups, can(Permission.BACKUP) and self.backups.enabled, True),
        )
        for action, allowed, enabled in rules:
            action.setVisible(allowed)
            action.setEnabled(allowed and enabled)
        if can(Permission.PATIENT_READ):
            total = self.app.patient_search.count() if active_patients is None else active_patients
            self.status_count.setText(f"{total:,} patient" + ("" if total == 1 else "s"))
        actor = self.app.services.actor
        self.status_user.setText(f"{actor.display_name or actor.username} ({actor.role})")
        self.charting.update_actions(has_patient)
        self.documents.update_actions(has_patient)
        self.decision.update_actions(has_patient)  # issue 7
        self.exports.update_actions(has_patient)  # issue 11

    def _update_title(self) -> None:
        name = self.app.clinic_title.name()
        self.setWindowTitle(f"{name} — dnclinic" if name else "dnclinic")
