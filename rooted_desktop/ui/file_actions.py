"""The File menu's imports and exports: ask for a file, call the service, say what happened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.errors import UserError
from rooted_desktop.services.container import Services
from rooted_desktop.services.documents import DocumentJob
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.ui.errors import show_user_error
from rooted_desktop.ui.workers import DocumentRunner


class FileActions:
    def __init__(
        self,
        parent: QWidget,
        services: Services,
        *,
        show_providers: Callable[[], None],
        show_sessions: Callable[[], None],
        sessions_query: Callable[[], SessionQuery],
        status: Callable[[str, int], None],
        documents: DocumentRunner,
    ) -> None:
        self._documents = documents
        self._parent = parent
        self._services = services
        self._show_providers = show_providers
        self._show_sessions = show_sessions
        self._sessions_query = sessions_query
        self._status = status

    def _ask_open(self, caption: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._parent, caption, str(Path.home()), filters)
        return Path(name) if name else None

    def import_roster(self) -> None:
        path = self._ask_open("Import roster", "CSV files (*.csv);;All files (*)")
        if path is None:
            return
        try:
            records = self._services.providers.import_roster(path)
        except UserError as error:
            show_user_error(self._parent, error, title="Roster not imported")
            return
        self._show_providers()
        QMessageBox.information(
            self._parent, "Roster imported", f"Imported {len(records)} providers from {path.name}."
        )

    def import_sessions(self) -> None:
        path = self._ask_open("Import sessions", "CSV files (*.csv);;All files (*)")
        if path is None:
            return
        try:
            count = self._services.session_log.import_csv(path)
        except UserError as error:
            show_user_error(self._parent, error, title="Sessions not imported")
            return
        self._show_sessions()
        QMessageBox.information(
            self._parent, "Sessions imported", f"Imported {count} sessions from {path.name}."
        )

    def export_sessions(self) -> None:
        query = self._sessions_query()
        first = query.first_day or date(1900, 1, 1)
        last = query.last_day or date(9999, 12, 31)
        label = f"{first:%Y-%m}" if query.first_day else "all"
        suggested = str(Path.home() / f"sessions-{label}.csv")
        name, _ = QFileDialog.getSaveFileName(
            self._parent, "Export sessions", suggested, "CSV files (*.csv)"
        )
        if not name:
            return
        try:
            count = self._services.session_log.export_csv(Path(name), first, last)
        except UserError as error:
            show_user_error(self._parent, error, title="Export failed")
            return
        self._status(f"Exported {count} sessions to {name}", 8000)

    def import_json(self) -> None:
        path = self._ask_open("Import everything", "JSON export (*.json);;All files (*)")
        if path is None:
            return
        try:
            count = self._services.archive.import_json(path)
        except UserError as error:
            show_user_error(self._parent, error, title="Nothing imported")
            return
        QMessageBox.information(
            self._parent, "Imported", f"Imported {count} records from {path.name}."
        )

    def export_json(self) -> None:
        suggested = str(Path.home() / f"rooted-desktop-{self._services.clock():%Y-%m-%d}.json")
        name, _ = QFileDialog.getSaveFileName(
            self._parent, "Export everything", suggested, "JSON export (*.json)"
        )
        if not name:
            return
        try:
            count = self._services.archive.export_json(Path(name))
        except UserError as error:
            show_user_error(self._parent, error, title="Export failed")
            return
        self._status(f"Exported {count} records to {name}", 8000)

    def export_calendar(self) -> None:
        """The program year's calendar as .ics: titles and names only, never notes."""
        year = self._services.years.current()
        suggested = str(Path.home() / f"rooted-calendar-{year.label}.ics")
        name, _ = QFileDialog.getSaveFileName(
            self._parent, "Export calendar", suggested, "Calendar files (*.ics)"
        )
        if not name:
            return
        try:
            count = self._services.calendar.export_ics(Path(name), year.first_day, year.last_day)
        except UserError as error:
            show_user_error(self._parent, error, title="Export failed")
            return
        self._status(f"Exported {count} calendar events to {name}", 8000)

    def _ask_save(self, caption: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self._parent, caption, str(Path.home() / suggested), filters
        )
        return Path(name) if name else None

    def _scope(self, scope: SessionQuery | None) -> SessionQuery:
        """What to print: the given sessions, else the Sessions page's (this month if all)."""
        if scope is None:
            scope = self._sessions_query()
        if scope.first_day is None and scope.last_day is None:
            month = Month.of(self._services.clock())
            scope = replace(scope, first_day=month.first_day, last_day=month.last_day)
        return scope

    @staticmethod
    def _file_label(scope: SessionQuery) -> str:
        first, last = scope.first_day, scope.last_day
        if first is not None and first == last:
            return f"{first:%Y-%m-%d}"
        if first is not None and last is not None and Month.of(first) == Month.of(last):
            return f"{first:%Y-%m}"
        return "-to-".join(f"{day:%Y-%m-%d}" for day in (first, last) if day is not None)

    def print_agendas(self, scope: SessionQuery | None = None) -> None:
        """The agendas of the planned visits in scope, one per page, to print before visits."""
        documents = self._services.documents
        self._print_sessions(
            scope, "agendas", "agendas", documents.agendas_job, "No agendas to print"
        )

    def print_cms_sheets(self, scope: SessionQuery | None = None) -> None:
        """The completed sessions in scope, every field in CMS order, to re-type them."""
        documents = self._services.documents
        self._print_sessions(
            scope, "cms", "CMS entry sheets", documents.cms_job, "No CMS entry sheets"
        )

    def _print_sessions(
        self,
        scope: SessionQuery | None,
        stem: str,
        noun: str,
        make_job: Callable[[Path, SessionQuery], DocumentJob],
        nothing_title: str,
    ) -> None:
        """Ask where, build the job (or say there is nothing), render it in the background."""
        scope = self._scope(scope)
        path = self._ask_save(
            f"Save the {noun}", f"{stem}-{self._file_label(scope)}.pdf", "PDF files (*.pdf)"
        )
        if path is None:
            return
        try:
            job = make_job(path, scope)
        except UserError as error:
            show_user_error(self._parent, error, title=nothing_title)
            return
        count = f"{job.count} {noun}" if job.count != 1 else noun.removesuffix("s")
        self._documents.start(job, f"Preparing {count}…")

    def print_monthly(self, month: Month) -> None:
        """The month's summary for the coach and supervisor."""
        path = self._ask_save(
            "Save the monthly summary", f"summary-{month.key}.pdf", "PDF files (*.pdf)"
        )
        if path is None:
            return
        job = self._services.documents.monthly_job(path, month)
        self._documents.start(job, f"Preparing the {month.label} summary…")
