"""User accounts: creation, roles, disabling, passwords (argon2id), and authentication."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.clinical.validation import Issue, Severity
from dnclinic.model.entities import ROLES, Practitioner, User
from dnclinic.model.keyring import user_label
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.authentication import Authenticator, LoginFailed, UserRow
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import NotFoundError, ValidationFailed
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext
    from dnclinic.services.keys import KeyStore

MIN_PASSWORD_LENGTH = 10
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,59}$")
ROLE_LABELS = {
    "practitioner": "Practitioner",
    "manager": "Clinic manager",
    "admin": "Administrator",
}


@dataclass(frozen=True, slots=True)
class NewUser:
    """A user account as the admin enters it."""

    username: str
    display_name: str
    role: str
    password: str
    practitioner_id: int | None = None


def password_issues(password: str, field: str = "password") -> list[Issue]:
    """Return the problems with a new password (length only: long passphrases beat rules)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return [Issue(field, f"Use at least {MIN_PASSWORD_LENGTH} characters.", Severity.ERROR)]
    return []


def validate_new_user(user: NewUser) -> list[Issue]:
    """Check a new account: username shape, display name, role and password length."""
    issues = []
    if not _USERNAME.match(user.username.strip()):
        issues.append(
            Issue(
                "username", "3 to 60 letters, digits, dots, dashes or underscores.", Severity.ERROR
            )
        )
    if not user.display_name.strip():
        issues.append(Issue("display_name", "Enter the person's name.", Severity.ERROR))
    if user.role not in ROLES:
        issues.append(Issue("role", "Choose practitioner, manager or admin.", Severity.ERROR))
    return issues + password_issues(user.password)


def _row(u: User, practitioner: Practitioner | None) -> UserRow:
    name = practitioner.display_name if practitioner else ""
    return UserRow(
        u.id, u.version_id, u.username, u.display_name, u.role, u.active, u.practitioner_id, name
    )


class UserService:
    """Use cases for accounts. The admin manages them; everyone may change their own password."""

    def __init__(
        self,
        db: Database,
        ctx: ServiceContext,
        audit: AuditService,
        keys: KeyStore | None,
        auth: Authenticator,
    ) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit
        self._keys = keys
        self._auth = auth
        self._hasher = auth.hasher

    # --- queries -------------------------------------------------------------------------------
    def list_users(self) -> list[UserRow]:
        """Return every account, active first.

        Raises:
            PermissionDenied: only admins manage users.
        """
        self._ctx.require(Permission.USERS_MANAGE)
        with self._db.read() as s:
            stmt = (
                select(User, Practitioner)
                .outerjoin(Practitioner, Practitioner.id == User.practitioner_id)
                .order_by(User.active.desc(), User.username_key)
            )
            return [_row(u, p) for u, p in s.execute(stmt)]

    def count(self) -> int:
        """Return the number of accounts (0 before the first admin exists)."""
        with self._db.read() as s:
            return len(list(s.scalars(select(User.id))))

    # --- commands ------------------------------------------------------------------------------
    def create_user(self, new: NewUser, *, bootstrap: bool = False) -> Saved[UserRow]:
        """Create an account and let it unlock the database.

        Args:
            new: the account.
            bootstrap: creating the first admin of a new clinic (no one is logged in yet).

        Raises:
            ValidationFailed: a field is invalid or the username is taken.
            PermissionDenied: only admins manage users.
        """
        if not (bootstrap and self.count() == 0):
            self._ctx.require(Permission.USERS_MANAGE)
        issues = validate_new_user(new)
        key = user_label(new.username)
        with self._db.read() as s:
            if s.scalar(select(User.id).where(User.username_key == key)) is not None:
                issues.append(Issue("username", "This username is taken.", Severity.ERROR))
        if issues:
            raise ValidationFailed(issues)
        with self._db.write() as s:
            u = User(
                username=new.username.strip(), username_key=key,
                display_name=new.display_name.strip(), role=new.role, active=True,
                practitioner_id=new.practitioner_id, password_hash=self._hasher.hash(new.password),
            )  # fmt: skip
            self._ctx.stamp(u, created=True)
            s.add(u)
            s.flush()
            self._audit.record(
                s, AuditAction.CREATE, entity="user", entity_id=u.id,
                details={"username": u.username, "role": u.role},
                username=u.username if bootstrap else None,  # the first admin creates itself
            )  # fmt: skip
            row = _row(u, s.get(Practitioner, u.practitioner_id) if u.practitioner_id else None)
        if self._keys is not None:
            self._keys.set_wrap(key, new.password)
        return Saved(row, ChangeSet())

    def set_role(self, user_id: int, role: str) -> Saved[UserRow]:
        """Change an account's role (audited as a role change).

        Raises:
            ValidationFailed: unknown role, or the last active admin would be lost.
        """
        self._ctx.require(Permission.USERS_MANAGE)
        if role not in ROLES:
            raise ValidationFailed([Issue("role", "Unknown role.", Severity.ERROR)])

        def change(s: Session, u: User) -> dict[str, str]:
            if u.role == "admin" and role != "admin":
                self._keep_an_admin(s, u.id)
            old, u.role = u.role, role
            return {"from": old, "to": role}

        return self._mutate(user_id, AuditAction.ROLE_CHANGE, change)

    def set_active(self, user_id: int, active: bool) -> Saved[UserRow]:
        """Enable or disable an account; a disabled account's key wrap is removed.

        Raises:
            ValidationFailed: the last active admin cannot be disabled.
        """
        self._ctx.require(Permission.USERS_MANAGE)

        def change(s: Session, u: User) -> dict[str, str]:
            if not active and u.role == "admin":
                self._keep_an_admin(s, u.id)
            u.active = active
            return {"active": str(active).lower()}

        saved = self._mutate(user_id, AuditAction.ROLE_CHANGE, change)
        if not active and self._keys is not None:
            self._keys.remove_wrap(saved.value.username)
        return saved

    def set_practitioner(self, user_id: int, practitioner_id: int | None) -> Saved[UserRow]:
        """Link an account to a practitioner (who may then chart and sign), or unlink it."""
        self._ctx.require(Permission.USERS_MANAGE)

        def change(s: Session, u: User) -> dict[str, str]:
            if practitioner_id is not None and s.get(Practitioner, practitioner_id) is None:
                raise NotFoundError(f"Practitioner {practitioner_id} does not exist.")
            u.practitioner_id = practitioner_id
            return {"practitioner_id": str(practitioner_id)}

        return self._mutate(user_id, AuditAction.ROLE_CHANGE, change)

    def reset_password(self, user_id: int, new_password: str) -> Saved[UserRow]:
        """Set another user's password (admin); rewraps the database key for them."""
        self._ctx.require(Permission.USERS_MANAGE)
        return self._set_password(user_id, new_password)

    def change_own_password(self, old_password: str, new_password: str) -> Saved[UserRow]:
        """Change the logged-in user's password after checking the old one.

        Raises:
            LoginFailed: the old password is wrong.
            ValidationFailed: the new password is too short.
        """
        me = self._auth.authenticate(self._ctx.actor.username, old_password)
        return self._set_password(me.id, new_password)

    def recover_password(self, username: str, new_password: str) -> UserRow:
        """Set a password after the database was opened with the recovery key (audited).

        Raises:
            LoginFailed: no such active user.
            ValidationFailed: the new password is too short.
        """
        with self._db.read() as s:
            u = s.scalar(select(User).where(User.username_key == user_label(username)))
            if u is None or not u.active:
                raise LoginFailed("There is no active account with that username.")
            user_id = u.id
        self._ctx.actor.username = f"recovery:{user_label(username)}"
        return self._set_password(user_id, new_password).value

    # --- helpers -------------------------------------------------------------------------------
    def _set_password(self, user_id: int, new_password: str) -> Saved[UserRow]:
        issues = password_issues(new_password)
        if issues:
            raise ValidationFailed(issues)

        def change(_s: Session, u: User) -> dict[str, str]:
            u.password_hash = self._hasher.hash(new_password)
            return {"password": "changed"}

        saved = self._mutate(user_id, AuditAction.SETTINGS, change)
        if self._keys is not None and saved.value.active:
            self._keys.set_wrap(saved.value.username, new_password)
        return saved

    @staticmethod
    def _keep_an_admin(s: Session, leaving_id: int) -> None:
        others = s.scalars(
            select(User.id).where(
                User.role == "admin", User.active.is_(True), User.id != leaving_id
            )
        ).first()
        if others is None:
            raise ValidationFailed(
                [Issue("role", "The clinic needs at least one active admin.", Severity.ERROR)]
            )

    def _mutate(
        self, user_id: int, action: str, change: Callable[[Session, User], dict[str, str]]
    ) -> Saved[UserRow]:
        with self._db.write() as s:
            u = s.get(User, user_id)
            if u is None:
                raise NotFoundError(f"User {user_id} does not exist.")
            details = change(s, u)
            self._ctx.stamp(u, created=False)
            s.flush()
            self._audit.record(s, action, entity="user", entity_id=u.id, details=details)
            row = _row(u, s.get(Practitioner, u.practitioner_id) if u.practitioner_id else None)
        return Saved(row, ChangeSet())
