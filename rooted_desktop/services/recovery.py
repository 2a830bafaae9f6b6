"""A closed store: the integrity check before opening, the repair from the newest good
backup, and the restore that replaces the store file (the current state backed up first)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rooted_desktop import identity
from rooted_desktop.core.backup_rotation import parse_name
from rooted_desktop.core.errors import UserError
from rooted_desktop.services.backups import (
    BackupInfo,
    BackupService,
    Now,
    format_when,
    list_backups,
)
from rooted_desktop.services.changes import ChangeBus
from rooted_desktop.store import backup as files
from rooted_desktop.store.schema import check_known, read_revision
from rooted_desktop.store.store import Store

log = logging.getLogger(__name__)


def check_store(store_file: Path) -> None:
    """Nothing when the store is healthy; a UserError with a one-line reason otherwise."""
    if not store_file.exists():
        raise UserError(f"There is no store at {store_file}.")
    problem = files.check_store_file(store_file)
    if problem is not None:
        raise UserError(f"The store {store_file} is damaged: {problem}.")
    if store_file.stat().st_size == 0:
        return
    if read_revision(store_file) is None:
        raise UserError(f"{store_file} holds no Rooted Desktop data.")


@dataclass(frozen=True)
class Recovery:
    """A damaged store was moved aside and a backup put back."""

    problem: str
    damaged: Path
    restored: BackupInfo

    @property
    def message(self) -> str:
        return (
            f"Your data file was damaged, so the backup taken {self.restored.when} "
            f"({self.restored.label}) was put back. Anything entered after that is not in it. "
            f"The damaged file was kept as {self.damaged} (the check said: {self.problem})."
        )


def newest_good_backup(folder: Path) -> BackupInfo | None:
    for info in list_backups(folder):
        problem = files.store_problem(info.path)
        if problem is None:
            return info
        log.warning("backup %s is not usable: %s", info.path, problem)
    return None


def recover_if_damaged(
    store_file: Path, *, backup_dir: Path | None = None, now: Now = datetime.now
) -> Recovery | None:
    """quick_check the store before it is opened; if damaged, put the newest good backup back.

    None when the store is healthy (or new). Raises UserError, leaving the damaged file
    exactly as it is, when no good backup exists, or when another process holds the store.
    """
    problem = files.check_store_file(store_file)
    if problem is None:
        return None
    folder = backup_dir or files.backup_dir_for(store_file)
    log.error("store %s failed its check: %s", store_file, problem)
    good = newest_good_backup(folder)
    if good is None:
        raise UserError(
            f"The store {store_file} is damaged ({problem}) and there is no good backup in "
            f"{folder} to put back. The file was left as it is; keep it and ask for help "
            "before starting again."
        )
    staged = files.stage_restore(good.path, store_file)
    damaged = files.move_aside(store_file, now())
    files.put_in_place(staged, store_file)
    log.warning("store moved aside to %s; restored the backup %s", damaged, good.path)
    return Recovery(problem, damaged, good)


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    taken_at: datetime | None  # from the backup's name, when it is one of ours
    safety_backup: Path | None  # what the store held before, backed up first
    damaged: Path | None  # or, if it was damaged, where it was moved

    @property
    def message(self) -> str:
        when = f" (taken {format_when(self.taken_at)})" if self.taken_at else ""
        kept = ""
        if self.safety_backup is not None:
            kept = f" What the store held before is in the backup {self.safety_backup}."
        elif self.damaged is not None:
            kept = f" The damaged store it replaced was kept as {self.damaged}."
        return f"Restored {self.source}{when}.{kept}"


def restore_store(
    store_file: Path,
    source: Path,
    *,
    backup_dir: Path | None = None,
    app_version: str | None = None,
    now: Now = datetime.now,
) -> RestoreReport:
    """Replace the closed store with the backup ``source``, backing up the current one first.

    ``source`` is checked (whole, a Rooted Desktop store, not from a newer app) and copied
    beside the store before anything changes; a store that is damaged is moved aside
    instead of backed up. An older schema is upgraded the next time the store opens.
    """
    source = Path(source).expanduser()
    version = app_version or identity.version()
    if source.resolve() == store_file.resolve():
        raise UserError(f"{source} is the store itself; choose a backup to restore.")
    problem = files.store_problem(source)
    if problem is not None:
        raise UserError(f"{source} cannot be restored: {problem}.")
    revision = read_revision(source)
    assert revision is not None  # store_problem() has checked it
    check_known(source, revision, version)
    folder = backup_dir or files.backup_dir_for(store_file)
    staged = files.stage_restore(source, store_file)
    try:
        safety, damaged = _keep_current(store_file, folder, version, now)
        files.put_in_place(staged, store_file)
    finally:
        if staged.exists():
            staged.unlink()
    parsed = parse_name(source.name)
    report = RestoreReport(source, parsed.taken_at if parsed else None, safety, damaged)
    log.warning("store %s restored from %s", store_file, source)
    return report


def _keep_current(
    store_file: Path, folder: Path, version: str, now: Now
) -> tuple[Path | None, Path | None]:
    """Back up what the store holds now (or move it aside if damaged): (backup, damaged)."""
    if not store_file.exists() or store_file.stat().st_size == 0:
        return None, None
    problem = files.check_store_file(store_file)
    if problem is not None:
        return None, files.move_aside(store_file, now())
    store = Store(store_file, app_version=version)
    try:
        result = BackupService(store, ChangeBus(), backup_dir=folder, now=now).make(
            "before-restore"
        )
    finally:
        store.close()
    return result.backup.path, None
