"""``dnclinic report training`` as a manager runs it: PDF or CSV by the file name."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from typing import TYPE_CHECKING

from pypdf import PdfReader

if TYPE_CHECKING:
    from pathlib import Path

MANAGER = {"DNCLINIC_PASSWORD": "dnclinic-demo"}


def run(
    *args: str, env_home: Path, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m dnclinic`` with private user folders (as ``test_command_line`` does)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DNCLINIC_")},
        **(extra or {}),
        "XDG_DATA_HOME": str(env_home / "data"),
        "XDG_CONFIG_HOME": str(env_home / "config"),
        "XDG_STATE_HOME": str(env_home / "state"),
    }
    return subprocess.run(
        [sys.executable, "-m", "dnclinic", *args], stdin=subprocess.DEVNULL,
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip


def test_training_report_pdf_and_csv(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("demo", "--db", str(db), "--patients", "40", env_home=tmp_path).returncode == 0
    pdf = tmp_path / "training.pdf"
    made = run("report", "training", "--db", str(db), "--user", "manager", "--out", str(pdf),
               env_home=tmp_path, extra=MANAGER)  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Practitioner training" in text
    assert "Maria Alvarez" in text
    table = tmp_path / "training.csv"
    made = run("report", "training", "--db", str(db), "--user", "manager", "--out", str(table),
               env_home=tmp_path, extra=MANAGER)  # fmt: skip
    assert made.returncode == 0, made.stderr
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert len(rows) == 6
    statuses = {r["Status"] for r in rows}
    assert "eligible" in statuses
    assert "under threshold" in statuses  # the demo has practitioners under the threshold
    assert any(r["No cert."] != "0" for r in rows)


def test_training_report_refuses_plainly(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("demo", "--db", str(db), "--patients", "3", env_home=tmp_path).returncode == 0
    physio = run("report", "training", "--db", str(db), "--out", str(tmp_path / "t.pdf"),
                 env_home=tmp_path)  # fmt: skip  # the demo's default login is a practitioner
    assert physio.returncode == 2
    assert "reports.read" in physio.stderr
    bad = run("report", "training", "--db", str(db), "--out", str(tmp_path / "t.txt"),
              env_home=tmp_path)  # fmt: skip
    assert bad.returncode == 2
    assert ".pdf or .csv" in bad.stderr
    for result in (physio, bad):
        assert "Traceback" not in result.stderr
