"""The note that lets start-up skip quick_check: only for a store untouched since the app
closed it, and only once."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from rooted_desktop.store.clean_close import closed_cleanly, note_clean_close
from rooted_desktop.store.store import Store


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "rooted.sqlite3"
    Store(path).close()
    return path


def test_a_store_closed_by_the_app_and_untouched_skips_the_check_once(tmp_path: Path) -> None:
    path = _store(tmp_path)
    note_clean_close(path)
    assert closed_cleanly(path)
    assert not closed_cleanly(path)  # the note is used up: a crash now means a check


def test_no_note_means_a_check(tmp_path: Path) -> None:
    assert not closed_cleanly(_store(tmp_path))


def test_a_store_written_after_the_close_is_checked(tmp_path: Path) -> None:
    path = _store(tmp_path)
    note_clean_close(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE extra (x)")
    conn.commit()
    conn.close()
    assert not closed_cleanly(path)


def test_a_replaced_file_is_checked(tmp_path: Path) -> None:
    path = _store(tmp_path)
    note_clean_close(path)
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(path.read_bytes())
    stat = path.stat()
    os.replace(copy, path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and time, new file
    assert not closed_cleanly(path)


def test_a_leftover_wal_is_not_a_clean_close(tmp_path: Path) -> None:
    path = _store(tmp_path)
    note_clean_close(path)
    path.with_name(path.name + "-wal").write_bytes(b"")
    assert not closed_cleanly(path)
