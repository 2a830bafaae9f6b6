"""Read models: what services hand to the UI, the command line and the reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from rooted_desktop.core.vocab import AgeGroup, Mode, SessionStatus, Setting, StepStatus


@dataclass(frozen=True)
class CoachRecord:
    name: str = ""
    email: str = ""
    phone: str = ""
    organization: str = ""
    region: str = ""
    supervisor: str = ""


@dataclass(frozen=True)
class ProviderRecord:
    id: int
    name: str
    site: str
    setting: Setting
    age_group: AgeGroup
    email: str
    phone: str
    active: bool
    notes: str  # coach-only


@dataclass(frozen=True)
class SectionNote:
    """One agenda section as a session was written with it, and its text."""

    key: str
    title: str
    prompt: str
    field: str | None  # the session column the text lives in, or None for free notes
    shareable: bool
    text: str


@dataclass(frozen=True)
class SessionRecord:
    """Every field of one coaching session (coach-facing: includes coach-only notes)."""

    id: int
    uid: str
    provider_id: int
    provider_name: str
    day: date
    start_time: time | None
    minutes: int
    mode: Mode
    status: SessionStatus
    sections: tuple[SectionNote, ...]
    strategies: tuple[str, ...]
    focus: str
    strengths: str
    next_steps: str
    joint_plan: str
    coach_notes: str  # coach-only
    feedback_sent_on: datetime | None
    cms_entered_on: date | None


@dataclass(frozen=True)
class SessionListItem:
    id: int
    provider_id: int
    provider_name: str
    day: date
    start_time: time | None
    minutes: int
    mode: Mode
    status: SessionStatus
    focus: str
    cms_entered_on: date | None
    feedback_sent_on: datetime | None


@dataclass(frozen=True)
class OpenStep:
    """An action-plan step not yet done: it carries into the next month by itself."""

    step_id: int
    plan_id: int
    goal: str
    step: str
    who: str
    target_date: date | None
    status: StepStatus


@dataclass(frozen=True)
class StepRecord:
    """One action-plan step with its status history, oldest change first."""

    id: int
    plan_id: int
    position: int
    step: str
    resources: str
    who: str
    done_looks_like: str
    target_date: date | None
    status: StepStatus
    done_date: date | None
    history: tuple[tuple[date, StepStatus], ...]


@dataclass(frozen=True)
class PlanRecord:
    """A provider's goal and its steps in their order."""

    id: int
    provider_id: int
    goal: str
    created_on: date
    closed_on: date | None
    steps: tuple[StepRecord, ...]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
