"""The one connection to the store, with the pragmas that keep a coach's data safe.

One connection per process (StaticPool), opened in EXCLUSIVE locking mode with WAL and
synchronous=FULL: a second writer fails fast instead of racing, and a power cut loses
nothing that was committed. The sqlite3 module's own transaction handling is switched off
so that SQLAlchemy's BEGIN/COMMIT are the real ones.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.text import sort_key

log = logging.getLogger(__name__)

# Fail fast when another process holds the store: the coach is told at once.
LOCK_TIMEOUT_SECONDS = 0.2


def create_store_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    _create_private_file(path)
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=StaticPool,
        connect_args={"check_same_thread": False, "timeout": LOCK_TIMEOUT_SECONDS},
        # A database error's message would otherwise quote the row's values (a coach's
        # notes) into the traceback that goes to the log file.
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        # Search that folds case and accents for every alphabet (SQLite's own only folds ASCII).
        dbapi_connection.create_function("fold", 1, _fold, deterministic=True)
        cursor = dbapi_connection.cursor()
        # locking_mode first, so the WAL index lives in process memory (no -shm file).
        cursor.execute("PRAGMA locking_mode=EXCLUSIVE")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        # Take the exclusive lock now rather than at the first write.
        try:
            cursor.execute("BEGIN EXCLUSIVE")
            cursor.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            dbapi_connection.close()
            raise UserError(
                f"The store {path} is open in another Rooted Desktop window or command. "
                "Close it and try again."
            ) from exc
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def _fold(text: str | None) -> str:
    return sort_key(text or "")


def _create_private_file(path: Path) -> None:
    """Create the store readable by the user only; SQLite gives its WAL file the same mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)
