from datetime import date

import pytest

from rooted_desktop.core.calendar import Month, ProgramYear


def test_program_year_runs_july_to_june() -> None:
    year = ProgramYear(2025)
    assert year.label == "2025-26"
    assert year.first_day == date(2025, 7, 1)
    assert year.last_day == date(2026, 6, 30)
    assert [m.key for m in year.months()][:2] == ["2025-07", "2025-08"]
    assert year.months()[-1] == Month(2026, 6)
    assert len(year.months()) == 12


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2025, 7, 1), 2025),
        (date(2025, 6, 30), 2024),
        (date(2026, 1, 15), 2025),
        (date(2026, 12, 4), 2026),
    ],
)
def test_year_containing(day: date, start: int) -> None:
    assert ProgramYear.containing(day) == ProgramYear(start)
    assert ProgramYear(start).contains(day)


def test_date_of_uses_the_right_calendar_year() -> None:
    year = ProgramYear(2025)
    assert year.date_of(9, 30) == date(2025, 9, 30)
    assert year.date_of(12, 31) == date(2025, 12, 31)
    assert year.date_of(5, 31) == date(2026, 5, 31)
    assert ProgramYear(2027).date_of(2, 30) == date(2028, 2, 29)  # clamped to the month


def test_parse_program_year() -> None:
    assert ProgramYear.parse("2025-26") == ProgramYear(2025)
    assert ProgramYear.parse("2099-00") == ProgramYear(2099)
    with pytest.raises(ValueError, match="2025-27"):
        ProgramYear.parse("2025-27")


def test_month_arithmetic_and_parsing() -> None:
    assert Month(2025, 12).next() == Month(2026, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2024, 2).days == 29
    assert Month(2025, 2).last_day == date(2025, 2, 28)
    assert Month.parse("2025-09") == Month(2025, 9)
    assert Month(2025, 9).label == "September 2025"
    for bad in ("2025-9", "2025-13", "Sept", ""):
        with pytest.raises(ValueError):
            Month.parse(bad)


def test_sort_key_orders_names_as_a_coach_expects() -> None:
    from rooted_desktop.core.text import sort_key

    names = ["Zoë Martínez", "Łukasz Kowalczyk", "Ana", "Søren Ødegaard", "Émile", "nguyễn"]
    assert sorted(names, key=sort_key) == [
        "Ana", "Émile", "Łukasz Kowalczyk", "nguyễn", "Søren Ødegaard", "Zoë Martínez"
    ]  # fmt: skip
