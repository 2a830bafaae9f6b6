"""Shared fixtures. Qt runs offscreen, and no test touches the real user data dir."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from rooted_desktop.paths import ENV_DATA_DIR, Paths

TODAY = date(2026, 12, 4)


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every default location at a temporary folder, in case code forgets --data-dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    result = Paths.for_data_dir(tmp_path / "data")
    result.ensure()
    return result


@pytest.fixture
def services(paths: Paths) -> Iterator[object]:
    from rooted_desktop.services.container import Services

    opened = Services.open(paths.store_file, clock=lambda: TODAY)
    yield opened
    opened.close()
