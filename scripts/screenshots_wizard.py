"""Screenshots of the decision wizard (``make screenshots``): each page at 1366x768, offscreen."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from dnclinic.demo import create_demo_clinic  # noqa: E402
from dnclinic.model.entities import Episode, NeuroExamination  # noqa: E402
from dnclinic.services.context import system_clock  # noqa: E402
from dnclinic.services.decision_draft import Page  # noqa: E402
from dnclinic.ui.app import make_application  # noqa: E402
from dnclinic.ui.main_window import MainWindow  # noqa: E402
from dnclinic.ui.wizard.eligibility_page import EligibilityPage  # noqa: E402
from dnclinic.ui.wizard.recommendation_page import RecommendationPage  # noqa: E402

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.ui.wizard.decision_wizard import DecisionWizard

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZE = (1300, 720)  # fits a 1366x768 screen with the window frame and a panel


def _radicular_patient(ctx: AppContext) -> int:
    """A demo patient with an open lumbar radiculopathy episode and an exam implicating L5."""
    with ctx.db.read() as s:
        rows = s.execute(
            select(NeuroExamination.patient_id)
            .join(Episode, Episode.id == NeuroExamination.episode_id)
            .where(func.json_array_length(NeuroExamination.implicated) > 0)
            .where(Episode.region == "lumbar", Episode.status == "open")
            .order_by(NeuroExamination.id)
        ).scalars()
        for pid in rows:
            header = ctx.chart.overview(pid).header
            if not header.red_flags and not header.contraindications:
                return int(pid)
    raise SystemExit("no suitable demo patient for the wizard screenshots")


def _shoot(wizard: DecisionWizard, name: str) -> None:
    QApplication.processEvents()
    wizard.grab().save(str(OUT / f"wizard_{name}.png"))


def main() -> int:
    """Write docs/screenshots/wizard_*.png."""
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        ctx, _summary = create_demo_clinic(
            Path(tmp) / "demo.db", patients=500, seed=7, clock=system_clock, config_dir=Path(tmp)
        )
        ctx.services.actor.practitioner_id = ctx.clinic.practitioners()[0].id
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()
        pid = _radicular_patient(ctx)
        window.patient_list.select_patient(pid)
        window.show_patient(pid)
        wizard = window.decision.open_wizard()
        assert wizard is not None
        wizard.resize(*SIZE)
        _shoot(wizard, "1_safety")
        for name, page in (
            ("2_condition", Page.CONDITION),
            ("3_neuro", Page.NEURO),
            ("4_eligibility", Page.ELIGIBILITY),
        ):
            wizard.next()
            assert wizard.currentId() == int(page), name
            _shoot(wizard, name)
        eligibility = wizard.currentPage()
        assert isinstance(eligibility, EligibilityPage)
        for box in eligibility.checks.values():
            box.setChecked(True)
        eligibility.hours.setText("120")
        wizard.next()
        rec = wizard.currentPage()
        assert isinstance(rec, RecommendationPage)
        _shoot(wizard, "5_recommendation")
        assert rec.why is not None
        rec.why.toggle.setChecked(True)
        _shoot(wizard, "6_sources")
        wizard.accept()  # recorded: the decision and its plan appear in the timeline
        window.chart.tabs.setCurrentWidget(window.chart.timeline_view)
        QApplication.processEvents()
        window.grab().save(str(OUT / "wizard_0_timeline.png"))
        # a deferred decision: an untrained practitioner
        wizard = window.decision.open_wizard()
        assert wizard is not None
        wizard.resize(*SIZE)
        for _ in range(3):
            wizard.next()
        eligibility = wizard.currentPage()
        assert isinstance(eligibility, EligibilityPage)
        eligibility.hours.setText("40")
        wizard.next()
        _shoot(wizard, "7_defer")
        wizard.reject()
        window.close()
        ctx.close()
    del app
    print(f"Wizard screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
