"""A coaching session as typed in the form, and the one set of rules that validates it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.records import SectionNote, SessionRecord
from rooted_desktop.core.vocab import Mode, SessionStatus

MIN_MINUTES = 1
MAX_MINUTES = 480
TEXT_MAX = 20_000

# The session columns an agenda section may write to.
SESSION_TEXT_FIELDS = ("focus", "strengths", "next_steps", "joint_plan")


@dataclass(frozen=True)
class SessionInput:
    provider_id: int | None
    day: date | None
    start_time: time | None
    minutes: int | None
    mode: Mode
    status: SessionStatus
    sections: tuple[SectionNote, ...] = ()
    strategies: tuple[str, ...] = ()
    focus: str = ""
    strengths: str = ""
    next_steps: str = ""
    joint_plan: str = ""
    coach_notes: str = ""
    cms_entered_on: date | None = None

    @classmethod
    def from_record(cls, record: SessionRecord) -> SessionInput:
        return cls(
            provider_id=record.provider_id,
            day=record.day,
            start_time=record.start_time,
            minutes=record.minutes,
            mode=record.mode,
            status=record.status,
            sections=record.sections,
            strategies=record.strategies,
            focus=record.focus,
            strengths=record.strengths,
            next_steps=record.next_steps,
            joint_plan=record.joint_plan,
            coach_notes=record.coach_notes,
            cms_entered_on=record.cms_entered_on,
        )


def validate_session(session: SessionInput) -> list[FieldProblem]:
    """Every problem with a session, each naming its field in words a coach understands."""
    problems: list[FieldProblem] = []
    if session.provider_id is None:
        problems.append(FieldProblem("provider", "choose the provider"))
    if session.day is None:
        problems.append(FieldProblem("date", "the date is missing"))
    if session.minutes is None:
        problems.append(FieldProblem("minutes", "minutes are missing"))
    elif not MIN_MINUTES <= session.minutes <= MAX_MINUTES:
        problems.append(
            FieldProblem(
                "minutes",
                f"minutes must be between {MIN_MINUTES} and {MAX_MINUTES} "
                f"(8 hours), not {session.minutes}",
            )
        )
    if (
        session.cms_entered_on is not None
        and session.day is not None
        and session.cms_entered_on < session.day
    ):
        problems.append(
            FieldProblem("cms_entered_on", "the CMS entry date is before the session date")
        )
    texts = {name: getattr(session, name) for name in (*SESSION_TEXT_FIELDS, "coach_notes")}
    texts.update({note.key: note.text for note in session.sections})
    for name, text in texts.items():
        if len(text) > TEXT_MAX:
            problems.append(FieldProblem(name, f"{name} is longer than {TEXT_MAX} characters"))
    return problems
