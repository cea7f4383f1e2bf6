"""Charting driven through the real widgets: neuro exam, session note, sign and lock, outcomes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from charting_factories import as_practitioner, screened_patient, three_muscle_content
from factories import PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from dnclinic.clinical.levels import LEVELS
from dnclinic.ui.dialogs.addendum_dialog import AddendumDialog
from dnclinic.ui.dialogs.entered_in_error_dialog import EnteredInErrorDialog
from dnclinic.ui.dialogs.neuro_exam_dialog import NeuroExamDialog
from dnclinic.ui.dialogs.outcome_dialog import OutcomeDialog
from dnclinic.ui.dialogs.session_dialog import SessionDialog
from dnclinic.ui.main_window import MainWindow
from dnclinic.ui.widgets.chart_timeline import REF_ROLE
from dnclinic.ui.widgets.neuro_grid import CHANGED

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _window(qtbot: QtBot, ctx: AppContext, patient_id: int) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.patient_list.select_patient(patient_id)
    return window


def test_full_neuro_exam_by_keyboard_shows_implicated_levels(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    window = _window(qtbot, clinic_context, p.id)
    qtbot.keyClick(window, Qt.Key.Key_X, CTRL_SHIFT)
    dialog = window.charting.dialog
    assert isinstance(dialog, NeuroExamDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    grid = dialog.view.grid
    assert grid.hasFocus()
    qtbot.keyClick(grid, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # cervical all normal
    grid.setFocus()
    for _ in range(LEVELS.index("L1")):  # arrow down from C2 to L1
        qtbot.keyClick(grid, Qt.Key.Key_Down)
    qtbot.keyClick(grid, Qt.Key.Key_Home)
    assert (grid.currentRow(), grid.currentColumn()) == (LEVELS.index("L1"), 0)
    # L1-L4 normal, L5 left reduced (LT 1, PP 1, motor 4), S1 normal; "7" is no grade: ignored
    qtbot.keyClicks(grid, "222255" * 4 + "17" + "21245" + "222255")
    reflexes = dialog.view.reflexes
    reflexes.setFocus()
    reflexes.setCurrentCell(3, 0)  # patellar
    qtbot.keyClicks(reflexes, "222222")
    text = dialog.view.interpretation.text()
    assert "L5 left (dermatome, myotome)" in text
    assert "L5 right" not in text
    assert not dialog.view.red_flag.isVisible()
    qtbot.keyClick(dialog.view.umn["babinski"], Qt.Key.Key_Space)
    assert dialog.view.red_flag.isVisible()
    assert "Babinski" in dialog.view.red_flag.text()
    qtbot.keyClick(dialog.view.umn["babinski"], Qt.Key.Key_Space)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: window.charting.dialog is None)
    exam = clinic_context.exams.latest(p.id)
    assert exam is not None
    assert [(i.level, i.side) for i in exam.interpretation.implicated_levels] == [("L5", "left")]
    window.chart.tabs.setCurrentWidget(window.chart.timeline_view)  # drawn when shown
    timeline = window.chart.timeline
    texts = [timeline.item(i).text() for i in range(timeline.count())]
    assert any("Neurological exam" in t and "L5 left" in t for t in texts)

    # the next exam highlights what changed since this one
    window.charting.act_exam.trigger()
    again = window.charting.dialog
    assert isinstance(again, NeuroExamDialog)
    again.view.lumbar_normal.click()
    row = LEVELS.index("L5")
    lt_left, lt_right = again.view.grid.item(row, 0), again.view.grid.item(row, 1)
    assert lt_left is not None
    assert lt_right is not None
    assert lt_left.background() == CHANGED  # LT left 1 -> 2
    assert lt_right.background() != CHANGED  # LT right unchanged
    assert "Implicated levels:</b> none" in again.view.interpretation.text()


# The offscreen platform cannot raise windows or grab the keyboard for the completer popup.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_session_note_stimulation_checks_sign_lock_and_addendum(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    window = _window(qtbot, clinic_context, p.id)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = window.charting.dialog
    assert isinstance(dialog, SessionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    v = dialog.view
    targets = v.targets
    targets.level.setCurrentIndex(targets.level.findData("L5"))
    for muscle in ("Lumbar multifidus", "glut med", "Piriformis"):
        targets.search.setFocus()
        qtbot.keyClicks(targets.search, muscle)
        qtbot.keyClick(targets.search, Qt.Key.Key_Return)
    assert [t.muscle for t in targets.targets()] == [
        "lumbar_multifidus",
        "gluteus_medius",
        "piriformis",
    ]
    assert targets.targets()[0].approach == "segmental"
    assert "CPT 20561 (3 muscles)" in targets.billing.text()
    assert dialog.isVisible()  # Enter in the muscle box adds, never closes

    stim = v.stimulation
    for field, value in (
        (stim.frequency_hz, "150"),
        (stim.pulse_width_us, "250"),
        (stim.intensity_ma, "2"),
        (stim.duration_min, "20"),
    ):
        qtbot.keyClicks(field, value)
    assert "above 100 Hz" in stim.messages["frequency_hz"].text()
    assert stim.refused.isVisibleTo(dialog)
    assert not stim.add.isEnabled()
    qtbot.mouseClick(stim.add, Qt.MouseButton.LeftButton)
    assert stim.settings() == ()  # refused
    stim.frequency_hz.clear()
    qtbot.keyClicks(stim.frequency_hz, "30")
    assert stim.messages["frequency_hz"].text().startswith("Warning: 30 Hz is outside")
    assert stim.add.isEnabled()
    qtbot.mouseClick(stim.add, Qt.MouseButton.LeftButton)
    assert len(stim.settings()) == 1
    assert "⚠" in stim.list.item(0).text()

    qtbot.keyClick(v.consent, Qt.Key.Key_Space)
    v.pain_before.setValue(6)
    v.pain_after.setValue(3)
    qtbot.keyClicks(v.subjective, "Less leg pain this week")
    with qtbot.waitSignal(dialog.session_saved):
        qtbot.keyClick(dialog, Qt.Key.Key_S, CTRL)
    assert dialog.record is not None
    stored = clinic_context.sessions.get(dialog.record.id)
    assert [f["code"] for f in stored.findings[0]] == ["frequency_outside_band"]
    assert stored.content.billing_code == "20561"

    with qtbot.waitSignal(dialog.session_saved):
        qtbot.mouseClick(v.sign, Qt.MouseButton.LeftButton)
    assert dialog.record.signed
    assert v.signature.isVisibleTo(dialog)
    assert not v.save.isVisibleTo(dialog)
    # a signed note cannot be edited: the widgets refuse typing and the service refuses saving
    assert v.subjective.isReadOnly()
    qtbot.keyClicks(v.subjective, " EDITED")
    assert v.subjective.toPlainText() == "Less leg pain this week"
    assert not dialog.save()
    assert "signed and can no longer be changed" in v.banner.text()
    assert clinic_context.sessions.get(dialog.record.id).content.subjective == (
        "Less leg pain this week"
    )

    qtbot.mouseClick(v.add_addendum, Qt.MouseButton.LeftButton)
    add = dialog.addendum_dialog
    assert isinstance(add, AddendumDialog)
    qtbot.keyClicks(add.reason, "Late entry")
    qtbot.keyClicks(add.text, "Patient phoned: pain 2/10 the next morning.")
    add.buttons.accepted.emit()
    assert "pain 2/10 the next morning" in v.addenda.text()
    qtbot.mouseClick(v.verify, Qt.MouseButton.LeftButton)
    assert v.status.text().startswith("Unaltered")
    dialog.close()
    qtbot.waitUntil(lambda: window.charting.dialog is None)

    # the timeline lists the signed session; Enter on it opens the note, read-only
    timeline = window.chart.timeline_view
    window.chart.tabs.setCurrentWidget(timeline)  # drawn when shown
    assert "Session, signed" in timeline.list.item(0).text()
    timeline.list.setCurrentRow(0)
    timeline.list.itemActivated.emit(timeline.list.item(0))
    reopened = window.charting.dialog
    assert isinstance(reopened, SessionDialog)
    assert reopened.view.subjective.isReadOnly()
    assert not reopened.view.save.isVisibleTo(reopened)
    for kind in ("session", "screening", "outcome", "exam", "episode"):
        timeline.filters[kind].setChecked(kind == "screening")
    assert timeline.list.count() == 1
    assert "Screening" in timeline.list.item(0).text()


def _answer(qtbot: QtBot, combo: QComboBox, digit: str) -> None:
    combo.setFocus()
    qtbot.keyClicks(combo, digit)


def test_odi_entry_shows_the_score_and_updates_the_trend(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    window = _window(qtbot, clinic_context, p.id)
    window.chart.tabs.setCurrentIndex(window.chart.tabs.indexOf(window.charting.outcomes_tab))
    function = window.charting.trends.function
    assert function.points.count() == 0
    for date, answers in (("2026-10-01", "3232322121"), ("2026-11-20", "1111111111")):
        if date == "2026-10-01":
            qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
        else:  # offscreen, the window is not re-activated after a dialog: use the menu action
            window.charting.act_outcome.trigger()
        dialog = window.charting.dialog
        assert isinstance(dialog, OutcomeDialog)
        assert dialog.code() == "ODI"
        dialog.scored_on.clear()
        qtbot.keyClicks(dialog.scored_on, date)
        assert "not yet valid" in dialog.score_label.text()
        for combo, digit in zip(dialog.answers, answers, strict=True):
            assert isinstance(combo, QComboBox)
            _answer(qtbot, combo, digit)
        if date == "2026-10-01":
            assert "Score: 42%" in dialog.score_label.text()
            assert "severe" in dialog.score_label.text()
        qtbot.keyClick(dialog.answers[-1], Qt.Key.Key_Return)  # Enter saves
        qtbot.waitUntil(lambda: window.charting.dialog is None)
    assert function.points.count() == 2
    assert [function.points.at(i).y() for i in range(2)] == [42.0, 20.0]
    assert "reaches the MCID" in function.summary.text()
    assert function.chart.title().startswith("Oswestry Disability Index")


def test_a_note_charted_by_mistake_is_withdrawn_from_the_timeline_with_a_reason(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    note = clinic_context.sessions.sign(draft.id, draft.version_id).value
    window = _window(qtbot, clinic_context, p.id)
    timeline = window.charting.timeline
    window.chart.tabs.setCurrentWidget(timeline)
    act = window.charting.withdrawal.act
    assert act.isVisible()
    assert not act.isEnabled()  # nothing chosen yet
    rows = [timeline.list.item(i).data(REF_ROLE) for i in range(timeline.list.count())]
    timeline.list.setCurrentRow(rows.index(f"session:{note.id}"))
    assert act.isEnabled()
    act.trigger()
    dialog = window.charting.dialog
    assert isinstance(dialog, EnteredInErrorDialog)
    explain = dialog.findChild(QLabel)
    assert explain is not None
    assert "signed session note" in explain.text()
    dialog.buttons.accepted.emit()  # no reason: said next to the field, nothing withdrawn
    assert "Say why the session note is withdrawn" in dialog.form.error_text("reason")
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "Charted for the wrong patient")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: window.charting.dialog is None)
    refs = [timeline.list.item(i).data(REF_ROLE) for i in range(timeline.list.count())]
    assert f"session:{note.id}" not in refs
    assert clinic_context.sessions.get(note.id).status == "entered_in_error"


def test_the_withdraw_action_is_hidden_from_users_who_do_not_chart(
    qtbot: QtBot, clinic_context: AppContext
) -> None:
    clinic_context.access.login("admin", PASSWORD)
    window = MainWindow(clinic_context)
    qtbot.addWidget(window)
    assert not window.charting.withdrawal.act.isVisible()
