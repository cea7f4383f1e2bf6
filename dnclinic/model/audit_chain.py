"""The audit log's hash chain, as pure functions over plain values.

Each row's hash is SHA-256 over the previous row's hash and a canonical JSON of the row's own
fields. Editing, deleting, reordering or inserting rows breaks the chain; cutting rows off the
end is caught by the anchor (the count and last hash, kept outside the table).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, NamedTuple

from dnclinic.model.atomic import replace_file

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime
    from pathlib import Path

GENESIS = "0" * 64


class ChainRow(NamedTuple):
    """The hashed fields of one audit row."""

    id: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    patient_id: int | None
    details: str
    prev_hash: str
    hash: str


class ChainAnchor(NamedTuple):
    """A row the chain must still contain: the newest one known when it was saved."""

    last_id: int
    last_hash: str


class ChainReport(NamedTuple):
    """The result of :func:`verify_chain`."""

    ok: bool
    rows: int
    problem: str = ""
    first_bad_id: int | None = None


def row_hash(
    prev_hash: str,
    at: datetime,
    username: str,
    action: str,
    entity: str,
    entity_id: int | None,
    patient_id: int | None,
    details: str,
) -> str:
    """Return the SHA-256 (hex) chaining one row to the previous one."""
    payload = json.dumps(
        [prev_hash, at.isoformat(), username, action, entity, entity_id, patient_id, details],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def verify_chain(rows: Sequence[ChainRow], anchor: ChainAnchor | None = None) -> ChainReport:
    """Check every link of the chain, in id order, and that it reaches the anchor."""
    prev = GENESIS
    for row in rows:
        if row.prev_hash != prev:
            return ChainReport(
                False, len(rows), "a row is missing, inserted or out of order", row.id
            )
        expected = row_hash(
            row.prev_hash, row.at, row.username, row.action, row.entity,
            row.entity_id, row.patient_id, row.details,
        )  # fmt: skip
        if expected != row.hash:
            return ChainReport(False, len(rows), "a row was altered", row.id)
        if anchor is not None and row.id == anchor.last_id and row.hash != anchor.last_hash:
            return ChainReport(False, len(rows), "the log does not match its anchor", row.id)
        prev = row.hash
    if anchor is not None and not any(row.id == anchor.last_id for row in rows):
        return ChainReport(False, len(rows), "rows are missing at the end of the log")
    return ChainReport(True, len(rows))


ANCHOR_SUFFIX = ".audit-anchor"


def anchor_path(db_path: Path) -> Path:
    """Return the file beside a database that keeps its audit chain's anchor."""
    return db_path.with_name(db_path.name + ANCHOR_SUFFIX)


def server_anchor_path(config_dir: Path, url: str) -> Path:
    """Return where this workstation keeps its anchor for a clinic server's audit chain.

    A server has no file to keep one beside, so each workstation remembers the newest entry it
    wrote (in its own config folder, one file per server database): an end cut off the log on
    the server, below what this workstation has seen, is then detected as on a clinic file.
    """
    name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]
    return config_dir / "server-anchors" / f"{name}{ANCHOR_SUFFIX}"


def load_anchor(path: Path) -> ChainAnchor | None:
    """Read an anchor file; None when it is missing or unreadable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return ChainAnchor(int(raw["last_id"]), str(raw["last_hash"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_anchor(path: Path, anchor: ChainAnchor) -> None:
    """Write an anchor file atomically (temporary file, then rename)."""
    replace_file(path, json.dumps({"last_id": anchor.last_id, "last_hash": anchor.last_hash}))
