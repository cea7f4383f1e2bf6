"""Queries that return read models (frozen dataclasses), never live ORM objects."""
