"""Program year rows and the small key/value settings table."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from rooted_desktop.store.models import ProgramYearRow, SettingRow


def year_row(session: Session, start_year: int) -> ProgramYearRow | None:
    return session.exec(
        select(ProgramYearRow).where(ProgramYearRow.start_year == start_year)
    ).first()


def ensure_year(session: Session, start_year: int, guide_id: str, today: date) -> ProgramYearRow:
    row = year_row(session, start_year)
    if row is None:
        row = ProgramYearRow(start_year=start_year, guide_id=guide_id, started_on=today)
        session.add(row)
        session.flush()
    return row


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
