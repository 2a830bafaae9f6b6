"""Where data lives: overrides, the separate demo store, private folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from rooted_desktop.paths import ENV_DATA_DIR, Paths
from rooted_desktop.resources import resource, resources_dir


def test_explicit_folder_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert Paths.resolve(tmp_path / "cli").data_dir == tmp_path / "cli"
    assert Paths.resolve().data_dir == tmp_path / "env"
    assert Paths.resolve().store_file == tmp_path / "env" / "rooted.sqlite3"


def test_default_location_is_the_user_data_dir(tmp_path: Path) -> None:
    paths = Paths.resolve()
    # conftest points XDG_DATA_HOME at a temporary home
    assert "Rooted Desktop" in str(paths.data_dir)
    assert not paths.is_demo


def test_demo_store_is_always_apart_from_the_real_one(tmp_path: Path) -> None:
    real = Paths.resolve(tmp_path)
    demo = Paths.resolve(tmp_path, demo=True)
    assert demo.is_demo and demo.store_file != real.store_file
    assert Paths.resolve(demo=True).store_file != Paths.resolve().store_file


def test_folders_are_created_user_only(tmp_path: Path) -> None:
    paths = Paths.for_data_dir(tmp_path / "data")
    paths.ensure()
    for folder in (paths.data_dir, paths.backup_dir, paths.log_dir):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_resources_are_found_from_the_checkout() -> None:
    assert resources_dir().is_dir()
    assert resource("guides", "rooted-year2-2025-07.toml").is_file()
    assert resource("fonts", "DejaVuSans.ttf").is_file()
