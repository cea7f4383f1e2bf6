"""Type-ahead search: what one keystroke costs the app, against the same SQL run raw."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchmarks.common import Result, measure_pair, ms, spread
from dnclinic.model.repositories.patients import rows_statement, search_statement
from dnclinic.services.patient_search import FIRST_PAGE as PAGE

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

# What a clinician types, letter by letter, and the other kinds of search.
QUERIES = ("s", "sm", "smi", "smit", "smith", "smith o", "DEMO-0001", "1980-05")


def _raw_sql(ctx: AppContext, stmt: Any) -> str:
    return str(stmt.compile(ctx.db.engine, compile_kwargs={"literal_binds": True}))


def typeahead(ctx: AppContext, patients: int) -> list[Result]:
    """Per keystroke: the ids in list order plus the first page of rows, app vs raw SQL."""
    raw = ctx.db.engine.raw_connection()  # the same driver and key, no ORM, no Python objects
    results = []
    worst = 0.0
    worst_ratio = 0.0
    try:
        for query in QUERIES:
            ids = ctx.patients.search_ids(query)
            ids_sql = _raw_sql(ctx, search_statement(query))
            page_sql = _raw_sql(ctx, rows_statement(ids[:PAGE])) if ids else ""

            def app(q: str = query) -> object:
                return ctx.patients.search_page(q)  # exactly what the list does

            def floor(a: str = ids_sql, b: str = page_sql) -> object:
                cur = raw.cursor()
                found = cur.execute(a).fetchall()
                return cur.execute(b).fetchall() if b else found

            t_app, t_raw = measure_pair(app, floor)
            ratio = t_app.median_ms / t_raw.median_ms if t_raw.median_ms else 0.0
            worst, worst_ratio = max(worst, t_app.median_ms), max(worst_ratio, ratio)
            results.append(
                Result(
                    f"  keystroke '{query}' ({len(ids):,} matches)",
                    ms(t_app),
                    spread(t_app),
                    "< 30 ms, < 3x raw",
                    t_app.median_ms < 30 and ratio < 3,
                    ms(t_raw),
                    f"{ratio:.2f}x",
                )  # fmt: skip
            )
    finally:
        raw.close()
    head = Result(
        f"type-ahead search per keystroke, {patients:,} patients (worst of the queries below)",
        f"{worst:.1f} ms", "", "< 30 ms, < 3x raw SQL", worst < 30 and worst_ratio < 3,
        "same SQL on the raw driver", f"{worst_ratio:.2f}x",
    )  # fmt: skip
    return [head, *results]
