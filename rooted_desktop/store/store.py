"""Opening the store: create, upgrade or refuse, then hand out transactions."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel

from rooted_desktop.core.errors import UserError
from rooted_desktop.store import models  # noqa: F401  (registers the tables)
from rooted_desktop.store.engine import create_store_engine
from rooted_desktop.store.schema import HEAD_REVISION, check_known, read_revision

log = logging.getLogger(__name__)


class Store:
    """The open store: one engine, one connection, transactions on demand."""

    def __init__(self, path: Path, *, app_version: str = "dev") -> None:
        self.path = path
        revision = read_revision(path)
        if revision is not None:
            check_known(path, revision, app_version)
            if revision != HEAD_REVISION:
                _upgrade(path, revision)
        try:
            self.engine = create_store_engine(path)
            with self.engine.connect() as conn:
                if revision is None:
                    _create_schema(conn)
        except OperationalError as exc:
            raise UserError(f"Cannot open the store {path}: {exc.orig}") from exc
        log.info("store open: %s (SQLite %s)", path, sqlite3.sqlite_version)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole at the end, rolled back whole on any error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A look without writing: closing the session rolls its transaction back.

        (Closing, not rollback(), so rows already read stay readable afterwards.)
        """
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _create_schema(conn: object) -> None:
    from sqlalchemy import Connection

    assert isinstance(conn, Connection)
    with conn.begin():
        SQLModel.metadata.create_all(conn)
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        conn.execute(text("INSERT INTO alembic_version VALUES (:rev)"), {"rev": HEAD_REVISION})


def _upgrade(path: Path, revision: str) -> None:
    """Back up, then run the Alembic migrations from ``revision`` to the head."""
    from rooted_desktop.store.migrate import upgrade_to_head

    backup = path.with_name(
        f"{path.stem}.before-{HEAD_REVISION}-{datetime.now():%Y%m%d-%H%M%S}{path.suffix}"
    )
    backup_dir = path.parent / "backups"
    backup_dir.mkdir(exist_ok=True)
    backup = backup_dir / backup.name
    _vacuum_into(path, backup)
    log.info("store at revision %s backed up to %s before upgrading", revision, backup)
    upgrade_to_head(path)


def _vacuum_into(source: Path, target: Path) -> None:
    conn = sqlite3.connect(source, timeout=0.2)
    try:
        conn.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.OperationalError as exc:
        raise UserError(f"Could not back up {source} before upgrading it: {exc}") from exc
    finally:
        conn.close()
    target.chmod(0o600)
