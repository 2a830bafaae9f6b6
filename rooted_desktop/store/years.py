"""Program year rows and the small key/value settings table."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from rooted_desktop.store.models import ProgramYearRow, SettingRow

# Built once: every page refresh looks its year up.
_YEAR_ROW = select(ProgramYearRow).where(ProgramYearRow.start_year == bindparam("start_year"))


def year_row(session: Session, start_year: int) -> ProgramYearRow | None:
    return session.exec(_YEAR_ROW, params={"start_year": start_year}).first()


_YEAR_ID = select(ProgramYearRow.id).where(ProgramYearRow.start_year == bindparam("start_year"))


def year_id(session: Session, start_year: int) -> int | None:
    """The year's row id, or None before the year has one (a plain row, no ORM object)."""
    found = session.connection().execute(_YEAR_ID, {"start_year": start_year}).first()
    return None if found is None else found[0]


def ensure_year(session: Session, start_year: int, guide_id: str, today: date) -> ProgramYearRow:
    row = year_row(session, start_year)
    if row is None:
        row = ProgramYearRow(start_year=start_year, guide_id=guide_id, started_on=today)
        session.add(row)
        session.flush()
    return row


def ensure_year_id(session: Session, start_year: int, guide_id: str, today: date) -> int:
    """The year's row id, the row made in the caller's transaction if it is new."""
    row = ensure_year(session, start_year, guide_id, today)
    assert row.id is not None  # flushed
    return row.id


def list_years(session: Session) -> list[ProgramYearRow]:
    return list(session.exec(select(ProgramYearRow).order_by(col(ProgramYearRow.start_year))))


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(SettingRow, key)
    return default if row is None else json.loads(row.value_json)


def put_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(SettingRow, key) or SettingRow(key=key, value_json="null")
    row.value_json = json.dumps(value, sort_keys=True)
    session.add(row)


def delete_setting(session: Session, key: str) -> None:
    row = session.get(SettingRow, key)
    if row is not None:
        session.delete(row)
