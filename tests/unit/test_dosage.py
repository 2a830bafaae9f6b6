from datetime import date

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.dosage import DosageStatus, Pace, Visit, dosage_for_month
from rooted_desktop.core.vocab import SessionStatus as S

NOV = Month(2025, 11)


def visits(*items: tuple[int, int, S]) -> list[Visit]:
    return [Visit(date(2025, 11, day), minutes, status) for day, minutes, status in items]


def test_no_sessions_mid_month_is_open() -> None:
    dosage = dosage_for_month(NOV, [], today=date(2025, 11, 10))
    assert (dosage.done_minutes, dosage.status, dosage.pace) == (0, DosageStatus.NONE, Pace.OPEN)
    assert dosage.days_left == 21
    assert dosage.missing_minutes == 90


def test_met_counts_completed_only() -> None:
    dosage = dosage_for_month(
        NOV,
        visits((3, 60, S.COMPLETED), (10, 30, S.COMPLETED), (12, 45, S.CANCELLED)),
        today=date(2025, 11, 15),
    )
    assert dosage.done_minutes == 90
    assert dosage.status is DosageStatus.MET
    assert dosage.pace is Pace.MET


def test_planned_visits_cover_the_gap() -> None:
    dosage = dosage_for_month(
        NOV, visits((3, 45, S.COMPLETED), (27, 45, S.PLANNED)), today=date(2025, 11, 25)
    )
    assert dosage.status is DosageStatus.PARTLY
    assert dosage.scheduled_minutes == 45
    assert dosage.pace is Pace.COVERED


def test_last_week_without_a_plan_is_at_risk() -> None:
    dosage = dosage_for_month(NOV, visits((3, 45, S.COMPLETED)), today=date(2025, 11, 24))
    assert dosage.pace is Pace.AT_RISK and dosage.pace.is_warning
    assert dosage.days_left == 7


def test_planned_visit_in_the_past_does_not_cover() -> None:
    dosage = dosage_for_month(
        NOV, visits((3, 45, S.COMPLETED), (20, 45, S.PLANNED)), today=date(2025, 11, 28)
    )
    assert dosage.scheduled_minutes == 45
    assert dosage.upcoming_minutes == 0
    assert dosage.pace is Pace.AT_RISK


def test_first_and_last_day_of_the_month() -> None:
    first = dosage_for_month(NOV, [], today=date(2025, 11, 1))
    assert first.days_left == 30 and first.pace is Pace.OPEN
    last = dosage_for_month(NOV, visits((30, 30, S.PLANNED)), today=date(2025, 11, 30))
    assert last.days_left == 1 and last.pace is Pace.AT_RISK
    done_last = dosage_for_month(NOV, visits((30, 90, S.COMPLETED)), today=date(2025, 11, 30))
    assert done_last.pace is Pace.MET


def test_past_month_short_is_missed_and_future_month_not_started() -> None:
    past = dosage_for_month(NOV, visits((3, 30, S.COMPLETED)), today=date(2025, 12, 1))
    assert past.pace is Pace.MISSED and past.days_left == 0
    future = dosage_for_month(NOV, [], today=date(2025, 10, 20))
    assert future.pace is Pace.NOT_STARTED
    planned_future = dosage_for_month(NOV, visits((5, 90, S.PLANNED)), today=date(2025, 10, 20))
    assert planned_future.pace is Pace.COVERED


def test_visits_outside_the_month_are_ignored() -> None:
    other = [Visit(date(2025, 12, 1), 90, S.COMPLETED), Visit(date(2025, 10, 31), 90, S.COMPLETED)]
    assert dosage_for_month(NOV, other, today=date(2025, 11, 15)).done_minutes == 0
