"""First run: a new clinic file, or a new clinic in an empty server database, is recognised."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import fixed_clock
from factories import PASSWORD

from dnclinic.app_context import clinic_exists, create_clinic
from dnclinic.model.keyring import KdfParams
from dnclinic.services.users import NewUser

if TYPE_CHECKING:
    from pathlib import Path


def test_a_clinic_exists_once_it_has_its_first_admin(db_target: str | Path, tmp_path: Path) -> None:
    assert not clinic_exists(db_target)  # a new file, or a server database with no account yet
    ctx, _recovery = create_clinic(
        db_target, NewUser("admin", "Clinic Admin", "admin", PASSWORD),
        config_dir=tmp_path / "config", clock=fixed_clock, kdf=KdfParams.fast(),
    )  # fmt: skip
    ctx.close()
    assert clinic_exists(db_target)


@pytest.mark.postgresql_only
def test_an_unreachable_server_goes_to_the_login_screen_to_say_why(db_backend: str) -> None:
    url = "postgresql+psycopg://nobody@/nowhere?host=/nonexistent-socket-dir&port=1"
    assert clinic_exists(url)  # the login then reports the connection problem in plain words
