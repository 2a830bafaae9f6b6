"""Drafts: text typed but not yet saved, kept so a crash loses nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from rooted_desktop.store.models import Draft


def put_draft(session: Session, key: str, title: str, payload: dict[str, Any]) -> None:
    row = session.get(Draft, key) or Draft(key=key, updated_at=datetime.now(UTC))
    row.title = title
    row.payload_json = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    row.updated_at = datetime.now(UTC)
    session.add(row)


def delete_draft(session: Session, key: str) -> None:
    row = session.get(Draft, key)
    if row is not None:
        session.delete(row)


def list_drafts(session: Session) -> list[tuple[str, str, datetime, dict[str, Any]]]:
    rows = session.exec(select(Draft).order_by(col(Draft.updated_at).desc()))
    return [(r.key, r.title, r.updated_at, json.loads(r.payload_json)) for r in rows]
