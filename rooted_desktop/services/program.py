"""The program-level record: PCMs, reflective consultation, trainings, and the year's counts.

Every write publishes ``Change.PLANNING``. Bad input is a UserError whose details read
"field: message"; an id that no longer exists is a UserError too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.program import (
    ConsultationInput,
    ConsultationRecord,
    MeetingInput,
    MeetingRecord,
    TrainingInput,
    TrainingProgress,
    TrainingRecord,
    YearCounts,
    pcm_pace_text,
    rc_missing_months,
    validate_consultation,
    validate_meeting,
    validate_training,
)
from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.guide.model import Guide
from rooted_desktop.guide.model import Training as GuideTraining
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.services.clock import Clock
from rooted_desktop.store import program as rows
from rooted_desktop.store.store import Store

_T = TypeVar("_T")


class ProgramService:
    def __init__(self, store: Store, bus: ChangeBus, guide: Guide, clock: Clock) -> None:
        self._store = store
        self._bus = bus
        self._guide = guide
        self._clock = clock

    # -- reading ------------------------------------------------------------------------
    @property
    def guide_trainings(self) -> tuple[GuideTraining, ...]:
        """The trainings the guide asks for, in its order (3A, 3B, PPP)."""
        return self._guide.trainings

    def training_name(self, kind: str) -> str:
        return next((t.name for t in self._guide.trainings if t.key == kind), kind)

    def today(self) -> date:
        return self._clock()

    def meetings(self, year: ProgramYear) -> list[MeetingRecord]:
        with self._store.reading() as session:
            return rows.meetings_between(session, year.first_day, year.last_day)

    def consultations(self, year: ProgramYear) -> list[ConsultationRecord]:
        with self._store.reading() as session:
            return rows.consultations_between(session, year.first_day, year.last_day)

    def trainings(self, year: ProgramYear) -> list[TrainingRecord]:
        with self._store.reading() as session:
            return rows.trainings_between(session, year.first_day, year.last_day)

    def month_consultations(self, month: Month) -> list[ConsultationRecord]:
        with self._store.reading() as session:
            return rows.consultations_between(session, month.first_day, month.last_day)

    def counts(self, year: ProgramYear) -> YearCounts:
        today, first, last = self._clock(), year.first_day, year.last_day
        with self._store.reading() as session:
            held, planned = rows.pcm_counts(session, first, last, today)
            attended = rows.rc_attended_months(session, first, last)
            next_rc = rows.rc_next_planned(session, today, last)
            progress = rows.training_progress(session, first, last, today)
        trainings = [
            TrainingProgress(t.key, t.name, *progress.get(t.key, (0, None, None)))
            for t in self._guide.trainings
        ]
        rules = self._guide.rules
        missing, open_month = rc_missing_months(year, today, attended)
        return YearCounts(
            year=year,
            pcms_held=held,
            pcms_planned=planned,
            pcm_min=rules.pcm_min,
            pcm_max=rules.pcm_max,
            pcm_pace_text=pcm_pace_text(held, rules.pcm_min, rules.pcm_max, year, today),
            rc_months_attended=len(attended),
            rc_months_missing=missing,
            rc_month_open=open_month,
            rc_next_planned=next_rc,
            trainings=tuple(trainings),
        )

    # -- PCMs ---------------------------------------------------------------------------
    def save_meeting(self, meeting_id: int | None, data: MeetingInput) -> MeetingRecord:
        """Add (id None) or replace a PCM, attendees included."""
        clean = data.cleaned()
        _check("meeting", validate_meeting(clean, today=self._clock()))
        with self._store.transaction() as session:
            _check_people(rows.missing_providers(session, clean.attendee_ids))
            row = None
            if meeting_id is not None:
                row = _found(rows.get_meeting(session, meeting_id), _gone("Meeting", meeting_id))
            saved = rows.save_meeting(session, row, clean)
            assert saved.id is not None
            record = rows.meeting_record(session, saved.id)
        self._bus.publish(Change.PLANNING)
        assert record is not None
        return record

    def delete_meeting(self, meeting_id: int) -> None:
        self._delete(rows.get_meeting, meeting_id, "Meeting")

    # -- reflective consultation --------------------------------------------------------
    def save_consultation(
        self, consultation_id: int | None, data: ConsultationInput
    ) -> ConsultationRecord:
        clean = data.cleaned()
        _check("consultation", validate_consultation(clean, today=self._clock()))
        with self._store.transaction() as session:
            row = None
            if consultation_id is not None:
                row = _found(
                    rows.get_consultation(session, consultation_id),
                    _gone("Reflective consultation", consultation_id),
                )
            saved = rows.save_consultation(session, row, clean)
            assert saved.id is not None
            record = rows.consultation_record(session, saved.id)
        self._bus.publish(Change.PLANNING)
        assert record is not None
        return record

    def delete_consultation(self, consultation_id: int) -> None:
        self._delete(rows.get_consultation, consultation_id, "Reflective consultation")

    # -- trainings ----------------------------------------------------------------------
    def save_training(self, training_id: int | None, data: TrainingInput) -> TrainingRecord:
        """Add (id None) or replace a training, attendees included.

        The kind must be a guide training's key, or the kind the training already has (one
        kept from another guide).
        """
        clean = data.cleaned()
        kinds = [t.key for t in self._guide.trainings]
        with self._store.transaction() as session:
            row = None
            if training_id is not None:
                row = _found(
                    rows.get_training(session, training_id), _gone("Training", training_id)
                )
                kinds += [row.kind] if row.kind not in kinds else []
            _check("training", validate_training(clean, kinds, today=self._clock()))
            _check_people(rows.missing_providers(session, clean.attendee_ids))
            saved = rows.save_training(session, row, clean)
            assert saved.id is not None
            record = rows.training_record(session, saved.id)
        self._bus.publish(Change.PLANNING)
        assert record is not None
        return record

    def delete_training(self, training_id: int) -> None:
        self._delete(rows.get_training, training_id, "Training")

    def _delete(self, get: Callable[..., object | None], item_id: int, what: str) -> None:
        with self._store.transaction() as session:
            rows.delete_row(session, _found(get(session, item_id), _gone(what, item_id)))
        self._bus.publish(Change.PLANNING)


def _found(row: _T | None, message: str) -> _T:
    if row is None:
        raise UserError(message)
    return row


def _gone(what: str, item_id: int) -> str:
    return f"{what} {item_id} no longer exists."


def _check(what: str, problems: list[FieldProblem]) -> None:
    if problems:
        raise UserError(
            f"The {what} cannot be saved: " + "; ".join(str(p) for p in problems),
            details=tuple(f"{p.field}: {p.message}" for p in problems),
        )


def _check_people(missing: list[int]) -> None:
    if missing:
        _check(
            "attendee list",
            [FieldProblem("attendees", f"provider {pid} no longer exists") for pid in missing],
        )
