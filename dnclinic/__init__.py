"""dnclinic: local-first charting for physiotherapy clinics that practise dry needling."""

# The one place the version is written (pyproject.toml reads it from here). A literal rather than
# importlib.metadata: that import costs tens of milliseconds at every start (docs/PERFORMANCE.md).
__version__ = "0.1.0"

__all__ = ["__version__"]
