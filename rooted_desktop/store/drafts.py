"""Drafts: text typed but not yet saved, kept so a crash loses nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, func
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, col, select

from rooted_desktop.store.models import Draft

# Autosave runs this while the coach types: one statement, built once, that inserts the
# draft or updates it in place (no read first, no ORM object).
_UPSERT = insert(Draft).values(
    key=bindparam("key"),
    title=bindparam("title"),
    payload_json=bindparam("payload_json"),
    updated_at=bindparam("updated_at"),
)
_UPSERT = _UPSERT.on_conflict_do_update(
    index_elements=[col(Draft.key)],
    set_={
        "title": _UPSERT.excluded.title,
        "payload_json": _UPSERT.excluded.payload_json,
        "updated_at": _UPSERT.excluded.updated_at,
    },
)


def put_draft(session: Session, key: str, title: str, payload: dict[str, Any]) -> None:
    values = {
        "key": key,
        "title": title,
        "payload_json": json.dumps(payload, ensure_ascii=False, sort_keys=True),
        "updated_at": datetime.now(UTC),
    }
    session.connection().execute(_UPSERT, values)


def delete_draft(session: Session, key: str) -> None:
    row = session.get(Draft, key)
    if row is not None:
        session.delete(row)


_COUNT = select(func.count()).select_from(Draft)


def count_drafts(session: Session) -> int:
    """How many drafts wait, without reading (and parsing) their text."""
    return int(session.connection().execute(_COUNT).scalar_one())


def list_drafts(session: Session) -> list[tuple[str, str, datetime, dict[str, Any]]]:
    rows = session.exec(select(Draft).order_by(col(Draft.updated_at).desc()))
    return [(r.key, r.title, r.updated_at, json.loads(r.payload_json)) for r in rows]
