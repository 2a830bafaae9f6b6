"""Find the bundled resources (guides, agenda template, fonts, icons) one way.

Installed, the resources sit inside the package as ``rooted_desktop/_resources``: a wheel
puts them there (``force-include`` in pyproject.toml) and so does the PyInstaller spec, so
a wheel and a frozen bundle have the same layout and need no special case. Only a source
checkout (or an editable install of one) differs: there they are ``resources/`` beside
the package, the one copy everybody edits.
"""

from __future__ import annotations

from pathlib import Path

from rooted_desktop.identity import ICON_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent
INSTALLED_DIR = _PACKAGE_DIR / "_resources"
CHECKOUT_DIR = _PACKAGE_DIR.parent / "resources"


def resources_dir() -> Path:
    for candidate in (INSTALLED_DIR, CHECKOUT_DIR):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"Rooted Desktop's resources are missing: neither {INSTALLED_DIR} nor {CHECKOUT_DIR} "
        "exists. Reinstall the application."
    )


def resource(*parts: str) -> Path:
    """A file under the resources folder, e.g. ``resource("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)


def icon_files() -> list[tuple[int, Path]]:
    """The app icon's PNGs as (pixels, path), smallest first."""
    found = []
    for path in resource("icons").glob(f"{ICON_NAME}-*.png"):
        size = path.stem.rpartition("-")[2]
        if size.isdigit():
            found.append((int(size), path))
    return sorted(found)
