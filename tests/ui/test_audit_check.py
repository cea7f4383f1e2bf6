"""The audit log's start-up check runs in the background and warns whoever logged in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from dnclinic.model.audit_chain import ChainAnchor, anchor_path, save_anchor
from dnclinic.ui.audit_check import AUDIT_WARNING, StartupAuditCheck

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from dnclinic.app_context import AppContext


def _run_check(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> tuple[bool, list[str]]:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    window = QWidget()
    qtbot.addWidget(window)
    check = StartupAuditCheck(window, ctx.audit)
    with qtbot.waitSignal(check.checked, timeout=20_000) as outcome:
        check.start()
    return bool(outcome.args[0]), warnings


def test_an_intact_log_passes_without_a_message(
    qtbot: QtBot, clinic_context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok, warnings = _run_check(qtbot, clinic_context, monkeypatch)
    assert ok
    assert warnings == []


def test_entries_cut_off_the_end_are_reported_in_plain_words(
    qtbot: QtBot, clinic_context: AppContext, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_anchor(anchor_path(db_path), ChainAnchor(9999, "0" * 64))
    ok, warnings = _run_check(qtbot, clinic_context, monkeypatch)
    assert not ok
    assert len(warnings) == 1
    assert warnings[0].startswith(AUDIT_WARNING)
    assert len(warnings[0]) > len(AUDIT_WARNING)  # the reason follows
