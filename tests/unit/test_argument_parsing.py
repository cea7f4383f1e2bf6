"""The command line parses a desktop start without the sub-commands, with the same results."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dnclinic.__main__ import build_parser, parse_arguments


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "clinic.db"],
        ["--db", "postgresql+psycopg://clinic@server/dnclinic", "--self-test", "--user", "admin"],
    ],
)
def test_a_desktop_start_parses_as_the_whole_parser_does(argv: list[str]) -> None:
    assert parse_arguments(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["verify", "--db", "clinic.db"],
        ["--db", "clinic.db", "backup", "--to", "elsewhere"],
        ["--db", "demo", "demo", "--db", "x.db", "--patients", "5"],  # a file called "demo"
    ],
)
def test_a_command_is_parsed_by_the_whole_parser(argv: list[str]) -> None:
    args = parse_arguments(argv)
    assert callable(args.handler)
    assert args == build_parser().parse_args(argv)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--db"], "argument --db: expected one argument"),
        (["bogus"], "invalid choice: 'bogus'"),
    ],
)
def test_mistakes_get_the_whole_parsers_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_arguments(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "COMMAND" in err  # the usage line of the whole command, with its sub-commands


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_arguments(["--help"])
    out = capsys.readouterr().out
    assert "migrate-to-server" in out
    assert "demo" in out


def test_a_desktop_start_loads_no_sub_command_module() -> None:
    script = (
        "import sys; from dnclinic.__main__ import parse_arguments; "
        "parse_arguments(['--db', 'clinic.db']); "
        "print(sorted(m for m in sys.modules if m.startswith('dnclinic.cli.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
