"""The named checks of a clinic database, and where other features add their own.

``dnclinic verify``, every backup and every restore run the same list, in this order:

1. ``integrity``: SQLite's ``PRAGMA integrity_check`` (SQLite files only);
2. ``foreign keys``: ``PRAGMA foreign_key_check`` (SQLite files only);
3. ``audit chain``: the hash chain of the audit log and that it still reaches its anchor;
4. the *extra* verifiers from :func:`extra_verifiers`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnclinic.model.verify import Verifier, audit_chain_verifier, storage_verifiers
from dnclinic.services.sessions import signed_note_problems

if TYPE_CHECKING:
    from collections.abc import Sequence

    from dnclinic.model.audit_chain import ChainAnchor
    from dnclinic.model.db import Database


def extra_verifiers() -> list[Verifier]:
    """Return the checks beyond storage and the audit chain; the composition root passes them on.

    This is the plug-in point for checks that belong to other features. Each is a
    :class:`~dnclinic.model.verify.Verifier`: a name, printed by ``dnclinic verify``, and a
    function ``check(session) -> list[str]`` that reads through the session and returns one
    plain-language problem per fault (an empty list means it passed). It must only read; it
    runs on the live database, on each new backup (opened read-only) and on each restored copy
    before it is put in place.

    Charting adds the signed-note digests here: a function that recomputes the SHA-256
    of each signed session note's canonical content and compares it with the stored digest::

        return [Verifier("signed-note digests", signed_note_problems)]
    """
    return [Verifier("signed-note digests", signed_note_problems)]


def clinic_verifiers(
    db: Database, anchor: ChainAnchor | None, extra: Sequence[Verifier]
) -> list[Verifier]:
    """Return every check for a database, in report order."""
    storage = storage_verifiers() if db.is_sqlite else []
    return [*storage, audit_chain_verifier(anchor), *extra]
