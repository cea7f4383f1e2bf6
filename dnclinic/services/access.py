"""Login state of a running app: who is acting, lock and unlock, logout (all audited)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from dnclinic.model.keyring import user_label
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.authentication import Authenticator, LoginFailed, UserRow
from dnclinic.services.keys import backoff_seconds

if TYPE_CHECKING:
    from dnclinic.services.context import ServiceContext
    from dnclinic.services.keys import KeyStore


class AccessService:
    """Sets the acting user at login and guards the session with lock and unlock."""

    def __init__(
        self, ctx: ServiceContext, audit: AuditService, auth: Authenticator, keys: KeyStore | None
    ) -> None:
        self._ctx = ctx
        self._audit = audit
        self._auth = auth
        self._keys = keys

    @property
    def locked(self) -> bool:
        """Whether the session is locked (or nobody is logged in)."""
        return not self._ctx.actor.logged_in

    def become(self, user: UserRow) -> None:
        """Make ``user`` the acting user (after a successful authentication)."""
        actor = self._ctx.actor
        actor.username = user.username
        actor.role = user.role
        actor.practitioner_id = user.practitioner_id
        actor.display_name = user.display_name
        actor.user_id = user.id
        actor.logged_in = True

    def login(self, username: str, password: str) -> UserRow:
        """Authenticate against the open database and start a session.

        Raises:
            LoginFailed: wrong credentials, disabled account or back-off (audited).
        """
        self.check_backoff(username)
        try:
            user = self._auth.authenticate(username, password)
        except LoginFailed as exc:
            self.fail(username, str(exc))
            raise
        self.become(user)
        self.flush_pending_failures()
        self._audit.record_now(AuditAction.LOGIN, entity="user", entity_id=user.id)
        if self._keys is not None:
            self._keys.clear_failures(username)
        return user

    def check_backoff(self, username: str) -> None:
        """Refuse an attempt while the username must still wait after repeated failures.

        Raises:
            LoginFailed: too many failed attempts recently.
        """
        if self._keys is not None:
            wait = self._keys.backoff(username, self._ctx.now()).wait_seconds
        else:  # a clinic server: counted from the audit log, shared by every workstation
            failures, last = self._audit.login_failures(username)
            until = last + timedelta(seconds=backoff_seconds(failures)) if last else None
            wait = int((until - self._ctx.now()).total_seconds() + 0.999) if until else 0
        if wait > 0:
            raise LoginFailed(f"Too many failed attempts. Try again in {wait} seconds.")

    def fail(self, username: str, reason: str) -> None:
        """Record a failed attempt: back-off counter, and the audit log."""
        if self._keys is not None:
            self._keys.record_failure(username, self._ctx.now(), reason)
            self.flush_pending_failures()
        else:
            self._audit.record_now(  # under the name logins match (the back-off reads it)
                AuditAction.LOGIN_FAILED, username=user_label(username), details={"reason": reason}
            )

    def flush_pending_failures(self) -> None:
        """Move failed logins queued in the key file (while the data was locked) to the log."""
        if self._keys is None:
            return
        for item in self._keys.take_pending_audit():
            self._audit.record_now(
                AuditAction.LOGIN_FAILED,
                username=item["username"],
                details={"reason": item.get("reason", ""), "attempted_at": item["at"]},
            )

    def lock(self) -> None:
        """Lock the session: every service refuses until :meth:`unlock`."""
        if self._ctx.actor.logged_in:
            self._audit.record_now(AuditAction.LOCK)
            self._ctx.actor.logged_in = False

    def unlock(self, password: str) -> None:
        """Unlock with the same user's password.

        Raises:
            LoginFailed: wrong password or back-off (audited).
        """
        username = self._ctx.actor.username
        self.check_backoff(username)
        try:
            user = self._auth.authenticate(username, password)
        except LoginFailed as exc:
            self.fail(username, str(exc))
            raise
        self.become(user)
        self._audit.record_now(AuditAction.UNLOCK)
        if self._keys is not None:
            self._keys.clear_failures(username)

    def logout(self) -> None:
        """End the session."""
        if self._ctx.actor.logged_in:
            self._audit.record_now(AuditAction.LOGOUT)
        self._ctx.actor.logged_in = False
