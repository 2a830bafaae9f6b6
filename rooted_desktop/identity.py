"""The one identity of the application: name, version, organisation, icon.

Window titles, the About box, platformdirs paths, the PyInstaller spec and every installer
read from here (the Inno Setup script gets these values from ``installer/build.py``).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

APP_NAME = "Rooted Desktop"
APP_ID = "rooted-desktop"  # distribution, executable, icon and .desktop file name
ORGANIZATION = "Rooted in Relationships"
ORGANIZATION_DOMAIN = "rootedinrelationships.org"
# QGuiApplication.setDesktopFileName: the Wayland app id, and StartupWMClass in the
# Linux .desktop file, so the desktop puts the running window under the launcher's icon.
DESKTOP_FILE_NAME = APP_ID
BUNDLE_ID = "org.rootedinrelationships.rooted-desktop"  # macOS CFBundleIdentifier
ICON_NAME = APP_ID  # resources/icons/rooted-desktop-<size>.png, .ico and .icns

_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


@lru_cache(maxsize=1)
def version() -> str:
    """The version in pyproject.toml.

    A source checkout reads pyproject.toml itself, so an editable install never shows a
    version older than the file; a wheel and a frozen bundle (the spec copies the
    distribution's metadata in) read the metadata built from that same file.
    """
    checkout = _checkout_version()
    if checkout is not None:
        return checkout
    from importlib import metadata  # only here: importing it costs start-up time

    try:
        return metadata.version(APP_ID)
    except metadata.PackageNotFoundError:
        return "0.0.0+unknown"


def numeric_version() -> tuple[int, int, int]:
    """The version as three numbers ("1.2.0rc1" -> (1, 2, 0)), for the Windows file
    properties and the Inno Setup script, which take digits only."""
    numbers = []
    for part in version().split("+")[0].split(".")[:3]:
        digits = re.match(r"\d+", part)
        numbers.append(int(digits.group()) if digits else 0)
    major, minor, patch = [*numbers, 0, 0, 0][:3]
    return major, minor, patch


def _checkout_version() -> str | None:
    try:
        with _PYPROJECT.open("rb") as file:
            project = tomllib.load(file).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    if project.get("name") != APP_ID or not isinstance(project.get("version"), str):
        return None  # some other project's pyproject.toml beside site-packages
    return str(project["version"])
