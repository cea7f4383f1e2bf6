"""Storage: SQLAlchemy 2.0 typed ORM, repositories returning read models, Alembic migrations."""
