"""One change signal: after a service changes data it announces what changed.

Pages subscribe and refresh themselves; they never call each other. The UI adapts this
plain callback bus into a Qt signal.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum


class Change(StrEnum):
    PROVIDERS = "providers"
    SESSIONS = "sessions"
    PLANNING = "planning"  # PCMs, RC, trainings, observations, checklist
    REQUIREMENTS = "requirements"
    DRAFTS = "drafts"
    SETTINGS = "settings"
    EVERYTHING = "everything"  # an import or a restore


Listener = Callable[[frozenset[Change]], None]


class ChangeBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def publish(self, *changes: Change) -> None:
        payload = frozenset(changes)
        for listener in list(self._listeners):
            listener(payload)
