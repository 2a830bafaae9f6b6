"""Data requirement and observation rows of a program year.

Reading a year takes one query for the requirements and one for the observations, each
joined with the providers' names, however many providers there are.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date

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
) -> list[RequirementRecord]:
    """The year's requirements (or just one) with provider names, in one query."""
    return [
        record
        for record, _setting, _age_group in requirements_with_providers(
            session, year_id, kinds, today, requirement_id=requirement_id
        )
    ]


def requirements_with_providers(
    session: Session,
    year_id: int,
    kinds: Mapping[str, RequirementKind],
    today: date,
    *,
    requirement_id: int | None = None,
) -> list[tuple[RequirementRecord, Setting | None, AgeGroup | None]]:
    """Each requirement with its provider's setting and age group (None for the coach's)."""
    query = (
        columns_select(
            DataRequirement,
            col(Provider.name),
            col(Provider.active),
            col(Provider.setting),
            col(Provider.age_group),
        )
        .join(Provider, col(Provider.id) == col(DataRequirement.provider_id), isouter=True)
        .where(col(DataRequirement.program_year_id) == year_id)
    )
    if requirement_id is not None:
        query = query.where(col(DataRequirement.id) == requirement_id)
    return [
        (
            _to_record(row, name or "", active is not False, kinds, today),
            Setting(setting) if setting else None,
            AgeGroup(age_group) if age_group else None,
        )
        for row, name, active, setting, age_group in session.execute(query)
    ]


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
    row: DataRequirement,
    provider_name: str,
    provider_active: bool,
    kinds: Mapping[str, RequirementKind],
    today: date,
) -> RequirementRecord:
    assert row.id is not None
    kind = kinds.get(row.kind) or RequirementKind(row.kind, row.kind, row.kind)
    status = RequirementStatus(row.status)
    return RequirementRecord(
        id=row.id,
        provider_id=row.provider_id,
        provider_name=provider_name,
        kind=row.kind,
        name=kind.name,
        short_name=kind.short_name,
        status=status,
        due_on=row.due_on,
        due_state=requirement_due_state(
            status, row.due_on, completed_on=row.completed_on, today=today
        ),
        started_on=row.started_on,
        completed_on=row.completed_on,
        entered_in_cms_on=row.entered_in_cms_on,
        notes=row.notes,
        optional=kind.optional,
        counts=kind.counts,
        observation=kind.observation,
        provider_active=provider_active,
        uid=row.uid,
        **{name: getattr(row, name) for name in ASQ_FIELDS},
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
