"""Run the benchmarks and write docs/PERFORMANCE.md.

Each figure is the median of several runs, with its spread, and where a floor makes sense the
ratio to that floor measured in the same run (so a slow machine does not move the ratio).
Set ``BENCH_PATIENTS`` to change the clinic size (default 100,000).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dnclinic.demo import create_demo_clinic
from dnclinic.model.search import fold
from dnclinic.services.context import system_clock

if TYPE_CHECKING:
    from collections.abc import Callable

    from dnclinic.app_context import AppContext

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("s", "sm", "smi", "smit", "smith", "smith o", "DEMO-0001", "1980-05")


def measure(fn: Callable[[], object], runs: int = 7) -> tuple[float, float]:
    """Return (median, spread) in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times) - min(times)


def chart_with_300_sessions(ctx: AppContext) -> list[tuple[str, str, str, str]]:
    """Time opening the chart of a patient with 300 sessions and 300 outcome scores."""
    from datetime import date, timedelta

    from dnclinic.services.session_content import PairEntry, SessionContent, StimulationEntry
    from dnclinic.services.session_content import TargetEntry as T

    ctx.services.actor.practitioner_id = ctx.clinic.practitioners()[0].id
    patient = ctx.patients.find_by_mrn("DEMO-000001")
    assert patient is not None
    pid = patient.id
    now = ctx.services.now()
    for n in range(300):
        content = SessionContent(
            session_at=now - timedelta(days=300 - n), consent_confirmed=True, pain_before=6,
            pain_after=4, subjective="Benchmark note " * 20,
            targets=(T("upper_trapezius", "left"), T("levator_scapulae", "left"),
                     T("lumbar_multifidus", "left", "segmental", "L5")),
            stimulation=(StimulationEntry(4, 250, 2, 20, "biphasic",
                                          (PairEntry("lumbar", "left", "gluteal", "left"),)),),
        )  # fmt: skip
        ctx.sessions.create(pid, content)
        day = date.today() - timedelta(days=300 - n)
        ctx.outcomes.record(pid, "NPRS" if n % 2 else "ODI", day, [5] if n % 2 else [2] * 10)

    def services_only() -> object:
        ctx.chart.overview(pid)
        ctx.timeline.timeline(pid)
        for code in ctx.outcomes.instruments_used(pid):
            ctx.outcomes.trend(pid, code)
        return ctx.drafts.pending(pid)

    svc_ms, svc_spread = measure(services_only)
    out = [
        (
            "open a chart with 300 sessions + 300 scores (services)",
            f"{svc_ms:.0f} ms",
            f"±{svc_spread / 2:.0f}",
            "",
        )
    ]
    from PySide6.QtWidgets import QApplication

    from dnclinic.ui.app import make_application
    from dnclinic.ui.main_window import MainWindow

    make_application()
    window = MainWindow(ctx)
    window.show()
    window.chart.tabs.setCurrentWidget(window.charting.trends)

    def in_window() -> object:
        window.show_patient(pid)
        QApplication.processEvents()
        return None

    ui_ms, ui_spread = measure(in_window)
    out.append(
        (
            "open the same chart in the main window (timeline + trend charts drawn)",
            f"{ui_ms:.0f} ms",
            f"±{ui_spread / 2:.0f}",
            f"{ui_ms / svc_ms:.1f}x services" if svc_ms else "",
        )
    )
    window.close()
    return out


def main() -> int:
    """Build a synthetic clinic, time the hot paths, print and save the table."""
    patients = int(os.environ.get("BENCH_PATIENTS", "100000"))
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        ctx, _summary = create_demo_clinic(
            db, patients=patients, seed=1, clock=system_clock, config_dir=Path(tmp)
        )
        rows.append(
            (
                f"dnclinic demo, {patients:,} patients",
                f"{time.perf_counter() - start:.1f} s",
                "",
                "",
            )
        )
        raw = ctx.db.engine.raw_connection()  # same driver and key, no ORM
        for query in QUERIES:

            def app_search(q: str = query) -> object:
                return ctx.patients.search_ids(q)

            app_ms, app_spread = measure(app_search)
            token = fold(query.split()[0])

            def raw_sql(t: str = token) -> object:
                return raw.execute(
                    "SELECT id FROM patients WHERE (search_family >= ? AND search_family < ?)"
                    " OR (search_given >= ? AND search_given < ?) ORDER BY search_family,"
                    " search_given, id",
                    (t, t + "\U0010ffff", t, t + "\U0010ffff"),
                ).fetchall()

            raw_ms, _ = measure(raw_sql)
            rows.append(
                (
                    f"type-ahead search '{query}'",
                    f"{app_ms:.1f} ms",
                    f"±{app_spread / 2:.1f}",
                    f"{app_ms / raw_ms:.2f}x raw SQL (first word)" if raw_ms else "",
                )
            )
        raw.close()
        ids = ctx.patients.search_ids("")
        page_ms, page_spread = measure(lambda: ctx.patients.rows(ids[:200]))
        rows.append(
            (
                "first page of the patient list (200 rows)",
                f"{page_ms:.1f} ms",
                f"±{page_spread / 2:.1f}",
                "",
            )
        )
        rows += chart_with_300_sessions(ctx)
        ctx.close()
    table = ["| measure | median | spread | ratio |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    header = (
        "# Performance\n\nGenerated by `make bench` on "
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
        f"{datetime.now(UTC):%Y-%m-%d}.\n\n"
    )
    text = header + "\n".join(table) + "\n"
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "PERFORMANCE.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
