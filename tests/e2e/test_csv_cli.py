"""``dnclinic export csv`` and ``dnclinic import csv`` on a demo clinic, as a user runs them.

The commands run in-process through the real entry point (argument parsing, login fallbacks,
messages and exit codes); the databases are real encrypted files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from transfer_support import DEMO_NOW, all_rows

from dnclinic.__main__ import main
from dnclinic.cli import PASSWORD_ENV
from dnclinic.demo import DEMO_PASSWORD, create_demo_clinic
from dnclinic.model.db import Database
from dnclinic.model.keyring import KdfParams
from dnclinic.services.restore import unlock_file

if TYPE_CHECKING:
    from pathlib import Path

    from transfer_support import Rows


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    ctx, _ = create_demo_clinic(
        db, patients=30, seed=5, clock=lambda: DEMO_NOW, kdf=KdfParams.fast(),
        config_dir=tmp_path / "cfg",
    )  # fmt: skip
    ctx.close()
    return db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def rows_of(path: Path) -> Rows:
    db = Database.open(path, key=unlock_file(path, "admin", DEMO_PASSWORD, permission=None))
    try:
        return all_rows(db)
    finally:
        db.dispose()


def test_export_then_import_reproduces_the_clinic(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export"
    code, stdout, stderr = run(capsys, "export", "csv", "--db", str(demo), "--out", str(out))
    assert code == 0, stderr
    assert "patients.csv" in stdout
    assert "UNENCRYPTED" in stderr
    new = tmp_path / "new.db"
    code, stdout, stderr = run(capsys, "import", "csv", str(out), "--db", str(new))
    assert code == 0, stderr
    assert "RECOVERY KEY" in stdout
    assert "resets their password" in stdout
    assert "manager, physio" in stdout
    assert "FAILED" not in stdout
    code, stdout, _ = run(capsys, "verify", "--db", str(new))
    assert code == 0
    assert stdout.count("ok ") == 5
    before, after = rows_of(demo), rows_of(new)
    for table in before:
        if table != "audit_log":
            assert after[table] == before[table], table
    assert after["audit_log"][:-1] == before["audit_log"][: len(after["audit_log"]) - 1]
    assert after["audit_log"][-1]["action"] == "import"


def test_errors_are_plain_sentences_with_exit_2(
    demo: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "export"
    assert run(capsys, "export", "csv", "--db", str(demo), "--out", str(out))[0] == 0
    code, _, stderr = run(capsys, "import", "csv", str(out), "--db", str(demo))
    assert (code, stderr.split(":")[0]) == (2, "error")
    assert "already exists" in stderr
    code, _, stderr = run(capsys, "import", "csv", str(out))
    assert code == 2
    assert "needs --db PATH" in stderr
    patients = out / "patients.csv"
    patients.write_bytes(patients.read_bytes().replace(b"DEMO-000001", b"DEMO-000009", 1))
    new = tmp_path / "new.db"
    code, _, stderr = run(capsys, "import", "csv", str(out), "--db", str(new))
    assert code == 2
    assert "patients.csv does not match its SHA-256 digest" in stderr
    assert not new.exists()
    monkeypatch.setenv(PASSWORD_ENV, DEMO_PASSWORD)
    other = tmp_path / "other"
    code, _, stderr = run(
        capsys, "export", "csv", "--db", str(demo), "--out", str(other), "--user", "physio"
    )
    assert code == 2
    assert "error: Your role does not allow this (clinic.export)" in stderr
    assert not other.exists()
