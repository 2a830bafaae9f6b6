"""Aggregate queries for the dashboard: a few statements per month, whatever the history."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, case, func
from sqlalchemy import select as columns_select
from sqlmodel import Session, col

from rooted_desktop.core.vocab import SessionStatus
from rooted_desktop.store.models import CoachingSession, MonthChecklistItem, Provider

COMPLETED = SessionStatus.COMPLETED.value
PLANNED = SessionStatus.PLANNED.value


# The dashboard runs these on every refresh: each statement is built once (building one
# costs more than running it) and the dates are bound at each call.
_STATUS, _MINUTES, _DAY = (
    col(CoachingSession.status),
    col(CoachingSession.minutes),
    col(CoachingSession.date),
)
_FIRST: Any = bindparam("first")
_LAST: Any = bindparam("last")
_TODAY: Any = bindparam("today")
_MINUTES_BY_PROVIDER = (
    columns_select(
        col(CoachingSession.provider_id),
        func.sum(case((_STATUS == COMPLETED, _MINUTES), else_=0)),
        func.sum(case((_STATUS == PLANNED, _MINUTES), else_=0)),
        func.sum(case((and_(_STATUS == PLANNED, _DAY >= _TODAY), _MINUTES), else_=0)),
    )
    .where(_DAY.between(_FIRST, _LAST))
    .group_by(col(CoachingSession.provider_id))
)

_CMS_BACKLOG = (
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
    .limit(bindparam("limit"))
)

_CHECKLIST = columns_select(
    col(MonthChecklistItem.item_key), col(MonthChecklistItem.done_on)
).where(
    col(MonthChecklistItem.program_year_id) == bindparam("year_id"),
    col(MonthChecklistItem.month) == bindparam("month"),
)


def minutes_by_provider(
    session: Session, first_day: date, last_day: date, today: date
) -> dict[int, tuple[int, int, int]]:
    """provider id -> (completed, planned, planned from today) minutes, in one GROUP BY."""
    params = {"first": first_day, "last": last_day, "today": today}
    # Through the connection, fetched at once: plain rows, no ORM loading, no row-by-row fetch.
    rows = session.connection().execute(_MINUTES_BY_PROVIDER, params).all()
    return {pid: (int(done), int(planned), int(upcoming)) for pid, done, planned, upcoming in rows}


_CMS_BACKLOG_COUNT = (
    columns_select(func.count())
    .select_from(CoachingSession)
    .where(
        col(CoachingSession.status) == COMPLETED,
        col(CoachingSession.cms_entered_on).is_(None),
    )
)


def cms_backlog_count(session: Session) -> int:
    """How many completed sessions wait for CMS in all (the list shows the oldest only)."""
    return int(session.connection().execute(_CMS_BACKLOG_COUNT).scalar_one())


def cms_backlog(session: Session, *, limit: int = 200) -> list[tuple[int, str, date, int]]:
    """Completed sessions not yet entered in CMS, oldest first: (id, provider, date, minutes)."""
    rows = session.connection().execute(_CMS_BACKLOG, {"limit": limit}).all()
    return [(sid, name, day, minutes) for sid, name, day, minutes in rows if sid is not None]


def checklist(session: Session, year_id: int, month_key: str) -> dict[str, date]:
    params = {"year_id": year_id, "month": month_key}
    return {key: done_on for key, done_on in session.connection().execute(_CHECKLIST, params)}


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
