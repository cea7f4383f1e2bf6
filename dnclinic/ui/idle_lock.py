"""Automatic lock after a period without keyboard, mouse or touch input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QWindow

    from dnclinic.services.access import AccessService
    from dnclinic.ui.dialogs.lock_screen import LockScreen

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleLock(QObject):
    """Locks the session after ``idle_ms`` of no input: hides every window, shows the lock screen.

    Windows and dialogs are only hidden, never closed, so drafts and half-typed fields come back
    exactly as they were after unlocking.

    Input is seen where the window system delivers it: at each top-level window (a ``QWindow``),
    before Qt passes it on to the widget under the cursor or with the focus. The lock watches
    every window that comes to the front (gains the focus), so only the events of those few
    windows reach Python. An application-wide event filter would call
    Python for every event of every object, and the first event of an object whose class
    PySide6 does not expose makes it build the Python type of every Qt class (tens of ms).
    """

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self, access: AccessService, who: str, idle_ms: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._access = access
        self._who = who
        self._hidden: list[QWidget] = []
        self.screen: LockScreen | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)
        self.timer.timeout.connect(self.lock)
        self._watching = False
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._on_app_focus_window_changed)
            self._watching = True
            focused = app.focusWindow()
            if focused is not None:
                self.watch(focused)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        """Whether the lock screen is up."""
        return self.screen is not None

    def watch(self, window: QWindow | None) -> None:
        """Count the input of ``window`` as activity (windows that gain focus are watched)."""
        if window is not None:
            window.installEventFilter(self)  # installing twice keeps one filter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.is_locked and event.type() in _INPUT_EVENTS:
            self.timer.start()
        return False

    def lock(self) -> None:
        """Hide all windows and ask for the password."""
        from dnclinic.ui.dialogs.lock_screen import LockScreen

        if self.is_locked:
            return
        self._access.lock()
        self._hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and not isinstance(w, LockScreen)
        ]
        for widget in self._hidden:
            widget.hide()
        self.screen = LockScreen(self._access, self._who)
        self.screen.unlocked.connect(self._on_screen_unlocked)
        self.screen.logout_requested.connect(self.logout_requested)
        self.screen.show()
        self.locked.emit()

    def _on_app_focus_window_changed(self, window: QWindow | None) -> None:
        self.watch(window)

    def _on_screen_unlocked(self) -> None:
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self.screen is not None:
            self.screen.deleteLater()
        self.screen = None
        self.timer.start()
        self.unlocked.emit()

    def stop(self) -> None:
        """Stop watching (at exit)."""
        self.timer.stop()
        app = QGuiApplication.instance()
        if self._watching and isinstance(app, QGuiApplication):
            self._watching = False
            app.focusWindowChanged.disconnect(self._on_app_focus_window_changed)
            for window in app.topLevelWindows():
                window.removeEventFilter(self)
