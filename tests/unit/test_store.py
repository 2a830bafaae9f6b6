"""The store: pragmas, one writer, private files, schema revisions and migrations."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from rooted_desktop.core.errors import UserError
from rooted_desktop.store import schema
from rooted_desktop.store.models import Provider
from rooted_desktop.store.store import Store


def test_pragmas_of_the_one_connection(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    with store.engine.connect() as conn:
        values = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "locking_mode")
        }
    store.close()
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "foreign_keys": 1,
        "locking_mode": "exclusive",
    }


def test_store_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    with store.transaction() as session:
        session.add(Provider(name="Ana", setting="center", age_group="preschool"))
    assert path.stat().st_mode & 0o777 == 0o600
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        assert wal.stat().st_mode & 0o777 == 0o600
    store.close()


def test_a_transaction_is_all_or_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.add(Provider(name="Ana", setting="center", age_group="preschool"))
        session.flush()
        raise RuntimeError("power cut")
    with store.reading() as session:
        assert session.exec(text("SELECT count(*) FROM provider")).scalar() == 0  # type: ignore[call-overload]
    store.close()


def test_a_second_process_is_refused_while_the_store_is_open(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    code = (
        "import sys; from pathlib import Path\n"
        "from rooted_desktop.core.errors import UserError\n"
        "from rooted_desktop.store.store import Store\n"
        "try:\n    Store(Path(sys.argv[1]))\nexcept UserError as e:\n"
        "    print(e.message); sys.exit(3)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    store.close()
    assert result.returncode == 3, result.stderr
    assert "open in another Rooted Desktop" in result.stdout


def test_a_new_store_is_stamped_with_the_head_revision(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    assert schema.read_revision(path) == schema.HEAD_REVISION


def test_known_revisions_match_the_alembic_scripts() -> None:
    from alembic.script import ScriptDirectory

    from rooted_desktop.store.migrate import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    chain = [rev.revision for rev in scripts.walk_revisions()][::-1]
    assert tuple(chain) == schema.KNOWN_REVISIONS
    assert scripts.get_current_head() == schema.HEAD_REVISION


def test_migrations_build_exactly_the_models_schema(tmp_path: Path) -> None:
    """Alembic from an empty file gives the same schema that a new store gets."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from rooted_desktop.store.engine import create_store_engine
    from rooted_desktop.store.migrate import upgrade_to_head

    path = tmp_path / "migrated.sqlite3"
    upgrade_to_head(path)
    engine = create_store_engine(path)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    assert diff == []
    assert schema.read_revision(path) == schema.HEAD_REVISION


def test_opening_a_current_store_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    code = (
        "import sys; from pathlib import Path\n"
        "from rooted_desktop.store.store import Store\n"
        "Store(Path(sys.argv[1])).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


def test_a_store_from_a_newer_app_is_refused_naming_both_versions(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    with pytest.raises(UserError) as caught:
        Store(path, app_version="1.2.3")
    message = caught.value.message
    assert "0099" in message and schema.HEAD_REVISION in message and "1.2.3" in message


def test_an_older_store_is_backed_up_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store the previous release wrote: opening must back it up first, then run Alembic."""
    from tests.fixtures.make_stores import store_file

    previous = schema.KNOWN_REVISIONS[-2]
    path = tmp_path / "s.sqlite3"
    shutil.copyfile(store_file(previous), path)
    providers = _count(path, "provider")
    assert providers > 0

    calls: list[Path] = []
    import rooted_desktop.store.migrate as migrate

    real_upgrade = migrate.upgrade_to_head

    def spy(target: Path, revision: str = "head") -> None:
        backups = list((target.parent / "backups").glob("*.sqlite3"))
        assert backups, "the backup must exist before Alembic runs"
        calls.append(target)
        real_upgrade(target, revision)

    monkeypatch.setattr(migrate, "upgrade_to_head", spy)
    Store(path).close()
    assert calls == [path]
    assert schema.read_revision(path) == schema.HEAD_REVISION
    (backup,) = (tmp_path / "backups").glob("*.sqlite3")
    assert backup.stat().st_mode & 0o777 == 0o600
    assert schema.read_revision(backup) == previous
    assert _count(backup, "provider") == providers
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    conn.close()


def _count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="not a Rooted Desktop store"):
        Store(path)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(UserError, match="cannot be read"):
        Store(garbage)
