"""``manifest.json`` of a CSV export folder: what was exported, and how to tell it is whole.

It names the app version and schema revision, who exported and when, the audit chain's last
entry at that moment, and for each table its file, row count, SHA-256 and columns. Import reads
it first and refuses a folder whose files do not match it, or that another schema revision
wrote. The digests catch a partial copy or an edited file; they are not a signature (anyone
can recompute them), which is why import also checks the audit chain and signed-note seals.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from dnclinic.model.csv_codec import Kind
from dnclinic.model.migrate import HEAD_REVISION
from dnclinic.model.transfer import (
    ColumnSpec,
    TransferError,
    column_specs,
    file_name,
    tables_in_order,
)
from dnclinic.services.backup_files import sha256_file

if TYPE_CHECKING:
    from pathlib import Path

MANIFEST_NAME = "manifest.json"
FORMAT = "dnclinic-csv"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class TableFile:
    """One table's file in the folder."""

    table: str
    file: str
    rows: int
    sha256: str
    columns: tuple[ColumnSpec, ...]


@dataclass(frozen=True, slots=True)
class CsvManifest:
    """What ``manifest.json`` records about an export folder."""

    app_version: str
    schema_revision: str
    exported_at: datetime
    exported_by: str
    demo: bool  # a demo clinic (documented passwords): the imported clinic is one too
    audit_last_id: int | None  # the newest audit entry exported (None: the log was empty)
    audit_last_hash: str | None
    tables: tuple[TableFile, ...]

    @property
    def rows(self) -> int:
        """The number of rows in every file together."""
        return sum(t.rows for t in self.tables)

    def to_json(self) -> str:
        """Return the manifest as JSON text."""
        data: dict[str, Any] = {
            "format": FORMAT, "format_version": FORMAT_VERSION,
            "app_version": self.app_version, "schema_revision": self.schema_revision,
            "exported_at": self.exported_at.isoformat(), "exported_by": self.exported_by,
            "demo": self.demo,
            "audit_anchor": {"last_id": self.audit_last_id, "last_hash": self.audit_last_hash},
            "tables": [
                {"table": t.table, "file": t.file, "rows": t.rows, "sha256": t.sha256,
                 "columns": [{"name": c.name, "type": c.kind.value, "nullable": c.nullable}
                             for c in t.columns]}
                for t in self.tables
            ],
        }  # fmt: skip
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> CsvManifest:
        """Parse a manifest.

        Raises:
            ValueError: the text is not a CSV export manifest of a format this version reads.
        """
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT or int(raw["format_version"]) != FORMAT_VERSION:
                raise ValueError("it is not a dnclinic CSV export manifest of format 1")
            anchor = raw["audit_anchor"]
            return cls(
                app_version=str(raw["app_version"]),
                schema_revision=str(raw["schema_revision"]),
                exported_at=datetime.fromisoformat(raw["exported_at"]),
                exported_by=str(raw["exported_by"]),
                demo=bool(raw.get("demo", False)),
                audit_last_id=None if anchor["last_id"] is None else int(anchor["last_id"]),
                audit_last_hash=None if anchor["last_hash"] is None else str(anchor["last_hash"]),
                tables=tuple(
                    TableFile(str(t["table"]), str(t["file"]), int(t["rows"]), str(t["sha256"]),
                              tuple(ColumnSpec(str(c["name"]), Kind(c["type"]),
                                               bool(c["nullable"])) for c in t["columns"]))
                    for t in raw["tables"]
                ),
            )  # fmt: skip
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError(f"it is not a dnclinic CSV export manifest ({exc})") from exc


def write_manifest(folder: Path, manifest: CsvManifest) -> None:
    """Write ``manifest.json`` last and atomically: a folder without one is not an export."""
    tmp = folder / (MANIFEST_NAME + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(manifest.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(folder / MANIFEST_NAME)


def read_manifest(folder: Path) -> CsvManifest:
    """Read and parse the folder's manifest.

    Raises:
        TransferError: there is none, or it cannot be read.
    """
    path = folder / MANIFEST_NAME
    if not folder.is_dir():
        raise TransferError(f"{folder} is not a folder.")
    if not path.exists():
        raise TransferError(
            f"{folder} has no {MANIFEST_NAME}: it is not a complete dnclinic CSV export "
            "(an export writes its manifest last)."
        )
    try:
        return CsvManifest.from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise TransferError(f"{path} cannot be read: {exc}.") from exc


def manifest_problems(folder: Path, manifest: CsvManifest) -> list[str]:
    """Compare the folder with its manifest and with this version's tables (reads every file).

    Returns:
        One plain sentence per problem; an empty list when the folder matches.
    """
    if manifest.schema_revision != HEAD_REVISION:
        return [
            f"it was exported with schema revision {manifest.schema_revision} (dnclinic "
            f"{manifest.app_version}) and this dnclinic has revision {HEAD_REVISION}: import it "
            "with the same version of dnclinic"
        ]
    listed = {t.table: t for t in manifest.tables}
    problems = []
    for table in tables_in_order():
        entry = listed.pop(table.name, None)
        if entry is None:
            problems.append(f"the table {table.name} is missing from the manifest")
        elif entry.file != file_name(table):  # never a path chosen by the folder's author
            problems.append(f"the manifest names {entry.file!r} for {table.name}")
        elif entry.columns != column_specs(table):
            problems.append(f"the columns of {table.name} are not those of this version")
        elif not (folder / entry.file).is_file():
            problems.append(f"{entry.file} is missing")
        elif sha256_file(folder / entry.file) != entry.sha256:
            problems.append(f"{entry.file} does not match its SHA-256 digest")
    problems.extend(f"the manifest lists an unknown table {name}" for name in sorted(listed))
    return problems
