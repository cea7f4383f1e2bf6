"""Declarative base, naming convention and the mixins every clinical row shares."""

from __future__ import annotations

from datetime import datetime  # noqa: TC003 - the mapped annotations are read at runtime
from typing import Any

from sqlalchemy import Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from dnclinic.model.types import NAMING_CONVENTION, UTCDateTime

__all__ = ["NAMING_CONVENTION", "AuditedMixin", "Base", "UTCDateTime", "VersionedMixin"]


class Base(DeclarativeBase):
    """Base class of every ORM entity."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class AuditedMixin:
    """Who created and last changed a row, and when (UTC)."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(80))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_by: Mapped[str] = mapped_column(String(80))


class VersionedMixin:
    """Optimistic locking: SQLAlchemy bumps ``version_id`` on every UPDATE and checks it.

    A write based on a stale copy raises ``StaleDataError``; services turn that into a
    ``ConcurrentEditError`` the user can act on, instead of overwriting someone's work.
    """

    version_id: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declared_attr receives the class
        return {"version_id_col": cls.__table__.c.version_id}  # type: ignore[attr-defined]
