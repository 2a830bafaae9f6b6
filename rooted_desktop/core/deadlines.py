"""Due, soon and overdue for a data requirement."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

DUE_SOON_DAYS = 30


class DueState(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    UPCOMING = "upcoming"
    NOT_APPLICABLE = "not-applicable"

    @property
    def label(self) -> str:
        return {
            "done": "Done",
            "overdue": "Overdue",
            "due-soon": "Due soon",
            "upcoming": "Upcoming",
            "not-applicable": "Not applicable",
        }[self.value]


def due_state(
    due_on: date,
    *,
    completed_on: date | None,
    today: date,
    not_applicable: bool = False,
    soon_days: int = DUE_SOON_DAYS,
) -> DueState:
    """A requirement is overdue from the day after its due date until it is completed."""
    if not_applicable:
        return DueState.NOT_APPLICABLE
    if completed_on is not None:
        return DueState.DONE
    if today > due_on:
        return DueState.OVERDUE
    if (due_on - today).days <= soon_days:
        return DueState.DUE_SOON
    return DueState.UPCOMING
