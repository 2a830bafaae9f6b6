"""One identity: the version from pyproject, and the same names in every installer file."""

from __future__ import annotations

import configparser
import re
import struct
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from rooted_desktop import identity
from rooted_desktop.paths import Paths

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
ICONS = ROOT / "resources" / "icons"


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def test_version_is_the_one_in_pyproject() -> None:
    assert identity.version() == pyproject_version()


def test_without_our_pyproject_the_version_comes_from_the_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An installed wheel: whatever pyproject.toml sits beside site-packages is not ours.
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "something-else"\nversion = "9.9.9"\n')
    monkeypatch.setattr(identity, "_PYPROJECT", other)
    identity.version.cache_clear()
    try:
        assert identity.version() == metadata.version(identity.APP_ID)
    finally:
        identity.version.cache_clear()


@pytest.mark.parametrize(
    ("text", "numbers"),
    [("0.1.0", (0, 1, 0)), ("1.2", (1, 2, 0)), ("2.0.1rc1", (2, 0, 1)), ("3.1.4+local", (3, 1, 4))],
)
def test_numeric_version_keeps_the_digits(
    text: str, numbers: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(identity, "version", lambda: text)
    assert identity.numeric_version() == numbers


def test_the_default_data_folder_is_named_after_the_app(tmp_path: Path) -> None:
    assert Paths.resolve().data_dir.name == identity.APP_NAME


def test_linux_desktop_file_matches_the_identity() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(INSTALLER / "linux" / f"{identity.DESKTOP_FILE_NAME}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == identity.APP_NAME
    # Qt announces setDesktopFileName() as the Wayland app id and the X11 WM_CLASS
    # instance is the executable's name: the launcher must use the same word for both.
    assert desktop["StartupWMClass"] == identity.DESKTOP_FILE_NAME == identity.APP_ID
    assert desktop["Exec"] == identity.APP_ID
    assert desktop["Icon"] == identity.ICON_NAME


def test_inno_setup_defaults_match_the_identity() -> None:
    script = (INSTALLER / "windows" / "rooted-desktop.iss").read_text(encoding="utf-8")
    defines = dict(re.findall(r'#define (\w+) "([^"]*)"', script))
    assert defines["AppName"] == identity.APP_NAME
    assert defines["AppId"] == identity.APP_ID
    assert defines["AppPublisher"] == identity.ORGANIZATION
    # Where platformdirs keeps the data on Windows: %LOCALAPPDATA%\<appauthor>\<appname>.
    assert defines["DataFolder"] == f"{identity.ORGANIZATION}\\{identity.APP_NAME}"
    assert "PrivilegesRequired=lowest" in script


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_icon_pngs_have_the_size_their_name_says(size: int) -> None:
    assert png_size(ICONS / f"{identity.ICON_NAME}-{size}.png") == (size, size)


def test_ico_and_icns_hold_pngs() -> None:
    ico = (ICONS / f"{identity.ICON_NAME}.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sizes = set()
    for index in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * index : 22 + 16 * index]
        )
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(ico)
        sizes.add(side or 256)
    assert {16, 32, 48, 256} <= sizes

    icns = (ICONS / f"{identity.ICON_NAME}.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    position, kinds = 8, set()
    while position < len(icns):
        kind = icns[position : position + 4]
        (length,) = struct.unpack(">I", icns[position + 4 : position + 8])
        assert icns[position + 8 : position + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.add(kind)
        position += length
    assert position == len(icns)
    assert {b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds  # 128, 256, 512 and 1024 px
