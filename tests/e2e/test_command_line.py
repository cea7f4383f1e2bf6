"""The real ``dnclinic`` command, as a user or a script runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dnclinic.app_context import open_clinic
from dnclinic.demo import DEMO_LOGIN


def run(
    *args: str, env_home: Path, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DNCLINIC_")},
        **(extra or {}),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(env_home / "data"),
        "XDG_CONFIG_HOME": str(env_home / "config"),
        "XDG_STATE_HOME": str(env_home / "state"),
    }
    return subprocess.run(
        [sys.executable, "-m", "dnclinic", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_demo_then_self_test(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    made = run("demo", "--db", str(db), "--patients", "1000", env_home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "1000 patients" in made.stdout
    checked = run("--db", str(db), "--self-test", env_home=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "self-test passed" in checked.stdout
    assert "1000 patients listed, the first chart opened" in checked.stdout
    # its offscreen window leaves no layout behind for the next real start to shrink to
    assert list((tmp_path / "config").rglob("ui-state.ini")) == []
    assert (tmp_path / "config").is_dir()  # the self-test did use this config folder
    assert db.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted at rest
    ctx = open_clinic(db, DEMO_LOGIN, config_dir=tmp_path / "cfg")
    try:
        for mrn in ("DEMO-000001", "DEMO-000002", "DEMO-001000"):
            assert ctx.patients.find_by_mrn(mrn) is not None
        assert ctx.patients.find_by_mrn("DEMO-001001") is None
        assert ctx.services.actor.username == "physio"
    finally:
        ctx.close()


def test_self_test_refuses_a_newer_database_in_plain_words(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    assert run("demo", "--db", str(db), "--patients", "3", env_home=tmp_path).returncode == 0
    ctx = open_clinic(db, DEMO_LOGIN, config_dir=tmp_path / "cfg")
    with ctx.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'from_the_future'")
    ctx.close()
    result = run("--db", str(db), "--self-test", env_home=tmp_path)
    assert result.returncode != 0
    assert "newer version of dnclinic" in result.stderr
    assert "Traceback" not in result.stderr


def test_demo_refuses_to_mix_into_an_existing_clinic(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("demo", "--db", str(db), "--patients", "2", env_home=tmp_path).returncode == 0
    again = run("demo", "--db", str(db), "--patients", "2", env_home=tmp_path)
    assert again.returncode == 2
    assert "already holds a clinic" in again.stderr
    assert "Traceback" not in again.stderr


@pytest.mark.parametrize("flag", ["--version"])
def test_version(tmp_path: Path, flag: str) -> None:
    result = run(flag, env_home=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("dnclinic 0.1.0")


def test_command_line_login_by_user_and_environment(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run("demo", "--db", str(db), "--patients", "5", env_home=tmp_path).returncode == 0
    ok = run("--db", str(db), "--self-test", "--user", "manager", env_home=tmp_path,
             extra={"DNCLINIC_PASSWORD": "dnclinic-demo"})  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert "(encrypted)" in ok.stdout
    login_env = {"DNCLINIC_USER": "admin", "DNCLINIC_PASSWORD": "dnclinic-demo"}
    by_env = run("--db", str(db), "--self-test", env_home=tmp_path, extra=login_env)
    assert by_env.returncode == 0, by_env.stderr
    wrong = run("--db", str(db), "--self-test", "--user", "physio", env_home=tmp_path,
                extra={"DNCLINIC_PASSWORD": "guess"})  # fmt: skip
    assert wrong.returncode == 2
    assert "Wrong username or password" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    no_password = run("--db", str(db), "--self-test", "--user", "physio", env_home=tmp_path)
    assert no_password.returncode == 2
    assert "DNCLINIC_PASSWORD" in no_password.stderr


def test_decide_through_the_installed_command(tmp_path: Path) -> None:
    case = Path(__file__).resolve().parents[2] / "resources" / "cases" / "needle_radiculopathy.json"
    ok = run("decide", str(case), env_home=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert '"verdict": "needle"' in ok.stdout
    explained = run("decide", "--explain", str(case), env_home=tmp_path)
    assert "Sources:" in explained.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"region": "spleen", "chronicity": "acute", "practitioner_training_hours": 80}')
    refused = run("decide", str(bad), env_home=tmp_path)
    assert refused.returncode == 2
    assert "region" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_self_test_on_a_fresh_installation_uses_a_throwaway_clinic(tmp_path: Path) -> None:
    result = run("--self-test", env_home=tmp_path)  # no --db and nothing at the default place
    assert result.returncode == 0, result.stderr
    assert "throwaway demo clinic" in result.stderr
    assert "self-test passed" in result.stdout
    assert not any((tmp_path / "data").rglob("*.db"))  # nothing left behind
