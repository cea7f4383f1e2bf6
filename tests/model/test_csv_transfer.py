"""CSV export and import (issue 11): the round trip reproduces a rich clinic, row by row.

A demo clinic with every table filled (and hostile text in it) is exported once; each test
imports a copy into a new encrypted file, or tampers with a copy and expects a refusal that
leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import inspect
from transfer_support import DEMO_NOW, all_rows, edit_manifest, enrich, tamper

from dnclinic.app_context import Credentials, import_clinic, open_clinic
from dnclinic.demo import DEMO_PASSWORD, create_demo_clinic
from dnclinic.model.audit_chain import anchor_path, load_anchor
from dnclinic.model.keyring import KdfParams
from dnclinic.model.transfer import TransferError, tables_in_order
from dnclinic.services.authentication import LoginFailed
from dnclinic.services.csv_import import check_folder, load_clinic
from dnclinic.services.errors import PermissionDenied

if TYPE_CHECKING:
    from pathlib import Path

    from transfer_support import Rows

    from dnclinic.app_context import AppContext
    from dnclinic.services.csv_manifest import CsvManifest

ADMIN = Credentials("admin", DEMO_PASSWORD)
FAST = KdfParams.fast()


@dataclass(frozen=True)
class Exported:
    db: Path
    folder: Path
    manifest: CsvManifest
    rows: Rows  # the original clinic after the export
    tables: frozenset[str]  # the tables in the original database file


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    root = tmp_path_factory.mktemp("csv")
    ctx, _ = create_demo_clinic(
        root / "demo.db", patients=150, seed=3, clock=lambda: DEMO_NOW, kdf=FAST,
        config_dir=root / "cfg",
    )  # fmt: skip
    try:
        enrich(ctx, "physio", "admin", DEMO_PASSWORD)
        ctx.access.login("admin", DEMO_PASSWORD)
        done = ctx.csv_export.export(root / "export")
        rows = all_rows(ctx.db)
        tables = frozenset(inspect(ctx.db.engine).get_table_names()) - {"alembic_version"}
    finally:
        ctx.close()
    return Exported(root / "demo.db", root / "export", done.manifest, rows, tables)


def copy_of(exported: Exported, tmp_path: Path) -> Path:
    return shutil.copytree(exported.folder, tmp_path / "copy")


def imported(exported: Exported, folder: Path, target: Path) -> AppContext:
    ctx, _ = import_clinic(target, check_folder(folder), ADMIN, clock=lambda: DEMO_NOW, kdf=FAST)
    return ctx


def test_every_table_is_exported_and_none_is_empty(exported: Exported) -> None:
    files = {t.table for t in exported.manifest.tables}
    assert files == {t.name for t in tables_in_order()} == exported.tables
    assert all(t.rows > 0 for t in exported.manifest.tables), "the fixture must fill every table"


def test_the_round_trip_reproduces_every_row(exported: Exported, tmp_path: Path) -> None:
    target = tmp_path / "new.db"
    ctx = imported(exported, exported.folder, target)
    try:
        again = all_rows(ctx.db)
        results = ctx.backups.verify()
    finally:
        ctx.close()
    last = exported.manifest.audit_last_id
    for table, rows in exported.rows.items():
        if table == "audit_log":  # the export's own entry came after its snapshot
            expected = [r for r in rows if last is not None and r["id"] <= last]
            assert again[table][:-1] == expected
            assert again[table][-1]["action"] == "import"
            assert again[table][-1]["prev_hash"] == exported.manifest.audit_last_hash
        else:
            assert again[table] == rows, table
    assert [(c.name, c.ok) for c in results] == [
        ("integrity", True), ("foreign keys", True), ("audit chain", True),
        ("signed-note digests", True),
    ]  # fmt: skip
    anchor = load_anchor(anchor_path(target))
    assert anchor is not None
    assert anchor.last_id == again["audit_log"][-1]["id"]


def test_hostile_text_survives(exported: Exported) -> None:
    patients = exported.rows["patients"]
    (hostile,) = [p for p in patients if p["family_name"] == "+Plus"]
    assert hostile["notes"].startswith("-2+3\r\n@SUM")
    assert hostile["address"] == ""
    text = (exported.folder / "patients.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    assert "'+Plus" in text


def test_the_importer_logs_in_and_the_others_need_a_reset(
    exported: Exported, tmp_path: Path
) -> None:
    target = tmp_path / "new.db"
    ctx, outcome = import_clinic(
        target, check_folder(exported.folder), ADMIN, clock=lambda: DEMO_NOW, kdf=FAST
    )
    ctx.close()
    assert outcome.recovery_key is not None
    assert set(outcome.needs_password_reset) == {"manager", "physio"}
    with pytest.raises(LoginFailed):
        open_clinic(target, Credentials("physio", DEMO_PASSWORD), kdf=FAST)
    admin = open_clinic(target, ADMIN, kdf=FAST)
    try:
        physio_id = next(u.id for u in admin.users.list_users() if u.username == "physio")
        admin.users.reset_password(physio_id, "a brand new passphrase")
    finally:
        admin.close()
    physio = open_clinic(target, Credentials("physio", "a brand new passphrase"), kdf=FAST)
    try:
        assert physio.patients.count() == len(exported.rows["patients"])
    finally:
        physio.close()


def test_an_existing_clinic_is_never_touched(exported: Exported) -> None:
    before = hashlib.sha256(exported.db.read_bytes()).hexdigest()
    with pytest.raises(TransferError, match="already exists"):
        imported(exported, exported.folder, exported.db)
    assert hashlib.sha256(exported.db.read_bytes()).hexdigest() == before


def test_a_database_with_records_is_refused(exported: Exported, app_context: AppContext) -> None:
    count = app_context.audit.count()
    with pytest.raises(TransferError, match="already holds records"):
        load_clinic(app_context.db, app_context.audit, check_folder(exported.folder), "admin")
    assert app_context.audit.count() == count


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(schema_revision="0007"), "schema revision 0007"),
        (lambda m: m.update(format="something-else"), "not a dnclinic CSV export manifest"),
        (lambda m: m["tables"].pop(), "missing from the manifest"),
        (lambda m: m["tables"][0].update(file="../demo.db"), "names '../demo.db'"),
        (lambda m: m["tables"][3].update(rows=1), "the manifest says 1"),
        (lambda m: m["tables"][3]["columns"].pop(), "columns of patients"),
    ],
)
def test_a_tampered_manifest_is_refused(
    exported: Exported, tmp_path: Path, change: object, message: str
) -> None:
    folder = copy_of(exported, tmp_path)
    edit_manifest(folder, change)  # type: ignore[arg-type]
    with pytest.raises(TransferError, match=message):
        check_folder(folder)


def test_a_changed_or_missing_file_is_refused(exported: Exported, tmp_path: Path) -> None:
    folder = copy_of(exported, tmp_path)
    data = bytearray((folder / "patients.csv").read_bytes())
    data[len(data) // 2] ^= 0x01
    (folder / "patients.csv").write_bytes(bytes(data))
    (folder / "drafts.csv").unlink()
    with pytest.raises(TransferError) as refused:
        check_folder(folder)
    assert "patients.csv does not match its SHA-256" in str(refused.value)
    assert "drafts.csv is missing" in str(refused.value)
    (folder / "manifest.json").unlink()
    with pytest.raises(TransferError, match="no manifest.json"):
        check_folder(folder)


def test_an_altered_audit_entry_is_refused_even_with_a_fixed_digest(
    exported: Exported, tmp_path: Path
) -> None:
    folder = copy_of(exported, tmp_path)
    tamper(folder, "audit_log.csv", lambda rows: rows[2].__setitem__(2, "someone-else"))
    with pytest.raises(TransferError, match="audit log does not verify: a row was altered"):
        check_folder(folder)


def test_an_altered_signed_note_is_refused_and_nothing_is_left(
    exported: Exported, tmp_path: Path
) -> None:
    folder = copy_of(exported, tmp_path)

    def rewrite_signed_note(rows: list[list[str]]) -> None:
        header = rows[0]
        signed = next(r for r in rows[1:] if r[header.index("status")] == "signed")
        signed[header.index("subjective")] = "No pain at all (rewritten later)."

    tamper(folder, "needling_sessions.csv", rewrite_signed_note)
    target = tmp_path / "new.db"
    with pytest.raises(TransferError, match="signed-note digests: Session note"):
        imported(exported, folder, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]


def test_a_bad_cell_is_refused_with_its_place(exported: Exported, tmp_path: Path) -> None:
    folder = copy_of(exported, tmp_path)
    tamper(folder, "patients.csv", lambda rows: rows[1].__setitem__(4, "21/05/1980"))
    with pytest.raises(TransferError, match="patients.csv, line 2, column date_of_birth"):
        check_folder(folder)


def test_only_an_active_admin_of_the_export_may_import(exported: Exported, tmp_path: Path) -> None:
    export = check_folder(exported.folder)
    target = tmp_path / "new.db"
    with pytest.raises(PermissionDenied):
        import_clinic(target, export, Credentials("physio", DEMO_PASSWORD), kdf=FAST)
    with pytest.raises(LoginFailed):
        import_clinic(target, export, Credentials("admin", "not the password"), kdf=FAST)
    assert not target.exists()


def test_only_admins_export_and_every_export_is_audited(
    app_context: AppContext, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):  # app_context acts as a practitioner
        app_context.csv_export.export(tmp_path / "out")
    assert not (tmp_path / "out").exists()
    app_context.access.login("admin", "correct horse battery")
    done = app_context.csv_export.export(tmp_path / "out")
    entry = app_context.audit.entries()[0]
    assert (entry.action, entry.entity, entry.username) == ("print_export", "clinic", "admin")
    assert f'"rows": {done.manifest.rows}' in entry.details
    with pytest.raises(TransferError, match="not an empty folder"):
        app_context.csv_export.export(tmp_path / "out")
