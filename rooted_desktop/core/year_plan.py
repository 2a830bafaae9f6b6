"""The guide's plan for a whole program year, month by month, as a plain read model.

The dashboard shows one month's plan with its follow-ups as a checklist kept per month;
the year plan shows all twelve months grouped by the guide's periods, with the same
checklist state, so a follow-up ticked in one place is ticked in the other. Building it
from a guide happens in services (core cannot see the guide); the shapes and the words
they are shown with live here.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rooted_desktop.core.calendar import Month, ProgramYear

THIS_MONTH = "This month"


@dataclass(frozen=True)
class YearPlanRow:
    """One guide row in one month; ``done_on`` is that month's checklist tick."""

    key: str
    component: str
    activity: str
    follow_up: str
    timeline: str  # the guide's own timeline words for the row, e.g. "November/December"
    done_on: date | None

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class YearPlanMonth:
    month: Month
    rows: tuple[YearPlanRow, ...]
    is_current: bool

    @property
    def done_count(self) -> int:
        return sum(1 for row in self.rows if row.done)

    @property
    def heading(self) -> str:
        """The month as a heading that says "This month" in words, not only by styling."""
        progress = f"{self.done_count} of {len(self.rows)} follow-ups done"
        if not self.rows:
            progress = "nothing planned in the guide"
        marker = f"▶ {THIS_MONTH}: " if self.is_current else ""
        return f"{marker}{self.month.label} · {progress}"


@dataclass(frozen=True)
class YearPlanPeriod:
    """A stretch of the year with one main coaching goal, and its months in year order."""

    key: str
    title: str
    main_goal: str
    months: tuple[YearPlanMonth, ...]

    @property
    def is_current(self) -> bool:
        return any(month.is_current for month in self.months)

    @property
    def heading(self) -> str:
        first, last = self.months[0].month, self.months[-1].month
        years = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
        current = f" · {THIS_MONTH.lower()} is in this period" if self.is_current else ""
        return f"{self.title} {years}{current}"


@dataclass(frozen=True)
class YearPlan:
    year: ProgramYear
    guide_title: str
    revision_label: str
    scheduling_note: str
    today: date
    periods: tuple[YearPlanPeriod, ...]

    @property
    def months(self) -> tuple[YearPlanMonth, ...]:
        return tuple(month for period in self.periods for month in period.months)

    @property
    def current_month(self) -> YearPlanMonth | None:
        """Today's month when today falls in this program year, else None."""
        return next((month for month in self.months if month.is_current), None)

    def month(self, month: Month) -> YearPlanMonth:
        for candidate in self.months:
            if candidate.month == month:
                return candidate
        raise KeyError(f"{month.label} is not in program year {self.year.label}")

    @property
    def done_count(self) -> int:
        return sum(month.done_count for month in self.months)

    @property
    def row_count(self) -> int:
        return sum(len(month.rows) for month in self.months)


def timeline_text(calendar_months: Iterable[int]) -> str:
    """A row's months as the guide writes them: "July", "November/December", "May/June"."""
    return "/".join(calendar.month_name[number] for number in calendar_months)


def months_in_year_order(year: ProgramYear, calendar_months: Iterable[int]) -> tuple[Month, ...]:
    """Calendar month numbers as months of the program year, July first (1 is next January)."""
    return tuple(sorted(year.month_of(number) for number in set(calendar_months)))
