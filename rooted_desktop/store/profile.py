"""The coach's profile (one row)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from rooted_desktop.store.models import CoachProfile


def coach_name(session: Session) -> str:
    row = session.exec(select(CoachProfile).order_by(col(CoachProfile.id))).first()
    return row.name if row else ""
