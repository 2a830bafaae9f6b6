"""A rotating log file in the log folder. Session text is never logged, only events."""

from __future__ import annotations

import logging
import logging.handlers
import os

from rooted_desktop.paths import Paths


def configure_logging(paths: Paths, *, level: int = logging.INFO) -> None:
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        paths.log_dir.chmod(0o700)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_rooted", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        paths.log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler._rooted = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    if os.name == "posix":
        paths.log_file.chmod(0o600)
