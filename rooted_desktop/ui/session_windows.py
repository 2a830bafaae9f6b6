"""The open session windows: one per session, brought forward when it is asked for again;
their text kept when the desktop session ends, and offered back at the next start."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from rooted_desktop import identity
from rooted_desktop.services.container import Services

if TYPE_CHECKING:  # the session window loads when a session is first opened
    from rooted_desktop.services.drafts import DraftRecord
    from rooted_desktop.ui.dialogs.session_window import SessionWindow


class SessionWindows:
    def __init__(self, parent: QWidget, services: Services) -> None:
        self._parent = parent
        self._services = services
        self.open_now: list[SessionWindow] = []

    def open(
        self,
        session_id: int | None = None,
        provider_id: int | None = None,
        day: date | None = None,
        draft: DraftRecord | None = None,
    ) -> SessionWindow:
        """Bring an already open session forward, or open it in a window of its own."""
        from rooted_desktop.ui.dialogs.session_window import SessionWindow

        for window in self.open_now:
            if session_id is not None and window.session_id == session_id:
                window.raise_()
                window.activateWindow()
                return window
        payload = draft.payload if draft is not None else {}
        if draft is not None:
            session_id = payload.get("session_id")
            if session_id is not None and not self._services.sessions.exists(session_id):
                session_id = None  # its session was deleted: keep the text as a new session
        window = SessionWindow(
            self._services,
            session_id=session_id,
            provider_id=provider_id,
            day=day,
            draft_key=draft.key if draft is not None else None,
            draft_payload=payload.get("form") if draft is not None else None,
            parent=self._parent,
        )
        self.open_now.append(window)
        window.destroyed.connect(lambda _obj=None, w=window: self._forget(w))
        window.show()
        return window

    def _forget(self, window: SessionWindow) -> None:
        if window in self.open_now:
            self.open_now.remove(window)

    def close_all(self) -> bool:
        """Close every session window; False if the coach kept one open to save it first."""
        return all(window.close() for window in list(self.open_now))

    def keep_drafts(self) -> None:
        """The desktop session is ending (or the app quits): keep every open form's text."""
        for window in list(self.open_now):
            window.flush()

    def offer_drafts(self) -> None:
        """Offer back what was typed but not saved before the app last stopped."""
        from rooted_desktop.ui.dialogs.session_window import DRAFT_PREFIX

        drafts = [d for d in self._services.drafts.all() if d.key.startswith(DRAFT_PREFIX)]
        if not drafts:
            return
        names = "\n".join(f"• {d.title} (kept {d.updated_at.astimezone():%b %d, %H:%M})"
                          for d in drafts[:10])  # fmt: skip
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unsaved sessions found")
        count = "1 session" if len(drafts) == 1 else f"{len(drafts)} sessions"
        box.setText(f"{count} had text that was not saved when {identity.APP_NAME} last closed.")
        box.setInformativeText(names + "\n\nOpen them to review and save?")
        restore = box.addButton("&Open them", QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is restore:
            for draft in drafts:
                self.open(draft=draft)
        elif box.clickedButton() is discard:
            for draft in drafts:
                self._services.drafts.discard(draft.key)
