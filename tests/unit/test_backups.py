"""Backups on real store files: made through the one connection, verified, rotated, copied,
restored; a store damaged on disk is put right from the newest good backup."""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from rooted_desktop.core.backup_rotation import BackupName, parse_name
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.services import backups as backup_service
from rooted_desktop.services.container import Services
from rooted_desktop.services.recovery import (
    check_store,
    recover_if_damaged,
    restore_store,
)
from rooted_desktop.store import backup as files
from rooted_desktop.store import schema
from rooted_desktop.store.store import Store

from ..conftest import TODAY


def add(services: Services, *names: str) -> None:
    for name in names:
        services.providers.add(ProviderInput(name=name, setting="center", age_group="preschool"))


def names_in(path: Path) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {name for (name,) in conn.execute("SELECT name FROM provider")}
    finally:
        conn.close()


def corrupt(path: Path) -> None:
    """Overwrite the middle third of the file with noise, as a failing disk would."""
    size = path.stat().st_size
    noise = random.Random(6).randbytes(size // 3)
    with path.open("r+b") as handle:
        handle.seek(size // 3)
        handle.write(noise)


@pytest.fixture
def opened(paths: Paths) -> Iterator[Services]:
    services = Services.open(paths.store_file, clock=lambda: TODAY)
    yield services
    services.close()


def test_a_backup_is_one_checked_private_file_named_for_when_and_why(
    opened: Services, paths: Paths
) -> None:
    add(opened, "Zoë Ortega", "Łukasz Kowalczyk")
    result = opened.backups.make("manual")

    path = result.backup.path
    assert path.parent == paths.backup_dir
    name = parse_name(path.name)
    assert name is not None and name.reason == "manual"
    assert abs(name.taken_at - datetime.now()) < timedelta(minutes=1)
    assert path.stat().st_mode & 0o777 == 0o600
    assert files.quick_check(path) is None
    assert names_in(path) == {"Zoë Ortega", "Łukasz Kowalczyk"}
    assert path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: one file, no -wal
    assert sorted(p.name for p in paths.backup_dir.iterdir()) == [path.name]
    assert [info.path for info in opened.backups.all()] == [path]
    assert result.backup.size == path.stat().st_size


def test_a_copy_that_fails_its_check_is_never_kept(
    opened: Services, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(opened, "Ana")
    real_copy = files.copy_database

    def copy_then_damage(source: sqlite3.Connection, target: Path, **kwargs: Any) -> None:
        real_copy(source, target, **kwargs)
        corrupt(target)

    monkeypatch.setattr(files, "copy_database", copy_then_damage)
    assert not opened.backups.store_suspect
    with pytest.raises(UserError, match="failed its check") as caught:
        opened.backups.make("manual")
    assert "data file itself may be damaged" in caught.value.message
    assert list(paths.backup_dir.iterdir()) == []  # neither the bad copy nor its temp file
    assert opened.backups.changed_since_backup()  # it did not count
    assert opened.backups.store_suspect  # so the next start checks the store


def put(services: Services, key: str, value: str = "1") -> None:
    with services.store.transaction() as session:
        session.execute(text("INSERT INTO setting (key, value_json) VALUES (:k, :v)"),
                        {"k": key, "v": value})  # fmt: skip


def keys_in(path: Path, prefix: str) -> set[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT key FROM setting WHERE key LIKE ?", (prefix + "%",))
        return {key for (key,) in rows}
    finally:
        conn.close()


def test_a_write_between_backup_steps_is_carried_in_and_a_rolled_back_one_is_not(
    opened: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy advances a few pages at a time; sessions run in between on the same
    connection. What they commit reaches the backup; what they roll back never does."""
    put(opened, "filler", "x" * 200_000)  # some fifty pages to copy
    monkeypatch.setattr(files, "STEP_PAGES", 2)
    steps = 0
    real_let_in = opened.store.let_others_in

    def let_in_and_write() -> None:
        nonlocal steps
        real_let_in()
        steps += 1
        if steps == 3:
            put(opened, "test.committed")
            with pytest.raises(RuntimeError), opened.store.transaction() as session:
                session.execute(text("INSERT INTO setting VALUES ('test.rolled-back', '1')"))
                raise RuntimeError("the coach's save failed half way")

    monkeypatch.setattr(opened.store, "let_others_in", let_in_and_write)
    result = opened.backups.make("manual")
    assert steps > 10
    assert keys_in(result.backup.path, "test.") == {"test.committed"}
    with opened.store.reading() as session:
        live = session.execute(text("SELECT key FROM setting WHERE key LIKE 'test.%'")).all()
    assert live == [("test.committed",)]
    assert files.quick_check(result.backup.path) is None


def test_a_backup_on_another_thread_while_the_coach_saves_is_consistent(
    opened: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each save writes two rows together; the backup has both or neither, never one."""
    put(opened, "filler", "x" * 400_000)
    monkeypatch.setattr(files, "STEP_PAGES", 1)
    done = threading.Event()
    results: list[Any] = []

    def back_up() -> None:
        try:
            results.append(opened.backups.job("start").run())
        except BaseException as error:
            results.append(error)
        finally:
            done.set()

    worker = threading.Thread(target=back_up)
    worker.start()
    saves = 0
    while not done.is_set() or saves < 5:
        with opened.store.transaction() as session:
            for half in ("a", "b"):
                session.execute(
                    text("INSERT INTO setting VALUES (:k, '1')"), {"k": f"pair.{saves}.{half}"}
                )
        saves += 1
        # A coach's saves come with gaps; a loop with none could starve the backup thread
        # (Python's locks are not fair) and this test would never end on a busy machine.
        time.sleep(0.0005)
    worker.join()
    (result,) = results
    assert not isinstance(result, BaseException), result
    path = result.backup.path
    assert files.quick_check(path) is None
    halves = keys_in(path, "pair.")
    firsts = {key[:-2] for key in halves if key.endswith(".a")}
    seconds = {key[:-2] for key in halves if key.endswith(".b")}
    assert firsts == seconds
    assert saves >= 5


def test_only_a_change_brings_the_periodic_backup(opened: Services) -> None:
    assert opened.backups.changed_since_backup()
    assert opened.backups.make("start") is not None
    assert not opened.backups.changed_since_backup()
    assert opened.backups.make_if_changed() is None
    add(opened, "Bo")
    result = opened.backups.make_if_changed()
    assert result is not None and result.backup.reason == "periodic"
    assert opened.backups.make_if_changed() is None


def test_each_backup_rotates_the_folder(opened: Services, paths: Paths) -> None:
    """Two years of old daily backups: after one more, only the policy's survivors remain."""
    first = opened.backups.make("start").backup.path
    today = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    for back in range(1, 730):
        old = BackupName(today - timedelta(days=back), "start").file_name
        (paths.backup_dir / old).write_bytes(first.read_bytes())
    (paths.backup_dir / "my notes.txt").write_text("the coach's own file")
    leftover = paths.backup_dir / f".{first.name}.part"
    leftover.write_bytes(b"half a copy from a crash")

    result = opened.backups.make("periodic")

    remaining = opened.backups.all()
    assert result.backup.path == remaining[0].path
    assert 20 <= len(remaining) <= 12 + 10 + 9  # days, weeks and months overlap
    assert len(result.deleted) == 731 - len(remaining) + 1  # and the half copy
    assert (paths.backup_dir / "my notes.txt").exists()
    assert not leftover.exists()
    oldest = remaining[-1].taken_at
    assert today - oldest > timedelta(days=7 * 30)  # nine months, this one included


def test_a_second_folder_gets_a_checked_copy_and_a_missing_one_is_reported(
    opened: Services, paths: Paths, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    opened.backups.set_second_destination(stick)
    assert opened.backups.second_destination() == stick.resolve()

    result = opened.backups.make("manual")
    assert result.second_copy == stick.resolve() / result.backup.path.name
    assert result.second_copy_problem is None
    assert result.second_copy.read_bytes() == result.backup.path.read_bytes()
    assert result.second_copy.stat().st_mode & 0o777 == 0o600

    os.rename(stick, tmp_path / "unplugged")  # the stick is pulled out
    add(opened, "Cy")
    result = opened.backups.make("periodic")
    assert result.second_copy is None
    assert result.second_copy_problem is not None and "not there" in result.second_copy_problem
    assert result.backup.path.exists() and files.quick_check(result.backup.path) is None

    opened.backups.set_second_destination(None)
    assert opened.backups.second_destination() is None
    with pytest.raises(UserError, match="not a folder"):
        opened.backups.set_second_destination(tmp_path / "nowhere")
    with pytest.raises(UserError, match="backups folder itself"):
        opened.backups.set_second_destination(paths.backup_dir)


def test_the_second_folder_is_kept_in_the_store(paths: Paths, tmp_path: Path) -> None:
    services = Services.open(paths.store_file)
    services.backups.set_second_destination(tmp_path)
    services.close()
    services = Services.open(paths.store_file)
    try:
        assert services.backups.second_destination() == tmp_path.resolve()
    finally:
        services.close()


ROSTER = "name,setting,age_group\nAna Ruiz,center,preschool\nBo Chen,fcch,infant-toddler\n"
SESSIONS = (
    "provider,date,start_time,minutes,mode,status,focus,strengths,next_steps,joint_plan,"
    "coach_notes,cms_entered_on\n"
    "Zoë Ortega,2026-11-03,09:00,60,in-person,completed,Routines,,,,,\n"
)


def test_every_import_backs_up_first_and_a_refused_one_does_not(
    opened: Services, paths: Paths, tmp_path: Path
) -> None:
    add(opened, "Zoë Ortega")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    opened.providers.import_roster(roster)
    (before_roster,) = opened.backups.all()
    assert before_roster.reason == "before-import"
    assert names_in(before_roster.path) == {"Zoë Ortega"}  # taken before the rows went in

    sessions = tmp_path / "sessions.csv"
    sessions.write_text(SESSIONS, encoding="utf-8")
    assert opened.session_log.import_csv(sessions) == 1
    assert [b.reason for b in opened.backups.all()] == ["before-import"] * 2

    bad = tmp_path / "bad.csv"
    bad.write_text("name,setting,age_group\nDee,school,preschool\n", encoding="utf-8")
    with pytest.raises(UserError):
        opened.providers.import_roster(bad)
    assert len(opened.backups.all()) == 2  # nothing was imported, so nothing to protect

    export = tmp_path / "all.json"
    opened.archive.export_json(export)
    empty = Services.open(tmp_path / "new" / "rooted.sqlite3")
    try:
        empty.archive.import_json(export)
        (before_json,) = empty.backups.all()
        assert before_json.reason == "before-import"
        assert names_in(before_json.path) == set()
    finally:
        empty.close()


def test_an_upgrade_backs_up_first_under_a_readable_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store stamped with an older revision than the app's head is backed up, then
    upgraded (the upgrade itself is the migration tests' business, so it does nothing here)."""
    import rooted_desktop.store.migrate as migrate

    path = tmp_path / "rooted.sqlite3"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0000'")
    conn.commit()
    conn.close()
    monkeypatch.setattr(schema, "KNOWN_REVISIONS", ("0000", *schema.KNOWN_REVISIONS))
    upgraded: list[Path] = []
    monkeypatch.setattr(migrate, "upgrade_to_head", upgraded.append)
    Store(path).close()
    assert upgraded == [path]
    (backup,) = backup_service.list_backups(tmp_path / "backups")
    assert backup.reason == "before-migration"
    assert backup.label == "before an upgrade"
    assert files.quick_check(backup.path) is None
    assert backup.path.stat().st_mode & 0o777 == 0o600


# -- the store on disk ------------------------------------------------------------------------
def closed_store_with_backups(paths: Paths) -> list[Path]:
    """A store with an older and a newer backup, then more work after them; closed."""
    services = Services.open(paths.store_file, clock=lambda: TODAY)
    add(services, *(f"Provider {n:02}" for n in range(40)))
    older = services.backups.make("before-import").backup.path
    add(services, "After the first backup")
    newer = services.backups.make("periodic").backup.path
    add(services, "After every backup")
    services.close()
    return [newer, older]


def test_a_healthy_store_passes_and_a_damaged_one_fails_the_check(paths: Paths) -> None:
    closed_store_with_backups(paths)
    check_store(paths.store_file)
    assert recover_if_damaged(paths.store_file) is None
    corrupt(paths.store_file)
    with pytest.raises(UserError) as caught:
        check_store(paths.store_file)
    assert "is damaged: database disk image is malformed" in caught.value.message
    assert "\n" not in caught.value.message


def test_a_damaged_store_is_moved_aside_and_the_newest_good_backup_put_back(
    paths: Paths,
) -> None:
    newer, _older = closed_store_with_backups(paths)
    corrupt(paths.store_file)
    damaged_bytes = paths.store_file.read_bytes()

    recovery = recover_if_damaged(paths.store_file)

    assert recovery is not None
    assert recovery.restored.path == newer
    assert recovery.damaged == paths.data_dir / "rooted.sqlite3.damaged"
    assert recovery.damaged.read_bytes() == damaged_bytes
    check_store(paths.store_file)
    names = names_in(paths.store_file)
    assert "After the first backup" in names and "After every backup" not in names
    assert recovery.restored.when in recovery.message
    assert "damaged" in recovery.message
    assert paths.store_file.stat().st_mode & 0o777 == 0o600

    # It opens and works, and a second accident keeps the first damaged file too.
    services = Services.open(paths.store_file)
    add(services, "After the repair")
    services.close()
    corrupt(paths.store_file)
    second = recover_if_damaged(paths.store_file)
    assert second is not None
    assert second.damaged != recovery.damaged and second.damaged.name.endswith(".damaged")
    assert recovery.damaged.read_bytes() == damaged_bytes


def test_a_damaged_newest_backup_is_passed_over(paths: Paths) -> None:
    newer, older = closed_store_with_backups(paths)
    corrupt(newer)
    corrupt(paths.store_file)
    recovery = recover_if_damaged(paths.store_file)
    assert recovery is not None and recovery.restored.path == older
    assert "After the first backup" not in names_in(paths.store_file)


def test_without_a_good_backup_the_damaged_store_is_left_as_it_is(paths: Paths) -> None:
    for backup in closed_store_with_backups(paths):
        corrupt(backup)
    corrupt(paths.store_file)
    before = paths.store_file.read_bytes()
    with pytest.raises(UserError, match="no good backup") as caught:
        recover_if_damaged(paths.store_file)
    assert str(paths.backup_dir) in caught.value.message
    assert paths.store_file.read_bytes() == before
    assert not list(paths.data_dir.glob("*.damaged"))


def test_a_file_that_is_not_a_database_at_all_is_recovered_too(paths: Paths) -> None:
    closed_store_with_backups(paths)
    paths.store_file.write_bytes(b"\x00garbage from a bad sector" * 500)
    recovery = recover_if_damaged(paths.store_file)
    assert recovery is not None
    assert recovery.problem == "it is not a database file"
    check_store(paths.store_file)


def test_a_store_open_elsewhere_is_not_called_damaged(opened: Services, paths: Paths) -> None:
    with pytest.raises(UserError, match="open in another Rooted Desktop window"):
        check_store(paths.store_file)
    with pytest.raises(UserError, match="open in another Rooted Desktop window"):
        recover_if_damaged(paths.store_file)


def test_move_aside_takes_the_wal_along_and_never_overwrites(tmp_path: Path) -> None:
    store = tmp_path / "rooted.sqlite3"
    when = datetime(2026, 12, 4, 22, 15, 30)
    for round_ in range(3):
        store.write_bytes(f"store {round_}".encode())
        (tmp_path / "rooted.sqlite3-wal").write_bytes(f"wal {round_}".encode())
        moved = files.move_aside(store, when)
        assert moved.read_bytes() == f"store {round_}".encode()
        assert moved.with_name(moved.name + "-wal").read_bytes() == f"wal {round_}".encode()
    assert not store.exists() and not (tmp_path / "rooted.sqlite3-wal").exists()
    assert sorted(p.name for p in tmp_path.glob("*.damaged")) == [
        "rooted.sqlite3.2026-12-04T221530-2.damaged",
        "rooted.sqlite3.2026-12-04T221530.damaged",
        "rooted.sqlite3.damaged",
    ]


def test_restore_backs_up_what_is_there_then_puts_the_backup_in_place(paths: Paths) -> None:
    _newer, older = closed_store_with_backups(paths)
    report = restore_store(paths.store_file, older)

    assert report.safety_backup is not None
    assert parse_name(report.safety_backup.name).reason == "before-restore"  # type: ignore[union-attr]
    assert "After every backup" in names_in(report.safety_backup)
    names = names_in(paths.store_file)
    assert "Provider 00" in names and "After the first backup" not in names
    assert report.taken_at is not None and f"{report.taken_at:%H:%M}" in report.message
    assert not list(paths.data_dir.glob(".*.part"))
    check_store(paths.store_file)

    # ...and the backup of what was there brings it back.
    restore_store(paths.store_file, report.safety_backup)
    assert "After every backup" in names_in(paths.store_file)


def test_restore_over_a_damaged_store_moves_it_aside(paths: Paths) -> None:
    newer, _older = closed_store_with_backups(paths)
    corrupt(paths.store_file)
    report = restore_store(paths.store_file, newer)
    assert report.safety_backup is None
    assert report.damaged == paths.data_dir / "rooted.sqlite3.damaged"
    assert str(report.damaged) in report.message
    check_store(paths.store_file)


def test_restore_refuses_what_is_not_a_good_store_and_changes_nothing(
    paths: Paths, tmp_path: Path
) -> None:
    newer, _older = closed_store_with_backups(paths)
    before = paths.store_file.read_bytes()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not sqlite" * 100)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    newer_app = tmp_path / "newer.sqlite3"
    newer_app.write_bytes(newer.read_bytes())
    conn = sqlite3.connect(newer_app)
    conn.execute("UPDATE alembic_version SET version_num = '0099'")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(newer.read_bytes())
    corrupt(damaged)

    for source, reason in (
        (garbage, "it is not a database file"),
        (other, "not a Rooted Desktop store"),
        (newer_app, "0099"),
        (damaged, "malformed"),
        (tmp_path / "missing.sqlite3", "the file is not there"),
        (paths.store_file, "the store itself"),
    ):
        with pytest.raises(UserError, match=reason) as caught:
            restore_store(paths.store_file, source)
        assert "\n" not in caught.value.message
    assert paths.store_file.read_bytes() == before
    assert len(backup_service.list_backups(paths.backup_dir)) == 2


def test_restore_refuses_a_store_the_app_has_open(opened: Services, paths: Paths) -> None:
    backup = opened.backups.make("manual").backup.path
    with pytest.raises(UserError, match="open in another Rooted Desktop window"):
        restore_store(paths.store_file, backup)
    assert not list(paths.data_dir.glob(".*.part"))


def test_a_backup_to_a_folder_that_is_not_there_says_so(opened: Services, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is not there"):
        opened.backups.make("manual", target=tmp_path / "missing" / "copy.sqlite3")


def test_a_backup_to_a_named_file_is_not_rotated_or_listed(
    opened: Services, tmp_path: Path
) -> None:
    add(opened, "Ana")
    target = tmp_path / "for-my-supervisor.sqlite3"
    result = opened.backups.make("manual", target=target)
    assert result.backup.path == target
    assert names_in(target) == {"Ana"}
    assert opened.backups.all() == []
