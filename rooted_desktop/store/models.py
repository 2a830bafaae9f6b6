"""The tables. Every field PRODUCT.md §3 names, designed once so later work does not churn it.

Enumerated values are stored as the words of ``core.vocab`` (plain text columns), dates as
ISO dates, and free text as TEXT. Items that go to a calendar carry a stable ``uid``.
Privacy classes (shareable or coach-only) are declared per field in ``core.privacy``.
"""

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from rooted_desktop.core.vocab import (
    AgeGroup,
    Mode,
    RequirementStatus,
    SessionStatus,
    StepStatus,
    TrainingRole,
)
from rooted_desktop.core.vocab import Setting as ProviderSetting


def _uid_field() -> str:
    return Field(default="", max_length=64, index=True)  # type: ignore[no-any-return]


# What a text column means beyond "text", kept in the column's info: the store's readers
# turn it into a vocabulary word or parse it as JSON, so the full import (store/archive.py)
# refuses a value they could not read, naming the table, row and column.
def _words(vocabulary: type[StrEnum], **field: Any) -> Any:
    """A column holding one word of ``vocabulary``."""
    return Field(**field, sa_column_kwargs={"info": {"words": vocabulary}})


def _json(shape: type, **field: Any) -> Any:
    """A column holding JSON text whose top level is a ``shape`` (list, dict; object: any)."""
    return Field(**field, sa_column_kwargs={"info": {"json": shape}})


class CoachProfile(SQLModel, table=True):
    __tablename__ = "coach_profile"
    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    email: str = ""
    phone: str = ""
    organization: str = ""  # community or agency
    region: str = ""
    supervisor: str = ""


class ProgramYearRow(SQLModel, table=True):
    __tablename__ = "program_year"
    id: int | None = Field(default=None, primary_key=True)
    start_year: int = Field(unique=True)  # 2025 = 2025-07-01 … 2026-06-30
    guide_id: str  # the guide file the year follows, e.g. rooted-year2-2025-07
    started_on: dt.date | None = None


class Provider(SQLModel, table=True):
    __tablename__ = "provider"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    site: str = ""
    setting: str = _words(ProviderSetting)
    age_group: str = _words(AgeGroup)
    email: str = ""
    phone: str = ""
    active: bool = Field(default=True, index=True)
    notes: str = ""  # coach-only
    created_on: dt.date | None = None


class Enrollment(SQLModel, table=True):
    """A provider coached in a program year (providers carry over from year to year)."""

    __tablename__ = "enrollment"
    program_year_id: int = Field(
        foreign_key="program_year.id", primary_key=True, ondelete="CASCADE"
    )
    provider_id: int = Field(
        foreign_key="provider.id", primary_key=True, index=True, ondelete="CASCADE"
    )


class CoachingSession(SQLModel, table=True):
    __tablename__ = "coaching_session"
    __table_args__ = (
        Index("ix_session_provider_date", "provider_id", "date"),
        Index("ix_session_status_date", "status", "date"),
        # The CMS backlog (completed, not yet entered, oldest first) read straight from the
        # index, however many sessions of past years are entered or cancelled.
        Index("ix_session_cms_backlog", "status", "cms_entered_on", "date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    uid: str = _uid_field()
    provider_id: int = Field(foreign_key="provider.id", index=True, ondelete="RESTRICT")
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    minutes: int
    mode: str = _words(Mode)
    status: str = _words(SessionStatus, index=True)
    # The agenda sections as written: JSON list of {"key", "title", "text"}, so a session
    # keeps the sections it was written with even after the template changes.
    sections_json: str = _json(list, default="[]")
    strategies_json: str = _json(list, default="[]")  # coaching-strategy keys (agenda resource)
    focus: str = ""  # focus practices
    strengths: str = ""
    next_steps: str = ""
    joint_plan: str = ""
    coach_notes: str = ""  # coach-only
    feedback_sent_on: dt.datetime | None = None
    cms_entered_on: dt.date | None = Field(default=None, index=True)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class ActionPlan(SQLModel, table=True):
    __tablename__ = "action_plan"
    id: int | None = Field(default=None, primary_key=True)
    provider_id: int = Field(foreign_key="provider.id", index=True, ondelete="CASCADE")
    goal: str
    created_on: dt.date
    closed_on: dt.date | None = None


class ActionStep(SQLModel, table=True):
    __tablename__ = "action_step"
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="action_plan.id", index=True, ondelete="CASCADE")
    position: int = 0
    step: str
    resources: str = ""
    who: str = ""
    done_looks_like: str = ""
    target_date: dt.date | None = None
    status: str = _words(StepStatus, default="not-started")
    done_date: dt.date | None = None


class ActionStepStatus(SQLModel, table=True):
    """Status history of a step, as PIDS keeps it."""

    __tablename__ = "action_step_status"
    id: int | None = Field(default=None, primary_key=True)
    step_id: int = Field(foreign_key="action_step.id", index=True, ondelete="CASCADE")
    changed_on: dt.date
    status: str = _words(StepStatus)
    session_id: int | None = Field(
        default=None, foreign_key="coaching_session.id", ondelete="SET NULL"
    )


class CollaborationMeeting(SQLModel, table=True):
    """A Provider Collaboration Meeting (PCM)."""

    __tablename__ = "pcm"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = _uid_field()
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    minutes: int | None = None
    held: bool = False
    topic: str = ""
    facilitator: str = ""
    location: str = ""
    next_topic_ideas: str = ""
    debrief_notes: str = ""  # coach-only
    next_facilitator: str = ""


class MeetingAttendee(SQLModel, table=True):
    __tablename__ = "pcm_attendee"
    pcm_id: int = Field(foreign_key="pcm.id", primary_key=True, ondelete="CASCADE")
    provider_id: int = Field(
        foreign_key="provider.id", primary_key=True, index=True, ondelete="CASCADE"
    )


class ReflectiveConsultation(SQLModel, table=True):
    __tablename__ = "rc_session"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = _uid_field()
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    minutes: int | None = None
    attended: bool = False
    notes: str = ""  # coach-only


class Training(SQLModel, table=True):
    __tablename__ = "training"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = _uid_field()
    kind: str  # guide training key: 3A, 3B, PPP
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    minutes: int | None = None
    role: str = _words(TrainingRole, default="attended")
    held: bool = False
    location: str = ""
    implementation_notes: str = ""  # coach-only


class TrainingAttendee(SQLModel, table=True):
    __tablename__ = "training_attendee"
    training_id: int = Field(foreign_key="training.id", primary_key=True, ondelete="CASCADE")
    provider_id: int = Field(
        foreign_key="provider.id", primary_key=True, index=True, ondelete="CASCADE"
    )


class Observation(SQLModel, table=True):
    """A TPOT or TPITOS observation and its debrief. No scores are ever stored."""

    __tablename__ = "observation"
    id: int | None = Field(default=None, primary_key=True)
    uid: str = _uid_field()
    provider_id: int = Field(foreign_key="provider.id", index=True, ondelete="CASCADE")
    program_year_id: int = Field(foreign_key="program_year.id", index=True, ondelete="CASCADE")
    tool: str  # TPOT or TPITOS
    observer: str = ""
    scheduled_on: dt.date | None = Field(default=None, index=True)
    start_time: dt.time | None = None
    completed_on: dt.date | None = None
    debrief_on: dt.date | None = None
    debrief_strengths: str = ""  # coach-only
    debrief_next_steps: str = ""  # coach-only


class DataRequirement(SQLModel, table=True):
    """One guide requirement for one provider (or for the coach: provider_id NULL) in a year."""

    __tablename__ = "data_requirement"
    __table_args__ = (
        UniqueConstraint("program_year_id", "provider_id", "kind", name="uq_requirement"),
    )
    id: int | None = Field(default=None, primary_key=True)
    uid: str = _uid_field()
    program_year_id: int = Field(foreign_key="program_year.id", index=True, ondelete="CASCADE")
    provider_id: int | None = Field(
        default=None, foreign_key="provider.id", index=True, ondelete="CASCADE"
    )
    kind: str  # guide requirement key
    status: str = _words(RequirementStatus, default="not-started")
    due_on: dt.date = Field(index=True)
    started_on: dt.date | None = None
    completed_on: dt.date | None = None
    entered_in_cms_on: dt.date | None = None
    # ASQ-SE2 is tracked as counts only: no child-level data is ever stored.
    asq_distributed: int | None = None
    asq_returned: int | None = None
    asq_scored: int | None = None
    asq_entered: int | None = None
    asq_followups: int | None = None
    notes: str = ""  # coach-only


class MonthChecklistItem(SQLModel, table=True):
    """A ticked item of a month's plan (a guide row's follow-up) on the dashboard."""

    __tablename__ = "month_checklist"
    program_year_id: int = Field(
        foreign_key="program_year.id", primary_key=True, ondelete="CASCADE"
    )
    month: str = Field(primary_key=True)  # YYYY-MM
    item_key: str = Field(primary_key=True)  # guide row key
    done_on: dt.date


class Draft(SQLModel, table=True):
    """Text typed but not yet saved: offered back at the next start."""

    __tablename__ = "draft"
    key: str = Field(primary_key=True)  # e.g. "session:42" or "session:new:<uuid>"
    title: str = ""
    payload_json: str = _json(dict, default="{}")
    updated_at: dt.datetime


class SettingRow(SQLModel, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value_json: str = _json(object)
