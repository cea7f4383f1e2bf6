"""Checking a username and password: the one use of the accounts that a cold start makes.

It reads and writes through the Core projections of :mod:`dnclinic.model.core_tables`, so that
logging in does not load the ORM (managing accounts does: :mod:`dnclinic.services.users`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update

from dnclinic.model.core_tables import practitioner_name, practitioners, users
from dnclinic.model.keyring import user_label
from dnclinic.services.errors import ServiceError

if TYPE_CHECKING:
    from dnclinic.model.db import Database
    from dnclinic.model.keyring import KdfParams


class LoginFailed(ServiceError):  # noqa: N818 - reads as what happened
    """Wrong username or password, a disabled account, or too many attempts (message says)."""


class UserRow(NamedTuple):
    """A user for lists and for the acting identity."""

    id: int
    version_id: int
    username: str
    display_name: str
    role: str
    active: bool
    practitioner_id: int | None
    practitioner_name: str


def make_hasher(kdf: KdfParams) -> PasswordHasher:
    """Return an argon2id password hasher with the clinic's cost parameters."""
    return PasswordHasher(
        time_cost=kdf.time_cost, memory_cost=kdf.memory_kib, parallelism=kdf.parallelism
    )


class Authenticator:
    """Checks passwords against the accounts (argon2id) and keeps their hashes current."""

    def __init__(self, db: Database, hasher: PasswordHasher) -> None:
        self._db = db
        self.hasher = hasher

    def authenticate(self, username: str, password: str) -> UserRow:
        """Check a username and password against the account; rehash when costs changed.

        Raises:
            LoginFailed: unknown user, wrong password, or disabled account.
        """
        u, p = users.c, practitioners.c
        stmt = (
            select(u.id, u.version_id, u.username, u.display_name, u.role, u.active,
                   u.practitioner_id, u.password_hash, p.given_name, p.family_name)
            .select_from(users.outerjoin(practitioners, p.id == u.practitioner_id))
            .where(u.username_key == user_label(username))
        )  # fmt: skip
        with self._db.connect() as conn:
            found = conn.execute(stmt).first()
        try:
            if found is None:
                raise VerificationError
            self.hasher.verify(found.password_hash, password)
        except (VerificationError, InvalidHashError) as exc:
            raise LoginFailed("Wrong username or password.") from exc
        if not found.active:
            raise LoginFailed("This account is disabled. Ask your administrator.")
        version = found.version_id
        if self.hasher.check_needs_rehash(found.password_hash):
            fresh = (
                update(users)  # bumps the version as an ORM update would (optimistic locking)
                .where(u.id == found.id, u.version_id == version)
                .values(password_hash=self.hasher.hash(password), version_id=version + 1)
            )
            with self._db.write_core() as conn:
                version += conn.execute(fresh).rowcount  # 0 if the account just changed
        name = (
            practitioner_name(found.given_name, found.family_name)
            if found.practitioner_id is not None
            else ""
        )
        return UserRow(
            found.id, version, found.username, found.display_name, found.role,
            bool(found.active), found.practitioner_id, name,
        )  # fmt: skip
