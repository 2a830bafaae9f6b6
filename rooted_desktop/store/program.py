"""PCMs with their attendees, reflective consultation and trainings: queries and writes.

A year's list is two queries (the rows, then every attendee of those rows joined to the
provider's name), however many rows there are. Counts are aggregated in SQL.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import cache
from typing import Any, TypeVar
from uuid import uuid4

from sqlalchemy import bindparam, delete, func
from sqlalchemy import select as columns_select
from sqlmodel import Session, col, select

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.program import (
    ConsultationInput,
    ConsultationRecord,
    MeetingInput,
    MeetingRecord,
    TrainingInput,
    TrainingRecord,
)
from rooted_desktop.core.text import sort_key
from rooted_desktop.core.vocab import TrainingRole
from rooted_desktop.store.models import (
    CollaborationMeeting,
    MeetingAttendee,
    Provider,
    ReflectiveConsultation,
    Training,
    TrainingAttendee,
)

_Item = TypeVar("_Item", CollaborationMeeting, ReflectiveConsultation, Training)
_People = dict[int, tuple[tuple[int, ...], tuple[str, ...]]]

# The columns a record and an input share by name (besides date, start and minutes).
MEETING_COLUMNS = ("held", "topic", "facilitator", "location", "next_topic_ideas",
                   "debrief_notes", "next_facilitator")  # fmt: skip
CONSULTATION_COLUMNS = ("attended", "notes")
TRAINING_COLUMNS = ("kind", "role", "held", "location", "implementation_notes")


# -- reading ------------------------------------------------------------------------------
def meetings_between(session: Session, first: date, last: date) -> list[MeetingRecord]:
    rows = _between(session, CollaborationMeeting, first, last)
    people = _people(session, CollaborationMeeting, _in(CollaborationMeeting, first, last))
    return [_meeting(row, people) for row in rows]


def consultations_between(session: Session, first: date, last: date) -> list[ConsultationRecord]:
    return [_consultation(row) for row in _between(session, ReflectiveConsultation, first, last)]


def trainings_between(session: Session, first: date, last: date) -> list[TrainingRecord]:
    rows = _between(session, Training, first, last)
    people = _people(session, Training, _in(Training, first, last))
    return [_training(row, people) for row in rows]


def meeting_record(session: Session, meeting_id: int) -> MeetingRecord | None:
    row = session.get(CollaborationMeeting, meeting_id)
    where = col(CollaborationMeeting.id) == meeting_id
    return None if row is None else _meeting(row, _people(session, CollaborationMeeting, where))


def consultation_record(session: Session, consultation_id: int) -> ConsultationRecord | None:
    row = session.get(ReflectiveConsultation, consultation_id)
    return None if row is None else _consultation(row)


def training_record(session: Session, training_id: int) -> TrainingRecord | None:
    row = session.get(Training, training_id)
    where = col(Training.id) == training_id
    return None if row is None else _training(row, _people(session, Training, where))


def _in(model: type[_Item], first: date, last: date) -> Any:
    return col(model.date).between(first, last)


def _between(session: Session, model: type[_Item], first: date, last: date) -> list[Any]:
    """The rows (read by column name, like the model) dated from ``first`` to ``last``."""
    # Through the connection, fetched at once: plain rows, no ORM loading, no row-by-row fetch.
    rows = session.connection().execute(_between_query(model), {"first": first, "last": last})
    return list(rows.all())


@cache
def _between_query(model: type[_Item]) -> Any:
    """Built once per table, of its columns (plain rows cost less than ORM objects); the
    dates are bound at each call."""
    table: Any = model.__table__  # type: ignore[attr-defined]
    query = columns_select(*table.columns)
    query = query.where(col(model.date).between(bindparam("first"), bindparam("last")))
    return query.order_by(col(model.date), col(model.start_time), col(model.id))


def _people(session: Session, model: type[CollaborationMeeting | Training], where: Any) -> _People:
    """Each item's attendees (ids, names) alphabetically, in one query for all the items."""
    link: Any = MeetingAttendee if model is CollaborationMeeting else TrainingAttendee
    key = col(link.pcm_id if model is CollaborationMeeting else link.training_id)
    query = (
        select(key, col(link.provider_id), col(Provider.name))
        .join(Provider, col(Provider.id) == col(link.provider_id))
        .join(model, col(model.id) == key)
        .where(where)
    )
    grouped: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for item_id, provider_id, name in session.exec(query):
        grouped[item_id].append((sort_key(name), provider_id, name))
    return {
        item_id: (tuple(p[1] for p in sorted(people)), tuple(p[2] for p in sorted(people)))
        for item_id, people in grouped.items()
    }


def _base(row: Any, columns: tuple[str, ...]) -> dict[str, Any]:
    """A model object's or a plain row's fields (both read by column name) for a record."""
    values = {name: getattr(row, name) for name in columns}
    return dict(id=row.id, uid=row.uid, day=row.date, start=row.start_time, minutes=row.minutes,
                **values)  # fmt: skip


def _meeting(row: CollaborationMeeting, people: _People) -> MeetingRecord:
    assert row.id is not None
    ids, names = people.get(row.id, ((), ()))
    base = _base(row, MEETING_COLUMNS)
    return MeetingRecord(**base, attendee_ids=ids, attendee_names=names)


def _consultation(row: ReflectiveConsultation) -> ConsultationRecord:
    return ConsultationRecord(**_base(row, CONSULTATION_COLUMNS))


def _training(row: Training, people: _People) -> TrainingRecord:
    assert row.id is not None
    ids, names = people.get(row.id, ((), ()))
    base = _base(row, TRAINING_COLUMNS) | {"role": TrainingRole(row.role)}
    return TrainingRecord(**base, attendee_ids=ids, attendee_names=names)


# -- writing ------------------------------------------------------------------------------
def get_meeting(session: Session, meeting_id: int) -> CollaborationMeeting | None:
    return session.get(CollaborationMeeting, meeting_id)


def get_consultation(session: Session, consultation_id: int) -> ReflectiveConsultation | None:
    return session.get(ReflectiveConsultation, consultation_id)


def get_training(session: Session, training_id: int) -> Training | None:
    return session.get(Training, training_id)


def save_meeting(
    session: Session, row: CollaborationMeeting | None, data: MeetingInput
) -> CollaborationMeeting:
    """Insert (row None, with a fresh uid) or update, replacing the attendee set."""
    row = _fill(
        session, row or CollaborationMeeting(date=_required(data.day)), data, MEETING_COLUMNS
    )
    session.execute(delete(MeetingAttendee).where(col(MeetingAttendee.pcm_id) == row.id))
    assert row.id is not None
    session.add_all(MeetingAttendee(pcm_id=row.id, provider_id=p) for p in data.attendee_ids)
    return row


def save_consultation(
    session: Session, row: ReflectiveConsultation | None, data: ConsultationInput
) -> ReflectiveConsultation:
    row = row or ReflectiveConsultation(date=_required(data.day))
    return _fill(session, row, data, CONSULTATION_COLUMNS)


def save_training(session: Session, row: Training | None, data: TrainingInput) -> Training:
    """Insert (row None, with a fresh uid) or update, replacing the attendee set."""
    row = _fill(
        session, row or Training(kind=data.kind, date=_required(data.day)), data, TRAINING_COLUMNS
    )
    session.execute(delete(TrainingAttendee).where(col(TrainingAttendee.training_id) == row.id))
    assert row.id is not None
    session.add_all(TrainingAttendee(training_id=row.id, provider_id=p) for p in data.attendee_ids)
    return row


def _fill(session: Session, row: _Item, data: Any, columns: tuple[str, ...]) -> _Item:
    """Copy the input into the row and flush it, so a new row has its id."""
    if not row.uid:
        row.uid = uuid4().hex
    row.date, row.start_time, row.minutes = data.day, data.start, data.minutes
    for name in columns:
        setattr(row, name, getattr(data, name))
    session.add(row)
    session.flush()
    return row


def _required(day: date | None) -> date:
    assert day is not None, "validated by the service"
    return day


def delete_row(session: Session, row: object) -> None:
    """Delete a PCM, RC or training; the database cascades the attendees."""
    session.delete(row)


def missing_providers(session: Session, provider_ids: tuple[int, ...]) -> list[int]:
    if not provider_ids:
        return []
    found = set(session.exec(select(Provider.id).where(col(Provider.id).in_(provider_ids))))
    return [pid for pid in provider_ids if pid not in found]


# -- counts -------------------------------------------------------------------------------
# The dashboard asks for these on every refresh: each statement is built once, and the
# dates are bound at each call (building a statement costs more than running it).
_FIRST: Any = bindparam("first")
_LAST: Any = bindparam("last")
_TODAY: Any = bindparam("today")

_PCM_COUNTS = select(
    func.count().filter(col(CollaborationMeeting.held).is_(True)),
    func.count().filter(
        col(CollaborationMeeting.held).is_(False), col(CollaborationMeeting.date) >= _TODAY
    ),
).where(col(CollaborationMeeting.date).between(_FIRST, _LAST))

_RC_MONTH = func.strftime("%Y-%m", col(ReflectiveConsultation.date))
_RC_ATTENDED_MONTHS = (
    select(_RC_MONTH)
    .where(
        col(ReflectiveConsultation.attended).is_(True),
        col(ReflectiveConsultation.date).between(_FIRST, _LAST),
    )
    .group_by(_RC_MONTH)
)

_RC_NEXT_PLANNED = select(func.min(ReflectiveConsultation.date)).where(
    col(ReflectiveConsultation.attended).is_(False),
    col(ReflectiveConsultation.date).between(_TODAY, _LAST),
)

_TRAINING_HELD = col(Training.held).is_(True)
_TRAINING_PROGRESS = (
    select(
        col(Training.kind),
        func.count().filter(_TRAINING_HELD),
        func.max(Training.date).filter(_TRAINING_HELD),
        func.min(Training.date).filter(col(Training.held).is_(False), col(Training.date) >= _TODAY),
    )
    .where(col(Training.date).between(_FIRST, _LAST))
    .group_by(col(Training.kind))
)


def pcm_counts(session: Session, first: date, last: date, today: date) -> tuple[int, int]:
    """(held, not held and dated from today on) in the date range, in one aggregate query."""
    params = {"first": first, "last": last, "today": today}
    done, planned = session.connection().execute(_PCM_COUNTS, params).one()
    return int(done), int(planned)


def rc_attended_months(session: Session, first: date, last: date) -> set[Month]:
    """The months with an attended RC, grouped in SQL."""
    rows = session.connection().execute(_RC_ATTENDED_MONTHS, {"first": first, "last": last})
    return {Month.parse(key) for key in rows.scalars().all()}


def rc_next_planned(session: Session, today: date, last: date) -> date | None:
    """The first RC not yet attended, from today to the end of the year."""
    params = {"today": today, "last": last}
    return _day(session.connection().execute(_RC_NEXT_PLANNED, params).scalar_one())


def training_progress(
    session: Session, first: date, last: date, today: date
) -> dict[str, tuple[int, date | None, date | None]]:
    """Per kind: (held count, last held date, first not-held date from today on)."""
    params = {"first": first, "last": last, "today": today}
    rows = session.connection().execute(_TRAINING_PROGRESS, params).all()
    return {kind: (int(count), _day(done), _day(next_)) for kind, count, done, next_ in rows}


def _day(value: date | str | None) -> date | None:
    """Aggregates over a date column may come back as ISO text from SQLite."""
    return date.fromisoformat(value) if isinstance(value, str) else value
