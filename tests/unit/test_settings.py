"""Preferences: defaults, round trip, versioned upgrades with a backup, bad files survived."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from dnclinic import settings as settings_module
from dnclinic.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from pathlib import Path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == Settings()


def test_round_trip(tmp_path: Path) -> None:
    changed = Settings().with_changes(idle_lock_minutes=10, last_database="/x/clinic.db")
    save_settings(tmp_path, changed)
    assert load_settings(tmp_path) == changed


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"idle_lock_minutes": "ten"}'])
def test_unreadable_or_wrong_values_fall_back_to_defaults(tmp_path: Path, content: str) -> None:
    (tmp_path / "settings.json").write_text(content, encoding="utf-8")
    assert load_settings(tmp_path).idle_lock_minutes == 5


def test_newer_file_is_not_misread(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        json.dumps({"schema_version": 99, "idle_lock_minutes": 1})
    )
    assert load_settings(tmp_path) == Settings()


def test_upgrade_hooks_run_in_order_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings_module, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(settings_module, "_UPGRADES", {})

    @settings_module.upgrade(2)
    def rename_lock(raw: dict[str, object]) -> dict[str, object]:
        raw["idle_lock_minutes"] = raw.pop("lock_after")
        return raw

    @settings_module.upgrade(3)
    def double_lock(raw: dict[str, object]) -> dict[str, object]:
        raw["idle_lock_minutes"] = int(str(raw["idle_lock_minutes"])) * 2
        return raw

    original = json.dumps({"schema_version": 1, "lock_after": 4})
    (tmp_path / "settings.json").write_text(original)
    loaded = load_settings(tmp_path)
    assert loaded.idle_lock_minutes == 8
    assert (tmp_path / "settings.json.v1.bak").read_text() == original


def test_version_1_settings_gain_the_backup_preferences(tmp_path: Path) -> None:
    original = json.dumps({"schema_version": 1, "idle_lock_minutes": 7})
    (tmp_path / "settings.json").write_text(original)
    loaded = load_settings(tmp_path)
    assert loaded.idle_lock_minutes == 7
    assert (loaded.backup_folder, loaded.backup_keep) == ("", 14)
    assert (loaded.backup_interval_hours, loaded.backup_on_exit) == (24, True)
    assert (tmp_path / "settings.json.v1.bak").read_text() == original
