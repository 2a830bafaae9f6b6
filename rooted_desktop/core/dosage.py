"""Coaching dosage of one provider in one month: minutes done against the target, and pace."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.vocab import SessionStatus

# With this many days or fewer left, missing minutes no planned visit covers are a warning.
AT_RISK_DAYS = 7


class DosageStatus(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"met": "Met", "partly": "Partly", "none": "None"}[self.value]


class Pace(StrEnum):
    MET = "met"  # the target is reached
    COVERED = "covered"  # planned visits still to come would reach it
    OPEN = "open"  # minutes are missing but there is time to plan them
    AT_RISK = "at-risk"  # a week or less left and the missing minutes are not planned
    MISSED = "missed"  # the month is over short of the target
    NOT_STARTED = "not-started"  # a month still to come

    @property
    def is_warning(self) -> bool:
        return self in (Pace.AT_RISK, Pace.MISSED)

    @property
    def label(self) -> str:
        return {
            "met": "Met",
            "covered": "On track (visits planned)",
            "open": "Needs a visit planned",
            "at-risk": "At risk",
            "missed": "Missed",
            "not-started": "Not started",
        }[self.value]


@dataclass(frozen=True)
class Visit:
    """What dosage needs to know of a coaching session."""

    day: date
    minutes: int
    status: SessionStatus


@dataclass(frozen=True)
class Dosage:
    month: Month
    target: int
    done_minutes: int
    scheduled_minutes: int  # planned, not yet completed, anywhere in the month
    upcoming_minutes: int  # planned for today or later
    days_left: int  # including today; 0 once the month is over
    status: DosageStatus
    pace: Pace

    @property
    def missing_minutes(self) -> int:
        return max(0, self.target - self.done_minutes)


def dosage_for_month(
    month: Month, visits: Iterable[Visit], *, today: date, target: int = 90
) -> Dosage:
    done = scheduled = upcoming = 0
    for visit in visits:
        if not month.contains(visit.day):
            continue
        if visit.status is SessionStatus.COMPLETED:
            done += visit.minutes
        elif visit.status is SessionStatus.PLANNED:
            scheduled += visit.minutes
            if visit.day >= today:
                upcoming += visit.minutes
    return summarize_dosage(
        month, done=done, scheduled=scheduled, upcoming=upcoming, today=today, target=target
    )


def summarize_dosage(
    month: Month, *, done: int, scheduled: int, upcoming: int, today: date, target: int = 90
) -> Dosage:
    """Dosage from minutes already summed (the store sums them in SQL)."""
    first, last = month.first_day, month.last_day  # once: a dashboard asks for every provider
    if done >= target:
        status = DosageStatus.MET
    elif done > 0:
        status = DosageStatus.PARTLY
    else:
        status = DosageStatus.NONE

    if today > last:
        days_left = 0
    elif today < first:
        days_left = month.days
    else:
        days_left = (last - today).days + 1

    if status is DosageStatus.MET:
        pace = Pace.MET
    elif today > last:
        pace = Pace.MISSED
    elif today < first:
        pace = Pace.COVERED if done + upcoming >= target else Pace.NOT_STARTED
    elif done + upcoming >= target:
        pace = Pace.COVERED
    elif days_left <= AT_RISK_DAYS:
        pace = Pace.AT_RISK
    else:
        pace = Pace.OPEN
    return Dosage(
        month=month,
        target=target,
        done_minutes=done,
        scheduled_minutes=scheduled,
        upcoming_minutes=upcoming,
        days_left=days_left,
        status=status,
        pace=pace,
    )
