"""What the dashboard shows for a month, as plain read models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.dosage import Dosage
from rooted_desktop.core.program import ConsultationRecord, YearCounts
from rooted_desktop.core.requirements import RequirementRecord


@dataclass(frozen=True)
class ProviderDosage:
    provider_id: int
    provider_name: str
    dosage: Dosage


@dataclass(frozen=True)
class BacklogItem:
    session_id: int
    provider_name: str
    day: date
    minutes: int
    days_waiting: int


@dataclass(frozen=True)
class PlanItem:
    """One row of the guide's plan for the month; its follow-up is the checklist item."""

    key: str
    component: str
    activity: str
    follow_up: str
    done_on: date | None


@dataclass(frozen=True)
class MonthPlan:
    period_title: str
    main_goal: str
    items: tuple[PlanItem, ...]

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done_on is not None)


@dataclass(frozen=True)
class MonthOverview:
    month: Month
    today: date
    dosage: tuple[ProviderDosage, ...]
    plan: MonthPlan
    backlog: tuple[BacklogItem, ...]  # the oldest ones, as many as a list can show
    backlog_total: int  # every completed session still waiting for CMS
    drafts: int
    program: YearCounts
    rc_this_month: str  # "Attended Dec 9", "Planned Dec 9", "Not yet scheduled", "Missed"
    due: tuple[RequirementRecord, ...]  # data requirements overdue or due soon, oldest first

    @property
    def met_count(self) -> int:
        return sum(1 for row in self.dosage if row.dosage.status.value == "met")

    @property
    def warnings(self) -> int:
        return sum(1 for row in self.dosage if row.dosage.pace.is_warning)


def rc_status(month: Month, consultations: list[ConsultationRecord], today: date) -> str:
    """Reflective Consultation in a month, in words: the coach attends one every month."""
    attended = [c for c in consultations if c.attended]
    if attended:
        day = attended[0].day
        return f"Attended {day:%b} {day.day}"
    upcoming = sorted(c.day for c in consultations if c.day >= today)
    if upcoming:
        return f"Planned {upcoming[0]:%b} {upcoming[0].day}"
    if today > month.last_day:
        return "Missed"
    return "Not yet scheduled"
