"""``dnclinic decide``: JSON out, --explain text, exit code 2 with a message on bad input."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from dnclinic.cli.decide import main, register, run
from dnclinic.paths import resource_path

if TYPE_CHECKING:
    from pathlib import Path

NEEDLE = resource_path("cases", "needle_radiculopathy.json")


def test_prints_the_recommendation_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(NEEDLE)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "needle"
    assert out["rule_set_version"] == "2026.1"


def test_explain_prints_reasons_with_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--explain", str(resource_path("cases", "refer_umn.json"))]) == 0
    text = capsys.readouterr().out
    assert "Verdict: refer" in text
    assert "R1:" in text
    assert "[KEA19]" in text
    assert "Evidence: confirmed" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"region": "lumbar"}', "chronicity: required"),
        (
            '{"region": "lumbar", "chronicity": "chronic", "practitioner_training_hours": true}',
            "practitioner_training_hours: expected a number",
        ),
        (
            '{"region": "neck", "chronicity": "chronic", "practitioner_training_hours": 1}',
            '"cervical"',
        ),
    ],
)
def test_invalid_input_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "case.json"
    path.write_text(content, encoding="utf-8")
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error:")
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "absent.json")]) == 2
    assert capsys.readouterr().err.startswith("error: cannot read")


def test_register_adds_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    parser = argparse.ArgumentParser(prog="dnclinic")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["decide", "--explain", str(NEEDLE)])
    assert args.handler is run
    assert args.handler(args) == 0
    assert "Verdict: needle" in capsys.readouterr().out


def test_subprocess_exit_codes(tmp_path: Path) -> None:
    code = "import sys; from dnclinic.cli.decide import main; sys.exit(main())"
    ok = subprocess.run(
        [sys.executable, "-c", code, str(NEEDLE)], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["verdict"] == "needle"
    bad = tmp_path / "bad.json"
    bad.write_text('{"region": "lumbar", "extra": 1}', encoding="utf-8")
    failed = subprocess.run(
        [sys.executable, "-c", code, str(bad)], capture_output=True, text=True, check=False
    )
    assert failed.returncode == 2
    assert failed.stderr.startswith("error:")
    assert "extra: unknown key" in failed.stderr
    assert "Traceback" not in failed.stderr
