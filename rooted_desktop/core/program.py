"""PCMs, reflective consultation (RC) and trainings: read models, the inputs a coach types
with the rules that validate them, and the year's counts against the guide (6–12 PCMs, RC
every month, each training) with the pure arithmetic of pace. Guide values are passed in.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, time
from typing import Any, TypeVar

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.vocab import TrainingRole

MIN_MINUTES, MAX_MINUTES = 1, 480
LINE_MAX, TOPIC_MAX, TEXT_MAX = 200, 500, 20_000  # one-line fields, the topic, notes


@dataclass(frozen=True)
class MeetingRecord:
    """A Provider Collaboration Meeting; ``debrief_notes`` is coach-only."""

    id: int
    uid: str
    day: date
    start: time | None
    minutes: int | None
    held: bool
    topic: str
    facilitator: str
    location: str
    next_topic_ideas: str
    debrief_notes: str  # coach-only
    next_facilitator: str
    attendee_ids: tuple[int, ...]  # in the order of attendee_names
    attendee_names: tuple[str, ...]  # alphabetical


@dataclass(frozen=True)
class ConsultationRecord:
    """A reflective consultation session; ``notes`` is coach-only."""

    id: int
    uid: str
    day: date
    start: time | None
    minutes: int | None
    attended: bool
    notes: str  # coach-only


@dataclass(frozen=True)
class TrainingRecord:
    """A guide training (kind = guide key); ``implementation_notes`` is coach-only."""

    id: int
    uid: str
    kind: str
    day: date
    start: time | None
    minutes: int | None
    role: TrainingRole
    held: bool
    location: str
    implementation_notes: str  # coach-only
    attendee_ids: tuple[int, ...]
    attendee_names: tuple[str, ...]


def _line(text: str) -> str:
    return " ".join(text.split())


def _ids(ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(ids)))


_Input = TypeVar("_Input", "MeetingInput", "ConsultationInput", "TrainingInput")


def _from_record(cls: type[_Input], record: object) -> _Input:
    """An input holding a record's values (the inputs' fields are named as the records')."""
    return cls(**{field.name: getattr(record, field.name) for field in fields(cls)})


@dataclass(frozen=True)
class MeetingInput:
    day: date | None
    start: time | None = None
    minutes: int | None = None
    held: bool = False
    topic: str = ""
    facilitator: str = ""
    location: str = ""
    next_topic_ideas: str = ""
    debrief_notes: str = ""
    next_facilitator: str = ""
    attendee_ids: tuple[int, ...] = ()

    @classmethod
    def from_record(cls, record: MeetingRecord) -> MeetingInput:
        return _from_record(cls, record)

    def cleaned(self) -> MeetingInput:
        return replace(
            self,
            topic=_line(self.topic),
            facilitator=_line(self.facilitator),
            location=_line(self.location),
            next_topic_ideas=self.next_topic_ideas.strip(),
            debrief_notes=self.debrief_notes.strip(),
            next_facilitator=_line(self.next_facilitator),
            attendee_ids=_ids(self.attendee_ids),
        )


@dataclass(frozen=True)
class ConsultationInput:
    day: date | None
    start: time | None = None
    minutes: int | None = None
    attended: bool = False
    notes: str = ""

    @classmethod
    def from_record(cls, record: ConsultationRecord) -> ConsultationInput:
        return _from_record(cls, record)

    def cleaned(self) -> ConsultationInput:
        return replace(self, notes=self.notes.strip())


@dataclass(frozen=True)
class TrainingInput:
    kind: str
    day: date | None
    start: time | None = None
    minutes: int | None = None
    role: str = TrainingRole.ATTENDED.value
    held: bool = False
    location: str = ""
    implementation_notes: str = ""
    attendee_ids: tuple[int, ...] = ()

    @classmethod
    def from_record(cls, record: TrainingRecord) -> TrainingInput:
        return replace(_from_record(cls, record), role=record.role.value)

    def cleaned(self) -> TrainingInput:
        return replace(
            self,
            kind=self.kind.strip(),
            role=str(self.role).strip().lower(),
            location=_line(self.location),
            implementation_notes=self.implementation_notes.strip(),
            attendee_ids=_ids(self.attendee_ids),
        )


# -- validation -------------------------------------------------------------------------
def _problems(
    data: Any, done: str, today: date | None, texts: dict[str, str]
) -> list[FieldProblem]:
    """Date, minutes, the done flag (held or attended) and text lengths, named as fields."""
    problems: list[FieldProblem] = []
    if data.day is None:
        problems.append(FieldProblem("date", "the date is missing"))
    elif getattr(data, done) and today is not None and data.day > today:
        shown = f"{data.day:%b} {data.day.day}, {data.day.year}"
        problems.append(FieldProblem(done, f"it cannot be marked {done} before its date, {shown}"))
    if data.minutes is not None and not MIN_MINUTES <= data.minutes <= MAX_MINUTES:
        bounds = f"between {MIN_MINUTES} and {MAX_MINUTES}"
        problems.append(FieldProblem("minutes", f"minutes must be {bounds}, not {data.minutes}"))
    for field, words in texts.items():
        limit = TEXT_LIMITS.get(field, TEXT_MAX)
        if len(getattr(data, field)) > limit:
            problems.append(FieldProblem(field, f"{words} is longer than {limit} characters"))
    return problems


TEXT_LIMITS = {"topic": TOPIC_MAX, "facilitator": LINE_MAX, "location": LINE_MAX,
               "next_facilitator": LINE_MAX}  # fmt: skip
MEETING_TEXTS = {"topic": "the topic", "facilitator": "the facilitator",
                 "location": "the location", "next_topic_ideas": "ideas for the next topic",
                 "debrief_notes": "the debrief notes",
                 "next_facilitator": "the next facilitator"}  # fmt: skip
TRAINING_TEXTS = {"location": "the location",
                  "implementation_notes": "the implementation plan notes"}  # fmt: skip


def validate_meeting(data: MeetingInput, *, today: date | None = None) -> list[FieldProblem]:
    """Every problem with a PCM, each naming its field in words a coach understands.

    With ``today``, a meeting dated after today cannot be marked held.
    """
    return _problems(data, "held", today, MEETING_TEXTS)


def validate_consultation(
    data: ConsultationInput, *, today: date | None = None
) -> list[FieldProblem]:
    return _problems(data, "attended", today, {"notes": "the notes"})


def validate_training(
    data: TrainingInput, kinds: Collection[str], *, today: date | None = None
) -> list[FieldProblem]:
    """``kinds`` are the guide's training keys (3A, 3B, PPP)."""
    problems: list[FieldProblem] = []
    if data.kind not in kinds:
        shown = f"'{data.kind}'" if data.kind.strip() else "missing"
        problems.append(
            FieldProblem("kind", f"the training is {shown}; choose one of {', '.join(kinds)}")
        )
    if data.role not in {role.value for role in TrainingRole}:
        problems.append(FieldProblem("role", f"the role '{data.role}' is not attended or trained"))
    return problems + _problems(data, "held", today, TRAINING_TEXTS)


# -- the year's counts ------------------------------------------------------------------
@dataclass(frozen=True)
class TrainingProgress:
    key: str
    name: str
    held_count: int
    last_held_on: date | None
    next_planned_on: date | None  # the first not-held one from today on

    @property
    def done(self) -> bool:
        return self.held_count > 0


@dataclass(frozen=True)
class YearCounts:
    year: ProgramYear
    pcms_held: int
    pcms_planned: int  # not held, dated today or later
    pcm_min: int
    pcm_max: int
    pcm_pace_text: str
    rc_months_attended: int  # months of the year with an attended RC
    rc_months_missing: tuple[Month, ...]  # finished months without one
    rc_month_open: Month | None  # the current month, while its RC is still to come
    rc_next_planned: date | None
    trainings: tuple[TrainingProgress, ...]  # in the guide's order


def months_elapsed(year: ProgramYear, today: date) -> int:
    """Months of the year begun by today: 0 before July 1, 6 in December, 12 after June."""
    if today < year.first_day:
        return 0
    if today > year.last_day:
        return 12
    return year.months().index(Month.of(today)) + 1


def _half_up(value: float) -> int:
    return int(value + 0.5)


def pcm_pace_text(held: int, pcm_min: int, pcm_max: int, year: ProgramYear, today: date) -> str:
    """How the year's PCMs stand against the guide's minimum and maximum, in one phrase."""
    if held > pcm_max:
        return f"{held} held: more than the maximum of {pcm_max}"
    if held == pcm_max:
        return f"{held} reached: the maximum for the year"
    elapsed = months_elapsed(year, today)
    if elapsed == 0:
        return f"{held} held: the year starts {year.first_day:%B %Y}"
    if today > year.last_day:
        if held >= pcm_min:
            return f"{held} held: the minimum of {pcm_min} was met"
        return f"{held} held: {pcm_min - held} short of the minimum of {pcm_min}"
    month = calendar.month_name[today.month]
    if held >= pcm_min:
        return f"{held} held by {month}: the minimum of {pcm_min} is met"
    expected = pcm_min * elapsed / 12
    if held < int(expected):
        return f"behind: {held} held, about {_half_up(expected)} expected by now"
    if held == 0:
        return f"none held yet; {pcm_min} to {pcm_max} due by {year.last_day:%B %Y}"
    projected = min(pcm_max, _half_up(held * 12 / elapsed))
    return f"{held} held by {month} — on pace for {projected}"


def rc_missing_months(
    year: ProgramYear, today: date, attended: Collection[Month]
) -> tuple[tuple[Month, ...], Month | None]:
    """Finished months of the year with no attended RC, and the current month if still open."""
    months = year.months()[: months_elapsed(year, today)]
    current = Month.of(today)
    missing = tuple(m for m in months if m not in attended and m != current)
    open_month = current if current in months and current not in attended else None
    return missing, open_month
