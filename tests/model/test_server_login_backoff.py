"""On a clinic server the login back-off is counted in the audit log, for every workstation."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from conftest import FIXED_NOW
from factories import PASSWORD

from dnclinic.app_context import Credentials, open_clinic
from dnclinic.model.keyring import KdfParams
from dnclinic.services.authentication import LoginFailed

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from pathlib import Path

    from dnclinic.app_context import AppContext

pytestmark = pytest.mark.postgresql_only


def test_repeated_failures_make_every_workstation_wait(
    app_context: AppContext, db_target: str | Path, tmp_path: Path
) -> None:
    for _ in range(5):  # five free attempts (wrong password; the name in another case)
        with pytest.raises(LoginFailed, match="Wrong username or password"):
            app_context.access.login("Tester", "not the password")
    with pytest.raises(LoginFailed, match="Try again in 30 seconds"):
        app_context.access.login("tester", PASSWORD)  # even the right password must wait

    def later(seconds: int) -> Callable[[], datetime]:
        return lambda: FIXED_NOW + timedelta(seconds=seconds)

    with pytest.raises(LoginFailed, match="Try again in 20 seconds"):  # another workstation
        open_clinic(db_target, Credentials("tester", PASSWORD), clock=later(10),
                    config_dir=tmp_path / "ws2", kdf=KdfParams.fast())  # fmt: skip
    other = open_clinic(db_target, Credentials("tester", PASSWORD), clock=later(31),
                        config_dir=tmp_path / "ws2", kdf=KdfParams.fast())  # fmt: skip
    try:  # a success clears the count: one more mistake costs no wait
        with pytest.raises(LoginFailed, match="Wrong username or password"):
            other.access.login("tester", "typo")
        assert other.access.login("tester", PASSWORD).username == "tester"
    finally:
        other.close()
