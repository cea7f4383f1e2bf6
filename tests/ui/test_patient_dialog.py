"""The patient dialog: create, refuse bad input next to the field, keep what was typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from factories import make_patient

from dnclinic.clinical.demographics import PatientDetails
from dnclinic.ui.dialogs.patient_dialog import PatientDialog

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext


def _dialog(qtbot: QtBot, ctx: AppContext, record: object = None) -> PatientDialog:
    dialog = PatientDialog(ctx.patients, record)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_create_a_patient_through_the_dialog(qtbot: QtBot, app_context: AppContext) -> None:
    dialog = _dialog(qtbot, app_context)
    v = dialog.view
    assert v.mrn.text() == "DN-000001"
    qtbot.keyClicks(v.given_name, "Zo")
    v.given_name.insert("ë")  # QTest can only type ASCII; accents arrive as an input method would
    v.family_name.insert("Ø")
    qtbot.keyClicks(v.family_name, "rsted")
    qtbot.keyClicks(v.date_of_birth, "1975-03-09")
    v.sex.setCurrentIndex(v.sex.findData("female"))
    qtbot.keyClicks(v.phone, "+1 305 555 0100")
    qtbot.keyClicks(v.email, "zoe@example.com")
    with qtbot.waitSignal(dialog.patient_saved) as blocker:
        dialog.buttons.accepted.emit()
    saved = blocker.args[0]
    assert dialog.result() == PatientDialog.DialogCode.Accepted
    stored = app_context.patients.get(saved.value.id)
    assert stored.details == PatientDetails(
        mrn="DN-000001",
        given_name="Zoë",
        family_name="Ørsted",
        date_of_birth=date(1975, 3, 9),
        sex="female",
        phone="+1 305 555 0100",
        email="zoe@example.com",
    )
    assert app_context.patients.search_ids("orsted") == [saved.value.id]


def test_invalid_input_shows_messages_and_keeps_everything(
    qtbot: QtBot, app_context: AppContext
) -> None:
    make_patient(app_context, mrn="DN-000777")
    dialog = _dialog(qtbot, app_context)
    v = dialog.view
    v.mrn.clear()
    qtbot.keyClicks(v.mrn, "dn-000777")
    qtbot.keyClicks(v.given_name, "Sam")
    qtbot.keyClicks(v.date_of_birth, "1980-13-40")
    qtbot.keyClicks(v.email, "sam@")
    v.notes.setPlainText("Prefers morning appointments")
    with qtbot.assertNotEmitted(dialog.patient_saved):
        dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    form = v.form
    assert "belongs to another patient" in form.error_text("mrn")
    assert form.error_text("family_name") == "Enter the patient's family name."
    assert "“1980-13-40” is not a date" in form.error_text("date_of_birth")
    assert "email" in form.error_text("email")
    assert form.error_text("given_name") == ""
    assert v.family_name.property("invalid") is True
    assert v.given_name.property("invalid") is False
    # nothing typed was lost
    assert (v.mrn.text(), v.given_name.text(), v.date_of_birth.text(), v.email.text()) == (
        "dn-000777",
        "Sam",
        "1980-13-40",
        "sam@",
    )
    assert v.notes.toPlainText() == "Prefers morning appointments"
    assert app_context.patients.count() == 1
    # the first problem has the focus, so the user can fix it straight away
    assert v.mrn.hasFocus() or dialog.focusWidget() is v.mrn
    # messages follow the corrections live
    qtbot.keyClicks(v.family_name, "Reed")
    assert form.error_text("family_name") == ""
    assert "is not a date" in form.error_text("date_of_birth")


def test_editing_shows_a_conflict_without_losing_the_edit(
    qtbot: QtBot, app_context: AppContext
) -> None:
    rec = make_patient(app_context, given_name="Ana", family_name="Lopez")
    dialog = _dialog(qtbot, app_context, rec)
    assert dialog.view.family_name.text() == "Lopez"
    # meanwhile another workstation saves the same patient
    app_context.patients.update(
        rec.id, rec.version_id, replace(rec.details, phone="(305) 555-0199")
    )
    dialog.view.family_name.setText("Lopez-Garcia")
    with qtbot.assertNotEmitted(dialog.patient_saved):
        dialog.buttons.accepted.emit()
    assert dialog.view.banner.isVisibleTo(dialog)
    assert "changed on another workstation" in dialog.view.banner.text()
    assert dialog.view.family_name.text() == "Lopez-Garcia"
    assert app_context.patients.get(rec.id).details.family_name == "Lopez"
