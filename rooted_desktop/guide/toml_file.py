"""Reading a bundled TOML data file so that any problem names the file and what is wrong."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rooted_desktop.core.errors import UserError

_T = TypeVar("_T")


def load_toml_file(
    path: Path,
    parse: Callable[[dict[str, Any]], _T],
    *,
    data_error: type[Exception],
    user_error: type[UserError],
) -> _T:
    """Parse ``path`` with ``parse``; unreadable, non-UTF-8, bad TOML or bad data raise
    ``user_error`` whose message starts with the file's name."""
    try:
        # utf-8-sig: a file re-saved by Notepad starts with a byte-order mark.
        return parse(tomllib.loads(path.read_bytes().decode("utf-8-sig")))
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror or exc})"
    except UnicodeDecodeError:
        problem = "is not UTF-8 text"
    except tomllib.TOMLDecodeError as exc:
        problem = f"is not valid TOML: {exc}"
    except data_error as exc:
        problem = str(exc)
    raise user_error(f"{path.name}: {problem}", details=(str(path),))
