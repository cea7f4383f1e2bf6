"""Acceptance on a demo clinic: backup, restore and verify from the command line.

``dnclinic backup`` writes a verified backup; one flipped byte makes ``dnclinic restore`` refuse
it; ``dnclinic verify`` exits 0 on a healthy database and non-zero on a damaged one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from dnclinic.app_context import Credentials, open_clinic
from dnclinic.demo import DEMO_PASSWORD, create_demo_clinic
from dnclinic.model.keyring import KdfParams

if TYPE_CHECKING:
    from pathlib import Path

ADMIN = Credentials("admin", DEMO_PASSWORD)


def dnclinic(
    *args: str, home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DNCLINIC_")}
    return subprocess.run(
        [sys.executable, "-m", "dnclinic", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**clean, **(env or {}), "XDG_DATA_HOME": str(home / "data"),
             "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")},
        timeout=300,
        check=False,
    )  # fmt: skip


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    ctx, _ = create_demo_clinic(
        db, patients=30, seed=2, clock=lambda: datetime(2026, 11, 23, 9, tzinfo=UTC),
        kdf=KdfParams.fast(), config_dir=tmp_path / "cfg",
    )  # fmt: skip
    ctx.close()
    return db


def flip_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout


def test_backup_restore_verify_on_a_demo_clinic(demo: Path, tmp_path: Path) -> None:
    made = dnclinic("backup", "--db", str(demo), "--to", str(tmp_path / "bk"), home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "Backup verified" in made.stdout
    (backup,) = (tmp_path / "bk").iterdir()
    manifest = json.loads((backup / "manifest.json").read_text())
    assert {f["name"] for f in manifest["files"]} == {
        "demo.db", "demo.db.keys", "demo.db.audit-anchor",
    }  # fmt: skip
    assert all(c["ok"] for c in manifest["checks"])

    healthy = dnclinic("verify", "--db", str(demo), home=tmp_path)
    assert healthy.returncode == 0, healthy.stderr
    assert [line.split(":")[0].split(None, 1) for line in healthy.stdout.splitlines()] == [
        ["ok", "schema"], ["ok", "integrity"], ["ok", "foreign keys"], ["ok", "audit chain"],
        ["ok", "signed-note digests"],
    ]  # fmt: skip

    restored = tmp_path / "restored" / "demo.db"
    back = dnclinic("restore", str(backup), "--db", str(restored), home=tmp_path)
    assert back.returncode == 0, back.stderr
    assert "every file matches its SHA-256 digest" in back.stdout
    assert dnclinic("verify", "--db", str(restored), home=tmp_path).returncode == 0
    ctx = open_clinic(restored, ADMIN, config_dir=tmp_path / "cfg", kdf=KdfParams.fast())
    try:
        assert ctx.audit.verify().ok
        assert any('"restore"' in e.details for e in ctx.audit.entries())
        ctx.access.login("physio", DEMO_PASSWORD)
        assert ctx.patients.count() == 30
    finally:
        ctx.close()

    flip_one_byte(backup / "demo.db")
    refused = dnclinic("restore", str(backup), "--db", str(tmp_path / "again" / "demo.db"),
                       home=tmp_path)  # fmt: skip
    assert refused.returncode != 0
    assert "does not match its SHA-256 digest" in refused.stderr
    assert not (tmp_path / "again").exists()  # refused before anything was written
    no_traceback(refused)

    flip_one_byte(demo)
    damaged = dnclinic("verify", "--db", str(demo), home=tmp_path)
    assert damaged.returncode != 0
    assert "FAILED" in damaged.stdout
    no_traceback(damaged)


def test_restore_does_not_overwrite_without_replace(demo: Path, tmp_path: Path) -> None:
    assert dnclinic("backup", "--db", str(demo), "--to", str(tmp_path / "bk"),
                    home=tmp_path).returncode == 0  # fmt: skip
    (backup,) = (tmp_path / "bk").iterdir()
    before = demo.read_bytes()
    kept = dnclinic("restore", str(backup), "--db", str(demo), home=tmp_path)
    assert kept.returncode == 2
    assert "--replace" in kept.stderr
    assert demo.read_bytes() == before
    replaced = dnclinic("restore", str(backup), "--db", str(demo), "--replace", home=tmp_path)
    assert replaced.returncode == 0, replaced.stderr
    assert list(tmp_path.glob("demo.before-restore-*.db"))


def test_backup_needs_an_admin_and_bad_input_exits_2(demo: Path, tmp_path: Path) -> None:
    physio = dnclinic(
        "backup", "--db", str(demo), "--to", str(tmp_path / "bk"), "--user", "physio",
        home=tmp_path, env={"DNCLINIC_PASSWORD": DEMO_PASSWORD},
    )  # fmt: skip
    assert physio.returncode == 2
    assert "does not allow" in physio.stderr
    no_traceback(physio)
    missing = dnclinic("restore", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db"),
                       home=tmp_path)  # fmt: skip
    assert missing.returncode != 0
    assert "not a dnclinic backup" in missing.stderr
    no_db = dnclinic("restore", str(tmp_path / "nowhere"), home=tmp_path)
    assert no_db.returncode == 2
    assert "needs --db PATH" in no_db.stderr
