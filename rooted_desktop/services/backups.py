"""Backups of the open store: made, verified, rotated, copied to a second folder.

``BackupService`` works through the store's one connection. What works on a closed store
(the check before opening, the repair, the restore) is in ``services.recovery``. The GUI
and the CLI call the same ones, so both back up before every import and restore.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rooted_desktop.core.backup_rotation import (
    PREFIX,
    BackupName,
    backups_to_delete,
    new_name,
    parse_name,
)
from rooted_desktop.core.errors import UserError
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.store import backup as files
from rooted_desktop.store.store import Store
from rooted_desktop.store.years import delete_setting, get_setting, put_setting

log = logging.getLogger(__name__)

SECOND_DESTINATION_KEY = "backup.second_destination"
BackupCheckFailed = files.CheckFailed
PERIODIC_MINUTES = 30

Now = Callable[[], datetime]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    name: BackupName
    size: int

    @property
    def taken_at(self) -> datetime:
        return self.name.taken_at

    @property
    def reason(self) -> str:
        return self.name.reason

    @property
    def label(self) -> str:
        """Why it was taken, in words: "when the app started", "before an import"…"""
        return self.name.label

    @property
    def when(self) -> str:
        return format_when(self.taken_at)


def format_when(at: datetime) -> str:
    return f"{at:%a %b} {at.day}, {at.year} at {at:%H:%M}"


@dataclass(frozen=True)
class BackupResult:
    """A verified backup, and what happened to its copy in the second folder."""

    backup: BackupInfo
    second_copy: Path | None = None
    second_copy_problem: str | None = None  # the folder was missing or refused the copy
    deleted: tuple[Path, ...] = ()  # let go by the rotation


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first; other files there are not ours to list."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        name = parse_name(entry.name)
        if name is None:
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(entry, name, size))
    return sorted(found, key=lambda info: info.name, reverse=True)


def rotate_folder(folder: Path) -> list[Path]:
    """Delete the backups the policy lets go, and copies left half-made by a crash."""
    deleted = []
    named = {info.name: info.path for info in list_backups(folder)}
    for name in backups_to_delete(named):
        try:
            named[name].unlink()
        except OSError as exc:
            log.warning("could not delete the old backup %s: %s", named[name], exc)
            continue
        deleted.append(named[name])
    for leftover in folder.glob(f".{PREFIX}-*.part"):
        try:
            leftover.unlink()
        except OSError:
            continue
        deleted.append(leftover)
    return deleted


class BackupJob:
    """One backup, ready to run on any thread.

    Prepared on the thread that owns the store's sessions (it reads the settings there);
    run() touches the store only through Store.raw_connection(), step by step.
    """

    def __init__(
        self,
        service: BackupService,
        reason: str,
        *,
        target: Path | None,
        second_destination: Path | None,
    ) -> None:
        self.reason = reason
        self.target = target
        self.second_destination = second_destination
        self._service = service

    def run(self) -> BackupResult:
        return self._service._run(self)


class BackupService:
    def __init__(
        self,
        store: Store,
        bus: ChangeBus,
        *,
        backup_dir: Path | None = None,
        now: Now = datetime.now,
    ) -> None:
        self._store = store
        self._bus = bus
        self.backup_dir = backup_dir or files.backup_dir_for(store.path)
        self._now = now
        self._making = threading.Lock()  # one backup at a time, whatever thread asks
        self._changes_at_backup: int | None = None
        # A copy of the store that fails its check points at the store itself: app.py then
        # leaves no clean-close note, so the next start checks (and repairs) the file.
        self.store_suspect = False

    # -- making ---------------------------------------------------------------------
    def job(self, reason: str = "manual", *, target: Path | None = None) -> BackupJob:
        """A backup to run now or on a worker thread. ``target``: one file elsewhere
        (not rotated, not copied to the second folder)."""
        return BackupJob(
            self,
            reason,
            target=target,
            second_destination=None if target is not None else self.second_destination(),
        )

    def make(self, reason: str = "manual", *, target: Path | None = None) -> BackupResult:
        """Back up now, on this thread; a UserError says why no good backup was made."""
        return self.job(reason, target=target).run()

    def changed_since_backup(self) -> bool:
        """Whether anything was written since this app's last backup (True before the first)."""
        return (
            self._changes_at_backup is None
            or self._store.total_changes() != self._changes_at_backup
        )

    def job_if_changed(self, reason: str = "periodic") -> BackupJob | None:
        return self.job(reason) if self.changed_since_backup() else None

    def make_if_changed(self, reason: str = "periodic") -> BackupResult | None:
        job = self.job_if_changed(reason)
        return None if job is None else job.run()

    def before_import(self) -> None:
        """The backup every import takes first; an import without one does not start."""
        try:
            self.make("before-import")
        except UserError as exc:
            raise UserError(
                f"Nothing was imported: the backup taken before every import failed. {exc}"
            ) from None

    def _run(self, job: BackupJob) -> BackupResult:
        with self._making:
            if job.target is not None:
                target = job.target
            else:
                try:
                    self.backup_dir.mkdir(parents=True, exist_ok=True)
                    taken = {entry.name for entry in self.backup_dir.iterdir()}
                except OSError as exc:
                    raise UserError(
                        f"Cannot make backups in {self.backup_dir}: {exc.strerror or exc}."
                    ) from None
                target = self.backup_dir / new_name(self._now(), job.reason, taken).file_name
            changes = self._store.total_changes()
            try:
                files.write_verified(target, self._copy_store)
            except BackupCheckFailed as exc:
                self.store_suspect = True
                log.error("a copy of the store failed its check: %s", exc.message)
                raise BackupCheckFailed(
                    f"{exc.message} The data file itself may be damaged: close Rooted Desktop "
                    "and open it again to check it and put back the newest good backup."
                ) from None
            self._changes_at_backup = changes
            name = parse_name(target.name) or new_name(self._now(), job.reason)
            info = BackupInfo(target, name, target.stat().st_size)
            log.info("backup made (%s): %s, %d bytes", job.reason, target, info.size)
            if job.target is not None:
                return BackupResult(info)
            copy, problem = self._copy_to_second(info, job.second_destination)
            deleted = rotate_folder(self.backup_dir)
            return BackupResult(info, copy, problem, tuple(deleted))

    def _copy_store(self, temp: Path) -> None:
        with self._store.raw_connection() as conn:
            files.copy_database(conn, temp, between_steps=self._store.let_others_in)

    def _copy_to_second(
        self, info: BackupInfo, folder: Path | None
    ) -> tuple[Path | None, str | None]:
        if folder is None:
            return None, None
        if not folder.is_dir():
            problem = f"the folder {folder} is not there (is the drive plugged in?)"
            log.warning("second backup copy not made: %s", problem)
            return None, problem
        target = folder / info.path.name
        try:
            files.copy_file_verified(info.path, target)
        except UserError as exc:
            log.warning("second backup copy not made: %s", exc.message)
            return None, exc.message
        rotate_folder(folder)
        return target, None

    # -- looking ----------------------------------------------------------------------
    def all(self) -> list[BackupInfo]:
        """The backups in the backups folder, newest first."""
        return list_backups(self.backup_dir)

    def rotate(self) -> list[Path]:
        with self._making:
            return rotate_folder(self.backup_dir)

    @staticmethod
    def problem(path: Path) -> str | None:
        """Why ``path`` is not a good store to restore, or None when it is."""
        return files.store_problem(path)

    # -- the second folder --------------------------------------------------------------
    def second_destination(self) -> Path | None:
        with self._store.reading() as session:
            value = get_setting(session, SECOND_DESTINATION_KEY)
        return Path(value) if isinstance(value, str) and value else None

    def set_second_destination(self, folder: Path | None) -> None:
        """Keep a copy of every backup in ``folder`` too (None: stop)."""
        if folder is not None:
            folder = Path(folder).expanduser().resolve()
            if not folder.is_dir():
                raise UserError(f"{folder} is not a folder.")
            if folder == self.backup_dir.resolve():
                raise UserError(
                    f"{folder} is the backups folder itself; choose another drive or folder."
                )
        with self._store.transaction() as session:
            if folder is None:
                delete_setting(session, SECOND_DESTINATION_KEY)
            else:
                put_setting(session, SECOND_DESTINATION_KEY, str(folder))
        log.info("second backup folder: %s", folder)
        self._bus.publish(Change.SETTINGS)
