"""Coaching sessions: document, list, duplicate, delete, mark entered in CMS, dosage so far."""

from __future__ import annotations

from datetime import UTC, date, datetime

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.dosage import Dosage, summarize_dosage
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.records import OpenStep, SessionListItem, SessionRecord
from rooted_desktop.core.sessions import SessionInput, validate_session
from rooted_desktop.core.vocab import SessionStatus
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.services.clock import Clock
from rooted_desktop.store import action_plans as action_plan_rows
from rooted_desktop.store import sessions as session_rows
from rooted_desktop.store.sessions import SessionQuery
from rooted_desktop.store.store import Store

__all__ = ["SessionQuery", "SessionService"]


class SessionService:
    def __init__(self, store: Store, bus: ChangeBus, clock: Clock, *, target_minutes: int) -> None:
        self._store = store
        self._bus = bus
        self._clock = clock
        self._target = target_minutes

    # -- reading ------------------------------------------------------------------------
    def find(self, query: SessionQuery) -> list[SessionListItem]:
        with self._store.reading() as session:
            return session_rows.list_sessions(session, query)

    def get(self, session_id: int) -> SessionRecord:
        with self._store.reading() as session:
            record = session_rows.get_session(session, session_id)
        if record is None:
            raise UserError(f"Session {session_id} no longer exists.")
        return record

    def exists(self, session_id: int) -> bool:
        with self._store.reading() as session:
            return session_rows.session_row(session, session_id) is not None

    def month_dosage(self, provider_id: int, month: Month) -> Dosage:
        today = self._clock()
        with self._store.reading() as session:
            done, scheduled, upcoming = session_rows.month_minutes(
                session, provider_id, month.first_day, month.last_day, today
            )
        return summarize_dosage(
            month,
            done=done,
            scheduled=scheduled,
            upcoming=upcoming,
            today=today,
            target=self._target,
        )

    def last_joint_plan(
        self, provider_id: int, before: date, *, exclude_id: int | None = None
    ) -> tuple[date, str] | None:
        with self._store.reading() as session:
            return session_rows.last_joint_plan(session, provider_id, before, exclude_id)

    def open_steps(self, provider_id: int) -> list[OpenStep]:
        with self._store.reading() as session:
            return action_plan_rows.open_steps(session, provider_id)

    # -- writing ------------------------------------------------------------------------
    def create(self, data: SessionInput) -> SessionRecord:
        self._check(data)
        with self._store.transaction() as session:
            row = session_rows.insert_session(session, data)
            assert row.id is not None
            record = session_rows.get_session(session, row.id)
        self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    def update(self, session_id: int, data: SessionInput) -> SessionRecord:
        self._check(data)
        with self._store.transaction() as session:
            row = session_rows.session_row(session, session_id)
            if row is None:
                raise UserError(f"Session {session_id} no longer exists.")
            session_rows.update_session(session, row, data)
            session.flush()
            record = session_rows.get_session(session, session_id)
        self._bus.publish(Change.SESSIONS)
        assert record is not None
        return record

    def delete(self, session_ids: list[int]) -> None:
        with self._store.transaction() as session:
            for session_id in session_ids:
                row = session_rows.session_row(session, session_id)
                if row is not None:
                    session.delete(row)
        self._bus.publish(Change.SESSIONS)

    def duplicate_as_planned(self, session_id: int, day: date) -> SessionRecord:
        """A new planned visit with the same provider, time, length, mode and focus."""
        source = self.get(session_id)
        return self.create(
            SessionInput(
                provider_id=source.provider_id,
                day=day,
                start_time=source.start_time,
                minutes=source.minutes,
                mode=source.mode,
                status=SessionStatus.PLANNED,
                focus=source.focus,
            )
        )

    def mark_cms_entered(self, session_ids: list[int], on: date | None) -> int:
        """Mark sessions entered in CMS on a date (never before the session), or clear it."""
        with self._store.transaction() as session:
            count = session_rows.set_cms_entered(session, session_ids, on)
        self._bus.publish(Change.SESSIONS)
        return count

    def mark_feedback_sent(self, session_id: int) -> None:
        with self._store.transaction() as session:
            session_rows.mark_feedback_sent(session, session_id, datetime.now(UTC))
        self._bus.publish(Change.SESSIONS)

    def _check(self, data: SessionInput) -> None:
        problems = validate_session(data)
        if problems:
            raise UserError(
                "The session cannot be saved: " + "; ".join(p.message for p in problems),
                details=tuple(f"{p.field}: {p.message}" for p in problems),
            )
