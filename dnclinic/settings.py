"""Typed user preferences, stored as JSON in the user config folder, with versioned upgrades.

Only preferences live here. UI state (window geometry, splitter sizes) is kept by the UI, and
clinic configuration that affects care (training threshold, jurisdiction) is in the database.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
SETTINGS_FILE = "settings.json"

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
_UPGRADES: dict[int, Upgrade] = {}


def upgrade(to_version: int) -> Callable[[Upgrade], Upgrade]:
    """Register a function that upgrades the stored settings to ``to_version``."""

    def register(fn: Upgrade) -> Upgrade:
        _UPGRADES[to_version] = fn
        return fn

    return register


@dataclass(frozen=True, slots=True)
class Settings:
    """User preferences with their defaults."""

    schema_version: int = SCHEMA_VERSION
    last_database: str = ""
    idle_lock_minutes: int = 5
    font_scale_percent: int = 100
    confirm_on_exit: bool = False
    # Backups (schema 2). An empty folder means "backups" beside the database file.
    backup_folder: str = ""
    backup_keep: int = 14
    backup_interval_hours: int = 24  # daily; 0 turns scheduled backups off
    backup_on_exit: bool = True

    def with_changes(self, **changes: Any) -> Settings:
        """Return a copy with some preferences changed."""
        return replace(self, **changes)


@upgrade(2)
def _add_backup_settings(raw: dict[str, Any]) -> dict[str, Any]:
    """Issue 9: scheduled backups, daily and on exit, keeping 14, are on for existing users too."""
    raw.setdefault("backup_folder", "")
    raw.setdefault("backup_keep", 14)
    raw.setdefault("backup_interval_hours", 24)
    raw.setdefault("backup_on_exit", True)
    return raw


def _apply_upgrades(raw: dict[str, Any]) -> dict[str, Any]:
    version = int(raw.get("schema_version", 1))
    for target in sorted(v for v in _UPGRADES if v > version):
        raw = _UPGRADES[target](dict(raw))
        raw["schema_version"] = target
    return raw


def load_settings(folder: Path) -> Settings:
    """Read the settings in ``folder``; defaults when missing or unreadable (never raises).

    A file from an older version is backed up (``settings.json.v<N>.bak``) before upgrading.
    """
    path = folder / SETTINGS_FILE
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("settings file is not a JSON object")
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable settings file %s: %s", path, exc)
        return Settings()
    version = int(raw.get("schema_version", 1))
    if version > SCHEMA_VERSION:
        log.warning("Settings file %s is from a newer version; using defaults", path)
        return Settings()
    if version < SCHEMA_VERSION:
        shutil.copy2(path, path.with_name(f"{SETTINGS_FILE}.v{version}.bak"))
        raw = _apply_upgrades(raw)
    known = {f.name for f in fields(Settings)}
    defaults = Settings()
    values = {k: v for k, v in raw.items() if k in known}
    for key, value in list(values.items()):
        if not isinstance(value, type(getattr(defaults, key))):
            log.warning("Ignoring setting %s with a value of the wrong type", key)
            del values[key]
    return Settings(**values)


def save_settings(folder: Path, settings: Settings) -> None:
    """Write the settings atomically (write a temporary file, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, sort_keys=True), encoding="utf-8")
    tmp.replace(path)
