"""Encryption at rest, key wrapping and logins, on real files."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from conftest import FIXED_NOW, fixed_clock
from factories import PASSWORD, make_patient
from sqlalchemy import select

from dnclinic.app_context import AppContext, Credentials, create_clinic, open_clinic, recover_clinic
from dnclinic.model.entities import AuditEntry, User
from dnclinic.model.keyring import KdfParams, keyring_path
from dnclinic.services.authentication import LoginFailed
from dnclinic.services.users import NewUser

if TYPE_CHECKING:
    from pathlib import Path

FAST = KdfParams.fast()
PLANTED = "Quetzalcoatl-Planted"


def _open(db: str | Path, user: str, password: str, tmp: Path, **kw: object) -> AppContext:
    return open_clinic(db, Credentials(user, password), config_dir=tmp / "config",
                       clock=kw.pop("clock", fixed_clock), kdf=kw.pop("kdf", FAST))  # type: ignore[arg-type]  # fmt: skip


def _all_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*") if p.is_file())


@pytest.mark.sqlite_only
def test_the_file_is_encrypted_and_the_name_is_not_in_it(
    app_context: AppContext, db_path: Path
) -> None:
    make_patient(app_context, family_name=PLANTED)
    app_context.close()
    data = db_path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    assert PLANTED.encode() not in _all_bytes(db_path)
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(db_path) as plain:
        plain.execute("SELECT * FROM patients").fetchall()


def test_wrong_password_does_not_open(
    app_context: AppContext, db_target: str | Path, tmp_path: Path
) -> None:
    app_context.close()
    with pytest.raises(LoginFailed, match="Wrong username or password"):
        _open(db_target, "tester", "not the password", tmp_path)
    with pytest.raises(LoginFailed):
        _open(db_target, "nobody", PASSWORD, tmp_path)
    ctx = _open(db_target, "TESTER", PASSWORD, tmp_path)  # usernames are case-insensitive
    try:
        with ctx.db.read() as s:
            failed = s.scalars(
                select(AuditEntry.username).where(AuditEntry.action == "login_failed")
            ).all()
        assert sorted(failed) == ["nobody", "tester"]  # queued while locked, written at login
    finally:
        ctx.close()


def test_recovery_key_opens_and_sets_a_new_password(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ctx, recovery = create_clinic(db, NewUser("boss", "Boss", "admin", PASSWORD),
                                  config_dir=tmp_path, clock=fixed_clock, kdf=FAST)  # fmt: skip
    ctx.close()
    assert recovery is not None
    with pytest.raises(LoginFailed, match="does not open"):
        recover_clinic(
            db, "AAAAA-" * 7 + "AAAAA", "boss", "brand new password", kdf=FAST, config_dir=tmp_path
        )
    typed = recovery.lower().replace("-", " ")  # as someone might type it from paper
    again = recover_clinic(
        db, typed, "boss", "brand new password", kdf=FAST, config_dir=tmp_path, clock=fixed_clock
    )
    again.close()
    with pytest.raises(LoginFailed):
        _open(db, "boss", PASSWORD, tmp_path)
    _open(db, "boss", "brand new password", tmp_path).close()


def test_after_a_password_change_only_the_new_one_works(
    app_context: AppContext, db_target: str | Path, tmp_path: Path
) -> None:
    with pytest.raises(LoginFailed):
        app_context.users.change_own_password("wrong", "another long password")
    app_context.users.change_own_password(PASSWORD, "another long password")
    app_context.close()
    with pytest.raises(LoginFailed):
        _open(db_target, "tester", PASSWORD, tmp_path)
    _open(db_target, "tester", "another long password", tmp_path).close()


def test_a_disabled_user_loses_the_key(
    app_context: AppContext, db_target: str | Path, tmp_path: Path
) -> None:
    app_context.access.login("admin", PASSWORD)
    tester = next(u for u in app_context.users.list_users() if u.username == "tester")
    app_context.users.set_active(tester.id, False)
    if app_context.keys is not None:  # an encrypted file: the user's key wrap is removed too
        assert "tester" not in app_context.keys.keyring().wraps  # type: ignore[union-attr]
    app_context.close()
    with pytest.raises(LoginFailed):
        _open(db_target, "tester", PASSWORD, tmp_path)


@pytest.mark.sqlite_only  # the failure counters live in the key file
def test_repeated_failures_back_off(app_context: AppContext, db_path: Path, tmp_path: Path) -> None:
    app_context.close()
    for _ in range(5):
        with pytest.raises(LoginFailed, match="Wrong"):
            _open(db_path, "tester", "guess", tmp_path)
    with pytest.raises(LoginFailed, match="Try again in 30 seconds"):
        _open(db_path, "tester", PASSWORD, tmp_path)  # even the right password must wait
    later = FIXED_NOW + timedelta(seconds=31)
    _open(db_path, "tester", PASSWORD, tmp_path, clock=lambda: later).close()
    keyring = keyring_path(db_path).read_text()
    assert '"tester"' not in keyring.split('"failures"')[1].split("}")[0]  # counter cleared


def test_unencrypted_only_by_choice_and_audited(tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    ctx, recovery = create_clinic(db, NewUser("boss", "Boss", "admin", PASSWORD), encrypted=False,
                                  config_dir=tmp_path, clock=fixed_clock, kdf=FAST)  # fmt: skip
    try:
        assert recovery is None
        assert not ctx.encrypted
        rows = ctx.audit.entries()
        assert any(r.action == "settings" and "off (chosen by the admin" in r.details for r in rows)
    finally:
        ctx.close()
    assert db.read_bytes().startswith(b"SQLite format 3")


def test_password_hash_is_upgraded_when_costs_change(
    app_context: AppContext, db_target: str | Path, tmp_path: Path
) -> None:
    with app_context.db.read() as s:
        before = s.scalar(select(User.password_hash).where(User.username_key == "tester"))
    app_context.close()
    stronger = KdfParams(time_cost=2, memory_kib=16, parallelism=1)
    _open(db_target, "tester", PASSWORD, tmp_path, kdf=stronger).close()
    ctx = _open(db_target, "tester", PASSWORD, tmp_path, kdf=stronger)
    try:
        with ctx.db.read() as s:
            after = s.scalar(select(User.password_hash).where(User.username_key == "tester"))
    finally:
        ctx.close()
    assert before is not None
    assert "t=1" in before
    assert after is not None
    assert "t=2" in after


def test_new_accounts_need_a_long_password_and_a_unique_name(app_context: AppContext) -> None:
    from dnclinic.services.errors import ValidationFailed

    app_context.access.login("admin", PASSWORD)
    with pytest.raises(ValidationFailed) as err:
        app_context.users.create_user(NewUser("Tester", "Dup", "practitioner", "short"))
    assert {i.field for i in err.value.issues} == {"username", "password"}


def test_temporary_files_are_removed_on_exit(app_context: AppContext) -> None:
    scratch = app_context.temp_dir / "preview.pdf"
    scratch.write_bytes(b"%PDF-1.4 draft")
    app_context.close()
    assert not app_context.temp_dir.exists()


def test_a_login_under_new_costs_rehashes_the_password_as_an_account_change(
    app_context: AppContext, db_target: str | Path, tmp_path: Path
) -> None:
    with app_context.db.read() as s:
        before = s.scalars(select(User).where(User.username_key == "tester")).one()
        old_hash, old_version = before.password_hash, before.version_id
    app_context.close()
    costlier = KdfParams(time_cost=FAST.time_cost + 1, memory_kib=16, parallelism=1)
    ctx = _open(db_target, "tester", PASSWORD, tmp_path, kdf=costlier)
    try:
        assert ctx.services.actor.logged_in
        with ctx.db.read() as s:
            after = s.scalars(select(User).where(User.username_key == "tester")).one()
            new_hash, new_version = after.password_hash, after.version_id
        assert new_hash != old_hash
        assert ",t=2," in new_hash  # the new cost, recorded in the hash
        assert new_version == old_version + 1  # an open editor of the account sees it
    finally:
        ctx.close()
    again = _open(db_target, "tester", PASSWORD, tmp_path, kdf=costlier)  # and it still logs in
    again.close()
