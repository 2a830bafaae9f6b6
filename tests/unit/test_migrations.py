"""Migrations, proven on stores as released apps wrote them (tests/fixtures/stores).

Each released schema revision has a fixture store and a snapshot of its rows, made by
``tests/fixtures/make_stores.py``; opening a copy with this app must keep every row. Batch
migrations (table rebuilds) run with foreign keys off and a foreign_key_check after, shown
here with a migration that rebuilds the provider table under all its children.

(tests/unit/test_store.py covers the rest: the revision list against the Alembic scripts,
the migrated schema against the models, the backup before an upgrade, and a store from a
newer app refused naming both versions.)
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from rooted_desktop.core.errors import UserError
from rooted_desktop.services.container import Services
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.store import migrate, schema
from rooted_desktop.store import store as store_module
from rooted_desktop.store.store import Store
from tests.fixtures.make_stores import STORES, dump_rows, snapshot_file, store_file

# Tables whose rows point at a provider: a rebuild of provider with foreign keys on would
# delete (CASCADE) or refuse (RESTRICT) because of them.
PROVIDER_CHILDREN = (
    "enrollment",
    "coaching_session",
    "action_plan",
    "pcm_attendee",
    "training_attendee",
    "observation",
    "data_requirement",
)

REBUILD_PROVIDER = '''"""test: rebuild the provider table, as a batch migration does"""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("provider", recreate="always") as batch:
        batch.add_column(sa.Column("pronouns", sa.String(), nullable=False, server_default=""))
{extra}

def downgrade() -> None:
    raise NotImplementedError
'''


def copy_of(revision: str, tmp_path: Path) -> Path:
    target = tmp_path / "data" / "rooted.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(store_file(revision), target)
    return target


def snapshot(revision: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(snapshot_file(revision).read_text(encoding="utf-8"))
    return loaded


def keyed(table: dict[str, Any]) -> dict[tuple[Any, ...], dict[str, Any]]:
    columns, key = table["columns"], table["key"] or table["columns"]
    rows = (dict(zip(columns, row, strict=True)) for row in table["rows"])
    return {tuple(row[k] for k in key): row for row in rows}


def assert_rows_intact(before: dict[str, Any], after: dict[str, Any]) -> None:
    """Every row of ``before`` is in ``after`` under the same key with the same values.

    A migration may add tables and columns; one that renames or moves data says so here.
    """
    for name, table in before.items():
        if name == "alembic_version":
            continue
        assert name in after, f"table {name} is gone"
        now = keyed(after[name])
        for key, row in keyed(table).items():
            assert key in now, f"{name} row {key} is gone"
            kept = {column: now[key].get(column) for column in row}
            assert kept == row, f"{name} row {key} changed"


def fk_check(path: Path) -> list[Any]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("revision", schema.KNOWN_REVISIONS)
def test_every_released_revision_has_a_fixture_store_and_snapshot(revision: str) -> None:
    assert store_file(revision).is_file(), (
        f"no fixture for schema revision {revision}: run tests/fixtures/make_stores.py "
        "with the app at that revision"
    )
    assert snapshot(revision)["revision"] == revision
    # The snapshot is of this very file, and every table holds rows to prove something with.
    assert dump_rows(store_file(revision)) == snapshot(revision)["tables"]
    assert all(table["rows"] for table in snapshot(revision)["tables"].values())


def test_no_fixture_for_a_revision_the_app_does_not_know() -> None:
    stems = {path.stem for path in STORES.glob("*.sqlite3")}
    assert stems <= set(schema.KNOWN_REVISIONS)


@pytest.mark.parametrize("revision", schema.KNOWN_REVISIONS)
def test_opening_a_released_store_keeps_every_row(revision: str, tmp_path: Path) -> None:
    path = copy_of(revision, tmp_path)
    services = Services.open(path, clock=lambda: date(2026, 12, 4))
    try:
        # Through the models too: every row of every table reads back and exports.
        exported = services.archive.export_json(tmp_path / "everything.json")
        sessions = services.sessions.find(SessionQuery())
    finally:
        services.close()
    before = snapshot(revision)["tables"]
    assert exported == sum(len(t["rows"]) for n, t in before.items() if n != "alembic_version")
    assert any("Nguyễn Thị Ánh" in s.provider_name for s in sessions)
    assert schema.read_revision(path) == schema.HEAD_REVISION
    assert_rows_intact(before, dump_rows(path))
    assert fk_check(path) == []


@pytest.fixture
def next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the migration scripts plus a test migration after the head; the app believes
    that test revision is its new head. Yields the file to write the test migration to."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    head = "9001"
    monkeypatch.setattr(schema, "KNOWN_REVISIONS", (*schema.KNOWN_REVISIONS, head))
    monkeypatch.setattr(schema, "HEAD_REVISION", head)
    monkeypatch.setattr(store_module, "HEAD_REVISION", head)
    yield scripts / "versions" / f"{head}_test_rebuild_provider.py"


def write_rebuild(target: Path, extra: str = "") -> None:
    down = schema.KNOWN_REVISIONS[-2]
    target.write_text(REBUILD_PROVIDER.format(revision="9001", down=down, extra=extra))


def test_a_batch_rebuild_of_a_parent_table_keeps_its_children(
    next_revision: Path, tmp_path: Path
) -> None:
    write_rebuild(next_revision)
    revision = schema.KNOWN_REVISIONS[-2]
    path = copy_of(revision, tmp_path)
    Store(path).close()  # backs up, then upgrades through the test migration

    assert schema.read_revision(path) == "9001"
    after = dump_rows(path)
    assert "pronouns" in after["provider"]["columns"]
    assert_rows_intact(snapshot(revision)["tables"], after)
    for child in PROVIDER_CHILDREN:
        assert after[child]["rows"], f"{child} lost its rows"
    assert fk_check(path) == []
    (backup,) = (tmp_path / "data" / "backups").glob("*.sqlite3")
    assert_rows_intact(snapshot(revision)["tables"], dump_rows(backup))


def test_the_same_rebuild_with_foreign_keys_on_would_lose_or_refuse_children(
    next_revision: Path, tmp_path: Path
) -> None:
    """Why the migrations run with foreign keys off: the control experiment."""
    from alembic import command

    from rooted_desktop.store.engine import create_store_engine

    write_rebuild(next_revision)
    path = copy_of(schema.KNOWN_REVISIONS[-2], tmp_path)
    engine = create_store_engine(path, foreign_keys=True)
    try:
        with pytest.raises(IntegrityError, match="FOREIGN KEY"), engine.connect() as conn:
            config = migrate.alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()
    finally:
        engine.dispose()


def test_a_migration_leaving_broken_references_is_refused_naming_the_backup(
    next_revision: Path, tmp_path: Path
) -> None:
    # A faulty migration: it drops a provider that sessions still point at.
    write_rebuild(
        next_revision,
        extra='    op.execute("DELETE FROM provider WHERE id = 1")\n',
    )
    revision = schema.KNOWN_REVISIONS[-2]
    path = copy_of(revision, tmp_path)
    with pytest.raises(UserError, match="pointing at missing rows") as caught:
        Store(path)
    assert "not upgraded" in caught.value.message and "backup" in caught.value.message
    assert list((tmp_path / "data" / "backups").glob("*.sqlite3")), "the backup is there"
    # Rolled back whole: the old revision, every row, no half-rebuilt table.
    assert schema.read_revision(path) == revision
    assert dump_rows(path) == snapshot(revision)["tables"]
