"""One bus on which every successful action announces what it changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from dnclinic.services.changes import ChangeSet


class ChangeBus(QObject):
    """Open screens listen to ``changed(change_set, initiator)`` and reload what concerns them."""

    changed = Signal(object, object)

    def publish(self, changes: ChangeSet, initiator: object | None = None) -> None:
        """Announce a saved action."""
        self.changed.emit(changes, initiator)
