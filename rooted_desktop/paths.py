"""Where things live: the store, backups, logs and window settings.

platformdirs gives the per-user defaults; ``--data-dir`` or ``ROOTED_DESKTOP_DATA_DIR``
put everything (store, backups, logs, settings) under one folder instead, which is what
tests and the demo store use. Nothing is computed at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rooted_desktop import identity

ENV_DATA_DIR = "ROOTED_DESKTOP_DATA_DIR"
STORE_FILE_NAME = "rooted.sqlite3"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    log_dir: Path
    is_demo: bool = False

    @property
    def store_file(self) -> Path:
        return self.data_dir / STORE_FILE_NAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "window.ini"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "rooted-desktop.log"

    @classmethod
    def for_data_dir(cls, data_dir: Path | str, *, is_demo: bool = False) -> Paths:
        root = Path(data_dir).expanduser().resolve()
        return cls(data_dir=root, log_dir=root / "logs", is_demo=is_demo)

    @classmethod
    def resolve(cls, data_dir: Path | str | None = None, *, demo: bool = False) -> Paths:
        """The paths to use: an explicit folder, else the environment, else the user dirs.

        The demo store always lives apart from the coach's real store.
        """
        chosen = data_dir or os.environ.get(ENV_DATA_DIR)
        if chosen:
            base = Paths.for_data_dir(chosen)
            if demo:
                return Paths.for_data_dir(base.data_dir / "demo", is_demo=True)
            return base
        import platformdirs

        dirs = platformdirs.PlatformDirs(
            appname=identity.APP_NAME, appauthor=identity.ORGANIZATION, roaming=False
        )
        data_root = Path(dirs.user_data_dir)
        log_root = Path(dirs.user_log_dir)
        if demo:
            return cls(data_dir=data_root / "demo", log_dir=log_root / "demo", is_demo=True)
        return cls(data_dir=data_root, log_dir=log_root)

    def ensure(self) -> None:
        """Create the folders, readable by the user only (0700 on POSIX)."""
        for folder in (self.data_dir, self.backup_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
