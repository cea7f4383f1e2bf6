"""A new clinic in an empty server database, through the first-run screen (PostgreSQL only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import fixed_clock
from factories import PASSWORD, as_user

from dnclinic.app_context import clinic_exists
from dnclinic.model.keyring import KdfParams
from dnclinic.services.audit import AuditAction, AuditFilter
from dnclinic.ui.dialogs.first_run_dialog import FirstRunDialog

if TYPE_CHECKING:
    from pathlib import Path

    from pytestqt.qtbot import QtBot


@pytest.mark.postgresql_only
def test_first_run_on_an_empty_server_creates_the_clinic_there(
    qtbot: QtBot, db_target: str | Path, tmp_path: Path
) -> None:
    assert not clinic_exists(db_target)
    dialog = FirstRunDialog(db_target, config_dir=tmp_path, clock=fixed_clock, kdf=KdfParams.fast())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.encrypt.isVisible()  # a server protects its own storage
    qtbot.keyClicks(dialog.given_name, "Ruth")
    qtbot.keyClicks(dialog.family_name, "Owner")
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.confirm, PASSWORD)
    with qtbot.waitSignal(dialog.created) as blocker:
        dialog.buttons.accepted.emit()
    ctx, recovery = blocker.args
    try:
        assert recovery is None  # no key file on a server
        assert not ctx.encrypted
        assert clinic_exists(db_target)
        with as_user(ctx, "admin"):
            (entry,) = ctx.audit.entries(AuditFilter(action=AuditAction.SETTINGS))
        assert "clinic server" in entry.details
    finally:
        ctx.close()
