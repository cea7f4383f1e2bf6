"""``dnclinic export note|plan|progress`` on a demo clinic: valid PDFs, archived and audited."""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from conftest import fixed_clock
from pypdf import PdfReader
from sqlalchemy import func, select

from dnclinic.__main__ import main
from dnclinic.app_context import open_clinic
from dnclinic.demo import DEMO_LOGIN, create_demo_clinic
from dnclinic.model.entities import AuditEntry, NeedlingSession, Patient
from dnclinic.model.keyring import KdfParams

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo clinic of 40 patients (built once for the module)."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.db"
    ctx, _summary = create_demo_clinic(
        db, patients=40, seed=1, clock=fixed_clock, kdf=KdfParams.fast(), config_dir=folder / "cfg"
    )
    ctx.close()
    return db


def _pdf_text(path: Path) -> str:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) >= 1
    return " ".join(p.extract_text() for p in reader.pages)


def _signed_mrns(db: Path, tmp: Path) -> list[str]:
    ctx = open_clinic(db, DEMO_LOGIN, config_dir=tmp / "c", kdf=KdfParams.fast())
    try:
        with ctx.db.read() as s:
            return list(
                s.scalars(
                    select(Patient.mrn)
                    .join(NeedlingSession, NeedlingSession.patient_id == Patient.id)
                    .where(NeedlingSession.status == "signed")
                    .distinct()
                    .order_by(Patient.mrn)
                )
            )
    finally:
        ctx.close()


def test_demo_000001_is_the_showcase_patient(demo_db: Path, tmp_path: Path) -> None:
    mrns = _signed_mrns(demo_db, tmp_path)
    assert mrns[0] == "DEMO-000001"
    assert len(mrns) > 1  # the rest of the demo is charted as before


@pytest.mark.parametrize("document", ["note", "plan", "progress"])
def test_each_export_writes_a_valid_pdf(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], document: str
) -> None:
    out = tmp_path / "out" / f"{document}.pdf"
    code = main(
        ["export", document, "--db", str(demo_db), "--patient", "DEMO-000001", "--out", str(out)]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "archived in the patient's record" in captured.out
    words = _pdf_text(out)
    assert "DEMO-000001" in words
    heading = {
        "note": "Signed session note",
        "plan": "Your home exercises",
        "progress": "Progress report",
    }[document]
    assert heading in words
    assert not out.with_name(out.name + ".part").exists()


def test_export_note_by_session_is_archived_and_audited(demo_db: Path, tmp_path: Path) -> None:
    other = _signed_mrns(demo_db, tmp_path)[1]
    ctx = open_clinic(demo_db, DEMO_LOGIN, config_dir=tmp_path / "c", kdf=KdfParams.fast())
    try:
        patient = ctx.patients.find_by_mrn(other)
        assert patient is not None
        sid = ctx.documents.latest_signed_session(patient.id)
        before = len(ctx.documents.documents(patient.id))
    finally:
        ctx.close()
    out = tmp_path / "n.pdf"
    assert (
        main(["export", "note", "--db", str(demo_db), "--session", str(sid), "--out", str(out)])
        == 0
    )
    assert other in _pdf_text(out)
    ctx = open_clinic(demo_db, DEMO_LOGIN, config_dir=tmp_path / "c", kdf=KdfParams.fast())
    try:
        docs = ctx.documents.documents(patient.id)
        assert len(docs) == before + 1
        assert ctx.documents.reprint(docs[0].id) == out.read_bytes()
        with ctx.db.read() as s:
            exports = s.scalar(
                select(func.count()).where(
                    AuditEntry.action == "print_export", AuditEntry.patient_id == patient.id
                )
            )
        assert exports == 2  # the export and the reprint
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["note", "--patient", "NOPE-1"], "no patient with record number NOPE-1"),
        (["plan", "--plan", "999999"], "Home plan 999999 does not exist"),
        (["note", "--session", "1"], "--out must name a .pdf file"),
    ],
)
def test_export_errors_are_plain_words(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    suffix = "x.txt" if "--session" in args else "x.pdf"
    code = main(
        ["export", args[0], "--db", str(demo_db), *args[1:], "--out", str(tmp_path / suffix)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / suffix).exists()
