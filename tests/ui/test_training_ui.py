"""Training through the real widgets.

Add a course and see the status change, sort and filter the dashboard, export what the table
shows, the register's highlighting, the session warning, the clinic settings.
"""

from __future__ import annotations

import csv
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from charting_factories import as_practitioner, screened_patient
from conftest import FIXED_NOW
from factories import PASSWORD, as_user
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidgetItem
from training_factories import PNG_BYTES, add_manager, course, practitioner_id, session_with_event

from dnclinic.services.training_dashboard import COLUMNS
from dnclinic.ui.dialogs.adverse_event_register_dialog import AdverseEventRegisterDialog
from dnclinic.ui.dialogs.clinic_setup_dialog import ClinicSetupDialog
from dnclinic.ui.dialogs.session_dialog import SessionDialog
from dnclinic.ui.dialogs.training_dashboard_dialog import TrainingDashboardDialog
from dnclinic.ui.dialogs.training_entry_dialog import TrainingEntryDialog
from dnclinic.ui.main_window import MainWindow
from dnclinic.ui.models.training_table_model import TrainingTableModel

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext


@pytest.fixture
def manager(clinic_context: AppContext) -> Iterator[AppContext]:
    """The clinic (Florida), logged in as the manager "boss"."""
    add_manager(clinic_context)
    clinic_context.access.login("boss", PASSWORD)
    yield clinic_context
    clinic_context.access.login("tester", PASSWORD)


def _dashboard(qtbot: QtBot, ctx: AppContext) -> TrainingDashboardDialog:
    dialog = TrainingDashboardDialog(ctx.training_dashboard, ctx.training, ctx.services.actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()


def _shown(dialog: TrainingDashboardDialog) -> list[list[str]]:
    proxy = dialog.proxy
    return [
        [str(proxy.index(r, c).data()) for c in range(proxy.columnCount())]
        for r in range(proxy.rowCount())
    ]


def test_add_a_course_and_see_the_status_change(
    qtbot: QtBot, manager: AppContext, tmp_path: Path
) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    dialog = _dashboard(qtbot, manager)
    assert dialog.select_practitioner(maria)
    assert dialog.status_of(maria) == "under threshold and minimum"
    editor = dialog.add_course()
    assert isinstance(editor, TrainingEntryDialog)
    for edit, text in (
        (editor.title, "Dry Needling Course 1 and 2"),
        (editor.provider, "Double E Education"),
        (editor.started_on, "2025-03-01"),
        (editor.ended_on, "2025-06-01"),
        (editor.hours["in_person_hours"], "64"),
        (editor.hours["theory_hours"], "30"),
        (editor.hours["hands_on_hours"], "30"),  # 60 != 64: refused under the field
    ):
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(
        editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert editor.isVisible()
    assert "must equal" in editor.form.error_text("hands_on_hours")
    editor.hours["hands_on_hours"].clear()
    qtbot.keyClicks(editor.hours["hands_on_hours"], "34")
    editor.supervised.setValue(25)
    certificate = tmp_path / "certificate.png"
    certificate.write_bytes(PNG_BYTES)
    assert editor.attach(certificate)
    with qtbot.waitSignal(dialog.training_saved):
        qtbot.mouseClick(
            editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    qtbot.waitUntil(lambda: dialog.status_of(maria) == "eligible")
    assert dialog.view.ledger.rowCount() == 1
    assert _text(dialog.view.ledger.item(0, 3)) == "certificate.png"
    assert "64.0 h" in dialog.view.ledger_title.text()


def test_sort_filter_and_export_what_the_table_shows(
    qtbot: QtBot, manager: AppContext, tmp_path: Path
) -> None:
    for name, hours in (("Maria Alvarez", 70), ("David Chen", 30), ("Tess Tester", 52)):
        manager.training.add_entry(practitioner_id(manager, name), course(hours))
    dialog = _dashboard(qtbot, manager)
    total = next(i for i, c in enumerate(COLUMNS) if c.key == "total")
    dialog.view.table.sortByColumn(total, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in _shown(dialog)] == ["Maria Alvarez", "Tess Tester", "David Chen"]
    assert dialog.view.chart.names == ["Maria Alvarez", "Tess Tester", "David Chen"]
    dialog.view.status.setCurrentIndex(2)  # under threshold or minimum
    assert [row[0] for row in _shown(dialog)] == ["Tess Tester", "David Chen"]
    qtbot.keyClicks(dialog.view.search, "CHEN")
    assert [row[0] for row in _shown(dialog)] == ["David Chen"]
    dialog.view.search.clear()
    shown = _shown(dialog)
    out = tmp_path / "training.csv"
    dialog.export_csv_to(out)
    with out.open(encoding="utf-8", newline="") as f:
        exported = list(csv.reader(f))
    shown_headers = [
        str(dialog.proxy.headerData(c, Qt.Orientation.Horizontal)) for c in range(len(COLUMNS))
    ]
    headers = [c.header for c in COLUMNS]  # the same words, on one line
    assert [h.replace("\n/", "/").replace("\n", " ") for h in shown_headers] == headers
    assert exported == [headers, *shown]
    assert "Exported 2 practitioners" in dialog.view.message.text()


def test_training_table_model_passes_the_model_tester(
    qtmodeltester: object, manager: AppContext
) -> None:
    manager.training.add_entry(practitioner_id(manager, "David Chen"), course(30))
    model = TrainingTableModel()
    model.set_rows(manager.training_dashboard.rows())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 3


def test_register_highlights_until_the_report_date_is_entered(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    session_with_event(clinic_context, "significant", session_at=FIXED_NOW - timedelta(days=20))
    add_manager(clinic_context)
    with as_user(clinic_context, "boss"):
        dialog = AdverseEventRegisterDialog(
            clinic_context.adverse_events, clinic_context.clinic.practitioners(),
            clinic_context.services.actor,
        )  # fmt: skip
        qtbot.addWidget(dialog)
        assert dialog.highlighted_rows() == [0]
        assert "LATE" in _text(dialog.table.item(0, 6))
        assert "1 of them late" in dialog.summary.text()
        dialog.table.selectRow(0)
        qtbot.keyClicks(dialog.reported_on, FIXED_NOW.date().isoformat())
        with qtbot.waitSignal(dialog.report_saved):
            qtbot.mouseClick(dialog.record, Qt.MouseButton.LeftButton)
        assert dialog.highlighted_rows() == []
        assert _text(dialog.table.item(0, 7)) == FIXED_NOW.date().isoformat()
        dialog.severity.setCurrentIndex(dialog.severity.findData("mild"))
        assert dialog.table.rowCount() == 0


def test_session_editor_warns_a_practitioner_under_the_threshold(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    as_practitioner(clinic_context)  # Maria Alvarez, no training on record
    p = screened_patient(clinic_context)
    window = MainWindow(clinic_context)
    qtbot.addWidget(window)
    window.patient_list.select_patient(p.id)
    window.charting.new_session()
    dialog = window.charting.dialog
    assert isinstance(dialog, SessionDialog)
    banner = dialog.findChild(QLabel, "trainingWarning")
    assert banner is not None
    assert "more than 60.0 h" in banner.text()
    assert "FL requires at least 50.0 h" in banner.text()
    dialog.close()


def test_clinic_settings_store_the_logo_and_the_jurisdiction_rule(
    qtbot: QtBot, clinic_context: AppContext, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG_BYTES)
    with as_user(clinic_context, "admin"):
        dialog = ClinicSetupDialog(
            clinic_context.clinic, clinic_context.clinic.get(), training=clinic_context.training
        )
        qtbot.addWidget(dialog)
        assert dialog.minimum_hours.text() == "50.0"  # the Florida preset
        assert dialog.report_days.text() == "15"
        assert not dialog.set_logo(tmp_path)  # a folder is not an image
        assert dialog.set_logo(logo)
        dialog.report_days.setText("10")
        with qtbot.waitSignal(dialog.clinic_saved):
            dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
        stored = clinic_context.clinic.get()
        assert stored is not None
        assert (stored.details.logo, stored.details.logo_media_type) == (PNG_BYTES, "image/png")
        assert clinic_context.training.rule("FL").ae_report_days == 10


def test_profile_jurisdiction_decides_the_minimum(qtbot: QtBot, manager: AppContext) -> None:
    maria = practitioner_id(manager, "Maria Alvarez")
    manager.training.add_entry(maria, course(70, supervised_sessions=30))
    dialog = TrainingDashboardDialog(
        manager.training_dashboard, manager.training, manager.services.actor,
        profiles=manager.profiles,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    assert dialog.select_practitioner(maria)
    assert dialog.status_of(maria) == "eligible"
    profile = dialog.edit_profile(maria)
    assert profile is not None
    profile.jurisdiction.setCurrentIndex(profile.jurisdiction.findData("MD"))
    qtbot.keyClicks(profile.needling_since, "2024-13-01")
    profile.buttons.button(profile.buttons.StandardButton.Save).click()
    assert "YYYY-MM-DD" in profile.form.error_text("needling_since")
    profile.needling_since.setText("2024-02-01")
    with qtbot.waitSignal(profile.profile_saved):
        profile.buttons.button(profile.buttons.StandardButton.Save).click()
    assert dialog.status_of(maria) == "under jurisdiction minimum"  # Maryland: 80 h
    stored = next(p for p in manager.profiles.profiles() if p.id == maria)
    assert stored.details.jurisdiction == "MD"
