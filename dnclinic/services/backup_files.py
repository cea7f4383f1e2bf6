"""Backup sets on disk: one folder per backup, its SHA-256 manifest, listing and pruning.

A backup set is a folder ``dnclinic-backup-<database>-<UTC time>`` holding

- ``<database>.db``: an online-backup-API snapshot, still encrypted with the clinic's key;
- ``<database>.db.keys``: the key file, so the copy opens with the users' passwords (or the
  printed recovery key) *as they were when the backup was made*;
- ``<database>.db.audit-anchor``: where the audit chain of the snapshot ends;
- ``manifest.json``: every file with its size and SHA-256, the app version, schema revision,
  creation time, and the result of each check run on the copy.

A set is written under a ``.partial`` name and renamed when complete, so a crash never leaves
something that looks like a finished backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from dnclinic.model.audit_chain import anchor_path
from dnclinic.model.keyring import keyring_path
from dnclinic.model.verify import CheckResult
from dnclinic.services.errors import BackupDamagedError

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1
SET_PREFIX = "dnclinic-backup-"
PARTIAL_SUFFIX = ".partial"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileDigest:
    """One file of a backup set."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """What ``manifest.json`` records about a backup set."""

    app_version: str
    schema_revision: str
    created_at: datetime
    database: str  # the database file's name inside the set, e.g. "clinic.db"
    encrypted: bool
    reason: str  # "on demand", "daily", "on exit"
    created_by: str
    files: tuple[FileDigest, ...]
    checks: tuple[CheckResult, ...]
    format: int = MANIFEST_FORMAT

    @property
    def verified(self) -> bool:
        """Whether every check passed on the copy when it was made."""
        return bool(self.checks) and all(c.ok for c in self.checks)

    def to_json(self) -> str:
        """Return the manifest as JSON text."""
        data = asdict(self)
        data["created_at"] = self.created_at.isoformat()
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Parse a manifest.

        Raises:
            ValueError: the text is not a manifest of a format this version reads.
        """
        try:
            raw = json.loads(text)
            if int(raw.get("format", 0)) > MANIFEST_FORMAT:
                raise ValueError("it was written by a newer version of dnclinic")
            return cls(
                app_version=str(raw["app_version"]),
                schema_revision=str(raw["schema_revision"]),
                created_at=datetime.fromisoformat(raw["created_at"]),
                database=str(raw["database"]),
                encrypted=bool(raw["encrypted"]),
                reason=str(raw.get("reason", "")),
                created_by=str(raw.get("created_by", "")),
                files=tuple(FileDigest(str(f["name"]), int(f["size"]), str(f["sha256"]))
                            for f in raw["files"]),
                checks=tuple(CheckResult(str(c["name"]), bool(c["ok"]), str(c["detail"]))
                             for c in raw.get("checks", [])),
                format=int(raw.get("format", MANIFEST_FORMAT)),
            )  # fmt: skip
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
            raise ValueError(f"it is not a dnclinic backup manifest ({exc})") from exc


def sha256_file(path: Path) -> str:
    """Return the SHA-256 (hex) of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def digest_files(folder: Path, names: list[str]) -> tuple[FileDigest, ...]:
    """Return the digests of the named files of a set."""
    return tuple(
        FileDigest(name, (folder / name).stat().st_size, sha256_file(folder / name))
        for name in names
    )


def companions(db_file: Path) -> list[Path]:
    """Return the files that travel with a database: itself, its key file, its audit anchor."""
    return [db_file, keyring_path(db_file), anchor_path(db_file)]


def set_name(database: str, created_at: datetime) -> str:
    """Return the folder name of a backup set, e.g. ``dnclinic-backup-clinic-20261123T153000Z``."""
    return f"{SET_PREFIX}{Path(database).stem}-{created_at:%Y%m%dT%H%M%SZ}"


def fsync_path(path: Path) -> None:
    """Flush a file, or a folder's entries, to the disk (folders: where the OS allows it)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # Windows cannot open folders; its renames are durable enough
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write ``manifest.json`` durably."""
    path = folder / MANIFEST_NAME
    path.write_text(manifest.to_json(), encoding="utf-8")
    fsync_path(path)


def locate_set(path: Path) -> Path:
    """Return the set folder for a path given by the user (the folder or its manifest).

    Raises:
        BackupDamagedError: there is no manifest there.
    """
    folder = path.parent if path.name == MANIFEST_NAME else path
    if not (folder / MANIFEST_NAME).is_file():
        raise BackupDamagedError(
            f"{path} is not a dnclinic backup: there is no {MANIFEST_NAME} in it. Choose the "
            f"backup's folder (its name starts with {SET_PREFIX})."
        )
    return folder


def read_manifest(folder: Path) -> Manifest:
    """Read a set's manifest.

    Raises:
        BackupDamagedError: the manifest is missing or unreadable.
    """
    try:
        return Manifest.from_json((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BackupDamagedError(
            f"The backup {folder} cannot be used: its manifest is unreadable ({exc})."
        ) from exc


def manifest_problems(folder: Path, manifest: Manifest) -> list[str]:
    """Compare every file of a set with its size and SHA-256 in the manifest (reads only)."""
    problems = []
    names = {f.name for f in manifest.files}
    if manifest.database not in names:
        problems.append(f"the manifest does not list the database {manifest.database}")
    for f in manifest.files:
        path = folder / f.name
        if Path(f.name).name != f.name or f.name in ("", ".", ".."):
            problems.append(f"the manifest names a file outside the backup ({f.name!r})")
        elif not path.is_file():
            problems.append(f"{f.name} is missing")
        elif path.stat().st_size != f.size:
            problems.append(f"{f.name} has {path.stat().st_size} bytes, not {f.size}")
        elif sha256_file(path) != f.sha256:
            problems.append(f"{f.name} does not match its SHA-256 digest")
    return problems


def list_sets(folder: Path, database: str | None = None) -> list[tuple[Path, Manifest]]:
    """Return the complete backup sets in ``folder``, newest first (optionally of one database).

    Unreadable sets are left out (they are never pruned either).
    """
    found: list[tuple[Path, Manifest]] = []
    if not folder.is_dir():
        return found
    for child in folder.iterdir():
        if not child.is_dir() or not child.name.startswith(SET_PREFIX):
            continue
        if child.name.endswith(PARTIAL_SUFFIX) or not (child / MANIFEST_NAME).is_file():
            continue
        try:
            manifest = read_manifest(child)
        except BackupDamagedError:
            continue
        if database is None or Path(manifest.database).name == Path(database).name:
            found.append((child, manifest))
    found.sort(key=lambda item: (item[1].created_at, item[0].name), reverse=True)
    return found


def last_backup_at(folder: Path, db_file: Path) -> datetime | None:
    """Return when the newest backup of ``db_file`` in ``folder`` was made (no check)."""
    sets = list_sets(folder, db_file.name)
    return sets[0][1].created_at if sets else None


def backup_due(last: datetime | None, now: datetime, interval_hours: int) -> bool:
    """Whether a scheduled backup is due: none yet, or the newest is ``interval_hours`` old."""
    return last is None or now - last >= timedelta(hours=max(1, interval_hours))


def default_backup_folder(db_file: Path) -> Path:
    """Where backups go when none was chosen: ``backups`` beside the database.

    Choosing a folder on another drive (a USB disk, a second disk) is better; the settings
    dialog says so.
    """
    return db_file.parent / "backups"


def prune_sets(folder: Path, database: str, keep: int) -> list[Path]:
    """Delete the oldest complete sets of ``database`` beyond the newest ``keep``; return them."""
    removed = []
    for path, _manifest in list_sets(folder, database)[max(1, keep) :]:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def put_aside(db_file: Path, stamp: str) -> Path | None:
    """Rename a database and its companions (``-wal``, ``-shm``, keys, anchor) out of the way.

    The renamed set stays openable: ``clinic.db`` becomes ``clinic.before-restore-<stamp>.db``
    and ``clinic.db-wal`` becomes ``clinic.before-restore-<stamp>.db-wal``, and so on.

    Returns:
        The new name of the database file, or None when there was nothing to move.
    """
    aside = db_file.with_name(f"{db_file.stem}.before-restore-{stamp}{db_file.suffix}")
    moved = False
    for suffix in ("", "-wal", "-shm", ".keys", ".audit-anchor"):
        source = db_file.with_name(db_file.name + suffix)
        if source.exists():
            source.replace(aside.with_name(aside.name + suffix))
            moved = True
    return aside if moved else None
