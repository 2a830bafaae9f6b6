"""The program's fixed vocabularies, spelled as the files and the CMS spell them."""

from __future__ import annotations

from enum import StrEnum


class Setting(StrEnum):
    CENTER = "center"
    FCCH = "fcch"

    @property
    def label(self) -> str:
        return {"center": "Center", "fcch": "Family child care home"}[self.value]


class AgeGroup(StrEnum):
    INFANT_TODDLER = "infant-toddler"
    PRESCHOOL = "preschool"

    @property
    def label(self) -> str:
        return {"infant-toddler": "Infant-toddler", "preschool": "Preschool"}[self.value]


class Mode(StrEnum):
    IN_PERSON = "in-person"
    VIRTUAL = "virtual"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return {"in-person": "In person", "virtual": "Virtual", "phone": "Phone"}[self.value]


class SessionStatus(StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class StepStatus(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}[
            self.value
        ]


class RequirementStatus(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    NOT_APPLICABLE = "not-applicable"

    @property
    def label(self) -> str:
        return {
            "not-started": "Not started",
            "in-progress": "In progress",
            "done": "Done",
            "not-applicable": "Not applicable",
        }[self.value]


class TrainingRole(StrEnum):
    ATTENDED = "attended"
    TRAINED = "trained"
