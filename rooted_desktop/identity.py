"""The one identity of the application: name, version, organisation.

Window titles, the About box, platformdirs paths and the installers all read from here.
"""

from __future__ import annotations

from importlib import metadata

APP_NAME = "Rooted Desktop"
APP_ID = "rooted-desktop"
ORGANIZATION = "Rooted in Relationships"
ORGANIZATION_DOMAIN = "rootedinrelationships.org"
DESKTOP_FILE_NAME = "rooted-desktop"


def version() -> str:
    """The installed distribution's version (from pyproject.toml)."""
    try:
        return metadata.version(APP_ID)
    except metadata.PackageNotFoundError:  # running from a bare checkout or a frozen bundle
        return "0.0.0+unknown"
