"""Which schema revisions this version of the app knows, readable without importing Alembic.

A test holds these against the Alembic scripts in ``migrations/versions`` so they cannot
drift apart. Add the new revision id at the end when adding a migration.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from rooted_desktop.core.errors import UserError

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD_REVISION = KNOWN_REVISIONS[-1]


def read_revision(path: Path) -> str | None:
    """The store's schema revision, or None for a new (empty) file.

    Plain sqlite3 and a read-only open: cheap, and Alembic is only imported when an
    upgrade is due.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error as exc:
        raise UserError(f"Cannot open the store {path}: {exc}") from exc
    try:
        tables = {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise UserError(
                    f"{path} is not a Rooted Desktop store (it has tables but no schema version)."
                )
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            raise UserError(
                f"The store {path} is open in another Rooted Desktop window or command. "
                "Close it and try again."
            ) from exc
        raise UserError(f"The store {path} cannot be read: {exc}") from exc
    finally:
        conn.close()


def check_known(path: Path, revision: str, app_version: str) -> None:
    """Refuse a store written by a newer app: its schema is one this app does not know."""
    if revision not in KNOWN_REVISIONS:
        raise UserError(
            f"The store {path} uses schema revision {revision}, written by a newer Rooted "
            f"Desktop. This version ({app_version}) knows schema revisions up to "
            f"{HEAD_REVISION}. Install the newer version to open it."
        )
