"""What the calendar shows and the .ics export sends: titles and names, never notes.

A ``CalendarItem`` has no field for notes of any kind, so nothing written about a provider
can reach a calendar that ends up in the cloud: privacy by construction, not by filtering.
Status is told by words (``status_label``) and a shape (``marker``), never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from rooted_desktop.core.text import sort_key as text_sort_key


class ItemKind(StrEnum):
    """The kinds of calendar item, in the order a day lists them."""

    VISIT = "visit"
    PCM = "pcm"
    RC = "rc"
    TRAINING = "training"
    OBSERVATION = "observation"
    DEADLINE = "deadline"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def order(self) -> int:
        return _KIND_ORDER[self]


_KIND_LABELS = {
    ItemKind.VISIT: "Coaching visit",
    ItemKind.PCM: "Provider Collaboration Meeting",
    ItemKind.RC: "Reflective Consultation",
    ItemKind.TRAINING: "Training",
    ItemKind.OBSERVATION: "Observation",
    ItemKind.DEADLINE: "Data deadline",
}
_KIND_ORDER = {kind: index for index, kind in enumerate(ItemKind)}


class ItemStatus(StrEnum):
    """The status words a calendar item can carry (its ``status_label``)."""

    PLANNED = "Planned"
    COMPLETED = "Completed"
    CANCELLED = "Cancelled"
    HELD = "Held"
    ATTENDED = "Attended"
    NOT_ATTENDED = "Not attended"
    SCHEDULED = "Scheduled"
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"

    @property
    def marker(self) -> str:
        return _STATUS_MARKERS[self]

    @property
    def is_tentative(self) -> bool:
        """Still to happen (or, for RC, not attended): an .ics TENTATIVE event."""
        return self in (ItemStatus.PLANNED, ItemStatus.SCHEDULED, ItemStatus.NOT_ATTENDED)


# Open shape: still to come; filled: took place; cross: called off.
_STATUS_MARKERS = {
    ItemStatus.PLANNED: "○",
    ItemStatus.SCHEDULED: "○",
    ItemStatus.NOT_ATTENDED: "○",
    ItemStatus.COMPLETED: "●",
    ItemStatus.HELD: "●",
    ItemStatus.ATTENDED: "●",
    ItemStatus.CANCELLED: "✕",
    ItemStatus.NOT_STARTED: "⚑",
    ItemStatus.IN_PROGRESS: "⚑",
}
DEADLINE_MARKER = "⚑"
# A TPOT or TPITOS observation takes two hours or more; anything else untimed, an hour.
DEFAULT_MINUTES = {ItemKind.OBSERVATION: 120}
UNKNOWN_MARKER = "•"


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One entry of the calendar: a visit, meeting, consultation, training, observation or
    data deadline. ``all_day`` items (deadlines, and anything without a start time) have
    ``start`` None. ``source_id`` is the row id in the item's own table."""

    kind: ItemKind
    uid: str
    day: date
    start: time | None
    minutes: int | None
    title: str
    provider_id: int | None
    provider_name: str
    status_label: str
    source_id: int
    all_day: bool

    @property
    def marker(self) -> str:
        """A text shape for the status, so the calendar never tells status by colour alone."""
        if self.kind is ItemKind.DEADLINE:
            return DEADLINE_MARKER
        try:
            return ItemStatus(self.status_label).marker
        except ValueError:
            return UNKNOWN_MARKER

    @property
    def duration_minutes(self) -> int:
        """The length to block in a calendar: as recorded, else the kind's usual length."""
        return self.minutes if self.minutes else DEFAULT_MINUTES.get(self.kind, 60)

    @property
    def cancelled(self) -> bool:
        return self.status_label == ItemStatus.CANCELLED

    @property
    def planned_visit(self) -> bool:
        """A visit still to happen: what a pre-visit agenda is printed for."""
        return self.kind is ItemKind.VISIT and self.status_label == ItemStatus.PLANNED

    @property
    def tentative(self) -> bool:
        try:
            return ItemStatus(self.status_label).is_tentative
        except ValueError:
            return False

    @property
    def label(self) -> str:
        """One line for a day's list: marker, time, title and status in words."""
        when = "All day" if self.start is None else f"{self.start:%H:%M}"
        return f"{self.marker} {when} {self.title} ({self.status_label})"

    def sort_key(self) -> tuple[date, bool, time, int, str, int]:
        """Day, all-day items first, start time, kind, title (then row id, for stability)."""
        return (
            self.day,
            self.start is not None,
            self.start or time.min,
            self.kind.order,
            text_sort_key(self.title),
            self.source_id,
        )


def visit_title(provider_name: str, mode_label: str | None = None) -> str:
    kind = "Coaching visit" if mode_label is None else f"Coaching visit ({mode_label.lower()})"
    return f"{kind} — {provider_name}"


def pcm_title(topic: str) -> str:
    topic = topic.strip()
    return f"{ItemKind.PCM.label} — {topic}" if topic else ItemKind.PCM.label


def rc_title() -> str:
    return ItemKind.RC.label


def training_title(name: str, *, trainer: bool = False) -> str:
    return f"Training: {name}" + (" (you train)" if trainer else "")


def observation_title(tool: str, provider_name: str, observer: str = "") -> str:
    title = f"{tool} observation — {provider_name}"
    observer = observer.strip()
    return f"{title} (observer: {observer})" if observer else title


def deadline_title(requirement_name: str, provider_name: str | None) -> str:
    if provider_name:
        return f"Due: {requirement_name} — {provider_name}"
    return f"Due: {requirement_name}"
