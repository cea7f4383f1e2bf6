"""A clinic server's roles: the schema owner migrates; the workstations' app role cannot alter.

The audit log refuses UPDATE, DELETE and TRUNCATE twice over on a server: by its trigger (for
everyone, the owner included) and by the app role's grants (even with the trigger switched off
by the owner). ``dnclinic server-setup`` creates the schema and grants; an app role alone gets
a plain message instead of a half-made schema.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import fixed_clock
from factories import PASSWORD, make_patient
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DatabaseError

from dnclinic.__main__ import main
from dnclinic.app_context import AppContext, create_clinic
from dnclinic.model.keyring import KdfParams
from dnclinic.model.migrate import SchemaError, ensure_schema
from dnclinic.services.errors import BackupError
from dnclinic.services.users import NewUser

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pg_support import PgServer
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

pytestmark = pytest.mark.postgresql_only


@pytest.fixture
def server_db(db_backend: str, pg_server: PgServer) -> Iterator[tuple[URL, URL]]:
    """An empty server database: (the schema owner's URL, a fresh app role's URL)."""
    assert db_backend == "postgresql"
    owner = pg_server.empty_database()
    role = pg_server.new_role()
    yield owner, owner.set(username=role)
    pg_server.drop(owner)
    pg_server.execute(f'DROP ROLE "{role}"')


def _url(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def _engine(url: URL) -> Engine:
    return create_engine(url)


def _set_up(owner: URL, app: URL, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["server-setup", "--db", _url(owner), "--app-role", str(app.username)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Schema created at revision" in out


def _refused(engine: Engine, statement: str, match: str) -> None:
    with pytest.raises(DatabaseError, match=match), engine.begin() as conn:
        conn.execute(text(statement))


def _new_clinic(url: URL, tmp_path: Path) -> AppContext:
    ctx, _ = create_clinic(
        _url(url), NewUser("admin", "Clinic Admin", "admin", PASSWORD),
        config_dir=tmp_path / "config", clock=fixed_clock, kdf=KdfParams.fast(),
    )  # fmt: skip
    return ctx


def test_the_app_role_charts_but_cannot_change_the_audit_log(
    server_db: tuple[URL, URL], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    owner_url, app_url = server_db
    _set_up(owner_url, app_url, capsys)
    ctx = _new_clinic(app_url, tmp_path)  # the workstations' account does everything else
    try:
        assert ctx.keys is None  # no key file for a server database
        tess = ctx.clinic.add_practitioner("Tess", "Tester", "PT-0").value
        ctx.users.create_user(NewUser("tester", "Tess", "practitioner", PASSWORD, tess.id))
        ctx.access.login("tester", PASSWORD)
        patient = make_patient(ctx, family_name="Granted")
        ctx.patients.update(patient.id, patient.version_id, patient.details)
        assert ctx.audit.verify().ok
    finally:
        ctx.close()
    app, owner = _engine(app_url), _engine(owner_url)
    try:
        for statement in ("UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log"):
            _refused(owner, statement, "append-only")  # the trigger, even for the owner
            _refused(app, statement, "permission denied")  # and the grants
        _refused(owner, "TRUNCATE audit_log", "append-only")
        _refused(app, "TRUNCATE audit_log", "permission denied")
        _refused(app, "ALTER TABLE audit_log DISABLE TRIGGER ALL", "must be owner")
        _refused(app, "DROP TRIGGER trg_audit_log_append_only ON audit_log", "must be owner")
        _refused(app, "UPDATE alembic_version SET version_num = 'x'", "permission denied")
        _refused(app, "CREATE TABLE scratch (id integer)", "permission denied")
        # Even with the owner's trigger switched off, the app role's grants still refuse.
        with owner.begin() as conn:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only"))
        _refused(app, "UPDATE audit_log SET username = 'x'", "permission denied")
        with app.connect() as conn:
            names: set[str] = set(conn.execute(text("SELECT username FROM audit_log")).scalars())
            assert "x" not in names
    finally:
        app.dispose()
        owner.dispose()


def test_an_app_role_alone_cannot_create_the_schema_and_is_told_who_can(
    server_db: tuple[URL, URL], tmp_path: Path
) -> None:
    _owner_url, app_url = server_db
    app = _engine(app_url)
    try:
        with pytest.raises(SchemaError, match="schema owner"):
            ensure_schema(app)
        assert inspect(app).get_table_names() == []  # nothing half-made
    finally:
        app.dispose()
    with pytest.raises(SchemaError, match="server-setup"):
        _new_clinic(app_url, tmp_path)


def test_server_setup_needs_a_server_url(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["server-setup", "--db", str(tmp_path / "clinic.db"), "--app-role", "x"])
    assert code == 2
    assert "postgresql+psycopg://" in capsys.readouterr().err


def test_a_server_clinic_is_not_backed_up_by_the_app(
    app_context: AppContext, tmp_path: Path
) -> None:
    app_context.access.login("admin", PASSWORD)
    with pytest.raises(BackupError, match="pg_dump"):
        app_context.backups.back_up(tmp_path / "backups")
    assert not (tmp_path / "backups").exists()


def test_backup_command_on_a_server_says_so_plainly(
    app_context: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = app_context.database_label
    app_context.close()
    monkeypatch.setenv("DNCLINIC_USER", "admin")
    monkeypatch.setenv("DNCLINIC_PASSWORD", PASSWORD)
    code = main(["backup", "--db", url, "--to", str(tmp_path / "backups")])
    err = capsys.readouterr().err
    assert code == 2
    assert "pg_dump" in err
    assert "Traceback" not in err


def test_an_unreachable_server_is_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DNCLINIC_USER", "admin")
    monkeypatch.setenv("DNCLINIC_PASSWORD", PASSWORD)
    url = f"postgresql+psycopg://nobody@/clinic?host={tmp_path}&port=1"
    assert main(["verify", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "could not be reached" in err
    assert "Traceback" not in err
