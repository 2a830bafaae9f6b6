"""Find the bundled resources (guides, agenda template, fonts, icons) one way.

A wheel carries them inside the package as ``_resources``; a source checkout or an
editable install keeps them in ``resources/`` beside the package; a PyInstaller bundle
unpacks them under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    candidates = [_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "Rooted Desktop's resources folder is missing; looked in: "
        + ", ".join(str(c) for c in candidates)
    )


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
