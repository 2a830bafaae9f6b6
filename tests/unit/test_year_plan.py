"""The year plan: the guide's periods and rows for a program year, with the month checklist."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.year_plan import months_in_year_order, timeline_text
from rooted_desktop.guide.loader import load_default_guide
from rooted_desktop.services.year_plan import build_year_plan

YEAR = ProgramYear(2026)
TODAY = date(2026, 12, 4)


def test_timeline_words_and_year_order() -> None:
    assert timeline_text([11, 12]) == "November/December"
    assert timeline_text([7]) == "July"
    assert months_in_year_order(YEAR, [1, 12, 2]) == (
        Month(2026, 12), Month(2027, 1), Month(2027, 2))  # fmt: skip


def test_every_month_of_the_year_in_its_period_in_year_order() -> None:
    guide = load_default_guide()
    plan = build_year_plan(guide, YEAR, TODAY, {})
    assert [m.month for m in plan.months] == YEAR.months()
    assert [p.title for p in plan.periods] == [p.title for p in guide.periods]
    october_december = next(p for p in plan.periods if p.key == "oct-dec")
    assert [m.month.label for m in october_december.months] == [
        "October 2026", "November 2026", "December 2026"]  # fmt: skip
    # Each month holds exactly the guide's rows for it, in the guide's order.
    for month in plan.months:
        expected = [row.key for row in guide.rows_for_month(month.month.month)]
        assert [row.key for row in month.rows] == expected
    assert plan.row_count == sum(len(guide.rows_for_month(m)) for m in range(1, 13))


def test_this_month_is_marked_in_words() -> None:
    plan = build_year_plan(load_default_guide(), YEAR, TODAY, {})
    current = plan.current_month
    assert current is not None and current.month == Month(2026, 12)
    assert [m.month for m in plan.months if m.is_current] == [Month(2026, 12)]
    assert current.heading.startswith("▶ This month: December 2026")
    assert "This month" not in plan.month(Month(2027, 1)).heading
    current_periods = [p for p in plan.periods if p.is_current]
    assert [p.key for p in current_periods] == ["oct-dec"]
    assert "this month is in this period" in current_periods[0].heading


def test_no_current_month_in_another_year() -> None:
    plan = build_year_plan(load_default_guide(), ProgramYear(2027), TODAY, {})
    assert plan.current_month is None
    assert not any(p.is_current for p in plan.periods)
    with pytest.raises(KeyError, match="not in program year 2027-28"):
        plan.month(Month(2026, 12))


def test_a_row_spanning_two_months_is_ticked_per_month() -> None:
    guide = load_default_guide()
    spanning = next(r for r in guide.rows if r.months == (11, 12))
    ticked = {"2026-11": {spanning.key: date(2026, 11, 20)}}
    plan = build_year_plan(guide, YEAR, TODAY, ticked)
    november = {r.key: r for r in plan.month(Month(2026, 11)).rows}
    december = {r.key: r for r in plan.month(Month(2026, 12)).rows}
    assert november[spanning.key].done_on == date(2026, 11, 20)
    assert november[spanning.key].timeline == "November/December"
    assert not december[spanning.key].done
    assert plan.month(Month(2026, 11)).done_count == 1
    assert plan.done_count == 1
    assert "1 of " in plan.month(Month(2026, 11)).heading


def test_service_reads_the_dashboard_checklist_and_ticks_it(services: Any) -> None:
    december = Month(2026, 12)
    key = services.dashboard.month(december).plan.items[0].key
    services.dashboard.set_done(december, key, True)
    plan = services.year_plan.plan()
    assert plan.year == YEAR
    assert {r.key: r.done_on for r in plan.month(december).rows}[key] == TODAY
    # Unticking from the year plan unticks the dashboard's checklist: one source of truth.
    published: list[Any] = []
    services.bus.subscribe(published.append)
    services.year_plan.set_done(december, key, False)
    assert services.dashboard.month(december).plan.items[0].done_on is None
    assert not services.year_plan.plan().month(december).done_count
    assert published, "the change is announced so both pages refresh"
    other = services.dashboard.month(december).plan.items[1].key
    services.year_plan.set_done(december, other, True)
    assert services.dashboard.month(december).plan.done_count == 1


def test_service_follows_the_selected_year(services: Any) -> None:
    services.years.select(ProgramYear(2025))
    plan = services.year_plan.plan()
    assert plan.year == ProgramYear(2025)
    assert plan.current_month is None
    assert plan.months[0].month == Month(2025, 7)
