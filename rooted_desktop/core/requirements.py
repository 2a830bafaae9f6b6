"""Data requirements and observations: read models, what the coach types, and its rules.

A requirement's status is the authority: Done is done, whatever the dates say. Saving Done
without a completed date fills in today (as marking an action step done does), so the
coach never has to type the obvious; a completed date with any other status is refused
rather than silently dropped. ASQ-SE2 is tracked as counts only, and observations keep
dates and the debrief's words, never a score.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, time

from rooted_desktop.core.deadlines import DueState, due_state
from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.vocab import AgeGroup, RequirementStatus, Setting

TEXT_MAX = 2000
OBSERVER_MAX = 200
COUNT_MAX = 9999
OBSERVATION_TOOLS = ("TPOT", "TPITOS")
# The ASQ-SE2 counts in funnel order, with the words a message uses for each.
ASQ_FIELDS = {
    "asq_distributed": "distributed",
    "asq_returned": "returned",
    "asq_scored": "scored",
    "asq_entered": "entered in CMS",
    "asq_followups": "follow-ups",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_day(day: date) -> str:
    """ "Sep 30", the same on every machine whatever its locale."""
    return f"{_MONTHS[day.month - 1]} {day.day}"


@dataclass(frozen=True)
class RequirementKind:
    """What the guide says about one kind of requirement (the store only knows its key)."""

    key: str
    name: str
    short_name: str
    optional: bool = False
    counts: bool = False
    observation: bool = False


@dataclass(frozen=True)
class RequirementRecord:
    """One requirement of one provider (or of the coach: provider_id None) in a year."""

    id: int
    provider_id: int | None
    provider_name: str  # "" for the coach's own items
    kind: str
    name: str
    short_name: str
    status: RequirementStatus
    due_on: date
    due_state: DueState
    started_on: date | None
    completed_on: date | None
    entered_in_cms_on: date | None
    asq_distributed: int | None
    asq_returned: int | None
    asq_scored: int | None
    asq_entered: int | None
    asq_followups: int | None
    notes: str  # coach-only
    optional: bool
    counts: bool
    observation: bool = False
    provider_active: bool = True
    uid: str = ""

    @property
    def is_coach_level(self) -> bool:
        return self.provider_id is None

    @property
    def late(self) -> bool:
        """Done, but after the due date."""
        return self.completed_on is not None and self.completed_on > self.due_on

    @property
    def has_counts(self) -> bool:
        return any(getattr(self, name) is not None for name in ASQ_FIELDS)


def requirement_due_state(
    status: RequirementStatus, due_on: date, *, completed_on: date | None, today: date
) -> DueState:
    """The status decides done and not applicable; otherwise the dates decide."""
    if status is RequirementStatus.NOT_APPLICABLE:
        return DueState.NOT_APPLICABLE
    if status is RequirementStatus.DONE:
        return DueState.DONE
    del completed_on  # a date without the status Done does not make it done
    return due_state(due_on, completed_on=None, today=today)


def status_text(record: RequirementRecord) -> str:
    """A cell's words: "Done Sep 12", "Overdue (due Sep 30)", "Due Dec 31", "7/9 returned"."""
    state = record.due_state
    if state is DueState.NOT_APPLICABLE:
        return "n/a"
    if state is DueState.DONE:
        text = f"Done {month_day(record.completed_on)}" if record.completed_on else "Done"
        text += " (late)" if record.late else ""
    elif state is DueState.OVERDUE:
        text = f"Overdue (due {month_day(record.due_on)})"
    elif record.status is RequirementStatus.IN_PROGRESS:
        text = "In progress"
    else:
        text = f"Due {month_day(record.due_on)}"
    if record.counts and record.asq_distributed is not None:
        counts = f"{record.asq_returned or 0}/{record.asq_distributed} returned"
        if state in (DueState.DONE, DueState.OVERDUE):
            return f"{text}, {counts}"
        return counts
    return text


@dataclass(frozen=True)
class RequirementColumn:
    """A column of the matrix: one provider-level requirement of the guide."""

    key: str
    name: str
    short_name: str
    due_on: date
    optional: bool = False
    counts: bool = False


@dataclass(frozen=True)
class MatrixRow:
    provider_id: int
    provider_name: str
    setting: Setting
    age_group: AgeGroup
    active: bool
    cells: tuple[RequirementRecord | None, ...]  # None: does not apply to this provider


@dataclass(frozen=True)
class RequirementMatrix:
    """Providers (alphabetical) by requirements, plus the coach's own items."""

    start_year: int
    today: date
    columns: tuple[RequirementColumn, ...]
    rows: tuple[MatrixRow, ...]
    coach_items: tuple[RequirementRecord, ...]

    def cell(self, row: int, column: int) -> RequirementRecord | None:
        return self.rows[row].cells[column]

    def count(self, state: DueState) -> int:
        """How many items are in ``state``: the coach's own, and active providers'."""
        records = [c for row in self.rows if row.active for c in row.cells if c is not None]
        return sum(1 for r in (*records, *self.coach_items) if r.due_state is state)


@dataclass(frozen=True)
class RequirementInput:
    status: RequirementStatus = RequirementStatus.NOT_STARTED
    started_on: date | None = None
    completed_on: date | None = None
    entered_in_cms_on: date | None = None
    asq_distributed: int | None = None
    asq_returned: int | None = None
    asq_scored: int | None = None
    asq_entered: int | None = None
    asq_followups: int | None = None
    notes: str = ""

    @classmethod
    def from_record(cls, record: RequirementRecord) -> RequirementInput:
        return cls(**{f.name: getattr(record, f.name) for f in fields(cls)})

    def cleaned(self, today: date) -> RequirementInput:
        """Status as a vocabulary word, notes trimmed, and Done dated today if undated."""
        status = RequirementStatus(self.status)
        completed = self.completed_on
        if status is RequirementStatus.DONE and completed is None:
            completed = today
        return replace(self, status=status, completed_on=completed, notes=self.notes.strip())


_DATE_WORDS = {
    "started_on": "the started date",
    "completed_on": "the completed date",
    "entered_in_cms_on": "the entered-in-CMS date",
}


def validate_requirement(
    data: RequirementInput, *, counts: bool, today: date
) -> list[FieldProblem]:
    """Every problem with a requirement update, each naming its field in the coach's words."""
    problems: list[FieldProblem] = []
    if data.completed_on is not None and data.status is not RequirementStatus.DONE:
        problems.append(FieldProblem("completed_on", "a completed date needs the status Done"))
    for field, words in _DATE_WORDS.items():
        day = getattr(data, field)
        if day is not None and day > today:
            problems.append(FieldProblem(field, f"{words} is after today"))
        elif day is not None and data.started_on is not None and day < data.started_on:
            problems.append(FieldProblem(field, f"{words} is before the started date"))
    problems.extend(_count_problems(data, counts=counts))
    if len(data.notes) > TEXT_MAX:
        problems.append(FieldProblem("notes", f"notes are longer than {TEXT_MAX} characters"))
    return problems


def _count_problems(data: RequirementInput, *, counts: bool) -> list[FieldProblem]:
    values = {field: getattr(data, field) for field in ASQ_FIELDS}
    present = {field: value for field, value in values.items() if value is not None}
    if present and not counts:
        return [FieldProblem("asq_distributed", "only ASQ-SE2 is tracked as counts")]
    problems = []
    for field, value in present.items():
        words = _first_upper(ASQ_FIELDS[field])
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(FieldProblem(field, f"{words} must be a whole number, 0 or more"))
        elif value > COUNT_MAX:
            problems.append(FieldProblem(field, f"{words} is more than {COUNT_MAX}"))
    if problems:
        return problems
    # Each count at most the one before it (the nearest recorded one): a funnel.
    previous: str | None = None
    for field in ("asq_distributed", "asq_returned", "asq_scored", "asq_entered"):
        if field not in present:
            continue
        if previous is not None and present[field] > present[previous]:
            problems.append(_more_than(field, present[field], previous, present[previous]))
        previous = field
    followups, scored = present.get("asq_followups"), present.get("asq_scored")
    if followups is not None and scored is not None and followups > scored:
        problems.append(_more_than("asq_followups", followups, "asq_scored", scored))
    return problems


def _first_upper(words: str) -> str:
    return words[:1].upper() + words[1:]


def _more_than(field: str, value: int, other: str, other_value: int) -> FieldProblem:
    words, other_words = _first_upper(ASQ_FIELDS[field]), ASQ_FIELDS[other]
    return FieldProblem(field, f"{words} ({value}) is more than {other_words} ({other_value})")


# -- observations (TPOT, TPITOS) -------------------------------------------------------


@dataclass(frozen=True)
class ObservationRecord:
    """An observation and its debrief. No scores: the program never shares them."""

    id: int
    uid: str
    provider_id: int
    provider_name: str
    tool: str
    observer: str
    scheduled_on: date | None
    completed_on: date | None
    debrief_on: date | None
    debrief_strengths: str  # coach-only
    debrief_next_steps: str  # coach-only
    start_time: time | None = None
    program_year_id: int | None = None


@dataclass(frozen=True)
class ObservationInput:
    provider_id: int
    tool: str
    observer: str = ""
    scheduled_on: date | None = None
    start_time: time | None = None
    completed_on: date | None = None
    debrief_on: date | None = None
    debrief_strengths: str = ""
    debrief_next_steps: str = ""

    @classmethod
    def from_record(cls, record: ObservationRecord) -> ObservationInput:
        return cls(**{f.name: getattr(record, f.name) for f in fields(cls)})

    def cleaned(self) -> ObservationInput:
        tool = self.tool.strip().upper()
        return replace(
            self,
            tool=tool,
            observer=" ".join(self.observer.split()),
            debrief_strengths=self.debrief_strengths.strip(),
            debrief_next_steps=self.debrief_next_steps.strip(),
        )


def requirement_after_observation(
    status: RequirementStatus, started_on: date | None, data: ObservationInput, today: date
) -> tuple[RequirementStatus, date | None, date | None] | None:
    """The TPOT/TPITOS requirement's (status, started, completed) after saving its
    observation, or None to leave it: scheduling starts it, a debrief held completes it."""
    if status not in (RequirementStatus.NOT_STARTED, RequirementStatus.IN_PROGRESS):
        return None  # done or not applicable: the coach's word stands
    if data.debrief_on is not None and data.debrief_on <= today and data.completed_on:
        first = data.completed_on if started_on is None else min(started_on, data.completed_on)
        return RequirementStatus.DONE, first, data.debrief_on
    if status is RequirementStatus.NOT_STARTED:
        days = [d for d in (today, data.scheduled_on, data.completed_on) if d is not None]
        return RequirementStatus.IN_PROGRESS, started_on or min(days), None
    return None


def validate_observation(data: ObservationInput, *, today: date) -> list[FieldProblem]:
    """Every problem with an observation, naming its field."""
    problems: list[FieldProblem] = []
    if data.tool not in OBSERVATION_TOOLS:
        shown = f"'{data.tool}'" if data.tool else "missing"
        problems.append(FieldProblem("tool", f"the tool is {shown}; use TPOT or TPITOS"))
    if len(data.observer) > OBSERVER_MAX:
        problems.append(
            FieldProblem("observer", f"the observer is longer than {OBSERVER_MAX} characters")
        )
    if data.completed_on is not None and data.completed_on > today:
        problems.append(FieldProblem("completed_on", "the completed date is after today"))
    if data.debrief_on is not None:
        if data.completed_on is None:
            problems.append(FieldProblem("debrief_on", "a debrief needs the completed date"))
        elif data.debrief_on < data.completed_on:
            problems.append(
                FieldProblem("debrief_on", "the debrief date is before the completed date")
            )
    for field, words in (
        ("debrief_strengths", "strengths"),
        ("debrief_next_steps", "next steps"),
    ):
        if len(getattr(data, field)) > TEXT_MAX:
            problems.append(FieldProblem(field, f"{words} are longer than {TEXT_MAX} characters"))
    return problems
