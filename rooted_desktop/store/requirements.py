"""Data requirement and observation rows of a program year.

Reading a year takes one query for the requirements and one for the observations, each
joined with the providers' names, however many providers there are.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, or_
from sqlalchemy import select as columns_select
from sqlmodel import Session, col, select

from rooted_desktop.core.requirements import (
    ASQ_FIELDS,
    ObservationInput,
    ObservationRecord,
    RequirementInput,
    RequirementKind,
    RequirementRecord,
    requirement_due_state,
)
from rooted_desktop.core.vocab import AgeGroup, RequirementStatus, Setting
from rooted_desktop.store.bulk import bulk_insert
from rooted_desktop.store.models import DataRequirement, Enrollment, Observation, Provider

# What each provider (None: the coach) owes in a year: (requirement key, due date) pairs.
Wanted = Mapping[int | None, Sequence[tuple[str, date]]]

# Every column of the table, for a plain SELECT (a row reads like the ORM object, by name).
_REQUIREMENT_COLUMNS = tuple(DataRequirement.__table__.columns)  # type: ignore[attr-defined]
_AT = {column.name: number for number, column in enumerate(_REQUIREMENT_COLUMNS)}
_PROVIDER_AT = len(_REQUIREMENT_COLUMNS)  # then the provider's name, active, setting, age
# Dictionary lookups: faster than calling the Enum for every row.
_STATUSES = {status.value: status for status in RequirementStatus}
_SETTINGS = {setting.value: setting for setting in Setting}
_AGE_GROUPS = {group.value: group for group in AgeGroup}


def new_uid() -> str:
    return uuid.uuid4().hex


# -- requirements --------------------------------------------------------------------------
def enrolled_providers(session: Session, year_id: int) -> list[tuple[int, Setting, AgeGroup]]:
    """Active providers enrolled in the year, with what decides their requirements."""
    rows = session.exec(
        select(Provider.id, Provider.setting, Provider.age_group)
        .join(Enrollment, col(Enrollment.provider_id) == col(Provider.id))
        .where(col(Enrollment.program_year_id) == year_id, col(Provider.active).is_(True))
    )
    return [(pid, Setting(setting), AgeGroup(age)) for pid, setting, age in rows if pid]


def ensure_rows(session: Session, year_id: int, wanted: Wanted) -> int:
    """Insert the wanted rows the year lacks, in one statement; existing rows stay as they are.

    Returns how many rows were inserted. (The unique constraint cannot catch a second
    coach-level row, SQLite treating NULLs as distinct, so existing keys are read first.)
    """
    have = set(
        session.exec(
            select(DataRequirement.provider_id, DataRequirement.kind).where(
                col(DataRequirement.program_year_id) == year_id
            )
        )
    )
    rows = [
        {
            "uid": new_uid(),
            "program_year_id": year_id,
            "provider_id": provider_id,
            "kind": kind,
            "status": RequirementStatus.NOT_STARTED.value,
            "due_on": due_on,
            "notes": "",
        }
        for provider_id, specs in wanted.items()
        for kind, due_on in specs
        if (provider_id, kind) not in have
    ]
    bulk_insert(session, DataRequirement, rows)
    return len(rows)


def requirement_records(
    session: Session,
    year_id: int,
    kinds: Mapping[str, RequirementKind],
    today: date,
    *,
    requirement_id: int | None = None,
    open_due_by: date | None = None,
) -> list[RequirementRecord]:
    """The year's requirements (or just one) with provider names, in one query."""
    rows = _requirement_rows(session, year_id, requirement_id, open_due_by)
    at = _PROVIDER_AT
    return [_to_record(row, row[at] or "", row[at + 1] is not False, kinds, today) for row in rows]


def requirements_with_providers(
    session: Session,
    year_id: int,
    kinds: Mapping[str, RequirementKind],
    today: date,
    *,
    requirement_id: int | None = None,
    open_due_by: date | None = None,
) -> list[tuple[RequirementRecord, Setting | None, AgeGroup | None]]:
    """Each requirement with its provider's setting and age group (None for the coach's).

    ``open_due_by``: only items not started or in progress, due by that day, of active
    providers or the coach (the dashboard's list), filtered here rather than in Python.
    """
    found = []
    for row in _requirement_rows(session, year_id, requirement_id, open_due_by):
        name, active, setting, age_group = row[_PROVIDER_AT:]
        record = _to_record(row, name or "", active is not False, kinds, today)
        found.append((record, _SETTINGS.get(setting), _AGE_GROUPS.get(age_group)))
    return found


def _requirement_rows(
    session: Session, year_id: int, requirement_id: int | None, open_due_by: date | None
) -> Sequence[Any]:
    params: dict[str, Any] = {"year_id": year_id}
    if requirement_id is not None:
        params["requirement_id"] = requirement_id
    if open_due_by is not None:
        params["due_by"] = open_due_by
    query = _requirements_query(requirement_id is not None, open_due_by is not None)
    # Plain rows through the connection, fetched at once (no ORM loading, no row-by-row).
    return session.connection().execute(query, params).all()


@lru_cache(maxsize=4)
def _requirements_query(one: bool, open_due: bool) -> Any:
    """Built once per shape; the values are bound at each call. Columns, not ORM objects: a
    dashboard reads a couple of hundred of these at a time."""
    query = (
        columns_select(
            *_REQUIREMENT_COLUMNS,
            col(Provider.name).label("provider_name"),
            col(Provider.active).label("provider_active"),
            col(Provider.setting).label("provider_setting"),
            col(Provider.age_group).label("provider_age_group"),
        )
        .join(Provider, col(Provider.id) == col(DataRequirement.provider_id), isouter=True)
        .where(col(DataRequirement.program_year_id) == bindparam("year_id"))
    )
    if one:
        query = query.where(col(DataRequirement.id) == bindparam("requirement_id"))
    if open_due:
        query = query.where(
            col(DataRequirement.due_on) <= bindparam("due_by"),
            col(DataRequirement.status).in_(
                (RequirementStatus.NOT_STARTED.value, RequirementStatus.IN_PROGRESS.value)
            ),
            or_(col(DataRequirement.provider_id).is_(None), col(Provider.active).is_(True)),
        )
    return query


def requirement_record(
    session: Session, requirement_id: int, kinds: Mapping[str, RequirementKind], today: date
) -> RequirementRecord | None:
    row = session.get(DataRequirement, requirement_id)
    if row is None:
        return None
    found = requirement_records(
        session, row.program_year_id, kinds, today, requirement_id=requirement_id
    )
    return found[0] if found else None


def _to_record(
    row: Any,  # a row of _REQUIREMENT_COLUMNS
    provider_name: str,
    provider_active: bool,
    kinds: Mapping[str, RequirementKind],
    today: date,
) -> RequirementRecord:
    # By position: a dashboard makes a couple of hundred of these at once.
    value = row.__getitem__
    key, due_on, completed_on = value(_AT["kind"]), value(_AT["due_on"]), value(_AT["completed_on"])
    kind = kinds.get(key) or RequirementKind(key, key, key)
    status = _STATUSES[value(_AT["status"])]
    return RequirementRecord(
        id=value(_AT["id"]),
        provider_id=value(_AT["provider_id"]),
        provider_name=provider_name,
        kind=key,
        name=kind.name,
        short_name=kind.short_name,
        status=status,
        due_on=due_on,
        due_state=requirement_due_state(status, due_on, completed_on=completed_on, today=today),
        started_on=value(_AT["started_on"]),
        completed_on=completed_on,
        entered_in_cms_on=value(_AT["entered_in_cms_on"]),
        notes=value(_AT["notes"]),
        optional=kind.optional,
        counts=kind.counts,
        observation=kind.observation,
        provider_active=provider_active,
        uid=value(_AT["uid"]),
        asq_distributed=value(_AT["asq_distributed"]),
        asq_returned=value(_AT["asq_returned"]),
        asq_scored=value(_AT["asq_scored"]),
        asq_entered=value(_AT["asq_entered"]),
        asq_followups=value(_AT["asq_followups"]),
    )


def get_requirement(session: Session, requirement_id: int) -> DataRequirement | None:
    return session.get(DataRequirement, requirement_id)


def find_requirement(
    session: Session, year_id: int, provider_id: int, kind: str
) -> DataRequirement | None:
    return session.exec(
        select(DataRequirement).where(
            col(DataRequirement.program_year_id) == year_id,
            col(DataRequirement.provider_id) == provider_id,
            col(DataRequirement.kind) == kind,
        )
    ).first()


def mark_requirement(
    session: Session,
    row: DataRequirement,
    status: RequirementStatus,
    *,
    started_on: date | None,
    completed_on: date | None,
) -> None:
    """Move a requirement on by itself (an observation's debrief completes TPOT/TPITOS)."""
    row.status = status.value
    row.started_on = started_on
    row.completed_on = completed_on
    session.add(row)


def update_requirement(session: Session, row: DataRequirement, data: RequirementInput) -> None:
    row.status = data.status.value
    row.started_on = data.started_on
    row.completed_on = data.completed_on
    row.entered_in_cms_on = data.entered_in_cms_on
    for name in ASQ_FIELDS:
        setattr(row, name, getattr(data, name))
    row.notes = data.notes
    session.add(row)


# -- observations --------------------------------------------------------------------------
def observation_records(
    session: Session, year_id: int, *, observation_id: int | None = None
) -> list[ObservationRecord]:
    """The year's observations (or just one) with provider names, in one query."""
    query = (
        select(Observation, Provider.name)
        .join(Provider, col(Provider.id) == col(Observation.provider_id))
        .where(col(Observation.program_year_id) == year_id)
    )
    if observation_id is not None:
        query = query.where(col(Observation.id) == observation_id)
    return [_to_observation(row, name) for row, name in session.exec(query)]


def observation_record(session: Session, observation_id: int) -> ObservationRecord | None:
    row = session.get(Observation, observation_id)
    if row is None:
        return None
    found = observation_records(session, row.program_year_id, observation_id=observation_id)
    return found[0] if found else None


def _to_observation(row: Observation, provider_name: str) -> ObservationRecord:
    assert row.id is not None
    return ObservationRecord(
        id=row.id,
        uid=row.uid,
        provider_id=row.provider_id,
        provider_name=provider_name,
        tool=row.tool,
        observer=row.observer,
        scheduled_on=row.scheduled_on,
        completed_on=row.completed_on,
        debrief_on=row.debrief_on,
        debrief_strengths=row.debrief_strengths,
        debrief_next_steps=row.debrief_next_steps,
        start_time=row.start_time,
        program_year_id=row.program_year_id,
    )


def get_observation(session: Session, observation_id: int) -> Observation | None:
    return session.get(Observation, observation_id)


def provider_exists(session: Session, provider_id: int) -> bool:
    return session.get(Provider, provider_id) is not None


def insert_observation(session: Session, year_id: int, data: ObservationInput) -> Observation:
    row = Observation(
        uid=new_uid(), provider_id=data.provider_id, program_year_id=year_id, tool=data.tool
    )
    update_observation(session, row, data)
    session.flush()
    return row


def update_observation(session: Session, row: Observation, data: ObservationInput) -> None:
    row.provider_id = data.provider_id
    row.tool = data.tool
    row.observer = data.observer
    row.scheduled_on = data.scheduled_on
    row.start_time = data.start_time
    row.completed_on = data.completed_on
    row.debrief_on = data.debrief_on
    row.debrief_strengths = data.debrief_strengths
    row.debrief_next_steps = data.debrief_next_steps
    session.add(row)


def delete_observation(session: Session, row: Observation) -> None:
    session.delete(row)
