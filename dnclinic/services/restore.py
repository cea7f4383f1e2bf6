"""Restoring a backup set to a database path, and unlocking a file without opening the clinic.

Restore never needs the clinic it replaces (that one may be gone), so it works from the backup
alone, in this order:

1. the manifest's SHA-256 digests are checked, and a backup that does not match is refused
   before anything is written;
2. the person restoring must be an active administrator *of the backup*: their password must
   unwrap the database key in the backup's key file, and match their account in the backup;
3. the database is copied with the online backup API next to the target under a temporary name,
   with its key file and audit anchor, and the copy is verified (integrity, foreign keys, audit
   chain and any extra checks such as signed-note digests);
4. only then is an existing database (with its write-ahead log, key file and anchor) renamed
   aside, never deleted, and the verified copy renamed into place.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from dnclinic.model.audit_chain import anchor_path, load_anchor
from dnclinic.model.db import Database, make_read_only_engine, refuse_network_storage
from dnclinic.model.entities import User
from dnclinic.model.keyring import keyring_path, load_keyring, unwrap_key, user_label
from dnclinic.model.migrate import backup_sqlite
from dnclinic.model.verify import CheckResult, Verifier, all_passed, verify_file
from dnclinic.services.authentication import LoginFailed
from dnclinic.services.backup_files import (
    Manifest,
    companions,
    fsync_path,
    locate_set,
    manifest_problems,
    put_aside,
    read_manifest,
)
from dnclinic.services.errors import BackupDamagedError, BackupError, PermissionDenied
from dnclinic.services.policy import Permission, permissions_for

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime
    from pathlib import Path

    from sqlalchemy import Engine


@dataclass(frozen=True, slots=True)
class RestoreOutcome:
    """What a restore did."""

    target: Path
    set_aside: Path | None  # where the replaced database now is (None: there was none)
    manifest: Manifest
    checks: tuple[CheckResult, ...]


def check_backup(path: Path) -> tuple[Path, Manifest]:
    """Find a backup set and compare every file with its manifest; writes nothing.

    Returns:
        The set's folder and its manifest.

    Raises:
        BackupDamagedError: no manifest, or a file is missing or does not match its digest.
    """
    folder = locate_set(path)
    manifest = read_manifest(folder)
    problems = manifest_problems(folder, manifest)
    if problems:
        raise BackupDamagedError(
            f"The backup {folder.name} is damaged: {'; '.join(problems)}. Nothing was restored; "
            "use another backup."
        )
    return folder, manifest


def unlock_file(
    db_file: Path,
    username: str,
    password: str,
    *,
    permission: Permission | None,
    keys_file: Path | None = None,
) -> bytes | None:
    """Check a login against a database file and its key file without changing either.

    Args:
        db_file: the database (opened read-only).
        username: who is asking.
        password: their password.
        permission: what they must be allowed to do in that clinic (None: any active user).
        keys_file: the key file (default: the one beside ``db_file``).

    Returns:
        The database key (None for an unencrypted file).

    Raises:
        LoginFailed: wrong username or password, or a disabled account.
        PermissionDenied: the account's role does not allow ``permission``.
    """
    ring = load_keyring(keys_file or keyring_path(db_file))
    key: bytes | None = None
    if ring is not None and ring.encrypted:
        wrap = ring.wraps.get(user_label(username))
        key = None if wrap is None else unwrap_key(wrap, password, user_label(username))
        if key is None:
            raise LoginFailed("Wrong username or password for this clinic.")
    engine = make_read_only_engine(db_file, key=key)
    try:
        _check_account(engine, username, password, permission)
    finally:
        engine.dispose()
    return key


class Account(Protocol):
    """The fields of a user account that a login is checked against (a ``User`` row has them)."""

    @property
    def username(self) -> str: ...  # noqa: D102
    @property
    def password_hash(self) -> str: ...  # noqa: D102
    @property
    def active(self) -> bool: ...  # noqa: D102
    @property
    def role(self) -> str: ...  # noqa: D102
    @property
    def practitioner_id(self) -> int | None: ...  # noqa: D102


def check_login(account: Account | None, password: str, permission: Permission | None) -> None:
    """Check a password against an account found outside the open clinic (a backup, an export).

    Raises:
        LoginFailed: no account, wrong password, or a disabled account.
        PermissionDenied: the account's role does not allow ``permission``.
    """
    try:
        if account is None:
            raise VerificationError
        PasswordHasher().verify(account.password_hash, password)  # costs come from the hash
    except (VerificationError, InvalidHashError) as exc:
        raise LoginFailed("Wrong username or password for this clinic.") from exc
    if not account.active:
        raise LoginFailed("This account is disabled in this clinic.")
    granted = permissions_for(account.role, is_practitioner=account.practitioner_id is not None)
    if permission is not None and permission not in granted:
        raise PermissionDenied(permission, account.username)


def _check_account(
    engine: Engine, username: str, password: str, permission: Permission | None
) -> None:
    with Database.from_engine(engine).read() as s:
        u = s.scalar(select(User).where(User.username_key == user_label(username)))
        check_login(u, password, permission)


def restore_files(
    folder: Path,
    manifest: Manifest,
    target: Path,
    key: bytes | None,
    *,
    replace: bool,
    now: datetime,
    extra_verifiers: Sequence[Verifier] = (),
) -> RestoreOutcome:
    """Copy a checked backup set to ``target``, verify the copy, then put it in place.

    Raises:
        BackupError: ``target`` exists and ``replace`` is False (nothing was changed).
        BackupDamagedError: the restored copy failed a check (the target was not touched).
        NetworkStorageError: ``target`` is on a network share.
    """
    refuse_network_storage(target)
    existing = [p for p in (target, target.with_name(target.name + "-wal")) if p.exists()]
    if existing and not replace:
        raise BackupError(
            f"{target} already holds a clinic database, so nothing was restored. To replace "
            "it, restore with --replace: the current database is then kept beside it, renamed "
            "…before-restore-<time>.db."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    stage = target.with_name(f".{target.name}.restoring")
    staged = companions(stage)
    for leftover in (*staged, stage.with_name(stage.name + "-journal")):
        leftover.unlink(missing_ok=True)
    source = folder / manifest.database
    try:
        backup_sqlite(source, stage, key)
        for src, dst in zip(companions(source)[1:], staged[1:], strict=True):
            if src.exists():
                shutil.copyfile(src, dst)
                fsync_path(dst)
        checks = tuple(verify_file(stage, key, load_anchor(anchor_path(stage)), extra_verifiers))
        if not all_passed(checks):
            failed = "; ".join(f"{c.name}: {c.detail}" for c in checks if not c.ok)
            raise BackupDamagedError(
                f"The restored copy did not pass its checks ({failed}); {target} was not "
                "changed. Use another backup."
            )
    except BaseException:
        for path in staged:
            path.unlink(missing_ok=True)
        raise
    aside = put_aside(target, f"{now:%Y%m%dT%H%M%SZ}") if existing else None
    for src, dst in zip(staged, companions(target), strict=True):
        if src.exists():
            src.replace(dst)
    fsync_path(target.parent)
    return RestoreOutcome(target, aside, manifest, checks)


def restore_backup(
    backup: Path,
    target: Path,
    username: str,
    password: str,
    *,
    replace: bool,
    now: datetime,
    extra_verifiers: Sequence[Verifier] = (),
) -> RestoreOutcome:
    """Restore a backup set to ``target`` for an administrator of the backed-up clinic.

    Raises:
        BackupDamagedError: the backup does not match its manifest (checked first, before
            anything is written) or the restored copy fails its checks.
        LoginFailed: the credentials do not open the backup.
        PermissionDenied: the account is not allowed to restore backups.
        BackupError: ``target`` exists and ``replace`` was not given.
    """
    folder, manifest = check_backup(backup)
    key = unlock_file(folder / manifest.database, username, password, permission=Permission.BACKUP)
    return restore_files(
        folder, manifest, target, key, replace=replace, now=now, extra_verifiers=extra_verifiers
    )
