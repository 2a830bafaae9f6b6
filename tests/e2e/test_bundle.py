"""The installer build, end to end on Linux: bundle, tarball, per-user install, self-test.

Builds with installer/build.py into a temporary folder (about a minute here), so it runs in
the default suite; see installer/README.md for the figures.
"""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from rooted_desktop import identity

ROOT = Path(__file__).resolve().parents[2]
SIZE_LIMIT = 120_000_000  # bytes, unpacked: the target in installer/README.md

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux tarball"),
]


def fresh_env(home: Path) -> dict[str, str]:
    """A user who has never run the app, with no display and no Qt platform chosen."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("XDG_", "ROOTED_DESKTOP", "QT_", "DISPLAY", "WAYLAND"))
    }
    env["HOME"] = str(home)
    return env


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_the_linux_bundle_installs_for_one_user_and_passes_its_self_test(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="pip install -e '.[build]'")
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"), "--no-self-test",
         "--dist", str(dist), "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    bundle = dist / identity.APP_ID
    assert folder_size(bundle) < SIZE_LIMIT

    (tarball,) = dist.glob(f"{identity.APP_ID}-{identity.version()}-linux-*.tar.gz")
    unpacked = tmp_path / "unpacked"
    with tarfile.open(tarball) as archive:
        archive.extractall(unpacked, filter="tar")
    home = tmp_path / "home"
    home.mkdir()
    env = fresh_env(home)
    install = subprocess.run(
        [str(unpacked / identity.APP_ID / "install.sh")],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr

    program = home / ".local" / "bin" / identity.APP_ID
    result = subprocess.run(
        [str(program), "--self-test"], capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"self-test ok: {identity.APP_NAME} {identity.version()}, ")
    assert "6 documents" in line and "migrations" in line and "backup verified" in line

    share = home / ".local" / "share"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(share / "applications" / f"{identity.DESKTOP_FILE_NAME}.desktop")
    assert entry["Desktop Entry"]["StartupWMClass"] == identity.DESKTOP_FILE_NAME
    installed = home / ".local" / "opt" / identity.APP_ID / identity.APP_ID
    assert entry["Desktop Entry"]["Exec"] == f'"{installed}"'
    icons = share / "icons" / "hicolor"
    assert (icons / "256x256" / "apps" / f"{identity.ICON_NAME}.png").is_file()
    assert not (share / identity.APP_NAME).exists()  # the self-test used its own store

    removed = subprocess.run(
        [str(installed.parent / "install.sh"), "--uninstall"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    assert not program.exists() and not installed.parent.exists()
    assert not (share / "applications" / f"{identity.DESKTOP_FILE_NAME}.desktop").exists()
