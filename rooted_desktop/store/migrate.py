"""Alembic, imported only when a store needs upgrading.

Batch migrations rebuild tables; with foreign keys on, a rebuild would cascade deletes
into child tables, so they run with foreign keys off and a foreign_key_check after.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from rooted_desktop.core.errors import UserError
from rooted_desktop.store.engine import create_store_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(path: Path, revision: str = "head") -> None:
    from alembic import command

    engine = create_store_engine(path, foreign_keys=False)
    try:
        # One transaction that Alembic joins (SQLite DDL is transactional): if the check
        # finds broken references, the raise rolls every migration back and the store
        # stays as it was, at its old revision, instead of opening broken next time.
        with engine.connect() as conn, conn.begin():
            config = alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
            problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            if problems:
                raise UserError(
                    f"Upgrading {path} would leave {len(problems)} rows pointing at missing "
                    f"rows (first: {tuple(problems[0])}), so it was not upgraded. A backup "
                    "taken before the upgrade is in the backups folder."
                )
    finally:
        engine.dispose()
