"""Shared helpers: timing, the result table and docs/PERFORMANCE.md."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


@dataclass(frozen=True, slots=True)
class Timing:
    """Median and spread (max - min) of several runs, in milliseconds."""

    median_ms: float
    spread_ms: float
    runs: int


def measure(fn: Callable[[], object], runs: int = 7, warmup: int = 1) -> Timing:
    """Run ``fn`` ``warmup`` times untimed, then ``runs`` times timed."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return Timing(statistics.median(times), max(times) - min(times), runs)


def measure_pair(
    fn: Callable[[], object], floor: Callable[[], object], runs: int = 31
) -> tuple[Timing, Timing]:
    """Time ``fn`` and its ``floor`` alternately, so that both see the same machine load."""
    fn(), floor()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for f, out in ((fn, times[0]), (floor, times[1])):
            start = time.perf_counter()
            f()
            out.append((time.perf_counter() - start) * 1000)
    a, b = times
    return (
        Timing(statistics.median(a), max(a) - min(a), runs),
        Timing(statistics.median(b), max(b) - min(b), runs),
    )


@dataclass(frozen=True, slots=True)
class Result:
    """One line of the table: a measure against its target, with its floor where there is one."""

    measure: str
    value: str
    spread: str
    target: str
    met: bool | None  # None: reported, no target
    floor: str = ""
    ratio: str = ""


def ms(t: Timing) -> str:
    """Format a timing's median."""
    return f"{t.median_ms:.1f} ms" if t.median_ms < 100 else f"{t.median_ms:.0f} ms"


def spread(t: Timing) -> str:
    """Format a timing's spread."""
    return f"±{t.spread_ms / 2:.1f} ms ({t.runs} runs)"


def table(results: list[Result]) -> str:
    """Return the results as a Markdown table."""
    lines = [
        "| measure | median | spread | target | floor (same run) | ratio | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        met = "—" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(
            f"| {r.measure} | {r.value} | {r.spread} | {r.target} | {r.floor} | {r.ratio} | {met} |"
        )
    return "\n".join(lines)
