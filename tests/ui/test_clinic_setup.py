"""First run: the clinic setup dialog."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from factories import PASSWORD

from dnclinic.ui.dialogs.clinic_setup_dialog import ClinicSetupDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext


def test_first_run_setup_saves_the_clinic(qtbot: QtBot, app_context: AppContext) -> None:
    assert app_context.clinic.get() is None
    app_context.access.login("admin", PASSWORD)  # the clinic's admin sets it up
    dialog = ClinicSetupDialog(app_context.clinic, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.threshold.value() == 60.0
    dialog.buttons.accepted.emit()  # no name yet
    assert dialog.form.error_text("name") == "Enter the clinic's name."
    assert app_context.clinic.get() is None
    qtbot.keyClicks(dialog.name, "Bayside Physio")
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("MD"))
    dialog.threshold.setValue(80)
    with qtbot.waitSignal(dialog.clinic_saved):
        dialog.buttons.accepted.emit()
    clinic = app_context.clinic.get()
    assert clinic is not None
    assert (clinic.details.name, clinic.details.jurisdiction) == ("Bayside Physio", "MD")
    assert clinic.details.training_threshold_hours == Decimal(80)
