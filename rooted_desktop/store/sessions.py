"""Coaching session rows: indexed queries, writes, and the sums dosage needs."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import String, and_, bindparam, case, func, or_
from sqlalchemy import select as columns_select
from sqlmodel import Session, col, select

from rooted_desktop.core.records import SectionNote, SessionListItem, SessionRecord
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.text import sort_key
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.store.models import CoachingSession, Provider


@dataclass(frozen=True)
class SessionQuery:
    provider_id: int | None = None
    first_day: date | None = None
    last_day: date | None = None
    status: SessionStatus | None = None
    not_in_cms: bool = False
    text: str = ""


def sections_to_json(sections: Iterable[SectionNote]) -> str:
    return json.dumps(
        [
            {
                "key": s.key,
                "title": s.title,
                "prompt": s.prompt,
                "field": s.field,
                "shareable": s.shareable,
                # Bound sections keep their text in the session's own column.
                "text": "" if s.field else s.text,
            }
            for s in sections
        ],
        ensure_ascii=False,
    )


def sections_from_json(text: str, row: CoachingSession) -> tuple[SectionNote, ...]:
    notes = []
    for item in json.loads(text or "[]"):
        bound = item.get("field")
        notes.append(
            SectionNote(
                key=item["key"],
                title=item.get("title", item["key"]),
                prompt=item.get("prompt", ""),
                field=bound,
                shareable=bool(item.get("shareable", False)),
                text=getattr(row, bound) if bound else item.get("text", ""),
            )
        )
    return tuple(notes)


def to_record(row: CoachingSession, provider_name: str) -> SessionRecord:
    assert row.id is not None
    return SessionRecord(
        id=row.id,
        uid=row.uid,
        provider_id=row.provider_id,
        provider_name=provider_name,
        day=row.date,
        start_time=row.start_time,
        minutes=row.minutes,
        mode=Mode(row.mode),
        status=SessionStatus(row.status),
        sections=sections_from_json(row.sections_json, row),
        strategies=tuple(json.loads(row.strategies_json or "[]")),
        focus=row.focus,
        strengths=row.strengths,
        next_steps=row.next_steps,
        joint_plan=row.joint_plan,
        coach_notes=row.coach_notes,
        feedback_sent_on=row.feedback_sent_on,
        cms_entered_on=row.cms_entered_on,
    )


def get_session(session: Session, session_id: int) -> SessionRecord | None:
    found = session.exec(
        select(CoachingSession, Provider.name)
        .join(Provider, col(Provider.id) == CoachingSession.provider_id)
        .where(col(CoachingSession.id) == session_id)
    ).first()
    return None if found is None else to_record(found[0], found[1])


# Only the columns the Sessions table shows.
_LIST_COLUMNS = (
    col(CoachingSession.id),
    col(CoachingSession.provider_id),
    col(Provider.name),
    col(CoachingSession.date),
    col(CoachingSession.start_time),
    col(CoachingSession.minutes),
    col(CoachingSession.mode),
    col(CoachingSession.status),
    col(CoachingSession.focus),
    col(CoachingSession.cms_entered_on),
    col(CoachingSession.feedback_sent_on),
)


def list_sessions(session: Session, query: SessionQuery) -> list[SessionListItem]:
    """Only the columns the Sessions table shows, filtered in SQL over indexed columns."""
    text = query.text.strip()
    values: dict[str, Any] = {
        "provider_id": query.provider_id,
        "first": query.first_day,
        "last": query.last_day,
        "status": query.status.value if query.status is not None else None,
        "pattern": "%" + _escape_like(sort_key(text)) + "%" if text else None,
    }
    params = {name: value for name, value in values.items() if value is not None}
    statement = _list_statement(frozenset(params), query.not_in_cms)
    return [
        SessionListItem(
            id=sid,
            provider_id=pid,
            provider_name=name,
            day=day,
            start_time=start,
            minutes=minutes,
            mode=_MODES[mode],
            status=_STATUSES[status],
            focus=focus,
            cms_entered_on=cms,
            feedback_sent_on=feedback,
        )
        for sid, pid, name, day, start, minutes, mode, status, focus, cms, feedback in (
            session.connection().execute(statement, params).all()  # plain rows, fetched at once
        )
    ]


# Dictionary lookups: faster than calling the Enum for each of a month's rows.
_MODES = {mode.value: mode for mode in Mode}
_STATUSES = {status.value: status for status in SessionStatus}


@lru_cache(maxsize=64)
def _list_statement(filters: frozenset[str], not_in_cms: bool) -> Any:
    """The statement for one combination of filters, built once; values are bound per call."""
    statement = columns_select(*_LIST_COLUMNS).join(
        Provider, col(Provider.id) == CoachingSession.provider_id
    )
    if "provider_id" in filters:
        statement = statement.where(col(CoachingSession.provider_id) == bindparam("provider_id"))
    if "first" in filters:
        statement = statement.where(col(CoachingSession.date) >= bindparam("first"))
    if "last" in filters:
        statement = statement.where(col(CoachingSession.date) <= bindparam("last"))
    if "status" in filters:
        statement = statement.where(col(CoachingSession.status) == bindparam("status"))
    if not_in_cms:
        statement = statement.where(
            col(CoachingSession.status) == SessionStatus.COMPLETED.value,
            col(CoachingSession.cms_entered_on).is_(None),
        )
    if "pattern" in filters:
        searched = (
            Provider.name,
            CoachingSession.focus,
            CoachingSession.strengths,
            CoachingSession.next_steps,
            CoachingSession.joint_plan,
            CoachingSession.coach_notes,
            CoachingSession.sections_json,
        )
        pattern = bindparam("pattern", type_=String)
        statement = statement.where(
            or_(*(func.fold(col(column)).like(pattern, escape="\\") for column in searched))
        )
    return statement.order_by(
        col(CoachingSession.date).desc(), col(CoachingSession.start_time).desc()
    )


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _apply(row: CoachingSession, data: SessionInput) -> None:
    assert data.provider_id is not None and data.day is not None and data.minutes is not None
    row.provider_id = data.provider_id
    row.date = data.day
    row.start_time = data.start_time
    row.minutes = data.minutes
    row.mode = data.mode.value
    row.status = data.status.value
    row.sections_json = sections_to_json(data.sections)
    row.strategies_json = json.dumps(list(data.strategies))
    bound = {note.field: note.text for note in data.sections if note.field}
    row.focus = bound.get("focus", data.focus)
    row.strengths = bound.get("strengths", data.strengths)
    row.next_steps = bound.get("next_steps", data.next_steps)
    row.joint_plan = bound.get("joint_plan", data.joint_plan)
    row.coach_notes = data.coach_notes
    row.cms_entered_on = data.cms_entered_on
    row.updated_at = datetime.now(UTC)


def insert_session(session: Session, data: SessionInput) -> CoachingSession:
    row = CoachingSession(
        uid=uuid.uuid4().hex,
        provider_id=0,
        date=date.min,
        minutes=0,
        mode="",
        status="",
        created_at=datetime.now(UTC),
    )
    _apply(row, data)
    session.add(row)
    session.flush()
    return row


def update_session(session: Session, row: CoachingSession, data: SessionInput) -> None:
    _apply(row, data)
    session.add(row)


def session_row(session: Session, session_id: int) -> CoachingSession | None:
    return session.get(CoachingSession, session_id)


def set_cms_entered(session: Session, ids: Iterable[int], on: date | None) -> int:
    """Only completed sessions go into CMS: planned and cancelled ones are left as they are."""
    rows = session.exec(
        select(CoachingSession).where(
            col(CoachingSession.id).in_(list(ids)),
            col(CoachingSession.status) == SessionStatus.COMPLETED.value,
        )
    )
    count = 0
    for row in rows:
        row.cms_entered_on = None if on is None else max(on, row.date)
        row.updated_at = datetime.now(UTC)
        session.add(row)
        count += 1
    return count


def month_minutes(
    session: Session, provider_id: int, first_day: date, last_day: date, today: date
) -> tuple[int, int, int]:
    """(completed, planned, planned from today) minutes of one provider in a date range."""
    completed = SessionStatus.COMPLETED.value
    planned = SessionStatus.PLANNED.value
    minutes = col(CoachingSession.minutes)
    status = col(CoachingSession.status)
    row = session.execute(
        columns_select(
            func.coalesce(func.sum(case((status == completed, minutes), else_=0)), 0),
            func.coalesce(func.sum(case((status == planned, minutes), else_=0)), 0),
            func.coalesce(
                func.sum(
                    case(
                        (and_(status == planned, col(CoachingSession.date) >= today), minutes),
                        else_=0,
                    )
                ),
                0,
            ),
        ).where(
            col(CoachingSession.provider_id) == provider_id,
            col(CoachingSession.date) >= first_day,
            col(CoachingSession.date) <= last_day,
        )
    ).one()
    return int(row[0]), int(row[1]), int(row[2])


def last_joint_plan(
    session: Session, provider_id: int, before: date, exclude_id: int | None
) -> tuple[date, str] | None:
    """The joint plan of the provider's latest completed session before ``before``."""
    statement = (
        columns_select(col(CoachingSession.date), col(CoachingSession.joint_plan))
        .where(
            col(CoachingSession.provider_id) == provider_id,
            col(CoachingSession.status) == SessionStatus.COMPLETED.value,
            col(CoachingSession.date) <= before,
            col(CoachingSession.joint_plan) != "",
        )
        .order_by(col(CoachingSession.date).desc(), col(CoachingSession.id).desc())
        .limit(1)
    )
    if exclude_id is not None:
        statement = statement.where(col(CoachingSession.id) != exclude_id)
    found = session.execute(statement).first()
    return None if found is None else (found[0], found[1])


def mark_feedback_sent(session: Session, session_id: int, when: datetime) -> None:
    row = session.get(CoachingSession, session_id)
    if row is not None:
        row.feedback_sent_on = when
        session.add(row)


def sessions_between(session: Session, first_day: date, last_day: date) -> list[SessionRecord]:
    """Full sessions in a date range, in a stable order (date, start, provider, id)."""
    rows = session.exec(
        select(CoachingSession, Provider.name)
        .join(Provider, col(Provider.id) == col(CoachingSession.provider_id))
        .where(col(CoachingSession.date) >= first_day, col(CoachingSession.date) <= last_day)
        .order_by(
            col(CoachingSession.date),
            col(CoachingSession.start_time),
            col(Provider.name),
            col(CoachingSession.id),
        )
    )
    return [to_record(row, name) for row, name in rows]
