"""Errors meant for people, shared by every layer: ``str(error)`` is a sentence to show.

:class:`ServiceError` is the base the user interface and the command line catch. It lives here,
outside the layers, because the data layer raises some of them too: a full disk or a failing
drive is discovered by the database driver, far below the services, and must still reach the
clinician as a plain sentence (and leave the form with everything typed in it).
"""

from __future__ import annotations


class ServiceError(Exception):
    """Base class: ``str(error)`` is a sentence fit to show to a clinician."""


class StorageError(ServiceError):
    """The computer could not store or read the data (a drive error); nothing was saved."""


class StorageFullError(StorageError):
    """The disk holding the database is full; nothing was saved."""


class DatabaseBusyError(StorageError):
    """Another workstation held the database for too long; nothing was saved."""


class ServerUnavailableError(StorageError):
    """The clinic server could not be reached (or the connection to it was lost)."""


class NetworkStorageError(ServiceError):
    """The database file is on a network share, where SQLite's locking cannot be trusted."""
