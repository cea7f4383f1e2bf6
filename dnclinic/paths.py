"""Where things live: the user's data directory and the bundled resources.

This is the one resolver for files shipped with the app (`resources/`). It works from a source
checkout, from an installed wheel (where the resources are copied into ``dnclinic/_resources``)
and from a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "dnclinic"
APP_AUTHOR = "dnclinic"
DEFAULT_DB_NAME = "clinic.db"

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """Return the folder holding the bundled resources (icons, stylesheet, exercise library...).

    Looked up, in order: a PyInstaller bundle, the copy inside an installed package, and the
    ``resources/`` folder of a source checkout.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    candidates = []
    if frozen_root is not None:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")
    candidates.append(_PACKAGE_DIR.parent / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The dnclinic resources folder is missing; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resource_path(*parts: str) -> Path:
    """Return the path of one bundled resource, e.g. ``resource_path("evidence.json")``.

    Raises:
        FileNotFoundError: when the resource is not shipped.
    """
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"Bundled resource not found: {'/'.join(parts)}")
    return path


def user_data_dir() -> Path:
    """Return the platform's per-user data directory for dnclinic (created when missing)."""
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    """Return the platform's per-user configuration directory (created when missing)."""
    path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    """Return the platform's per-user log directory for dnclinic (created when missing)."""
    path = Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    """Return the embedded default database: ``clinic.db`` in the user data directory."""
    return user_data_dir() / DEFAULT_DB_NAME
