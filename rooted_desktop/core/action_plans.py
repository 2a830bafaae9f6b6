"""An action-plan goal and step as typed, and the one set of rules that validates them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.records import StepRecord

TEXT_MAX = 2000

# The step fields a coach types, with the words a problem message uses for each.
STEP_FIELDS = {
    "step": "the step",
    "resources": "resources / materials",
    "who": "who",
    "done_looks_like": "what done looks like",
}


@dataclass(frozen=True)
class StepInput:
    step: str
    resources: str = ""
    who: str = ""
    done_looks_like: str = ""
    target_date: date | None = None

    @classmethod
    def from_record(cls, record: StepRecord) -> StepInput:
        return cls(
            step=record.step,
            resources=record.resources,
            who=record.who,
            done_looks_like=record.done_looks_like,
            target_date=record.target_date,
        )

    def cleaned(self) -> StepInput:
        return StepInput(
            step=self.step.strip(),
            resources=self.resources.strip(),
            who=" ".join(self.who.split()),
            done_looks_like=self.done_looks_like.strip(),
            target_date=self.target_date,
        )


def validate_goal(text: str) -> list[FieldProblem]:
    """Every problem with a goal's text, naming the field."""
    if not text.strip():
        return [FieldProblem("goal", "the goal is missing")]
    if len(text) > TEXT_MAX:
        return [FieldProblem("goal", f"the goal is longer than {TEXT_MAX} characters")]
    return []


def validate_step(step: StepInput) -> list[FieldProblem]:
    """Every problem with a step, each naming its field in words a coach understands."""
    problems: list[FieldProblem] = []
    if not step.step.strip():
        problems.append(FieldProblem("step", "the step is missing"))
    for field, words in STEP_FIELDS.items():
        if len(getattr(step, field)) > TEXT_MAX:
            problems.append(FieldProblem(field, f"{words} is longer than {TEXT_MAX} characters"))
    return problems
