"""Provider rows: the queries and writes the provider service needs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.core.text import sort_key
from rooted_desktop.core.vocab import AgeGroup, Setting
from rooted_desktop.store.models import Enrollment, Provider


def to_record(row: Provider) -> ProviderRecord:
    assert row.id is not None
    return ProviderRecord(
        id=row.id,
        name=row.name,
        site=row.site,
        setting=Setting(row.setting),
        age_group=AgeGroup(row.age_group),
        email=row.email,
        phone=row.phone,
        active=row.active,
        notes=row.notes,
    )


def list_providers(session: Session, *, active_only: bool = False) -> list[ProviderRecord]:
    query = select(Provider)
    if active_only:
        query = query.where(col(Provider.active).is_(True))
    # Sorted in Python: SQLite's lower() folds ASCII only, and Łukasz belongs with the Ls.
    rows = sorted(session.exec(query), key=lambda row: (sort_key(row.name), row.id or 0))
    return [to_record(row) for row in rows]


_ACTIVE_NAMES = select(Provider.id, Provider.name).where(col(Provider.active).is_(True))


def active_names(session: Session) -> list[tuple[int, str]]:
    """Active providers' ids and names, alphabetical: all a dashboard row needs of them."""
    rows = session.connection().execute(_ACTIVE_NAMES).all()  # plain rows: no ORM loading
    found = [(pid, name) for pid, name in rows if pid is not None]
    return sorted(found, key=lambda row: (sort_key(row[1]), row[0]))


def get_provider(session: Session, provider_id: int) -> Provider | None:
    return session.get(Provider, provider_id)


def find_by_name(session: Session, name: str) -> Provider | None:
    """Case-insensitive for every alphabet (SQLite's lower() only folds ASCII)."""
    provider_id = existing_names(session).get(name.casefold())
    return None if provider_id is None else session.get(Provider, provider_id)


def existing_names(session: Session) -> dict[str, int]:
    """Casefolded provider names to ids, for duplicate checks without a query per row."""
    rows = session.exec(select(Provider.id, Provider.name))
    return {name.casefold(): pid for pid, name in rows if pid is not None}


def count_providers(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(Provider)).one())


def insert_provider(
    session: Session, data: ProviderInput, *, created_on: date, program_year_id: int | None
) -> Provider:
    row = Provider(
        name=data.name,
        site=data.site,
        setting=data.setting,
        age_group=data.age_group,
        email=data.email,
        phone=data.phone,
        notes=data.notes,
        created_on=created_on,
        active=True,
    )
    session.add(row)
    session.flush()
    if program_year_id is not None:
        assert row.id is not None
        session.add(Enrollment(program_year_id=program_year_id, provider_id=row.id))
    return row


def update_provider(session: Session, row: Provider, data: ProviderInput) -> None:
    row.name = data.name
    row.site = data.site
    row.setting = data.setting
    row.age_group = data.age_group
    row.email = data.email
    row.phone = data.phone
    row.notes = data.notes
    session.add(row)


def enroll(session: Session, provider_id: int, program_year_id: int) -> None:
    if session.get(Enrollment, (program_year_id, provider_id)) is None:
        session.add(Enrollment(program_year_id=program_year_id, provider_id=provider_id))
