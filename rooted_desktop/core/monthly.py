"""The monthly summary (coach and supervisor) as one plain read model.

Built from the dashboard's ``MonthOverview``, the month's sessions and the year's
requirement matrix: every value is already in words or numbers the PDF prints as is, so the
report module only lays them out. Coach-facing: it may carry anything, but it copies named
fields only (no notes), as the other document models do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from rooted_desktop.core.dashboard import MonthOverview
from rooted_desktop.core.deadlines import DueState
from rooted_desktop.core.documents import short_date
from rooted_desktop.core.records import SessionListItem
from rooted_desktop.core.requirements import RequirementMatrix, RequirementRecord, status_text
from rooted_desktop.core.text import sort_key
from rooted_desktop.core.vocab import RequirementStatus, SessionStatus

COACH_LABEL = "Coach (own item)"
NOT_IN_CMS = "Not yet"


@dataclass(frozen=True)
class DosageLine:
    provider_name: str
    done_minutes: int
    planned_minutes: int  # planned, not yet completed, anywhere in the month
    target: int
    status: str  # "Met", "Partly", "None"
    pace: str  # "On track (visits planned)", "At risk", ...
    warning: bool


@dataclass(frozen=True)
class SessionLine:
    day: date
    start: time | None
    provider_name: str
    minutes: int
    mode: str
    status: str
    in_cms: str  # "Dec 3, 2026", "Not yet", or "" when the session is not completed


@dataclass(frozen=True)
class BacklogLine:
    provider_name: str
    day: date
    minutes: int
    days_waiting: int


@dataclass(frozen=True)
class TrainingLine:
    name: str
    held_count: int
    status: str  # "Done Oct 3, 2026", "Planned Jan 14, 2027", "Not yet"


@dataclass(frozen=True)
class ProgramLines:
    pcms_held: int
    pcms_planned: int
    pcm_min: int
    pcm_max: int
    pcm_pace_text: str
    rc_months_attended: int
    rc_months_missing: tuple[str, ...]  # "October 2026"
    rc_this_month: str  # "Attended Dec 9", "Planned Dec 9", "Not yet scheduled", "Missed"
    trainings: tuple[TrainingLine, ...]


@dataclass(frozen=True)
class RequirementCounts:
    """One requirement across the active providers (or one of the coach's own items)."""

    name: str
    done: int
    in_progress: int
    not_started: int  # open, not yet due or due soon
    overdue: int
    not_applicable: int  # marked n/a, or not applying to the provider at all

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.not_started + self.overdue + self.not_applicable


@dataclass(frozen=True)
class OverdueLine:
    provider_name: str
    requirement: str
    due_on: date
    status: str  # status_text: "Overdue (due Sep 30)", "Overdue (due Oct 31), 3/9 returned"


@dataclass(frozen=True)
class PlanLine:
    component: str
    activity: str
    follow_up: str
    done_on: date | None

    @property
    def tick(self) -> str:
        return f"Done {short_date(self.done_on)}" if self.done_on is not None else "Open"


@dataclass(frozen=True)
class MonthlySummary:
    month_label: str  # "December 2026"
    month_key: str  # "2026-12"
    program_year: str  # "2026-27"
    today: date
    target: int
    dosage: tuple[DosageLine, ...]
    sessions: tuple[SessionLine, ...]
    backlog: tuple[BacklogLine, ...]  # oldest first (the oldest ones when there are many)
    backlog_total: int
    program: ProgramLines
    requirements: tuple[RequirementCounts, ...]
    overdue: tuple[OverdueLine, ...]  # by provider, then due date
    plan_title: str
    plan_goal: str
    plan: tuple[PlanLine, ...]

    @property
    def met_count(self) -> int:
        return sum(1 for line in self.dosage if line.done_minutes >= line.target)

    @property
    def warning_count(self) -> int:
        return sum(1 for line in self.dosage if line.warning)

    @property
    def plan_done_count(self) -> int:
        return sum(1 for line in self.plan if line.done_on is not None)


def monthly_summary(
    overview: MonthOverview,
    sessions: Iterable[SessionListItem],
    matrix: RequirementMatrix,
    *,
    target: int = 90,
) -> MonthlySummary:
    """The summary of ``overview.month``; ``sessions`` are the month's (any status)."""
    month = overview.month
    dosage = tuple(
        DosageLine(
            provider_name=row.provider_name,
            done_minutes=row.dosage.done_minutes,
            planned_minutes=row.dosage.scheduled_minutes,
            target=row.dosage.target,
            status=row.dosage.status.label,
            pace=row.dosage.pace.label,
            warning=row.dosage.pace.is_warning,
        )
        for row in overview.dosage
    )
    if overview.dosage:
        target = overview.dosage[0].dosage.target
    in_month = sorted(
        (s for s in sessions if month.contains(s.day)),
        key=lambda s: (s.day, s.start_time or time.min, sort_key(s.provider_name), s.id),
    )
    counts = overview.program
    plan = overview.plan
    overdue, requirement_counts = _requirements(matrix)
    return MonthlySummary(
        month_label=month.label,
        month_key=month.key,
        program_year=counts.year.label,
        today=overview.today,
        target=target,
        dosage=dosage,
        sessions=tuple(_session_line(s) for s in in_month),
        backlog=tuple(
            BacklogLine(b.provider_name, b.day, b.minutes, b.days_waiting)
            for b in sorted(overview.backlog, key=lambda b: (b.day, sort_key(b.provider_name)))
        ),
        backlog_total=overview.backlog_total,
        program=ProgramLines(
            pcms_held=counts.pcms_held,
            pcms_planned=counts.pcms_planned,
            pcm_min=counts.pcm_min,
            pcm_max=counts.pcm_max,
            pcm_pace_text=counts.pcm_pace_text,
            rc_months_attended=counts.rc_months_attended,
            rc_months_missing=tuple(m.label for m in counts.rc_months_missing),
            rc_this_month=overview.rc_this_month,
            trainings=tuple(
                TrainingLine(
                    t.name, t.held_count, _training_status(t.last_held_on, t.next_planned_on)
                )
                for t in counts.trainings
            ),
        ),
        requirements=requirement_counts,
        overdue=overdue,
        plan_title=plan.period_title,
        plan_goal=plan.main_goal,
        plan=tuple(
            PlanLine(item.component, item.activity, item.follow_up, item.done_on)
            for item in plan.items
        ),
    )


def _session_line(item: SessionListItem) -> SessionLine:
    if item.status is SessionStatus.COMPLETED:
        in_cms = short_date(item.cms_entered_on) if item.cms_entered_on else NOT_IN_CMS
    else:
        in_cms = ""
    return SessionLine(
        day=item.day,
        start=item.start_time,
        provider_name=item.provider_name,
        minutes=item.minutes,
        mode=item.mode.label,
        status=item.status.label,
        in_cms=in_cms,
    )


def _training_status(last_held: date | None, next_planned: date | None) -> str:
    if last_held is not None:
        return f"Done {short_date(last_held)}"
    if next_planned is not None:
        return f"Planned {short_date(next_planned)}"
    return "Not yet"


def _bucket(record: RequirementRecord | None) -> str:
    if record is None or record.due_state is DueState.NOT_APPLICABLE:
        return "not_applicable"
    if record.due_state is DueState.DONE:
        return "done"
    if record.due_state is DueState.OVERDUE:
        return "overdue"
    if record.status is RequirementStatus.IN_PROGRESS:
        return "in_progress"
    return "not_started"


def _requirements(
    matrix: RequirementMatrix,
) -> tuple[tuple[OverdueLine, ...], tuple[RequirementCounts, ...]]:
    """Counts per requirement over the active providers, the coach's own items after them,
    and every overdue item sorted by provider (the coach's last), then due date."""
    names = [column.name for column in matrix.columns]
    tallies: dict[str, dict[str, int]] = {}
    overdue: list[tuple[int, str, date, OverdueLine]] = []
    for row in matrix.rows:
        if not row.active:
            continue
        for name, cell in zip(names, row.cells, strict=False):
            bucket = _bucket(cell)
            tallies.setdefault(name, {})[bucket] = tallies.get(name, {}).get(bucket, 0) + 1
            if cell is not None and bucket == "overdue":
                line = OverdueLine(row.provider_name, cell.name, cell.due_on, status_text(cell))
                overdue.append((0, sort_key(row.provider_name), cell.due_on, line))
    for item in matrix.coach_items:
        if item.name not in names:
            names.append(item.name)
        bucket = _bucket(item)
        tallies.setdefault(item.name, {})[bucket] = tallies.get(item.name, {}).get(bucket, 0) + 1
        if bucket == "overdue":
            line = OverdueLine(COACH_LABEL, item.name, item.due_on, status_text(item))
            overdue.append((1, "", item.due_on, line))
    overdue.sort(key=lambda entry: (entry[0], entry[1], entry[2], entry[3].requirement))
    counts = tuple(
        RequirementCounts(
            name=name,
            done=tallies.get(name, {}).get("done", 0),
            in_progress=tallies.get(name, {}).get("in_progress", 0),
            not_started=tallies.get(name, {}).get("not_started", 0),
            overdue=tallies.get(name, {}).get("overdue", 0),
            not_applicable=tallies.get(name, {}).get("not_applicable", 0),
        )
        for name in names
    )
    return tuple(entry[3] for entry in overdue), counts
