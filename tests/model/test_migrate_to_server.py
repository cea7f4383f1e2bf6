"""``dnclinic migrate-to-server``: a clinic file moves onto an empty server, checked, or not at all.

The source is an encrypted demo clinic (signed notes, addenda, decisions, training, documents).
After the copy the server opens with the same accounts and ids, ``dnclinic verify`` passes
there, and new records get new ids. A non-empty target is refused with nothing copied; a copy
that does not match (a tampered signed note in the file) exits non-zero.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from factories import make_patient
from sqlalchemy import func, select, update

from dnclinic.__main__ import main
from dnclinic.app_context import Credentials, open_clinic
from dnclinic.demo import DEMO_PASSWORD, create_demo_clinic
from dnclinic.model.db import Database
from dnclinic.model.entities import NeedlingSession
from dnclinic.model.keyring import KdfParams
from dnclinic.model.server_copy import row_counts

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pg_support import PgServer
    from sqlalchemy.engine import URL

pytestmark = pytest.mark.postgresql_only


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An encrypted demo clinic file, built once for the module (each test copies it)."""
    folder = tmp_path_factory.mktemp("demo")
    ctx, _ = create_demo_clinic(
        folder / "demo.db", patients=25, seed=3, kdf=KdfParams.fast(), config_dir=folder / "cfg",
        clock=lambda: datetime(2026, 11, 23, 9, tzinfo=UTC),
    )  # fmt: skip
    ctx.close()
    return folder / "demo.db"


@pytest.fixture
def source(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo clinic (its file, key file and audit anchor)."""
    for part in demo_file.parent.glob(demo_file.name + "*"):
        (tmp_path / part.name).write_bytes(part.read_bytes())
    return tmp_path / demo_file.name


@pytest.fixture
def server(db_backend: str, pg_server: PgServer) -> Iterator[URL]:
    assert db_backend == "postgresql"
    url = pg_server.empty_database()
    yield url
    pg_server.drop(url)


def _migrate(source: Path, url: URL, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("DNCLINIC_USER", "admin")
    monkeypatch.setenv("DNCLINIC_PASSWORD", DEMO_PASSWORD)
    return main(["migrate-to-server", "--db", str(source), "--to", _text(url)])


def _text(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def _counts(target: str | Path, key: bytes | None = None) -> dict[str, int]:
    db = Database.open(target, key=key)
    try:
        with db.connect() as conn:
            return row_counts(conn)
    finally:
        db.dispose()


def test_a_clinic_file_moves_onto_the_server_whole(
    source: Path,
    server: URL,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _migrate(source, server, monkeypatch) == 0
    out = capsys.readouterr().out
    for check in ("row counts", "signed-note digests", "audit chain"):
        assert f"ok      {check}:" in out
    ctx = open_clinic(_text(server), Credentials("physio", DEMO_PASSWORD),
                      kdf=KdfParams.fast(), config_dir=tmp_path / "cfg")  # fmt: skip
    try:
        first = ctx.patients.find_by_mrn("DEMO-000001")
        assert first is not None
        assert first.id == 1  # ids kept
        assert ctx.sessions.verify(ctx.documents.latest_signed_session(first.id)).unaltered
        new = make_patient(ctx)  # the id sequences moved past the copied ids
        assert new.id == 26
        assert ctx.audit.verify().ok
    finally:
        ctx.close()
    assert main(["verify", "--db", _text(server), "--user", "admin"]) == 0
    assert "FAILED" not in capsys.readouterr().out


def test_a_database_that_is_not_empty_is_refused_and_left_alone(
    source: Path, server: URL, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _migrate(source, server, monkeypatch) == 0
    before = _counts(_text(server))
    capsys.readouterr()
    assert _migrate(source, server, monkeypatch) == 2
    err = capsys.readouterr().err
    assert "not empty" in err
    assert "Traceback" not in err
    assert _counts(_text(server)) == before


def test_a_copy_that_does_not_check_out_exits_non_zero(
    source: Path, server: URL, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = open_clinic(source, Credentials("admin", DEMO_PASSWORD), kdf=KdfParams.fast())
    try:  # someone with the key alters a signed note's seal in the file
        with ctx.db.write() as s:
            signed = select(func.min(NeedlingSession.id)).where(NeedlingSession.status == "signed")
            note = s.scalar(signed)
            s.execute(
                update(NeedlingSession)
                .where(NeedlingSession.id == note)
                .values(content_digest="0" * 64)
            )
    finally:
        ctx.close()
    assert _migrate(source, server, monkeypatch) == 1
    out = capsys.readouterr().out
    assert "FAILED  signed-note digests" in out
    assert "do not use it" in out


def test_only_a_server_database_is_a_target(
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DNCLINIC_USER", "admin")
    monkeypatch.setenv("DNCLINIC_PASSWORD", DEMO_PASSWORD)
    other = tmp_path / "other.db"
    assert main(["migrate-to-server", "--db", str(source), "--to", str(other)]) == 2
    assert "PostgreSQL" in capsys.readouterr().err
    assert not other.exists()
