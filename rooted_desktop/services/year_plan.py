"""The guide's plan for the selected program year, with the dashboard's checklist state.

Ticking a follow-up goes through the dashboard service, which owns the month checklist:
the year plan and the dashboard read and write the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.year_plan import (
    YearPlan,
    YearPlanMonth,
    YearPlanPeriod,
    YearPlanRow,
    months_in_year_order,
    timeline_text,
)
from rooted_desktop.guide.model import Guide
from rooted_desktop.services.clock import Clock
from rooted_desktop.services.dashboard import DashboardService
from rooted_desktop.services.years import YearService
from rooted_desktop.store import year_plan as plan_rows
from rooted_desktop.store import years as year_rows
from rooted_desktop.store.store import Store


def build_year_plan(
    guide: Guide,
    year: ProgramYear,
    today: date,
    ticked: Mapping[str, Mapping[str, date]],
) -> YearPlan:
    """Periods in year order, each with its months, each with the guide rows falling in it.

    ``ticked`` maps a month key (YYYY-MM) to the row keys ticked in that month; a row
    spanning two months (November/December) is ticked separately in each, as on the
    dashboard. Months of rows follow the guide's own timeline, so a guide revision that
    moves a row moves it here too.
    """
    current = Month.of(today)
    periods = []
    for period in guide.periods:
        months = []
        for month in months_in_year_order(year, period.months):
            done = ticked.get(month.key, {})
            rows = tuple(
                YearPlanRow(
                    key=row.key,
                    component=str(row.component),
                    activity=row.activity,
                    follow_up=row.follow_up,
                    timeline=timeline_text(row.months),
                    done_on=done.get(row.key),
                )
                for row in guide.rows_for_month(month.month)
            )
            months.append(YearPlanMonth(month=month, rows=rows, is_current=month == current))
        if not months:  # a period without months has nothing to show
            continue
        periods.append(
            YearPlanPeriod(
                key=period.key, title=period.title, main_goal=period.main_goal, months=tuple(months)
            )
        )
    periods.sort(key=lambda p: p.months[0].month)
    return YearPlan(
        year=year,
        guide_title=guide.title,
        revision_label=guide.revision_label,
        scheduling_note=guide.rules.scheduling_note,
        today=today,
        periods=tuple(periods),
    )


class YearPlanService:
    def __init__(
        self,
        store: Store,
        guide: Guide,
        clock: Clock,
        years: YearService,
        dashboard: DashboardService,
    ) -> None:
        self._store = store
        self._guide = guide
        self._clock = clock
        self._years = years
        self._dashboard = dashboard

    def plan(self, year: ProgramYear | None = None) -> YearPlan:
        """The plan of ``year`` (default: the year the coach is working in), in one query."""
        chosen = year or self._years.current()
        with self._store.reading() as session:
            row = year_rows.year_row(session, chosen.start_year)
            ticked = (
                plan_rows.checklist_for_year(session, row.id)
                if row is not None and row.id is not None
                else {}
            )
        return build_year_plan(self._guide, chosen, self._clock(), ticked)

    def set_done(self, month: Month, row_key: str, done: bool) -> None:
        """Tick or untick a follow-up: the dashboard's month checklist, the one source."""
        self._dashboard.set_done(month, row_key, done)
