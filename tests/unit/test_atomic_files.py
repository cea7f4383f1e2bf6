"""Two processes rewriting the same small file at once: every read sees one whole version."""

from __future__ import annotations

import json
import multiprocessing
from typing import TYPE_CHECKING

from dnclinic.model.atomic import replace_file

if TYPE_CHECKING:
    from pathlib import Path

WRITES = 300


def _writer(path: str, who: int) -> None:
    from pathlib import Path

    for n in range(WRITES):
        replace_file(Path(path), json.dumps({"who": who, "n": n, "pad": "x" * 2000}))


def test_concurrent_writers_never_collide_nor_leave_a_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "clinic.db.audit-anchor"
    ctx = multiprocessing.get_context("spawn")
    writers = [ctx.Process(target=_writer, args=(str(target), who)) for who in (1, 2)]
    for w in writers:
        w.start()
    seen = 0
    while any(w.is_alive() for w in writers):
        if target.exists():
            json.loads(target.read_text(encoding="utf-8"))  # always a whole version
            seen += 1
    for w in writers:
        w.join()
    assert [w.exitcode for w in writers] == [0, 0]  # no writer tripped over the other's file
    assert json.loads(target.read_text(encoding="utf-8"))["n"] == WRITES - 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary left
    assert seen > 0
