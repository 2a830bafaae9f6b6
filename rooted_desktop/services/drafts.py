"""Autosaved drafts of forms, offered back at the next start."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.store import drafts as draft_rows
from rooted_desktop.store.store import Store


@dataclass(frozen=True)
class DraftRecord:
    key: str
    title: str
    updated_at: datetime
    payload: dict[str, Any]


class DraftService:
    def __init__(self, store: Store, bus: ChangeBus) -> None:
        self._store = store
        self._bus = bus

    def save(self, key: str, title: str, payload: dict[str, Any]) -> None:
        """One small committed transaction: once this returns, the text survives a crash."""
        with self._store.transaction() as session:
            draft_rows.put_draft(session, key, title, payload)

    def discard(self, key: str) -> None:
        with self._store.transaction() as session:
            draft_rows.delete_draft(session, key)
        self._bus.publish(Change.DRAFTS)

    def all(self) -> list[DraftRecord]:
        with self._store.reading() as session:
            return [DraftRecord(*row) for row in draft_rows.list_drafts(session)]

    def get(self, key: str) -> DraftRecord | None:
        return next((d for d in self.all() if d.key == key), None)
