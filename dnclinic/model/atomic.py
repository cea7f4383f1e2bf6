"""Small files beside the database (key file, audit anchor) replaced whole, never half-written."""

from __future__ import annotations

import contextlib
import os
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def replace_file(path: Path, text: str, *, durable: bool = False) -> None:
    """Write ``text`` to ``path`` atomically: a temporary file beside it, then a rename.

    Every writer (process and thread) gets a temporary file of its own, so two workstations
    writing at once never trip over each other's; the last rename wins, and a reader sees one
    whole version or the other. ``durable`` also flushes the data to the disk before the rename.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
