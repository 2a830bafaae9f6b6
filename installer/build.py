"""Build Rooted Desktop for this OS: ``dist/rooted-desktop/``, then what this OS installs from.

    .venv/bin/python -m pip install -e '.[build]'
    .venv/bin/python installer/build.py

- every OS: PyInstaller runs ``installer/rooted-desktop.spec`` into ``dist/rooted-desktop/``;
  the bundle's own ``--self-test`` then runs with a HOME that has never seen the app;
- Linux: ``dist/rooted-desktop-<version>-linux-<arch>.tar.gz`` (bundle, .desktop file,
  icons and ``install.sh``);
- Windows: ``dist/rooted-desktop-<version>-setup.exe`` from ``installer/windows/
  rooted-desktop.iss`` when Inno Setup's ISCC.exe is found (else the command is printed);
- macOS: ``dist/Rooted Desktop.app``; signing, notarising and the .dmg are in README.md.

The name, version and organisation come from ``rooted_desktop/identity.py`` (the version
from pyproject.toml) and are handed to every step, so no installer file repeats them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rooted_desktop import identity  # noqa: E402  (needs ROOT on the path first)
from rooted_desktop.resources import icon_files  # noqa: E402

INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "rooted-desktop.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ICONS = ROOT / "resources" / "icons"  # the .ico for Inno Setup
ISCC_PLACES = (  # a machine-wide install, then a per-user one
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6",
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "Inno Setup 6",
    Path(os.environ.get("LOCALAPPDATA", r"C:\Users\Default\AppData\Local"))
    / "Programs"
    / "Inno Setup 6",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clean", action="store_true", help="rebuild PyInstaller's cache")
    parser.add_argument("--no-package", action="store_true", help="the bundle only")
    parser.add_argument("--no-self-test", action="store_true", help="skip the smoke test")
    parser.add_argument("--dist", type=Path, default=DIST, help="output folder (dist/)")
    parser.add_argument("--work", type=Path, default=WORK, help="PyInstaller's work folder")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    bundle = dist / identity.APP_ID

    version = identity.version()
    print(f"Building {identity.APP_NAME} {version} for {platform.system()} {machine()}")
    started = time.monotonic()
    pyinstaller(dist, args.work.resolve(), clean=args.clean)
    print(f"PyInstaller took {time.monotonic() - started:.0f} s")
    print(f"Bundle: {bundle} ({megabytes(folder_size(bundle))} unpacked)")
    if not args.no_self_test:
        code = self_test(executable(dist))
        if code != 0:
            return code
    if not args.no_package:
        if sys.platform.startswith("linux"):
            tarball = linux_tarball(dist, version)
            print(f"Tarball: {tarball} ({megabytes(tarball.stat().st_size)})")
        elif sys.platform == "win32":
            windows_installer(dist, version)
        elif sys.platform == "darwin":
            print("Next: sign, notarize and make the .dmg as installer/README.md says.")
    return 0


def machine() -> str:
    name = platform.machine()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(name.lower(), name)


def pyinstaller(dist: Path, work: Path, *, clean: bool) -> None:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ]  # fmt: skip
    if clean:
        command.append("--clean")
    run([*command, str(SPEC)])


def executable(dist: Path = DIST) -> Path:
    """The program to smoke-test: on Windows the console twin, which has a stdout."""
    if sys.platform == "win32":
        return dist / identity.APP_ID / f"{identity.APP_ID}-cli.exe"
    if sys.platform == "darwin":
        return dist / f"{identity.APP_NAME}.app" / "Contents" / "MacOS" / identity.APP_ID
    return dist / identity.APP_ID / identity.APP_ID


def self_test(program: Path) -> int:
    """Run ``program --self-test`` as a user who has never run the app; 0 when it passed."""
    with tempfile.TemporaryDirectory(prefix="rooted-desktop-home-") as home:
        env = clean_home_env(Path(home))
        started = time.monotonic()
        result = subprocess.run(
            [str(program), "--self-test"], env=env, capture_output=True, text=True, check=False
        )
        elapsed = time.monotonic() - started
    print(result.stdout.strip() or "(no output)")
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        print(f"Self-test FAILED (exit {result.returncode})", file=sys.stderr)
    else:
        print(f"Self-test passed in {elapsed:.1f} s (process start to exit)")
    return result.returncode


def clean_home_env(home: Path) -> dict[str, str]:
    """This environment, with every per-user folder pointed into ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ROOTED_DESKTOP"))}
    env.update(HOME=str(home), USERPROFILE=str(home))
    if sys.platform == "win32":
        env.update(APPDATA=str(home / "AppData" / "Roaming"), LOCALAPPDATA=str(home / "Local"))
    return env


def linux_tarball(dist: Path, version: str) -> Path:
    """The bundle plus what a desktop needs, in one folder, in one .tar.gz.

    ``install.sh`` in it copies the folder to ~/.local/opt, links the program into
    ~/.local/bin and installs the .desktop file and icons, for the current user only.
    """
    extras = {
        "install.sh": INSTALLER / "linux" / "install.sh",
        f"share/applications/{identity.DESKTOP_FILE_NAME}.desktop": INSTALLER
        / "linux"
        / f"{identity.DESKTOP_FILE_NAME}.desktop",
    }
    for size, path in icon_files():
        extras[f"share/icons/hicolor/{size}x{size}/apps/{identity.ICON_NAME}.png"] = path
    tarball = dist / f"{identity.APP_ID}-{version}-linux-{machine()}.tar.gz"
    partial = tarball.with_name(tarball.name + ".partial")
    # Level 6, not tarfile's 9: a third of the time for a file 0.4 % larger.
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        archive.add(dist / identity.APP_ID, arcname=identity.APP_ID)
        for name, source in extras.items():
            archive.add(source, arcname=f"{identity.APP_ID}/{name}")
    partial.replace(tarball)
    return tarball


def windows_installer(dist: Path, version: str) -> None:
    """Compile the Inno Setup script with this build's identity, or say how to."""
    numeric = ".".join(str(n) for n in identity.numeric_version())
    defines = {
        "AppName": identity.APP_NAME,
        "AppId": identity.APP_ID,
        "AppVersion": version,
        "AppNumericVersion": numeric,
        "AppPublisher": identity.ORGANIZATION,
        "AppURL": f"https://{identity.ORGANIZATION_DOMAIN}/",
        # platformdirs' user_data_dir on Windows: %LOCALAPPDATA%\<appauthor>\<appname>
        "DataFolder": f"{identity.ORGANIZATION}\\{identity.APP_NAME}",
        "SourceDir": str(dist / identity.APP_ID),
        "OutputDir": str(dist),
        "IconFile": str(ICONS / f"{identity.ICON_NAME}.ico"),
    }
    script = INSTALLER / "windows" / "rooted-desktop.iss"
    iscc = shutil.which("iscc") or next(
        (str(p / "ISCC.exe") for p in ISCC_PLACES if (p / "ISCC.exe").exists()), None
    )
    command = [iscc or "ISCC.exe", *(f"/D{k}={v}" for k, v in defines.items()), str(script)]
    if iscc is None:
        print("Inno Setup 6 not found; install it (https://jrsoftware.org/isinfo.php), then run:")
        print(subprocess.list2cmdline(command))
        return
    run(command)
    print(f"Installer: {dist / f'{identity.APP_ID}-{version}-setup.exe'}")


def run(command: list[str]) -> None:
    print("+ " + subprocess.list2cmdline(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


if __name__ == "__main__":
    sys.exit(main())
