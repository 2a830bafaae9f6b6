"""The services' change bus as a Qt signal, so pages refresh on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from rooted_desktop.services.changes import Change, ChangeBus


class QtChanges(QObject):
    changed = Signal(object)  # frozenset[Change]

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        bus.subscribe(self.changed.emit)

    @staticmethod
    def touches(changes: frozenset[Change], *kinds: Change) -> bool:
        return Change.EVERYTHING in changes or any(kind in changes for kind in kinds)
