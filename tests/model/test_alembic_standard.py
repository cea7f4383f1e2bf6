"""pytest-alembic's standard migration tests, on a clinic-like SQLCipher file and on PostgreSQL.

Single head, upgrade from empty to head, the models match the DDL the migrations produce, and
every downgrade works (up/down consistency). The migrations are the ones shipped in the package;
``env.py`` runs on the connection pytest-alembic hands it in ``config.attributes``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pytest_alembic import Config
from pytest_alembic.tests import (  # noqa: F401 - imported to be collected here
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)

from dnclinic.model.db import make_engine
from dnclinic.model.keyring import new_database_key
from dnclinic.model.migrate import alembic_config as dnclinic_alembic_config

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import Engine


@pytest.fixture
def alembic_config() -> Config:
    return Config(alembic_config=dnclinic_alembic_config())


@pytest.fixture
def alembic_engine(
    request: pytest.FixtureRequest, db_backend: str, tmp_path: Path
) -> Iterator[Engine]:
    if db_backend != "sqlite":  # an empty PostgreSQL database
        yield request.getfixturevalue("blank_engine")
        return
    engine = make_engine(tmp_path / "alembic.db", key=new_database_key())
    yield engine
    engine.dispose()
