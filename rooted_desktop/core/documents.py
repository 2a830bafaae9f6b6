"""Read models of the printed documents: the pre-visit agenda and the CMS entry sheet.

``AgendaDoc`` goes to the provider, so it has no coach-only field at all: each builder below
copies named, shareable fields one by one (never a whole record), so a coach's notes cannot
reach the printed agenda by mistake. ``CmsSheet`` is for the coach and carries every field
of a session, in one stable, labelled order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from rooted_desktop.core.records import OpenStep, SessionRecord
from rooted_desktop.core.requirements import RequirementRecord, status_text

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PHASE_LABELS = {"observation": "Observation", "meeting": "Meeting", "follow-up": "Follow-up"}
NOT_ENTERED = "Not yet entered"
NOT_SENT = "Not sent"


def long_date(day: date) -> str:
    """ "Thursday, December 17, 2026", the same on every machine whatever its locale."""
    return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"


def short_date(day: date) -> str:
    """ "Dec 17, 2026"."""
    return f"{_MONTHS[day.month - 1][:3]} {day.day}, {day.year}"


def clock_time(at: time | None) -> str:
    """ "9:30 AM" (or "" for no time), locale-independent."""
    if at is None:
        return ""
    hour = at.hour % 12 or 12
    return f"{hour}:{at.minute:02d} {'AM' if at.hour < 12 else 'PM'}"


# -- the agenda (provider-facing) ------------------------------------------------------------
@dataclass(frozen=True)
class AgendaStep:
    """One agenda section as printed: its heading and its line to the provider."""

    title: str
    prompt: str


@dataclass(frozen=True)
class PlanNote:
    """The joint plan agreed at the provider's last completed visit."""

    day: date
    text: str


@dataclass(frozen=True)
class ActionStepLine:
    goal: str
    step: str
    who: str
    target_date: date | None
    status_label: str


@dataclass(frozen=True)
class MonthTask:
    component: str
    activity: str


@dataclass(frozen=True)
class DeadlineLine:
    name: str
    due_on: date
    status: str


@dataclass(frozen=True)
class AgendaDoc:
    """One planned visit's printed agenda. Provider-facing: shareable fields only."""

    provider_name: str
    site: str
    day: date
    start: time | None
    minutes: int
    mode_label: str
    agenda_title: str
    sections: tuple[AgendaStep, ...]
    last_joint_plan: PlanNote | None
    open_steps: tuple[ActionStepLine, ...]
    month_tasks: tuple[MonthTask, ...]
    upcoming_deadlines: tuple[DeadlineLine, ...]


def action_step_line(step: OpenStep) -> ActionStepLine:
    return ActionStepLine(step.goal, step.step, step.who, step.target_date, step.status.label)


def deadline_line(record: RequirementRecord) -> DeadlineLine:
    """Name, due date and status words; never the requirement's notes (coach-only)."""
    return DeadlineLine(record.name, record.due_on, status_text(record))


def plan_note(found: tuple[date, str] | None) -> PlanNote | None:
    return None if found is None or not found[1].strip() else PlanNote(found[0], found[1])


# -- the CMS entry sheet (coach-facing) ------------------------------------------------------
@dataclass(frozen=True)
class SheetSection:
    title: str
    text: str
    shareable: bool


@dataclass(frozen=True)
class StrategyGroup:
    phase: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class CmsSheet:
    """Every field of one session, for re-typing into CMS; ``entries`` gives the order."""

    session_id: int
    provider_name: str
    day: date
    start: time | None
    minutes: int
    mode_label: str
    status_label: str
    sections: tuple[SheetSection, ...]  # the free-note sections, in the agenda's order
    strategies: tuple[StrategyGroup, ...]
    focus: str
    strengths: str
    next_steps: str
    joint_plan: str
    coach_notes: str
    feedback_sent: str
    cms_entered: str

    def visit_facts(self) -> tuple[tuple[str, str], ...]:
        """The short facts, label and value, in CMS order."""
        return (
            ("Provider", self.provider_name),
            ("Date", long_date(self.day)),
            ("Start time", clock_time(self.start) or "—"),
            ("Minutes", str(self.minutes)),
            ("Mode", self.mode_label),
            ("Status", self.status_label),
            ("Feedback sent", self.feedback_sent),
            ("Entered in CMS on", self.cms_entered),
        )

    def narrative(self) -> tuple[tuple[str, str], ...]:
        """The written parts, label and text, in CMS order (coach-only ones say so)."""
        free = tuple(
            (s.title if s.shareable else f"{s.title} (coach-only)", s.text) for s in self.sections
        )
        return (
            *free,
            ("Focus practice", self.focus),
            ("Strengths", self.strengths),
            ("Suggestions and next steps", self.next_steps),
            ("Joint plan until the next visit", self.joint_plan),
            ("Coach notes (coach-only)", self.coach_notes),
        )


def cms_sheet(record: SessionRecord, strategies: Mapping[str, tuple[str, str]]) -> CmsSheet:
    """``strategies``: key -> (label, phase) from the agenda template, in checklist order."""
    return CmsSheet(
        session_id=record.id,
        provider_name=record.provider_name,
        day=record.day,
        start=record.start_time,
        minutes=record.minutes,
        mode_label=record.mode.label,
        status_label=record.status.label,
        sections=tuple(
            SheetSection(note.title, note.text, note.shareable)
            for note in record.sections
            if note.field is None
        ),
        strategies=strategy_groups(record.strategies, strategies),
        focus=record.focus,
        strengths=record.strengths,
        next_steps=record.next_steps,
        joint_plan=record.joint_plan,
        coach_notes=record.coach_notes,
        feedback_sent=_sent(record.feedback_sent_on),
        cms_entered=short_date(record.cms_entered_on) if record.cms_entered_on else NOT_ENTERED,
    )


def strategy_groups(
    chosen: Iterable[str], known: Mapping[str, tuple[str, str]]
) -> tuple[StrategyGroup, ...]:
    """The chosen strategies grouped by phase, phases and labels in the checklist's order."""
    picked = set(chosen)
    groups: dict[str, list[str]] = {}
    for key, (label, phase) in known.items():
        if key in picked:
            groups.setdefault(PHASE_LABELS.get(phase, phase), []).append(label)
    unknown = sorted(picked - set(known))
    if unknown:  # a key the current template no longer has: still shown, as its key
        groups.setdefault("Other", []).extend(unknown)
    return tuple(StrategyGroup(phase, tuple(labels)) for phase, labels in groups.items())


def _sent(when: datetime | None) -> str:
    return NOT_SENT if when is None else short_date(when.date())
