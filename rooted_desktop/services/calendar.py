"""The calendar: items of a date range for the month grid and day list, and the .ics export."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from rooted_desktop.core.calendar_items import CalendarItem
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.files import atomic_write_bytes
from rooted_desktop.guide.model import Guide
from rooted_desktop.reports.ics import render_ics
from rooted_desktop.services.clock import Clock, system_clock
from rooted_desktop.store import calendar as calendar_rows
from rooted_desktop.store.store import Store

DEFAULT_CALENDAR_NAME = "Rooted in Relationships coaching"


class CalendarService:
    def __init__(self, store: Store, guide: Guide, *, clock: Clock = system_clock) -> None:
        self._store = store
        self._clock = clock
        self._requirement_names = {spec.key: spec.name for spec in guide.requirements}
        self._training_names = {training.key: training.name for training in guide.trainings}

    def items(self, first_day: date, last_day: date) -> list[CalendarItem]:
        """Every item from ``first_day`` to ``last_day`` (both included): six queries."""
        _check_range(first_day, last_day)
        with self._store.reading() as session:
            return calendar_rows.items_between(
                session,
                first_day,
                last_day,
                self._requirement_names,
                training_names=self._training_names,
                today=self._clock(),
            )

    def items_by_day(self, first_day: date, last_day: date) -> dict[date, list[CalendarItem]]:
        """The same items grouped by day, in day order; days without items are left out."""
        by_day: dict[date, list[CalendarItem]] = {}
        for item in self.items(first_day, last_day):
            by_day.setdefault(item.day, []).append(item)
        return by_day

    def export_ics(
        self,
        path: Path,
        first_day: date,
        last_day: date,
        *,
        calendar_name: str = DEFAULT_CALENDAR_NAME,
        now: datetime | None = None,
    ) -> int:
        """Write the range's items to ``path`` as .ics (all or nothing); return the event count.

        Rows that never got a uid get one first, stored, so the next export keeps it.
        """
        _check_range(first_day, last_day)
        with self._store.transaction() as session:
            calendar_rows.ensure_uids(session)
            items = calendar_rows.items_between(
                session,
                first_day,
                last_day,
                self._requirement_names,
                training_names=self._training_names,
                today=self._clock(),
            )
        atomic_write_bytes(Path(path), render_ics(items, calendar_name=calendar_name, now=now))
        return len(items)


def _check_range(first_day: date, last_day: date) -> None:
    if last_day < first_day:
        raise UserError(f"The end date {last_day} is before the start date {first_day}.")
