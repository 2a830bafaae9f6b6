"""Program years: which one the coach is working in."""

from __future__ import annotations

from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.services.clock import Clock
from rooted_desktop.store import providers as provider_rows
from rooted_desktop.store import years as year_rows
from rooted_desktop.store.store import Store

SELECTED_YEAR_KEY = "selected_program_year"


class YearService:
    def __init__(self, store: Store, bus: ChangeBus, *, guide_id: str, clock: Clock) -> None:
        self._store = store
        self._bus = bus
        self._guide_id = guide_id
        self._clock = clock

    def current(self) -> ProgramYear:
        """The year the coach chose, or the one containing today."""
        with self._store.reading() as session:
            chosen = year_rows.get_setting(session, SELECTED_YEAR_KEY)
        if isinstance(chosen, int):
            return ProgramYear(chosen)
        return ProgramYear.containing(self._clock())

    def current_year_id(self) -> int:
        """The row id of the current year, creating the row on first use."""
        start_year, guide_id = self.enrolment()
        with self._store.transaction() as session:
            return year_rows.ensure_year_id(session, start_year, guide_id, self._clock())

    def enrolment(self) -> tuple[int, str]:
        """The current year's start and guide, for a write that enrols a provider: it makes
        the year's row in its own transaction (``store.years.ensure_year_id``), so a refused
        write leaves no year row behind either."""
        return self.current().start_year, self._guide_id

    def years(self) -> list[ProgramYear]:
        with self._store.reading() as session:
            return [ProgramYear(row.start_year) for row in year_rows.list_years(session)]

    def start_next(self) -> ProgramYear:
        """Open the year after the newest one: active providers carry over and it is selected.

        Action plans belong to the provider, not the year, so open ones simply stay open.
        """
        known = self.years() or [self.current()]
        following = max(known).next()
        with self._store.transaction() as session:
            row = year_rows.ensure_year(
                session, following.start_year, self._guide_id, self._clock()
            )
            assert row.id is not None
            for provider in provider_rows.list_providers(session, active_only=True):
                provider_rows.enroll(session, provider.id, row.id)
            year_rows.put_setting(session, SELECTED_YEAR_KEY, following.start_year)
        self._bus.publish(Change.SETTINGS, Change.PROVIDERS)
        return following

    def select(self, year: ProgramYear) -> None:
        with self._store.transaction() as session:
            year_rows.ensure_year(session, year.start_year, self._guide_id, self._clock())
            year_rows.put_setting(session, SELECTED_YEAR_KEY, year.start_year)
        self._bus.publish(Change.SETTINGS)
