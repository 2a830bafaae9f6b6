"""Aggregate queries for the dashboard: a few statements per month, whatever the history."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, case, func
from sqlalchemy import select as columns_select
from sqlmodel import Session, col, select

from rooted_desktop.core.vocab import SessionStatus
from rooted_desktop.store.models import CoachingSession, MonthChecklistItem, Provider

COMPLETED = SessionStatus.COMPLETED.value
PLANNED = SessionStatus.PLANNED.value


def minutes_by_provider(
    session: Session, first_day: date, last_day: date, today: date
) -> dict[int, tuple[int, int, int]]:
    """provider id -> (completed, planned, planned from today) minutes, in one GROUP BY."""
    status = col(CoachingSession.status)
    minutes = col(CoachingSession.minutes)
    day = col(CoachingSession.date)
    rows = session.execute(
        columns_select(
            col(CoachingSession.provider_id),
            func.sum(case((status == COMPLETED, minutes), else_=0)),
            func.sum(case((status == PLANNED, minutes), else_=0)),
            func.sum(case((and_(status == PLANNED, day >= today), minutes), else_=0)),
        )
        .where(day >= first_day, day <= last_day)
        .group_by(col(CoachingSession.provider_id))
    )
    return {pid: (int(done), int(planned), int(upcoming)) for pid, done, planned, upcoming in rows}


def cms_backlog(session: Session, *, limit: int = 200) -> list[tuple[int, str, date, int]]:
    """Completed sessions not yet entered in CMS, oldest first: (id, provider, date, minutes)."""
    rows = session.execute(
        columns_select(
            col(CoachingSession.id),
            col(Provider.name),
            col(CoachingSession.date),
            col(CoachingSession.minutes),
        )
        .join(Provider, col(Provider.id) == col(CoachingSession.provider_id))
        .where(
            col(CoachingSession.status) == COMPLETED,
            col(CoachingSession.cms_entered_on).is_(None),
        )
        .order_by(col(CoachingSession.date), col(CoachingSession.id))
        .limit(limit)
    )
    return [(sid, name, day, minutes) for sid, name, day, minutes in rows]


def checklist(session: Session, year_id: int, month_key: str) -> dict[str, date]:
    rows = session.exec(
        select(MonthChecklistItem).where(
            col(MonthChecklistItem.program_year_id) == year_id,
            col(MonthChecklistItem.month) == month_key,
        )
    )
    return {row.item_key: row.done_on for row in rows}


def set_checked(
    session: Session, year_id: int, month_key: str, item_key: str, done_on: date | None
) -> None:
    row = session.get(MonthChecklistItem, (year_id, month_key, item_key))
    if done_on is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(
            MonthChecklistItem(
                program_year_id=year_id, month=month_key, item_key=item_key, done_on=done_on
            )
        )
