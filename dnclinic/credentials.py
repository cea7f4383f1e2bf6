"""A login: username and password, as the login dialog, the options or the environment give it.

Kept apart from :mod:`dnclinic.app_context` so that the command line can name the demo accounts
without loading the database layer (every ``dnclinic`` command builds the whole parser).
"""

from __future__ import annotations

from typing import NamedTuple


class Credentials(NamedTuple):
    """A username and password (from the login dialog, options or the environment)."""

    username: str
    password: str
