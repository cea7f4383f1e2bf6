"""Encryption keys of a clinic database, kept in a small file beside it (``clinic.db.keys``).

The database is encrypted with a random 256-bit key (SQLCipher). That key is never stored in
clear: it is *wrapped* (AES-256-GCM) once per user with a key derived from the user's password
(argon2id), and once with a recovery key printed at setup. Logging in is therefore what unlocks
the data; changing a password rewraps the key; disabling a user removes their wrap.

The file also remembers login back-off and failed attempts that could not yet be written to the
(still locked) audit log.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dnclinic.model.atomic import replace_file

if TYPE_CHECKING:
    from pathlib import Path

KEYRING_SUFFIX = ".keys"
FORMAT = 1
RECOVERY_ID = "__recovery__"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read off paper


class KdfParams(NamedTuple):
    """argon2id cost parameters (RFC 9106 second recommendation by default)."""

    time_cost: int = 3
    memory_kib: int = 65_536
    parallelism: int = 2

    @classmethod
    def fast(cls) -> KdfParams:
        """Cheap parameters for tests only."""
        return cls(time_cost=1, memory_kib=8, parallelism=1)


@dataclass(slots=True)
class Wrap:
    """The database key, encrypted under a key derived from one secret."""

    salt: str
    nonce: str
    ciphertext: str
    time_cost: int
    memory_kib: int
    parallelism: int


@dataclass(slots=True)
class Keyring:
    """The contents of the ``.keys`` file."""

    encrypted: bool
    wraps: dict[str, Wrap] = field(default_factory=dict)
    demo: bool = False
    failures: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending_audit: list[dict[str, str]] = field(default_factory=list)
    format: int = FORMAT


def keyring_path(db_path: Path) -> Path:
    """Return the keyring file that belongs to a database file."""
    return db_path.with_name(db_path.name + KEYRING_SUFFIX)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _derive(secret: str, salt: bytes, p: KdfParams) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"), salt, time_cost=p.time_cost, memory_cost=p.memory_kib,
        parallelism=p.parallelism, hash_len=32, type=Type.ID,
    )  # fmt: skip


def wrap_key(db_key: bytes, secret: str, label: str, params: KdfParams) -> Wrap:
    """Encrypt ``db_key`` under ``secret``; ``label`` (the username) is authenticated too."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _derive(secret, salt, params)
    ciphertext = AESGCM(kek).encrypt(nonce, db_key, label.encode("utf-8"))
    return Wrap(_b64(salt), _b64(nonce), _b64(ciphertext), params.time_cost, params.memory_kib,
                params.parallelism)  # fmt: skip


def unwrap_key(wrap: Wrap, secret: str, label: str) -> bytes | None:
    """Return the database key, or None when ``secret`` is wrong."""
    params = KdfParams(wrap.time_cost, wrap.memory_kib, wrap.parallelism)
    kek = _derive(secret, _unb64(wrap.salt), params)
    try:
        return AESGCM(kek).decrypt(_unb64(wrap.nonce), _unb64(wrap.ciphertext), label.encode())
    except InvalidTag:
        return None


def new_database_key() -> bytes:
    """Return a fresh random 256-bit database key."""
    return secrets.token_bytes(32)


def new_recovery_key() -> str:
    """Return a printable recovery key: 8 groups of 5 characters (about 200 bits)."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(40))
    return "-".join(chars[i : i + 5] for i in range(0, 40, 5))


def normalise_recovery_key(text: str) -> str:
    """Accept a recovery key typed with any spacing, dashes or case."""
    chars = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(chars[i : i + 5] for i in range(0, len(chars), 5))


def user_label(username: str) -> str:
    """Return the keyring's name for a user (case-insensitive, like logins)."""
    return username.strip().casefold()


def load_keyring(path: Path) -> Keyring | None:
    """Read a keyring file; None when there is none.

    Raises:
        ValueError: the file exists but is damaged.
    """
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    wraps = {name: Wrap(**w) for name, w in raw.get("wraps", {}).items()}
    return Keyring(
        encrypted=bool(raw["encrypted"]),
        wraps=wraps,
        demo=bool(raw.get("demo", False)),
        failures=dict(raw.get("failures", {})),
        pending_audit=list(raw.get("pending_audit", [])),
        format=int(raw.get("format", FORMAT)),
    )


def save_keyring(path: Path, keyring: Keyring) -> None:
    """Write the keyring atomically (temporary file, fsync, rename)."""
    replace_file(path, json.dumps(asdict(keyring), indent=1, sort_keys=True), durable=True)


def sqlcipher_key_pragma(db_key: bytes) -> str:
    """Return the ``PRAGMA key`` statement for a raw 256-bit key (no passphrase KDF)."""
    return f"PRAGMA key = \"x'{db_key.hex()}'\""
