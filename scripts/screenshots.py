"""Regenerate the README screenshots (``make screenshots``): a demo clinic, offscreen."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QApplication,  # noqa: E402
    QPushButton,  # noqa: E402
)
from sqlalchemy import func, select  # noqa: E402

from dnclinic.clinical.levels import LEVELS  # noqa: E402
from dnclinic.demo import create_demo_clinic  # noqa: E402
from dnclinic.model.entities import NeuroExamination  # noqa: E402
from dnclinic.services.context import system_clock  # noqa: E402
from dnclinic.ui.app import make_application  # noqa: E402
from dnclinic.ui.dialogs.neuro_exam_dialog import NeuroExamDialog  # noqa: E402
from dnclinic.ui.dialogs.patient_dialog import PatientDialog  # noqa: E402
from dnclinic.ui.dialogs.session_dialog import SessionDialog  # noqa: E402
from dnclinic.ui.main_window import MainWindow  # noqa: E402

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def _charted_patient(ctx: AppContext) -> int:
    """Return a demo patient with a radicular lumbar exam, several sessions and ODI scores."""
    with ctx.db.read() as s:
        rows = s.execute(
            select(NeuroExamination.patient_id)
            .where(func.json_array_length(NeuroExamination.implicated) > 0)
            .order_by(NeuroExamination.id)
        ).scalars()
        for pid in rows:
            if len(ctx.sessions.sessions(pid)) >= 4 and ctx.outcomes.scores(pid, "ODI"):
                return int(pid)
    raise SystemExit("no suitable demo patient for the charting screenshots")


def charting_screenshots(ctx: AppContext, window: MainWindow) -> None:
    """The exam grid, the session editor and the outcome trends, at 1366x768-friendly sizes."""
    pid = _charted_patient(ctx)
    first = ctx.sessions.sessions(pid)[-1]
    ctx.services.actor.practitioner_id = ctx.sessions.get(first.id).practitioner_id
    window.resize(1366, 768)
    window.splitter.setSizes([380, 986])
    window.patient_list.search.setText("")
    window.patient_list.select_patient(pid)
    window.show_patient(pid)
    window.chart.tabs.setCurrentWidget(window.charting.outcomes_tab)
    QApplication.processEvents()
    window.grab().save(str(OUT / "outcome_chart.png"))

    window.charting.new_exam()
    exam = window.charting.dialog
    assert isinstance(exam, NeuroExamDialog)
    exam.view.lumbar_normal.click()
    grid = exam.view.grid
    grid.set_grades(
        {
            ("dermatome", "light_touch", "L5", "left"): 1,
            ("dermatome", "pin_prick", "L5", "left"): 1,
            ("myotome", "motor", "L5", "left"): 4,
            ("dermatome", "light_touch", "S1", "left"): 1,
        }
    )
    grid.setCurrentCell(LEVELS.index("L5"), 4)
    bottom = grid.item(LEVELS.index("S2"), 0)
    if bottom is not None:
        grid.scrollToItem(bottom)
    exam.resize(1180, 720)
    QApplication.processEvents()
    exam.grab().save(str(OUT / "neuro_exam.png"))
    exam.reject()
    QApplication.processEvents()

    window.charting.pending_draft = None
    window.charting.new_session()
    session = window.charting.dialog
    assert isinstance(session, SessionDialog)
    v = session.view
    for button in v.targets.findChildren(QPushButton, "suggestion")[:1]:
        button.click()
    for code in ("gluteus_medius", "piriformis"):
        muscle = ctx.sessions.muscles.get(code)
        assert muscle is not None
        v.targets.search.setText(muscle.label)
        v.targets.add.click()
    v.consent.setChecked(True)
    v.pain_before.setValue(6)
    v.pain_after.setValue(3)
    v.soap["subjective"].setPlainText("Leg pain eased since last week; sitting 40 min.")
    v.soap["objective"].setPlainText("SLR 60° left (was 45°). L5 sensation still reduced.")
    v.soap["assessment"].setPlainText("L5 radiculopathy, improving.")
    v.soap["plan"].setPlainText("Segmental needling + loading (1-2 RIR); review in 1 week.")
    for field, text in (
        (v.stimulation.frequency_hz, "30"),
        (v.stimulation.pulse_width_us, "250"),
        (v.stimulation.intensity_ma, "2"),
        (v.stimulation.duration_min, "8"),
    ):
        field.setText(text)
    session.resize(1340, 740)
    QApplication.processEvents()
    session.grab().save(str(OUT / "session_editor.png"))
    session.flush_draft()
    session.reject()


def main() -> int:
    """Write the PNGs into docs/screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        ctx, _summary = create_demo_clinic(
            Path(tmp) / "demo.db", patients=500, seed=7, clock=system_clock, config_dir=Path(tmp)
        )
        window = MainWindow(ctx)
        window.resize(1440, 860)
        window.show()
        window.patient_list.search.setText("gar")
        # pick a patient with flags so the header shows what it can do
        for row in range(window.patient_list.model.rowCount()):
            pid = window.patient_list.model.patient_id(row)
            assert pid is not None
            header = ctx.chart.overview(pid).header
            if header.precautions and len(ctx.episodes.episodes(pid)) > 1:
                window.patient_list.select_patient(pid)
                break
        else:
            window.patient_list.table.selectRow(0)
        QApplication.processEvents()
        window.grab().save(str(OUT / "main_window.png"))
        dialog = PatientDialog(ctx.patients, None, window)
        dialog.view.given_name.setText("Zoë")
        dialog.view.date_of_birth.setText("1980-13-40")
        dialog.view.email.setText("zoe@")
        dialog.show()
        dialog.buttons.accepted.emit()
        QApplication.processEvents()
        dialog.grab().save(str(OUT / "patient_dialog.png"))
        dialog.close()
        charting_screenshots(ctx, window)
        window.close()
        ctx.close()
    del app
    print(f"Screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
