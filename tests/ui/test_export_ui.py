"""Exports from the menus: a patient's FHIR record (practitioners), the whole clinic (admins)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from charting_factories import as_practitioner, screened_patient
from factories import PASSWORD, as_user
from PySide6.QtWidgets import QMessageBox

from dnclinic.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext


def _window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_practitioner_exports_the_shown_patient_as_fhir(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    as_practitioner(clinic_context)
    patient = screened_patient(clinic_context)
    window = _window(qtbot, clinic_context)
    exports = window.exports
    assert exports.act_patient_fhir.isVisible()
    assert not exports.act_patient_fhir.isEnabled()  # no patient shown yet
    assert not exports.act_clinic_csv.isVisible()  # the whole clinic is for administrators
    window.patient_list.select_patient(patient.id)
    assert exports.act_patient_fhir.isEnabled()
    out = tmp_path / "record.json"
    exports.export_patient_fhir(out)
    assert not exports.act_patient_fhir.isEnabled()  # one export at a time
    qtbot.waitUntil(lambda: not exports.busy, timeout=20_000)
    bundle = json.loads(out.read_text(encoding="utf-8"))
    patients = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient"
    ]
    assert [p["identifier"][0]["value"] for p in patients] == [patient.details.mrn]
    assert exports.last_message.startswith("Wrote record.json: FHIR R4 bundle")
    assert exports.act_patient_fhir.isEnabled()
    assert not (tmp_path / "record.json.part").exists()


def test_an_admin_exports_the_clinic_as_csv_and_a_bad_folder_is_explained(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    screened_patient(clinic_context)
    with as_user(clinic_context, "admin", PASSWORD):
        window = _window(qtbot, clinic_context)
        exports = window.exports
        assert exports.act_clinic_csv.isVisible()
        assert not exports.act_patient_fhir.isVisible()  # patient records are not theirs
        taken = tmp_path / "taken"
        taken.mkdir()
        (taken / "notes.txt").write_text("someone's file")
        exports.export_clinic_csv(taken)  # not empty: refused, nothing written in it
        qtbot.waitUntil(lambda: not exports.busy, timeout=20_000)
        assert sorted(p.name for p in taken.iterdir()) == ["notes.txt"]
        assert exports.last_message == ""
        (box,) = window.findChildren(QMessageBox, "errorBox")
        assert "is not an empty folder" in box.text()
        box.close()
        folder = tmp_path / "export"
        exports.export_clinic_csv(folder)
        qtbot.waitUntil(lambda: not exports.busy, timeout=60_000)
    assert (folder / "manifest.json").exists()
    assert "patients.csv" in {p.name for p in folder.iterdir()}
    assert exports.last_message.startswith("Exported ")
