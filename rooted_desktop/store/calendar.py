"""Calendar items of a date range: one indexed query per kind, six in all, whatever the history.

Each query reads only the columns a calendar shows (titles, names, times, status) and is
restricted by the kind's indexed date column, so a month costs the same six statements in
the first week of use and after ten years. Notes columns are never selected.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, String, and_, bindparam, literal_column, update
from sqlalchemy import select as columns_select
from sqlmodel import Session, col

from rooted_desktop.core import calendar_items as ci
from rooted_desktop.core.calendar_items import CalendarItem, ItemKind, ItemStatus
from rooted_desktop.core.vocab import Mode, RequirementStatus, SessionStatus, TrainingRole
from rooted_desktop.store.models import (
    CoachingSession,
    CollaborationMeeting,
    DataRequirement,
    Observation,
    Provider,
    ReflectiveConsultation,
    Training,
)

# The tables whose rows go to a calendar, each with its stable ``uid``.
UID_TABLES: tuple[Any, ...] = (
    CoachingSession,
    CollaborationMeeting,
    ReflectiveConsultation,
    Training,
    Observation,
    DataRequirement,
)

# Labels by stored value, looked up per row (a month has hundreds of visits); a visit in
# person says nothing of its mode.
_MODE_LABELS: dict[str, str | None] = {
    mode.value: None if mode is Mode.IN_PERSON else mode.label for mode in Mode
}
_VISIT_LABELS = {status.value: status.label for status in SessionStatus}
_DEADLINE_LABELS = {status.value: status.label for status in RequirementStatus}

# Requirements that no longer need doing are not deadlines.
_SETTLED = (RequirementStatus.DONE.value, RequirementStatus.NOT_APPLICABLE.value)


def items_between(
    session: Session,
    first_day: date,
    last_day: date,
    names: Mapping[str, str],
    *,
    training_names: Mapping[str, str] | None = None,
    today: date | None = None,
) -> list[CalendarItem]:
    """Every calendar item from ``first_day`` to ``last_day`` (both included), in day order.

    ``names`` maps a data requirement's key to its display name and ``training_names`` a
    training's key to its name (both from the guide, which the store does not load); an
    unknown key is shown as it is stored. Given ``today``, a consultation not attended yet
    that is still to come reads "Planned" rather than "Not attended".
    """
    # Core statements through the session's connection, fetched at once: plain rows, no ORM
    # loading, no row-by-row fetch (a six-week grid holds hundreds of items).
    connection = session.connection()
    items = [
        *_visits(connection, first_day, last_day),
        *_meetings(connection, first_day, last_day),
        *_consultations(connection, first_day, last_day, today),
        *_trainings(connection, first_day, last_day, training_names or {}),
        *_observations(connection, first_day, last_day),
        *_deadlines(connection, first_day, last_day, names),
    ]
    items.sort(key=CalendarItem.sort_key)
    return items


def _columns(model: Any, *names: str) -> Any:
    """SELECT only the named columns of ``model`` (never its notes)."""
    return columns_select(*(col(getattr(model, name)) for name in names))


# Each kind's statement is built once (building one costs more than running it); the
# range is bound at each call.
_FIRST: Any = bindparam("first")
_LAST: Any = bindparam("last")


def _in_range(column: Any) -> Any:
    return and_(col(column) >= _FIRST, col(column) <= _LAST)


def _range(first_day: date, last_day: date) -> dict[str, date]:
    return {"first": first_day, "last": last_day}


def _item(
    kind: ItemKind,
    source_id: int,
    uid: str,
    day: date,
    start: time | None,
    minutes: int | None,
    title: str,
    status: str,
    provider: tuple[int | None, str] = (None, ""),
) -> CalendarItem:
    return CalendarItem(
        kind=kind,
        uid=uid,
        day=day,
        start=start,
        minutes=minutes,
        title=title,
        provider_id=provider[0],
        provider_name=provider[1],
        status_label=str(status),
        source_id=source_id,
        all_day=start is None or kind is ItemKind.DEADLINE,
    )


_VISITS = (
    _columns(
        CoachingSession, "id", "uid", "provider_id", "date", "start_time", "minutes", "mode",
        "status",
    )
    .add_columns(col(Provider.name))
    .join(Provider, col(Provider.id) == col(CoachingSession.provider_id))
    .where(_in_range(CoachingSession.date))
)  # fmt: skip


def _visits(connection: Connection, first_day: date, last_day: date) -> list[CalendarItem]:
    rows = connection.execute(_VISITS, _range(first_day, last_day)).all()
    # Made here rather than through _item: there are hundreds of them.
    return [
        CalendarItem(ItemKind.VISIT, uid, on, start, minutes,
                     ci.visit_title(name, _MODE_LABELS[mode]), pid, name, _VISIT_LABELS[status],
                     sid, start is None)
        for sid, uid, pid, on, start, minutes, mode, status, name in rows
    ]  # fmt: skip


_MEETINGS = _columns(
    CollaborationMeeting, "id", "uid", "date", "start_time", "minutes", "held", "topic"
).where(_in_range(CollaborationMeeting.date))


def _meetings(connection: Connection, first_day: date, last_day: date) -> list[CalendarItem]:
    rows = connection.execute(_MEETINGS, _range(first_day, last_day)).all()
    return [
        _item(ItemKind.PCM, mid, uid, on, start, minutes, ci.pcm_title(topic),
              ItemStatus.HELD if held else ItemStatus.PLANNED)
        for mid, uid, on, start, minutes, held, topic in rows
    ]  # fmt: skip


_CONSULTATIONS = _columns(
    ReflectiveConsultation, "id", "uid", "date", "start_time", "minutes", "attended"
).where(_in_range(ReflectiveConsultation.date))


def _consultations(
    connection: Connection, first_day: date, last_day: date, today: date | None
) -> list[CalendarItem]:
    rows = connection.execute(_CONSULTATIONS, _range(first_day, last_day)).all()
    return [
        _item(ItemKind.RC, rid, uid, on, start, minutes, ci.rc_title(),
              _rc_status(attended, on, today))
        for rid, uid, on, start, minutes, attended in rows
    ]  # fmt: skip


def _rc_status(attended: bool, day: date, today: date | None) -> ItemStatus:
    if attended:
        return ItemStatus.ATTENDED
    return ItemStatus.PLANNED if today is not None and day >= today else ItemStatus.NOT_ATTENDED


_TRAININGS = _columns(
    Training, "id", "uid", "kind", "date", "start_time", "minutes", "role", "held"
).where(_in_range(Training.date))


def _trainings(
    connection: Connection, first_day: date, last_day: date, names: Mapping[str, str]
) -> list[CalendarItem]:
    rows = connection.execute(_TRAININGS, _range(first_day, last_day)).all()
    return [
        _item(ItemKind.TRAINING, tid, uid, on, start, minutes,
              ci.training_title(names.get(key, key), trainer=role == TrainingRole.TRAINED),
              ItemStatus.HELD if held else ItemStatus.PLANNED)
        for tid, uid, key, on, start, minutes, role, held in rows
    ]  # fmt: skip


_OBSERVATIONS = (
    _columns(
        Observation, "id", "uid", "provider_id", "tool", "observer", "scheduled_on",
        "start_time", "completed_on",
    )
    .add_columns(col(Provider.name))
    .join(Provider, col(Provider.id) == col(Observation.provider_id))
    .where(_in_range(Observation.scheduled_on))
)  # fmt: skip


def _observations(connection: Connection, first_day: date, last_day: date) -> list[CalendarItem]:
    rows = connection.execute(_OBSERVATIONS, _range(first_day, last_day)).all()
    return [
        _item(ItemKind.OBSERVATION, oid, uid, on, start, None,
              ci.observation_title(tool, name, observer),
              ItemStatus.COMPLETED if completed else ItemStatus.SCHEDULED, (pid, name))
        for oid, uid, pid, tool, observer, on, start, completed, name in rows
    ]  # fmt: skip


_DEADLINES = (
    _columns(DataRequirement, "id", "uid", "kind", "provider_id", "status", "due_on")
    .add_columns(col(Provider.name))
    .outerjoin(Provider, col(Provider.id) == col(DataRequirement.provider_id))
    .where(_in_range(DataRequirement.due_on), col(DataRequirement.status).not_in(_SETTLED))
)


def _deadlines(
    connection: Connection, first_day: date, last_day: date, names: Mapping[str, str]
) -> list[CalendarItem]:
    """One all-day item per requirement row still to do; coach-level rows have no provider."""
    rows = connection.execute(_DEADLINES, _range(first_day, last_day)).all()
    return [  # all day, each (made here rather than through _item: there are many)
        CalendarItem(ItemKind.DEADLINE, uid, on, None, None,
                     ci.deadline_title(names.get(key, key), name), pid, name or "",
                     _DEADLINE_LABELS[status], did, True)
        for did, uid, key, pid, status, on, name in rows
    ]  # fmt: skip


# A random version-4 UUID as 32 hex digits, made by SQLite row by row, so one UPDATE per
# table fills every blank uid (the '4' is the version nibble, 8/9/a/b the RFC 4122 variant).
_NEW_UID_SQL = (
    "lower(hex(randomblob(6))) || '4' || substr(lower(hex(randomblob(2))), 2)"
    " || substr('89ab', (random() & 3) + 1, 1) || substr(lower(hex(randomblob(2))), 2)"
    " || lower(hex(randomblob(6)))"
)


def ensure_uids(session: Session) -> int:
    """Give every calendar row without a uid a new random one; return how many were filled.

    UIDs are stored, so an item keeps its UID across exports and a calendar that imports the
    file again updates the event instead of adding a copy.
    """
    filled = 0
    for model in UID_TABLES:
        statement = (
            update(model)
            .where(col(model.uid) == "")
            .values(uid=literal_column(_NEW_UID_SQL, String))
            .execution_options(synchronize_session=False)
        )
        result = cast(CursorResult[Any], session.execute(statement))
        filled += result.rowcount
    return filled
