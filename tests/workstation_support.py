"""A workstation process the tests drive over pipes (see workstation_child.py)."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
from pathlib import Path

import pytest
from factories import PASSWORD

CHILD = Path(__file__).resolve().parent / "workstation_child.py"
# A guard against a hung child, not a synchronisation: each answer normally takes milliseconds.
ANSWER_TIMEOUT_S = 120


class Workstation:
    """One workstation process, driven one command at a time."""

    def __init__(self, target: str, username: str, *clock: str) -> None:
        env = {**os.environ, "DNCLINIC_PASSWORD": PASSWORD}
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, str(CHILD), target, username, *clock],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=env,
        )  # fmt: skip
        self._selector = selectors.DefaultSelector()
        assert self.proc.stdout is not None
        self._selector.register(self.proc.stdout, selectors.EVENT_READ)

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def answer(self) -> str:
        assert self.proc.stdout is not None
        if not self._selector.select(ANSWER_TIMEOUT_S):
            self.proc.kill()
            pytest.fail(f"a workstation stopped answering: {self._stderr()}")
        line = self.proc.stdout.readline().strip()
        if not line:
            pytest.fail(f"a workstation died: {self._stderr()}")
        return line

    def ask(self, command: str) -> str:
        self.send(command)
        return self.answer()

    def _stderr(self) -> str:
        self.proc.kill()
        _out, err = self.proc.communicate()
        return err[-3000:]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("quit")
            self.proc.communicate(timeout=ANSWER_TIMEOUT_S)
        self._selector.close()
