"""Backup names and the rotation policy, on fabricated lists of dates spanning two years."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from rooted_desktop.core.backup_rotation import (
    BackupName,
    Policy,
    backups_to_delete,
    backups_to_keep,
    new_name,
    parse_name,
)


def at(day: str, clock: str = "09:00") -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock))


def days(kept: set[BackupName]) -> list[str]:
    return sorted(f"{b.taken_at:%Y-%m-%d %H:%M}" for b in kept)


def test_a_name_says_when_and_why_and_reads_back() -> None:
    name = new_name(datetime(2026, 12, 4, 22, 15, 30, 999), "start")
    assert name.file_name == "rooted-2026-12-04T221530-start.sqlite3"
    assert parse_name(name.file_name) == name
    event = new_name(datetime(2026, 12, 4, 22, 15, 30), "before-migration")
    assert event.file_name == "rooted-2026-12-04T221530-before-migration.sqlite3"
    assert parse_name(event.file_name) == event
    assert not event.scheduled and name.scheduled
    assert event.label == "before an upgrade"


def test_a_name_taken_in_the_same_second_gets_a_serial() -> None:
    when = datetime(2026, 12, 4, 9, 0, 0)
    first = new_name(when, "manual")
    second = new_name(when, "manual", {first.file_name})
    third = new_name(when, "manual", {first.file_name, second.file_name})
    assert second.file_name == "rooted-2026-12-04T090000-manual-2.sqlite3"
    assert parse_name(third.file_name) == BackupName(when, "manual", 3)
    assert sorted([third, first, second]) == [first, second, third]
    other = new_name(when, "before-import", {first.file_name, second.file_name})
    assert other.file_name == "rooted-2026-12-04T090000-before-import-3.sqlite3"
    assert max([first, other, second]) == other  # made last, whatever its reason


@pytest.mark.parametrize(
    "other",
    [
        "rooted.sqlite3",
        "notes.txt",
        ".rooted-2026-12-04T090000-start.sqlite3.part",
        "rooted-2026-12-04T090000-start.sqlite3.damaged",
        "rooted-2026-13-04T090000-start.sqlite3",  # no 13th month
        "rooted-2026-12-04T090000-holiday.sqlite3",  # not a reason the app writes
        "rooted-2026-12-04-start.sqlite3",
    ],
)
def test_other_files_are_not_backups(other: str) -> None:
    assert parse_name(other) is None


def test_an_unknown_reason_is_a_bug() -> None:
    with pytest.raises(ValueError, match="holiday"):
        new_name(datetime(2026, 12, 4), "holiday")


def test_two_years_of_daily_starts_keep_12_days_10_weeks_9_months() -> None:
    first = date(2024, 12, 5)
    backups = {
        BackupName(at(str(first + timedelta(n))), "start")
        for n in range((date(2026, 12, 4) - first).days + 1)
    }
    backups.add(BackupName(at("2026-12-04", "14:30"), "periodic"))  # today's newest
    backups.add(BackupName(at("2026-11-25", "16:00"), "manual"))  # replaces 09:00 that day
    assert len(backups) == 732

    kept = backups_to_keep(backups)

    # The newest of each of the last 12 days...
    daily = [f"2026-11-{d} 09:00" for d in range(23, 31) if d != 25]
    daily += ["2026-11-25 16:00", "2026-12-01 09:00", "2026-12-02 09:00", "2026-12-03 09:00"]
    daily += ["2026-12-04 14:30"]
    # ...of the last 10 ISO weeks (the Sundays before the daily window; this week's is today)...
    weekly = [f"2026-{day} 09:00" for day in ("10-04", "10-11", "10-18", "10-25", "11-01")]
    weekly += [f"2026-{day} 09:00" for day in ("11-08", "11-15", "11-22")]
    # ...and of the last 9 months (December and November's last day are already kept).
    monthly = [f"2026-{day} 09:00" for day in ("04-30", "05-31", "06-30", "07-31", "08-31")]
    monthly += ["2026-09-30 09:00", "2026-10-31 09:00"]
    assert days(kept) == sorted(daily + weekly + monthly)
    assert len(kept) == 12 + 8 + 7
    deleted = backups_to_delete(backups)
    assert len(deleted) == 732 - 27
    assert set(deleted).isdisjoint(kept)
    assert deleted == sorted(deleted)  # oldest first
    assert BackupName(at("2026-12-04"), "start") in deleted  # not the newest of its day
    assert BackupName(at("2026-11-25"), "start") in deleted


def test_a_coach_who_opens_the_app_twice_a_month_keeps_half_a_year_of_days() -> None:
    """The rules count periods that have a backup, so gaps reach further back."""
    backups = {
        BackupName(at(f"{year}-{month:02}-{day:02}"), "start")
        for year in (2025, 2026)
        for month in range(1, 13)
        for day in (1, 15)
        if date(year, month, day) <= date(2026, 12, 4)
    }
    kept = backups_to_keep(backups)
    twelve_days = ["2026-12-01", "2026-11-15", "2026-11-01", "2026-10-15", "2026-10-01",
                   "2026-09-15", "2026-09-01", "2026-08-15", "2026-08-01", "2026-07-15",
                   "2026-07-01", "2026-06-15"]  # fmt: skip
    older_months = ["2026-05-15", "2026-04-15"]
    assert days(kept) == sorted(f"{d} 09:00" for d in twelve_days + older_months)


def test_event_backups_keep_their_own_newest_ten() -> None:
    scheduled = {BackupName(at(f"2026-12-0{d}"), "start") for d in range(1, 5)}
    imports = [BackupName(at("2026-11-01", f"10:{m:02}"), "before-import") for m in range(13)]
    migration = BackupName(at("2025-01-01"), "before-migration")
    restore = BackupName(at("2026-12-04", "23:00"), "before-restore")
    every = scheduled | set(imports) | {migration, restore}

    kept = backups_to_keep(every)

    assert scheduled <= kept  # events never push scheduled backups out, nor the reverse
    assert restore in kept
    assert set(imports[-9:]) <= kept  # 9 imports + the restore = the newest 10 events
    assert set(backups_to_delete(every)) == set(imports[:4]) | {migration}


def test_a_smaller_policy_and_an_empty_folder() -> None:
    assert backups_to_keep([]) == set()
    one_a_day = [BackupName(at(f"2026-12-0{d}"), "periodic") for d in range(1, 5)]
    small = Policy(daily=2, weekly=0, monthly=0, events=0)
    assert days(backups_to_keep(one_a_day, small)) == ["2026-12-03 09:00", "2026-12-04 09:00"]
