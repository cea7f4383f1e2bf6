"""User accounts: who may log in, in which role, linked to which practitioner."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, VersionedMixin

ROLES = ("practitioner", "manager", "admin")


class User(AuditedMixin, VersionedMixin, Base):
    """A person who logs in. Never deleted: leavers are disabled."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('practitioner', 'manager', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Usernames are unique case-insensitively: the key is the case-folded username.
    username: Mapped[str] = mapped_column(String(60))
    username_key: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    practitioner_id: Mapped[int | None] = mapped_column(
        ForeignKey("practitioners.id"), nullable=True
    )
    # argon2id, encoded with its parameters (argon2-cffi PasswordHasher).
    password_hash: Mapped[str] = mapped_column(Text)
