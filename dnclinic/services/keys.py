"""The clinic's keyring file as a service: wraps, login back-off and not-yet-audited failures."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from dnclinic.model.keyring import (
    RECOVERY_ID,
    KdfParams,
    Keyring,
    load_keyring,
    save_keyring,
    unwrap_key,
    user_label,
    wrap_key,
)

if TYPE_CHECKING:
    from pathlib import Path

FREE_ATTEMPTS = 5
MAX_BACKOFF_S = 15 * 60


def backoff_seconds(failures: int) -> int:
    """Return how long a login must wait after ``failures`` consecutive failures.

    Five attempts are free; then 30 s, doubling with each failure, at most 15 minutes.
    """
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(MAX_BACKOFF_S, 30 * 2 ** (failures - FREE_ATTEMPTS)))


class Backoff(NamedTuple):
    """Whether a username must wait before trying again."""

    wait_seconds: int
    failures: int


class KeyStore:
    """Reads and writes one clinic's keyring file; holds the unlocked database key in memory."""

    def __init__(self, path: Path, kdf: KdfParams, db_key: bytes | None = None) -> None:
        self.path = path
        self.kdf = kdf
        self.db_key = db_key

    # --- reading ---------------------------------------------------------------------------------
    def keyring(self) -> Keyring | None:
        """Return the keyring, or None when the clinic has none yet."""
        return load_keyring(self.path)

    def _require(self) -> Keyring:
        ring = self.keyring()
        if ring is None:
            raise FileNotFoundError(f"The key file {self.path} is missing")
        return ring

    @property
    def encrypted(self) -> bool:
        """Whether the database file is encrypted."""
        ring = self.keyring()
        return bool(ring and ring.encrypted)

    def unwrap(self, username: str, password: str) -> bytes | None:
        """Return the database key for a user's password, or None when it is wrong."""
        ring = self._require()
        wrap = ring.wraps.get(user_label(username))
        return None if wrap is None else unwrap_key(wrap, password, user_label(username))

    def unwrap_recovery(self, recovery_key: str) -> bytes | None:
        """Return the database key for the printed recovery key, or None when it is wrong."""
        wrap = self._require().wraps.get(RECOVERY_ID)
        return None if wrap is None else unwrap_key(wrap, recovery_key, RECOVERY_ID)

    # --- writing ---------------------------------------------------------------------------------
    def create(self, *, encrypted: bool, demo: bool = False) -> None:
        """Write a new keyring for a new clinic."""
        save_keyring(self.path, Keyring(encrypted=encrypted, demo=demo))

    def set_wrap(self, label: str, secret: str) -> None:
        """Wrap the in-memory database key for a user (or the recovery key)."""
        if self.db_key is None:
            return  # an unencrypted clinic has nothing to wrap
        ring = self._require()
        name = label if label == RECOVERY_ID else user_label(label)
        ring.wraps[name] = wrap_key(self.db_key, secret, name, self.kdf)
        save_keyring(self.path, ring)

    def remove_wrap(self, username: str) -> None:
        """Remove a user's wrap (the user can no longer unlock the database)."""
        ring = self._require()
        if ring.wraps.pop(user_label(username), None) is not None:
            save_keyring(self.path, ring)

    # --- back-off and pending audit --------------------------------------------------------------
    def backoff(self, username: str, now: datetime) -> Backoff:
        """Return how long ``username`` must wait before the next attempt."""
        ring = self.keyring()
        entry = ring.failures.get(user_label(username)) if ring else None
        if not entry:
            return Backoff(0, 0)
        until = datetime.fromisoformat(entry["until"]) if entry.get("until") else now
        return Backoff(max(0, int((until - now).total_seconds() + 0.999)), int(entry["count"]))

    def record_failure(self, username: str, now: datetime, reason: str) -> Backoff:
        """Count a failed login and queue it for the audit log (the database may be locked)."""
        ring = self._require()
        label = user_label(username)
        count = int(ring.failures.get(label, {}).get("count", 0)) + 1
        wait = backoff_seconds(count)
        ring.failures[label] = {
            "count": count,
            "until": (now + timedelta(seconds=wait)).isoformat(),
        }
        ring.pending_audit.append({"at": now.isoformat(), "username": label, "reason": reason})
        save_keyring(self.path, ring)
        return Backoff(wait, count)

    def clear_failures(self, username: str) -> None:
        """Forget a user's failed attempts after a successful login."""
        ring = self._require()
        if ring.failures.pop(user_label(username), None) is not None:
            save_keyring(self.path, ring)

    def take_pending_audit(self) -> list[dict[str, str]]:
        """Return and forget the failed logins not yet written to the audit log."""
        ring = self._require()
        pending, ring.pending_audit = ring.pending_audit, []
        if pending:
            save_keyring(self.path, ring)
        return pending
