"""Program years (July–June) and their calendar months."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

PROGRAM_YEAR_START_MONTH = 7  # July


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1-12, not {self.month}")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM``."""
        try:
            year_text, month_text = text.strip().split("-")
            if len(year_text) != 4 or len(month_text) != 2:
                raise ValueError
            return cls(int(year_text), int(month_text))
        except ValueError:
            raise ValueError(f"'{text}' is not a month written as YYYY-MM") from None

    # Cached: a dashboard asks each of these once per provider.
    @cached_property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @cached_property
    def last_day(self) -> date:
        return date(self.year, self.month, self.days)

    @cached_property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"

    def contains(self, day: date) -> bool:
        return (day.year, day.month) == (self.year, self.month)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, order=True)
class ProgramYear:
    """A program year, named by the calendar year it starts in: 2025 is 2025-07-01 … 2026-06-30."""

    start_year: int

    @classmethod
    def containing(cls, day: date) -> ProgramYear:
        start = day.year if day.month >= PROGRAM_YEAR_START_MONTH else day.year - 1
        return cls(start)

    @classmethod
    def parse(cls, label: str) -> ProgramYear:
        """Read ``2025-26`` (or ``2025``)."""
        text = label.strip()
        try:
            first, _, second = text.partition("-")
            start = int(first)
            if second and (int(second) % 100) != (start + 1) % 100:
                raise ValueError
            if len(first) != 4:
                raise ValueError
        except ValueError:
            raise ValueError(f"'{label}' is not a program year written as 2025-26") from None
        return cls(start)

    @property
    def first_day(self) -> date:
        return date(self.start_year, PROGRAM_YEAR_START_MONTH, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, PROGRAM_YEAR_START_MONTH, 1) - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def months(self) -> list[Month]:
        month = Month.of(self.first_day)
        result = []
        for _ in range(12):
            result.append(month)
            month = month.next()
        return result

    def month_of(self, calendar_month: int) -> Month:
        """The month of this program year with the given calendar number (9 -> September)."""
        year = (
            self.start_year if calendar_month >= PROGRAM_YEAR_START_MONTH else self.start_year + 1
        )
        return Month(year, calendar_month)

    def date_of(self, calendar_month: int, day: int) -> date:
        """The date in this program year with the given month and day (9, 30 -> Sept 30)."""
        month = self.month_of(calendar_month)
        return date(month.year, month.month, min(day, month.days))

    def contains(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    def next(self) -> ProgramYear:
        return ProgramYear(self.start_year + 1)

    def previous(self) -> ProgramYear:
        return ProgramYear(self.start_year - 1)

    def __str__(self) -> str:
        return self.label


SUNDAY = 6  # date.weekday()


def grid_range(month: Month, first_weekday: int = SUNDAY) -> tuple[date, date]:
    """The first and last of the 42 days a six-week month grid shows (as QCalendarWidget
    lays it out: a month that begins on the grid's first weekday starts in the second row)."""
    offset = (month.first_day.weekday() - first_weekday) % 7 or 7
    first = month.first_day - timedelta(days=offset)
    return first, first + timedelta(days=41)
