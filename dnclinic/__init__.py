"""dnclinic: local-first charting for physiotherapy clinics that practise dry needling."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dnclinic")
except PackageNotFoundError:  # pragma: no cover - running from a tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
