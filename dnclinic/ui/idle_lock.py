"""Automatic lock after a period without keyboard, mouse or touch input."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
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
    }
)


class IdleLock(QObject):
    """Locks the session after ``idle_ms`` of no input: hides every window, shows the lock screen.

    Windows and dialogs are only hidden, never closed, so drafts and half-typed fields come back
    exactly as they were after unlocking.
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
        app = QApplication.instance()
        if app is not None:
            # Start-up cost, measured: every event of the application now reaches Python, and
            # the first one for an object of a class PySide6 does not expose (the gesture
            # manager the first scroll area creates, later a line edit's cursor-blink control)
            # makes PySide6 build every QObject subclass type it knows, ~40 ms once (PySide6
            # 6.11). Installing this later would only move that into the event loop.
            app.installEventFilter(self)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        """Whether the lock screen is up."""
        return self.screen is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and not self.is_locked:
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
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
