"""Whether the store is exactly as the app left it when it last closed normally.

``PRAGMA quick_check`` reads every page of the file: on a store with years of history that
is longer than the rest of start-up put together. When the app closes normally it notes
the file's identity (inode, size, modification time) beside it; the next start consumes
that note and, when the file still matches it, skips the check, since nothing has written
the file since a clean close. A crash, a kill, a power cut, a command-line import, a
restore or a copied-in file leave no note or a stale one, and the check runs as before.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def _note_file(store_file: Path) -> Path:
    return store_file.with_name(store_file.name + ".closed")


def _identity(store_file: Path) -> list[int] | None:
    if store_file.with_name(store_file.name + "-wal").exists():
        return None  # pages not yet in the main file: not a clean close
    try:
        stat = store_file.stat()
    except OSError:
        return None
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def note_clean_close(store_file: Path) -> None:
    """Called after the store is closed normally; a failure only costs the next start a check."""
    identity = _identity(store_file)
    if identity is None:
        return
    try:
        _note_file(store_file).write_text(json.dumps(identity), encoding="utf-8")
    except OSError as exc:
        log.warning("could not note the clean close of %s: %s", store_file, exc)


def closed_cleanly(store_file: Path) -> bool:
    """True when the store is untouched since a clean close. Consumes the note either way,
    so a run that does not end cleanly leaves the next start to check the file."""
    note = _note_file(store_file)
    try:
        noted = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    try:
        os.remove(note)
    except OSError:
        return False  # a note that cannot be removed cannot be trusted next time either
    return bool(noted == _identity(store_file))
