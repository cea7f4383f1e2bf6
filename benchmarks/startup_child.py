"""Child process for the cold-start benchmark: the GUI's own start, from the entry point on.

It does what ``dnclinic`` does when it starts the desktop app: pause the garbage collector
(:mod:`dnclinic.startup`), parse the command line, set up logging, create the application,
show the login dialog and log in through it, then open the main window with
:func:`dnclinic.ui.app.show_main_window` (the backups' check and the audit log's background
check start there too). The user's typing is instantaneous here.

Prints one JSON line: milliseconds from interpreter start to a usable window, the time spent in
the deliberate password hashing (argon2id) at login, and the resident memory.

Only the argon2id calls themselves are timed as "login hashing" (the key unwrap and the password
check): opening the database, the schema check and loading the user are part of the start.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

STARTED = (
    time.perf_counter()
)  # as early as this module can be: interpreter start is measured outside
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


HASHING_S = [0.0]  # seconds spent inside argon2id during this start


def _timed(fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            HASHING_S[0] += time.perf_counter() - began

    return wrapper


def wrap_hashing(
    derive: Callable[[Callable[..., Any]], Callable[..., Any]],
    verify: Callable[[Callable[..., Any]], Callable[..., Any]],
) -> None:
    """Replace the two argon2id calls the login makes (the module attributes the app calls).

    ``derive`` wraps the key derivation of the key unwrap, ``verify`` the password check.
    """
    import argon2

    from dnclinic.model import keyring

    keyring.hash_secret_raw = derive(keyring.hash_secret_raw)  # type: ignore[attr-defined]
    argon2.PasswordHasher.verify = verify(argon2.PasswordHasher.verify)  # type: ignore[method-assign]


def _time_hashing() -> None:
    """Time every argon2id call the login makes."""
    wrap_hashing(_timed, _timed)


def start(db: str, user: str, password: str, prepare: Callable[[], None]) -> tuple[Any, Any, Any]:
    """Start as ``dnclinic`` does, log in through the dialog; return (app, window, context).

    ``prepare`` runs once the app's modules are imported, before the application is created:
    it is where the caller wraps the argon2id calls.
    """
    from dnclinic.__main__ import parse_arguments
    from dnclinic.logs import configure_logging
    from dnclinic.startup import pause_collection

    pause_collection()  # as dnclinic.__main__.main does
    parse_arguments(["--db", db])
    configure_logging()
    from dnclinic.ui.app import make_application, show_main_window  # as `dnclinic` imports it

    # isort: split
    from PySide6.QtWidgets import QDialogButtonBox

    from dnclinic.ui.dialogs.login_dialog import LoginDialog

    prepare()
    app = make_application()
    login = LoginDialog(db)
    login.show()
    app.processEvents()
    login.username.setText(user)
    login.password.setText(password)
    login.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    ctx = login.context
    assert ctx is not None, "the login failed"
    window = show_main_window(ctx)
    app.processEvents()
    assert window.patient_list.model.rowCount() > 0
    assert window.patient_list.model.index(0, 1).data()
    return app, window, ctx


def main() -> int:
    """Start the GUI on the clinic named on the command line and report the timings."""
    _app, window, ctx = start(sys.argv[1], sys.argv[2], sys.argv[3], _time_hashing)
    ready_ms = (time.perf_counter() - STARTED) * 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    login_ms = HASHING_S[0] * 1000
    print(json.dumps({"ready_ms": ready_ms, "login_ms": login_ms, "rss_mb": rss_mb}))
    sys.stdout.flush()
    window.remember_layout = False  # an offscreen size must not become the user's layout
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
