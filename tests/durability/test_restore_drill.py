"""The restore drill: back up a demo clinic, destroy the database, restore, verify everything.

Signed-note digests come from the charting work; until it is merged, a stand-in verifier of the
same shape (recompute a SHA-256 per record, compare with the one taken at "signing") goes
through the pluggable verifier list, exactly where the real one will be wired.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from dnclinic.app_context import Credentials, open_clinic
from dnclinic.demo import DEMO_PASSWORD, create_demo_clinic
from dnclinic.model.entities import Patient
from dnclinic.model.keyring import KdfParams
from dnclinic.model.verify import Verifier
from dnclinic.services.backup import BackupService
from dnclinic.services.restore import restore_backup

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

ADMIN = Credentials("admin", DEMO_PASSWORD)
NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    return NOW


def _digests(s: Session) -> dict[str, str]:
    rows = s.execute(select(Patient.mrn, Patient.family_name, Patient.notes)).all()
    return {
        mrn: hashlib.sha256(f"{name}\n{notes}".encode()).hexdigest() for mrn, name, notes in rows
    }


def signed_digest_verifier(signed: dict[str, str]) -> Verifier:
    """A stand-in for charting's "signed-note digests": recompute each digest, compare."""

    def check(s: Session) -> list[str]:
        now = _digests(s)
        return [f"record {mrn} no longer matches its digest"
                for mrn, digest in signed.items() if now.get(mrn) != digest]  # fmt: skip

    return Verifier("signed-note digests", check)


def test_restore_drill(tmp_path: Path) -> None:
    db = tmp_path / "clinic.db"
    ctx, _summary = create_demo_clinic(
        db, patients=40, seed=3, clock=fixed_clock, kdf=KdfParams.fast(),
        config_dir=tmp_path / "cfg",
    )  # fmt: skip
    with ctx.db.read() as s:
        signed = _digests(s)
    verifier = signed_digest_verifier(signed)
    ctx.access.login(ADMIN.username, ADMIN.password)
    backups = BackupService(ctx.db, ctx.services, ctx.audit, [verifier])
    result = backups.back_up(tmp_path / "backups")
    assert [c.name for c in result.manifest.checks][-1] == "signed-note digests"
    assert result.verified
    ctx.close()

    for leftover in tmp_path.glob("clinic.db*"):  # the disk dies
        leftover.unlink()

    outcome = restore_backup(
        result.folder, db, ADMIN.username, ADMIN.password, replace=False,
        now=fixed_clock(), extra_verifiers=[verifier],
    )  # fmt: skip
    assert outcome.set_aside is None
    assert {c.name: c.ok for c in outcome.checks} == {
        "integrity": True, "foreign keys": True, "audit chain": True, "signed-note digests": True,
    }  # fmt: skip

    restored = open_clinic(db, ADMIN, config_dir=tmp_path / "cfg", kdf=KdfParams.fast())
    try:
        checks = BackupService(restored.db, restored.services, restored.audit, [verifier]).verify()
        assert [(c.name, c.ok) for c in checks] == [
            ("integrity", True), ("foreign keys", True), ("audit chain", True),
            ("signed-note digests", True),
        ]  # fmt: skip
        assert restored.audit.verify().ok
        # The drill's verifier does catch a changed record (it is not a rubber stamp).
        with restored.db.write() as s:
            s.execute(text("UPDATE patients SET notes = 'altered' WHERE mrn = 'DEMO-000007'"))
        checks = BackupService(restored.db, restored.services, restored.audit, [verifier]).verify()
        digest = {c.name: c for c in checks}["signed-note digests"]
        assert not digest.ok
        assert "DEMO-000007" in digest.detail
    finally:
        restored.close()
