"""A coaching session in its own window: the form, what the coach needs beside it, autosave.

Typed text is kept as a draft ~1.5 s after typing stops, when focus leaves a field, and
when the window closes or the desktop session ends; Save (Ctrl+S) files the session.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.feedback import feedback_message, mailto_url, shareable_session
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.guide.agenda import AgendaSection
from rooted_desktop.services.container import Services
from rooted_desktop.ui.autosave import Autosaver
from rooted_desktop.ui.dialogs.action_plan_dialog import ActionPlanDialog
from rooted_desktop.ui.errors import show_user_error
from rooted_desktop.ui.widgets.session_form import SessionForm
from rooted_desktop.ui.widgets.session_side_panel import SessionSidePanel
from rooted_desktop.ui.workers import DocumentRunner

DRAFT_PREFIX = "session:"


class SessionWindow(QWidget):
    saved = Signal(int)

    def __init__(
        self,
        services: Services,
        *,
        session_id: int | None = None,
        provider_id: int | None = None,
        day: date | None = None,
        draft_key: str | None = None,
        draft_payload: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._services = services
        self.session_id = session_id
        self.draft_key = draft_key or (
            f"{DRAFT_PREFIX}{session_id}" if session_id else f"{DRAFT_PREFIX}new:{uuid.uuid4().hex}"
        )
        record = services.sessions.get(session_id) if session_id else None
        template = services.agenda.current()
        # A session keeps the sections it was written with; a new one takes today's template.
        sections = (
            tuple(
                AgendaSection(n.key, n.title, n.prompt, n.field, n.shareable)
                for n in record.sections
            )
            if record and record.sections
            else template.sections
        )
        self.form = SessionForm(
            services.providers.all(), sections, template.strategies, today=services.clock()
        )
        self.side = SessionSidePanel()

        if record is not None:
            self.form.load(SessionInput.from_record(record))
        else:
            self.form.set_provider(provider_id)
            self.form.load_defaults(day or services.clock())
        if draft_payload is not None:
            self.form.load_payload(draft_payload)
        self._saved_payload = None if draft_payload is not None else self.form.payload()

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        # Tab stops on the area itself (PageUp/PageDown scroll it): a screen reader says this.
        scroll.setAccessibleName("Session form")
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setStyleSheet("font-weight: bold")
        self.problems.hide()

        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Save the session (Ctrl+S)")
        self.email_button = QPushButton("&Email feedback…")
        self.email_button.setToolTip("Open your mail program with the shareable notes filled in")
        self.copy_button = QPushButton("Cop&y feedback")
        self.copy_button.setToolTip("Copy the shareable notes, to paste into a message")
        self.agenda_button = QPushButton("A&genda PDF…")
        self.agenda_button.setToolTip("The provider's agenda for this visit, to print before it")
        self.cms_button = QPushButton("C&MS sheet PDF…")
        self.cms_button.setToolTip("Every field of this session, in the order CMS asks")
        self.documents = DocumentRunner(self)
        self.close_button = QPushButton("Close")
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Save status")

        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (
            self.agenda_button,
            self.cms_button,
            self.email_button,
            self.copy_button,
            self.save_button,
            self.close_button,
        ):
            buttons.addWidget(button)

        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addWidget(self.side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)

        self.autosaver = Autosaver(self, self.save_draft)
        self.form.edited.connect(self._edited)
        self.form.provider.currentIndexChanged.connect(lambda _i: self.refresh_side())
        self.form.day.dateChanged.connect(lambda _d: self.refresh_side())
        self.save_button.clicked.connect(self.save)
        self.email_button.clicked.connect(self.email_feedback)
        self.copy_button.clicked.connect(self.copy_feedback)
        self.close_button.clicked.connect(self.close)
        self.agenda_button.clicked.connect(lambda: self.print_document("agenda"))
        self.cms_button.clicked.connect(lambda: self.print_document("cms"))
        self.side.action_plan_requested.connect(self.review_action_plan)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

        self.resize(1100, 760)
        self._update_title()
        self.refresh_side()
        # The keyboard starts where the coach does: who the visit was with, else the notes.
        boxes = list(self.form.section_boxes.values())
        start = boxes[0] if self.form.provider_id() is not None and boxes else self.form.provider
        start.setFocus()
        if draft_payload is not None:
            self.status_label.setText("Restored from an unsaved draft — not saved yet")

    # -- state --------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.form.payload() != self._saved_payload

    def _edited(self) -> None:
        self.autosaver.touched()
        self.status_label.setText("Editing — a draft is kept as you type")

    def _update_title(self) -> None:
        value = self.form.value()
        who = self.form.provider.currentText() if value.provider_id else "New session"
        when = f"{value.day:%b} {value.day.day}, {value.day.year}" if value.day else ""
        self.setWindowTitle(f"Session — {who} — {when}")

    def refresh_side(self) -> None:
        value = self.form.value()
        self._update_title()
        if value.provider_id is None or value.day is None:
            self.side.show_nothing()
            return
        sessions = self._services.sessions
        self.side.show(
            last_plan=sessions.last_joint_plan(
                value.provider_id, value.day, exclude_id=self.session_id
            ),
            open_steps=sessions.open_steps(value.provider_id),
            dosage=sessions.month_dosage(value.provider_id, Month.of(value.day)),
        )

    def review_action_plan(self) -> None:
        """Goals and steps, reviewed with the provider; status changes note this session."""
        provider_id = self.form.provider_id()
        if provider_id is None:
            return
        provider = self._services.providers.get(provider_id)
        dialog = ActionPlanDialog(
            self, self._services.action_plans, provider, session_id=self.session_id
        )
        dialog.exec()
        self.refresh_side()

    # -- saving -------------------------------------------------------------------------
    def save_draft(self) -> bool:
        """Keep what is typed as a draft; False when it could not be kept (it is retried)."""
        try:
            if not self.has_unsaved_changes():
                # Typed back to what is saved: a draft would only be offered again for nothing.
                self._services.drafts.discard(self.draft_key)
                return True
            self._services.drafts.save(
                self.draft_key,
                self.windowTitle(),
                {"session_id": self.session_id, "form": self.form.payload()},
            )
        except UserError as error:
            # From a timer or a focus change: a line in the window, not a dialog popping up.
            self.status_label.setText(f"Draft not kept: {error.message}")
            return False
        self.status_label.setText("Draft kept — not saved as a session yet")
        return True

    def save(self) -> bool:
        value = self.form.value()
        try:
            if self.session_id is None:
                record = self._services.sessions.create(value)
            else:
                record = self._services.sessions.update(self.session_id, value)
        except UserError as error:
            # The text stays in the form; the draft keeps it safe meanwhile.
            problems = [d.partition(": ")[2] or d for d in error.details] or [error.message]
            self.problems.setText("Not saved: " + "; ".join(problems))
            self.problems.show()
            self.autosaver.flush()
            return False
        old_key = self.draft_key
        self.session_id = record.id
        self.draft_key = f"{DRAFT_PREFIX}{record.id}"
        self._services.drafts.discard(old_key)
        self.autosaver.clean()
        self._saved_payload = self.form.payload()
        self.problems.hide()
        self.status_label.setText("Saved")
        self.refresh_side()
        self.saved.emit(record.id)
        return True

    def flush(self) -> None:
        """Keep what is typed now (the desktop session is ending)."""
        self.autosaver.dirty = self.autosaver.dirty or self.has_unsaved_changes()
        self.autosaver.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_unsaved_changes():
            answer = QMessageBox.question(
                self,
                "Save this session?",
                "This session has changes that are not saved yet.",
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save and not self.save():
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Discard:
                self.autosaver.clean()
                self._services.drafts.discard(self.draft_key)
        event.accept()

    # -- documents --------------------------------------------------------------------
    def print_document(self, kind: str) -> None:
        """The agenda (provider-facing) or the CMS sheet of this session, as a PDF."""
        if (self.session_id is None or self.has_unsaved_changes()) and not self.save():
            return
        assert self.session_id is not None
        value = self.form.value()
        stem = "agenda" if kind == "agenda" else "cms-sheet"
        suggested = f"{stem}-{value.day:%Y-%m-%d}.pdf" if value.day else f"{stem}.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the document", str(Path.home() / suggested), "PDF files (*.pdf)"
        )
        if not name:
            return
        documents = self._services.documents
        try:
            job = (
                documents.agenda_job(Path(name), self.session_id)
                if kind == "agenda"
                else documents.cms_sheet_job(Path(name), self.session_id)
            )
        except UserError as error:
            show_user_error(self, error, title="Document not written")
            return
        self.documents.start(job, "Preparing the document…")

    # -- feedback -----------------------------------------------------------------------
    def _feedback(self) -> tuple[str, str, str] | None:
        if (self.session_id is None or self.has_unsaved_changes()) and not self.save():
            return None
        assert self.session_id is not None
        record = self._services.sessions.get(self.session_id)
        provider = self._services.providers.get(record.provider_id)
        coach = self._services.coach_name()
        subject, body = feedback_message(shareable_session(record), coach_name=coach)
        return provider.email, subject, body

    def email_feedback(self) -> None:
        feedback = self._feedback()
        if feedback is None:
            return
        address, subject, body = feedback
        if not address:
            show_user_error(self, UserError(
                "This provider has no email address. Add one on the Providers page, "
                "or use Copy feedback and paste it into a message."
            ))  # fmt: skip
            return
        QDesktopServices.openUrl(QUrl(mailto_url(address, subject, body)))
        assert self.session_id is not None
        self._services.sessions.mark_feedback_sent(self.session_id)
        self.status_label.setText("Feedback opened in your mail program")

    def copy_feedback(self) -> None:
        feedback = self._feedback()
        if feedback is None:
            return
        _address, subject, body = feedback
        QGuiApplication.clipboard().setText(f"{subject}\n\n{body}")
        assert self.session_id is not None
        self._services.sessions.mark_feedback_sent(self.session_id)
        self.status_label.setText("Feedback copied — paste it into a message")
