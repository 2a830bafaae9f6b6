"""The year plan's one query: every ticked follow-up of a program year, all months at once."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from rooted_desktop.store.models import MonthChecklistItem


def checklist_for_year(session: Session, year_id: int) -> dict[str, dict[str, date]]:
    """Month key (YYYY-MM) -> guide row key -> the day it was ticked."""
    rows = session.exec(
        select(MonthChecklistItem).where(col(MonthChecklistItem.program_year_id) == year_id)
    )
    ticked: dict[str, dict[str, date]] = {}
    for row in rows:
        ticked.setdefault(row.month, {})[row.item_key] = row.done_on
    return ticked
