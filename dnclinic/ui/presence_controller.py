"""The "open on another workstation" banner on the chart, and this workstation's editor lease.

While a session editor is open here, its lease is renewed every heartbeat; the chart shows who
else has the patient's chart open in an editor, re-checked every 30 seconds (another
workstation's editor cannot announce itself on this process's change bus). Presence is a
courtesy: if the server cannot be reached, the banner is hidden and charting carries on.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from dnclinic.services.errors import ServiceError
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from dnclinic.ui.main_window import MainWindow

log = logging.getLogger(__name__)
REFRESH_MS = 30_000


class PresenceController(QObject):
    """Shows who else is editing the chart shown; keeps this workstation's lease alive."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.app = window.app
        self.patient_id: int | None = None
        self.held: int | None = None
        self.window = window
        self.banner: QLabel  # joins the chart page when it is built (the first patient shown)
        window.chart.when_built(self._on_chart_built)
        self.heartbeat = QTimer(self)  # its interval is set when it starts (see below)
        self.heartbeat.timeout.connect(self._on_heartbeat_timeout)
        self.refresher = QTimer(self)
        self.refresher.setInterval(REFRESH_MS)
        self.refresher.timeout.connect(self.refresh)
        window.charting.session_editor_opened.connect(self._on_session_editor_opened)

    def _on_chart_built(self) -> None:
        page = self.window.chart.chart
        self.banner = QLabel(page)
        self.banner.setObjectName("statusBanner")
        self.banner.setProperty("kind", "presence")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        column = page.layout()
        if column is not None and hasattr(column, "insertWidget"):
            column.insertWidget(1, self.banner)

    def show_patient(self, patient_id: int | None) -> None:
        """Follow the chart shown: check who else is editing it now and every 30 seconds."""
        self.patient_id = patient_id
        self.refresh()
        if patient_id is None:
            self.refresher.stop()
        else:
            self.refresher.start()

    def refresh(self) -> None:
        """Show or hide the banner for the chart shown."""
        if not self.window.chart.built:  # no chart shown yet, so no banner to show
            return
        pid = self.patient_id
        lines: list[str] = []
        if pid is not None and self.app.services.actor.can(Permission.CHART_READ):
            try:
                lines = [row.banner() for row in self.app.presence.others(pid)]
            except ServiceError:
                log.warning("Could not read who else has chart %s open", pid, exc_info=True)
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))

    def _on_session_editor_opened(self, dialog: QDialog) -> None:
        # Imported here: the presence service (and the ORM it uses) is not needed at start-up.
        from dnclinic.services.presence import HEARTBEAT

        self.held = self.patient_id
        self._renew()
        self.heartbeat.start(int(HEARTBEAT.total_seconds() * 1000))
        dialog.finished.connect(self._on_editor_finished)

    def _on_heartbeat_timeout(self) -> None:
        self._renew()

    def _renew(self) -> None:
        if self.held is None:
            return
        try:
            self.app.presence.hold(self.held)
        except ServiceError:
            log.warning("Could not renew the editor lease on chart %s", self.held, exc_info=True)

    def _on_editor_finished(self, _result: int) -> None:
        self.heartbeat.stop()
        held, self.held = self.held, None
        if held is None:
            return
        try:
            self.app.presence.release(held)
        except ServiceError:  # it expires on its own
            log.warning("Could not release the editor lease on chart %s", held, exc_info=True)
