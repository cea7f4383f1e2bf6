"""Cold start to a usable main window, against the floor, measured in fresh processes.

The clock runs from spawning the process until it reports, on stdout, that its window is up:
interpreter start-up and imports are included, exit is not.

Both children run with Python's bytecode cache allowed (``PYTHONDONTWRITEBYTECODE`` is dropped
from their environment; the warm-up runs write it), as in an installation, whose modules are
compiled once. Otherwise every run would also compile dnclinic from source, while SQLAlchemy
and PySide6 come precompiled, which measures the compiler rather than the start.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from benchmarks.common import Result

if TYPE_CHECKING:
    from pathlib import Path

RUNS = 21  # this machine's timings wander by a tenth between runs: the medians need many


def _run(module: str, *args: str) -> tuple[float, dict[str, float]]:
    """Return (ms from spawn to the child's report line, the child's JSON)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once (see above)
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", module, *args], stdout=subprocess.PIPE, text=True, env=env
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = (time.perf_counter() - start) * 1000
        child.wait()
    if child.returncode != 0 or not line.startswith("{"):
        raise RuntimeError(f"{module} failed ({child.returncode}): {line!r}")
    return elapsed, json.loads(line)


def cold_start(db: Path, user: str, password: str, patients: int) -> list[Result]:
    """Measure the app and the floor alternately, ``RUNS`` times each."""
    app_ms, floor_ms, login_ms, rss = [], [], [], []
    _run("benchmarks.floor_child")  # warm the file cache for both
    _run("benchmarks.startup_child", str(db), user, password)
    for _ in range(RUNS):
        wall, data = _run("benchmarks.startup_child", str(db), user, password)
        app_ms.append(wall - data["login_ms"])
        login_ms.append(data["login_ms"])
        rss.append(data["rss_mb"])
        floor, _data = _run("benchmarks.floor_child")
        floor_ms.append(floor)
    usable, floor, login = (statistics.median(x) for x in (app_ms, floor_ms, login_ms))
    ratio = usable / floor
    memory = statistics.median(rss)
    return [
        Result(
            f"cold start to a usable main window, {patients:,} patients (login hashing excluded)",
            f"{usable:.0f} ms", f"±{(max(app_ms) - min(app_ms)) / 2:.0f} ms ({RUNS} runs)",
            "< 1000 ms, < 1.4x floor", usable < 1000 and ratio < 1.4,
            f"{floor:.0f} ms (bare PySide6 window + import SQLAlchemy)", f"{ratio:.2f}x",
        ),
        Result(
            "log in: argon2id key unwrap and password check (deliberate cost, excluded above)",
            f"{login:.0f} ms", "", "reported on its own", None,
        ),
        Result(
            f"resident memory, {patients:,}-patient clinic open", f"{memory:.0f} MB", "",
            "< 300 MB", memory < 300,
        ),
    ]  # fmt: skip
