"""The session-log CSV (PRODUCT.md §6): import all or nothing, export for spreadsheets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.files import atomic_write_bytes, read_text_file
from rooted_desktop.core.records import SessionRecord
from rooted_desktop.core.session_csv import SessionRow, parse_session_log, write_session_log
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.services.backups import BackupService
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.store import providers as provider_rows
from rooted_desktop.store import sessions as session_rows
from rooted_desktop.store.store import Store


def _row(record: SessionRecord) -> SessionRow:
    return SessionRow(
        provider=record.provider_name,
        date=record.day,
        start_time=record.start_time,
        minutes=record.minutes,
        mode=record.mode,
        status=record.status,
        focus=record.focus,
        strengths=record.strengths,
        next_steps=record.next_steps,
        joint_plan=record.joint_plan,
        coach_notes=record.coach_notes,
        cms_entered_on=record.cms_entered_on,
    )


class SessionLogService:
    def __init__(
        self, store: Store, bus: ChangeBus, *, backups: BackupService | None = None
    ) -> None:
        self._store = store
        self._bus = bus
        self._backups = backups

    def export_csv(self, path: Path, first_day: date, last_day: date) -> int:
        with self._store.reading() as session:
            records = session_rows.sessions_between(session, first_day, last_day)
        atomic_write_bytes(Path(path), write_session_log(_row(r) for r in records), private=True)
        return len(records)

    def import_csv(self, path: Path) -> int:
        """Every row is checked first; the whole file goes in as one transaction or not at all."""
        text = read_text_file(Path(path))
        with self._store.reading() as session:
            ids = provider_rows.existing_names(session)
            names = {p.name.casefold(): p.name for p in provider_rows.list_providers(session)}
        rows = parse_session_log(text, known_providers=names, source=Path(path).name)
        if self._backups is not None:
            self._backups.before_import()
        with self._store.transaction() as session:
            for row in rows:
                session_rows.insert_session(
                    session,
                    SessionInput(
                        provider_id=ids[row.provider.casefold()],
                        day=row.date,
                        start_time=row.start_time,
                        minutes=row.minutes,
                        mode=row.mode,
                        status=row.status,
                        focus=row.focus,
                        strengths=row.strengths,
                        next_steps=row.next_steps,
                        joint_plan=row.joint_plan,
                        coach_notes=row.coach_notes,
                        cms_entered_on=row.cms_entered_on,
                    ),
                )
        self._bus.publish(Change.SESSIONS)
        return len(rows)


def check_range(first_day: date, last_day: date) -> None:
    if last_day < first_day:
        raise UserError(f"The range ends ({last_day}) before it starts ({first_day}).")
