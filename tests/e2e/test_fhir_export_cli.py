"""``dnclinic export fhir`` on a small demo clinic: valid R4 bundles, plain-word errors."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from conftest import fixed_clock
from fhir_support import check_bundle, entries

from dnclinic.__main__ import main
from dnclinic.cli import PASSWORD_ENV, USER_ENV
from dnclinic.demo import DEMO_PASSWORD, create_demo_clinic
from dnclinic.model.keyring import KdfParams

if TYPE_CHECKING:
    from pathlib import Path

    from dnclinic.fhir.codes import JSON

PATIENTS = 12


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo clinic of 12 patients, as ``dnclinic demo --patients 12`` builds it."""
    folder = tmp_path_factory.mktemp("fhirdemo")
    db = folder / "demo.db"
    ctx, _summary = create_demo_clinic(
        db, patients=PATIENTS, seed=1, clock=fixed_clock, kdf=KdfParams.fast(),
        config_dir=folder / "cfg",
    )  # fmt: skip
    ctx.close()
    return db


def _run(demo_db: Path, *args: str) -> int:
    return main(["export", "fhir", "--db", str(demo_db), *args])


def _read(path: Path) -> JSON:
    bundle: JSON = json.loads(path.read_bytes())
    check_bundle(bundle)
    return bundle


def test_one_demo_patient(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sub" / "patient.json"
    assert _run(demo_db, "--patient", "demo-000001", "--out", str(out)) == 0
    assert "FHIR R4 bundle of 1 patient(s)" in capsys.readouterr().out
    assert not out.with_name(out.name + ".part").exists()
    bundle = _read(out)
    (patient,) = entries(bundle, "Patient")
    assert patient["identifier"][0]["value"] == "DEMO-000001"
    assert entries(bundle, "Procedure")
    assert entries(bundle, "Encounter")
    codes = {c["code"] for o in entries(bundle, "Observation") for c in o["code"]["coding"]}
    assert "72514-3" in codes


def test_the_whole_demo_clinic(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "clinic.json"
    assert _run(demo_db, "--all", "--out", str(out)) == 0  # a demo clinic logs in as admin
    assert f"bundle of {PATIENTS} patient(s)" in capsys.readouterr().out
    bundle = _read(out)
    assert len(entries(bundle, "Patient")) == PATIENTS
    assert len(entries(bundle, "Practitioner")) >= 2
    assert bundle["type"] == "collection"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--patient", "NOPE-1", "--out", "x.json"], "no patient with record number NOPE-1"),
        (["--patient", "DEMO-000001", "--out", "x.txt"], "--out must name a .json file"),
        (["--patient", "DEMO-000001", "--out", "blocker/x.json"], "could not write"),
    ],
)
def test_errors_are_plain_words(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    (tmp_path / "blocker").write_text("a file where a folder should be")
    args = [str(tmp_path / a) if a.endswith((".json", ".txt")) else a for a in args]
    assert _run(demo_db, *args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*.json*"))


def test_a_practitioner_may_not_export_the_clinic(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(USER_ENV, "physio")
    monkeypatch.setenv(PASSWORD_ENV, DEMO_PASSWORD)
    out = tmp_path / "all.json"
    assert _run(demo_db, "--all", "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert "error: Your role does not allow this (clinic.export)" in err
    assert not out.exists()


def test_patient_or_all_is_required(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        _run(demo_db, "--out", str(tmp_path / "x.json"))
    assert stopped.value.code == 2
    assert "one of the arguments --patient --all is required" in capsys.readouterr().err
