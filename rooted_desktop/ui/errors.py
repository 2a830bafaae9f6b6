"""Two kinds of errors: a UserError becomes a clear message; anything else is a bug report."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from rooted_desktop.core.errors import UserError

log = logging.getLogger(__name__)


def show_problems(label: QLabel, problems: list[str]) -> None:
    """A form's problems in its label, as text (not colour alone); the dialog stays open."""
    label.setText("Please fix:\n" + "\n".join(f"• {p[:1].upper()}{p[1:]}" for p in problems))
    label.show()


def show_user_error(parent: QWidget | None, error: UserError, *, title: str = "") -> None:
    error_box(parent, error, title=title).exec()


def error_box(parent: QWidget | None, error: UserError, *, title: str = "") -> QMessageBox:
    """The message for a UserError: what went wrong, then each problem on its own line."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or "Rooted Desktop")
    box.setText(error.message)
    if error.details:
        shown = list(error.details[:12])
        if len(error.details) > 12:
            shown.append(f"… and {len(error.details) - 12} more (see Show Details)")
        box.setInformativeText("\n".join(shown))
        box.setDetailedText("\n".join(error.details))
    box.setAccessibleName(error.message)
    return box


def install_crash_handler(log_file: str) -> None:
    """Log unexpected exceptions with their traceback and tell the coach, keeping the app alive."""

    def handle(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if isinstance(error, UserError):
            show_user_error(QApplication.activeWindow(), error)
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Something went wrong")
        box.setText(
            "Rooted Desktop hit an unexpected problem. Your saved work is safe; "
            "the last action may not have finished."
        )
        box.setInformativeText(f"{kind.__name__}: {error}\n\nDetails were written to {log_file}.")
        box.exec()

    sys.excepthook = handle
