"""Type-ahead search in the patient list, driven with real key presses."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from factories import make_patient
from PySide6.QtCore import Qt

from dnclinic.ui.widgets.patient_list import PatientList

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext


def _names(widget: PatientList) -> list[str]:
    model = widget.model
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def test_search_filters_as_you_type(qtbot: QtBot, app_context: AppContext) -> None:
    for given, family in (("Ana", "Lopez"), ("Zoë", "Lowe"), ("Sam", "Lowry"), ("Kim", "Park")):
        make_patient(app_context, given_name=given, family_name=family)
    widget = PatientList(app_context.patients)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 4
    assert widget.count_label.text() == "4 patients"
    qtbot.keyClicks(widget.search, "lo")
    assert _names(widget) == ["Lopez, Ana", "Lowe, Zoë", "Lowry, Sam"]
    qtbot.keyClicks(widget.search, "w")
    assert _names(widget) == ["Lowe, Zoë", "Lowry, Sam"]
    assert widget.count_label.text() == "2 patients found"
    qtbot.keyClicks(widget.search, " zo")
    assert _names(widget) == ["Lowe, Zoë"]
    qtbot.keyClick(widget.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(widget.search, Qt.Key.Key_Backspace)
    qtbot.keyClick(widget.search, Qt.Key.Key_Backspace)
    assert _names(widget) == ["Lowe, Zoë", "Lowry, Sam"]


def test_enter_opens_the_only_match(qtbot: QtBot, app_context: AppContext) -> None:
    make_patient(app_context, given_name="Ana", family_name="Lopez")
    target = make_patient(
        app_context, given_name="Ben", family_name="Okafor", date_of_birth=date(1970, 2, 3)
    )
    widget = PatientList(app_context.patients)
    qtbot.addWidget(widget)
    qtbot.keyClicks(widget.search, "1970-02")
    with qtbot.waitSignal(widget.patient_activated) as blocker:
        qtbot.keyClick(widget.search, Qt.Key.Key_Return)
    assert blocker.args == [target.id]


def test_down_arrow_moves_into_results(qtbot: QtBot, app_context: AppContext) -> None:
    first = make_patient(app_context, family_name="Adams")
    make_patient(app_context, family_name="Baker")
    widget = PatientList(app_context.patients)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.search.setFocus()
    with qtbot.waitSignal(widget.patient_selected) as blocker:
        qtbot.keyClick(widget.search, Qt.Key.Key_Down)
    assert blocker.args == [first.id]
    assert widget.table.hasFocus()
