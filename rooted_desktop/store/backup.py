"""Backups at the SQLite level: copy, verify, put in place, check. Plain sqlite3 only.

A backup is made with the backup API, never a file copy of the live WAL store, into a
temporary name; it only takes its real name once a separate connection has opened it
and ``PRAGMA quick_check`` said "ok". Copies are turned into rollback-journal files, so a
backup is one self-contained file that can be copied, mailed to oneself or opened
read-only without a ``-wal`` appearing beside it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from rooted_desktop.core.errors import UserError
from rooted_desktop.store.schema import read_revision

log = logging.getLogger(__name__)

# Pages copied per backup step; between steps the GUI thread may use the store.
STEP_PAGES = 256
LOCK_TIMEOUT_SECONDS = 0.2
SIDE_FILES = ("-wal", "-shm", "-journal")


class CheckFailed(UserError):
    """A fresh copy did not pass quick_check: the disk, or the store itself, is failing."""


def backup_dir_for(store_file: Path) -> Path:
    return store_file.parent / "backups"


def in_use_message(store_file: Path) -> str:
    return (
        f"The store {store_file} is open in another Rooted Desktop window or command. "
        "Close it and try again."
    )


def _is_locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _one_line(rows: list[tuple[object, ...]]) -> str | None:
    """quick_check's answer as one line, or None for "ok"."""
    if [str(row[0]) for row in rows] == ["ok"]:
        return None
    # One row may hold many problems, one a line, under a "*** in database main ***" title.
    lines = [
        " ".join(line.split())
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    first = lines[0] if lines else "no answer"
    if len(first) > 160:
        first = first[:157] + "…"
    more = len(lines) - 1
    return first + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


def quick_check(path: Path) -> str | None:
    """None when the file passes ``quick_check``; otherwise why not, in one line.

    Read-only, for backups and files offered for a restore (a store in use by this
    process is checked through check_store_file before it is opened instead).
    """
    if not path.is_file():
        return "the file is not there"
    if path.stat().st_size == 0:
        return "the file is empty"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
    except sqlite3.Error as exc:
        return f"it cannot be opened ({exc})"
    try:
        return _one_line(conn.execute("PRAGMA quick_check").fetchall())
    except sqlite3.DatabaseError as exc:
        return _database_error(exc)
    finally:
        conn.close()


def _database_error(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "not a database" in text:
        return "it is not a database file"
    return text


def check_store_file(store_file: Path) -> str | None:
    """quick_check of the store before the app opens it: None when healthy (or new).

    Opened read-write in EXCLUSIVE locking mode like the app does, so a WAL left by a
    crash is recovered in process memory (no -shm) and checked with the rest.
    Raises UserError when another process holds the store: that is not damage.
    """
    if not store_file.exists() or store_file.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(store_file, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        return f"it cannot be opened ({exc})"
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        return _one_line(conn.execute("PRAGMA quick_check").fetchall())
    except sqlite3.OperationalError as exc:
        if _is_locked(exc):
            raise UserError(in_use_message(store_file)) from exc
        return _database_error(exc)
    except sqlite3.DatabaseError as exc:
        return _database_error(exc)
    finally:
        conn.close()


def store_problem(path: Path) -> str | None:
    """Why ``path`` is not a good Rooted Desktop store to restore, or None if it is."""
    problem = quick_check(path)
    if problem is not None:
        return problem
    try:
        revision = read_revision(path)
    except UserError as exc:
        return exc.message
    if revision is None:
        return "it holds no Rooted Desktop data"
    return None


def _write_error(path: Path, exc: OSError | sqlite3.Error) -> UserError:
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return UserError(f"Cannot write {path}: the disk is full.")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return UserError(f"Cannot write {path}: permission denied.")
        if exc.errno == errno.ENOENT:
            return UserError(f"Cannot write {path}: the folder {path.parent} is not there.")
        return UserError(f"Cannot write {path}: {exc.strerror or exc}.")
    if "full" in str(exc):
        return UserError(f"Cannot write {path}: the disk is full.")
    return UserError(f"Cannot write {path}: {exc}.")


def temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.part")


def _fsync(path: Path, flags: int = os.O_RDWR) -> None:
    fd = os.open(path, flags)  # Windows only flushes a handle opened for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; Windows cannot open a folder, and needs no such step.
    if os.name == "posix":
        _fsync(folder, os.O_RDONLY)


def _new_private_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a leftover of a copy that was interrupted
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def copy_database(
    source: sqlite3.Connection,
    target: Path,
    *,
    between_steps: Callable[[], None] | None = None,
) -> None:
    """Copy the database behind ``source`` into the new file ``target`` (0600).

    ``between_steps`` runs after each step of STEP_PAGES pages; an exception it raises
    stops the copy.
    """
    _new_private_file(target)
    dest = sqlite3.connect(target, isolation_level=None)
    try:
        progress: Callable[[int, int, int], object] | None = None
        if between_steps is not None:
            step = between_steps
            progress = lambda _status, _remaining, _total: step()  # noqa: E731
        source.backup(dest, pages=STEP_PAGES, progress=progress)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    _fsync(target)


def write_verified(target: Path, fill: Callable[[Path], None]) -> None:
    """``fill`` a temporary file, check it, and only then rename it to ``target``.

    A failure at any point leaves no temporary file and no file at ``target``.
    """
    temp = temp_name(target)
    try:
        try:
            fill(temp)
        except (OSError, sqlite3.Error) as exc:
            raise _write_error(target, exc) from exc
        problem = quick_check(temp)
        if problem is not None:
            raise CheckFailed(f"The backup {target} failed its check ({problem}); it was not kept.")
        try:
            os.replace(temp, target)
            _fsync_folder(target.parent)
        except OSError as exc:
            raise _write_error(target, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


@contextlib.contextmanager
def open_exclusive(store_file: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to a closed store, holding its lock like the app would."""
    try:
        conn = sqlite3.connect(store_file, timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise UserError(f"Cannot open the store {store_file}: {exc}") from exc
    try:
        try:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if _is_locked(exc):
                raise UserError(in_use_message(store_file)) from exc
            raise UserError(f"The store {store_file} cannot be read: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise UserError(f"The store {store_file} cannot be read: {exc}") from exc
        yield conn
    finally:
        conn.close()


def backup_closed_store(store_file: Path, target: Path) -> None:
    """Back up a store no connection of this process has open (before an upgrade)."""
    with open_exclusive(store_file) as conn:
        write_verified(target, lambda temp: copy_database(conn, temp))
    log.info("store %s backed up to %s", store_file, target)


def copy_file_verified(source: Path, target: Path) -> None:
    """A plain copy of a finished backup (a closed, one-file database), checked again.

    USB sticks and synced folders fail in quiet ways; the copy is only named once it reads
    back whole.
    """

    def fill(temp: Path) -> None:
        _new_private_file(temp)
        shutil.copyfile(source, temp)
        _fsync(temp)

    write_verified(target, fill)


def stage_restore(source: Path, store_file: Path) -> Path:
    """Copy a checked backup beside the store, under a temporary name, ready to go in place."""
    staged = store_file.with_name(f".{store_file.name}.restore.part")
    try:
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=0)
    except sqlite3.Error as exc:
        raise UserError(f"{source} cannot be opened: {exc}") from exc
    try:
        copy_database(conn, staged)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise _write_error(store_file, exc) from exc
    finally:
        conn.close()
    problem = quick_check(staged)
    if problem is not None:
        staged.unlink()
        raise UserError(f"The copy of {source} failed its check ({problem}); nothing changed.")
    return staged


def put_in_place(staged: Path, store_file: Path) -> None:
    """Replace the (closed) store with ``staged``.

    Its old -wal goes first: a WAL left beside the new file would be replayed into it.
    Callers keep the old contents in a backup before this.
    """
    for side in SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            store_file.with_name(store_file.name + side).unlink()
    try:
        os.replace(staged, store_file)
        _fsync_folder(store_file.parent)
    except OSError as exc:
        raise _write_error(store_file, exc) from exc


def move_aside(store_file: Path, when: datetime) -> Path:
    """Rename a damaged store (and its -wal) to ``<name>.damaged``, never over an earlier one.

    The WAL moves first: a crash half way must not leave it beside a new store file.
    """
    target = store_file.with_name(store_file.name + ".damaged")
    serial = 1
    while target.exists():
        stamp = f"{when:%Y-%m-%dT%H%M%S}" + (f"-{serial}" if serial > 1 else "")
        target = store_file.with_name(f"{store_file.name}.{stamp}.damaged")
        serial += 1
    for side in SIDE_FILES:
        old = store_file.with_name(store_file.name + side)
        if old.exists():
            os.replace(old, target.with_name(target.name + side))
    os.replace(store_file, target)
    _fsync_folder(store_file.parent)
    return target
