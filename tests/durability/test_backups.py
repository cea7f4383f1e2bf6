"""Backups: verified sets with SHA-256 manifests, pruning, permissions, restore refusals."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from factories import PASSWORD, as_user, make_patient
from sqlalchemy import func, select

from dnclinic.app_context import Credentials, open_clinic
from dnclinic.model.audit_chain import ChainAnchor, anchor_path, save_anchor
from dnclinic.model.entities import AuditEntry
from dnclinic.model.keyring import KdfParams, keyring_path, load_keyring, unwrap_key
from dnclinic.services.authentication import LoginFailed
from dnclinic.services.backup_files import MANIFEST_NAME, backup_due, list_sets, sha256_file
from dnclinic.services.errors import BackupDamagedError, BackupError, PermissionDenied
from dnclinic.services.restore import restore_backup

if TYPE_CHECKING:
    from pathlib import Path

    from dnclinic.app_context import AppContext

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_a_backup_is_a_verified_encrypted_set_with_a_manifest(
    app_context: AppContext, tmp_path: Path
) -> None:
    make_patient(app_context)
    with as_user(app_context, "admin"):
        result = app_context.backups.back_up(tmp_path / "backups", keep=3)
    assert result.verified
    assert [c.name for c in result.manifest.checks] == [
        "integrity",
        "foreign keys",
        "audit chain",
        "signed-note digests",
    ]
    names = {p.name for p in result.folder.iterdir()}
    assert names == {"clinic.db", "clinic.db.keys", "clinic.db.audit-anchor", MANIFEST_NAME}
    for f in result.manifest.files:
        assert sha256_file(result.folder / f.name) == f.sha256
    assert result.manifest.schema_revision
    assert result.manifest.app_version
    assert result.manifest.encrypted
    copy = result.folder / "clinic.db"
    assert copy.read_bytes()[:16] != b"SQLite format 3\x00"  # still encrypted
    ring = load_keyring(keyring_path(copy))
    assert ring is not None
    assert unwrap_key(ring.wraps["admin"], PASSWORD, "admin") == app_context.db.key
    with app_context.db.read() as s:
        who = s.scalars(select(AuditEntry.username).where(AuditEntry.action == "backup")).all()
    assert who == ["admin"]


def test_backups_keep_the_newest_n(app_context: AppContext, tmp_path: Path) -> None:
    times = (NOW + timedelta(hours=h) for h in itertools.count())
    object.__setattr__(app_context.services, "clock", lambda: next(times))
    folder = tmp_path / "backups"
    made = [app_context.backups.back_up_scheduled(folder, keep=2, reason="daily") for _ in range(4)]
    remaining = [path for path, _m in list_sets(folder, "clinic.db")]
    assert remaining == [made[3].folder, made[2].folder]
    assert made[3].pruned == (made[1].folder,)


def test_scheduled_backups_run_for_any_user_and_are_audited_as_the_system(
    app_context: AppContext, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):  # on demand: admins only
        app_context.backups.back_up(tmp_path / "b")
    result = app_context.backups.back_up_scheduled(tmp_path / "b", keep=2, reason="on exit")
    assert result.manifest.created_by == "system:tester"
    assert app_context.backups.last_backup_at(tmp_path / "b") == result.manifest.created_at
    with app_context.db.read() as s:
        who = s.scalars(select(AuditEntry.username).where(AuditEntry.action == "backup")).all()
    assert who == ["system:tester"]


def test_schedule_is_daily_by_default() -> None:
    assert backup_due(None, NOW, 24)
    assert not backup_due(NOW - timedelta(hours=23), NOW, 24)
    assert backup_due(NOW - timedelta(hours=24), NOW, 24)


def test_verify_names_each_check_and_reports_a_cut_audit_log(
    app_context: AppContext, db_path: Path
) -> None:
    assert [(c.name, c.ok) for c in app_context.backups.verify()] == [
        ("integrity", True),
        ("foreign keys", True),
        ("audit chain", True),
        ("signed-note digests", True),
    ]
    save_anchor(anchor_path(db_path), ChainAnchor(9999, "0" * 64))  # entries cut off the end
    audit = {c.name: c for c in app_context.backups.verify()}["audit chain"]
    assert not audit.ok
    assert "missing at the end" in audit.detail


@pytest.mark.parametrize("damaged", ["clinic.db", "clinic.db.keys", "clinic.db.audit-anchor"])
def test_a_backup_that_does_not_match_its_digest_is_refused_before_anything_is_written(
    app_context: AppContext, tmp_path: Path, damaged: str
) -> None:
    with as_user(app_context, "admin"):
        result = app_context.backups.back_up(tmp_path / "backups")
    _flip_byte(result.folder / damaged, 40)
    target = tmp_path / "restore-here"
    target.mkdir()
    with pytest.raises(BackupDamagedError, match=f"{damaged} does not match its SHA-256"):
        # even a wrong password is not looked at: the digests are checked first
        restore_backup(result.folder, target / "c.db", "admin", "wrong", replace=False, now=NOW)
    assert _files(target) == set()


def test_restore_needs_an_admin_of_the_backup_and_refuses_to_overwrite(
    app_context: AppContext, tmp_path: Path, db_path: Path
) -> None:
    with as_user(app_context, "admin"):
        result = app_context.backups.back_up(tmp_path / "backups")
    target = tmp_path / "restored" / "clinic.db"
    with pytest.raises(PermissionDenied):
        restore_backup(result.folder, target, "tester", PASSWORD, replace=False, now=NOW)
    with pytest.raises(LoginFailed):
        restore_backup(result.folder, target, "admin", "not the password", replace=False, now=NOW)
    assert not target.parent.exists()
    before = sha256_file(db_path)
    with pytest.raises(BackupError, match="already holds a clinic database"):
        restore_backup(result.folder, db_path, "admin", PASSWORD, replace=False, now=NOW)
    assert sha256_file(db_path) == before


def test_restore_in_place_puts_the_backup_back_and_keeps_the_old_file(
    app_context: AppContext, tmp_path: Path, db_path: Path
) -> None:
    kept = make_patient(app_context)
    with as_user(app_context, "admin"):
        result = app_context.backups.back_up(tmp_path / "backups")
    later = make_patient(app_context)
    with as_user(app_context, "admin"):
        outcome = app_context.backups.restore(result.folder)
    assert outcome.set_aside is not None
    assert outcome.set_aside.exists()
    assert all(c.ok for c in outcome.checks)
    app_context.close()
    ctx = open_clinic(
        db_path, Credentials("tester", PASSWORD), config_dir=tmp_path / "c", kdf=KdfParams.fast()
    )
    try:
        assert ctx.patients.find_by_mrn(kept.details.mrn) is not None
        assert ctx.patients.find_by_mrn(later.details.mrn) is None
        assert ctx.audit.verify().ok
        with ctx.db.read() as s:
            restores = s.scalar(select(func.count()).where(AuditEntry.details.like('%"restored"%')))
        assert restores == 1
    finally:
        ctx.close()
