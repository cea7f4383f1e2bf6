"""The cyclic garbage collector during the desktop app's start-up: paused, then given the result.

Starting the app creates some half a million objects that live as long as the process does:
modules, classes, the Python types PySide6 builds for the Qt classes used, the first window.
While they are being made, each of the collector's full passes walks all of them again, for
nothing: measured with callgrind, that was about a twentieth of the start. So the collector
pauses from the GUI's entry point until the main window is up; then what start-up made is
frozen (left out of every later pass) and collection goes on as usual. A command-line command
gets it back as soon as the command is known, without a freeze.
"""

from __future__ import annotations

import gc


def pause_collection() -> None:
    """Stop automatic garbage collection while the app starts (see the module docstring)."""
    gc.disable()


def resume_collection(*, freeze: bool = True) -> None:
    """Collect automatically again, first freezing what start-up made (safe to call twice).

    ``freeze=False`` is for a command-line command, which has no window to wait for.
    """
    if not gc.isenabled():
        if freeze:
            gc.freeze()
        gc.enable()
