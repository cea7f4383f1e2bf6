"""Charting at the table: opening a long chart, and saving a big session note."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from benchmarks.common import Result, measure, ms, spread
from dnclinic.services.session_content import PairEntry, SessionContent, StimulationEntry
from dnclinic.services.session_content import TargetEntry as T

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

TWENTY_MUSCLES = (
    "upper_trapezius", "levator_scapulae", "infraspinatus", "supraspinatus", "teres_minor",
    "rhomboid_major", "deltoid", "biceps_brachii", "triceps_brachii", "extensor_carpi_radialis",
    "gluteus_medius", "gluteus_minimus", "piriformis", "quadratus_lumborum", "iliocostalis",
    "vastus_lateralis", "gastrocnemius", "soleus", "tibialis_anterior", "lumbar_multifidus",
)  # fmt: skip


def _note(ctx: AppContext, at_days_ago: int, targets: tuple[T, ...]) -> SessionContent:
    return SessionContent(
        session_at=ctx.services.now() - timedelta(days=at_days_ago), consent_confirmed=True,
        pain_before=6, pain_after=4, subjective="Benchmark note " * 20, targets=targets,
        stimulation=(StimulationEntry(4, 250, 2, 20, "biphasic",
                                      (PairEntry("lumbar", "left", "gluteal", "left"),)),),
    )  # fmt: skip


def _known(ctx: AppContext, codes: tuple[str, ...]) -> tuple[T, ...]:
    muscles = [c for c in codes if ctx.sessions.muscles.get(c) is not None]
    fallback = [m.code for m in ctx.sessions.muscles.all()]
    while len(muscles) < 20:  # the muscle list may name a few differently: fill up to twenty
        muscles.append(next(c for c in fallback if c not in muscles))
    return tuple(
        T(code, "left", "segmental", "L5") if code == "lumbar_multifidus" else T(code, "left")
        for code in muscles[:20]
    )


def long_chart(ctx: AppContext) -> list[Result]:
    """Open the chart of a patient with 300 sessions and 300 outcome scores."""
    from PySide6.QtWidgets import QApplication

    from dnclinic.ui.app import make_application
    from dnclinic.ui.main_window import MainWindow

    patient = ctx.patients.find_by_mrn("DEMO-000002")
    assert patient is not None
    pid = patient.id
    three = (T("upper_trapezius", "left"), T("levator_scapulae", "left"),
             T("lumbar_multifidus", "left", "segmental", "L5"))  # fmt: skip
    for n in range(300):
        ctx.sessions.create(pid, _note(ctx, 300 - n, three))
        day = date.today() - timedelta(days=300 - n)
        ctx.outcomes.record(pid, "NPRS" if n % 2 else "ODI", day, [5] if n % 2 else [2] * 10)

    def services_only() -> object:
        ctx.chart.overview(pid)
        ctx.timeline.timeline(pid)
        for code in ctx.outcomes.instruments_used(pid):
            ctx.outcomes.trend(pid, code)
        return ctx.drafts.pending(pid)

    make_application()
    window = MainWindow(ctx)
    window.show()
    window.chart.tabs.setCurrentWidget(window.charting.outcomes_tab)

    def in_window() -> object:
        window.show_patient(pid)
        QApplication.processEvents()
        return None

    svc, ui = measure(services_only), measure(in_window)
    window.close()
    return [
        Result("open a chart with 300 sessions + 300 outcome scores (main window, drawn)", ms(ui),
               spread(ui), "< 150 ms", ui.median_ms < 150, ms(svc) + " in the services",
               f"{ui.median_ms / svc.median_ms:.1f}x"),
    ]  # fmt: skip


def save_big_session(ctx: AppContext) -> list[Result]:
    """Save (create) a session note with 20 targets and stimulation."""
    patient = ctx.patients.find_by_mrn("DEMO-000003")
    assert patient is not None
    targets = _known(ctx, TWENTY_MUSCLES)
    days = iter(range(1, 10_000))

    def save() -> object:
        return ctx.sessions.create(patient.id, _note(ctx, next(days), targets))

    t = measure(save, runs=11)
    return [Result("save a session note with 20 targets and stimulation", ms(t), spread(t),
                   "< 50 ms", t.median_ms < 50)]  # fmt: skip
