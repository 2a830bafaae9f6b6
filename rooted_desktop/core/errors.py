"""The one kind of error a coach is shown as a message rather than a crash report."""

from __future__ import annotations


class UserError(Exception):
    """Bad input, a full disk, a file open elsewhere, a locked store: say what and where."""

    def __init__(self, message: str, *, details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message
