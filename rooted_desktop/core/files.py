"""Writing files so that a failure leaves the old file or none, never half of one."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from rooted_desktop.core.errors import UserError


def atomic_write_bytes(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it into place."""
    path = Path(path)
    folder = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except FileNotFoundError:
        raise UserError(f"Cannot write {path}: the folder {folder} does not exist.") from None
    except PermissionError:
        raise UserError(f"Cannot write {path}: the folder {folder} is not writable.") from None
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            os.chmod(temp_name, 0o644 & ~_umask())
        os.replace(temp_name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise UserError(_explain_write_error(path, exc)) from None


def _explain_write_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"Cannot write {path}: the disk is full."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (
            f"Cannot write {path}: permission denied (is the file open in another program, "
            "or the folder read-only?)."
        )
    if exc.errno == errno.EISDIR:
        return f"Cannot write {path}: it is a folder."
    return f"Cannot write {path}: {exc.strerror or exc}."


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def read_text_file(path: Path) -> str:
    """Read a UTF-8 text file as Excel saves it (with or without BOM); say clearly what failed."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file.") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror}).") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path}: is not UTF-8 text (byte {exc.start + 1} cannot be read). "
            "In Excel, save it as 'CSV UTF-8 (Comma delimited)'."
        ) from None
