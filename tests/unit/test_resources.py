"""Resources are found one way from a checkout and from an installed wheel.

(The frozen bundle has the wheel's layout; tests/e2e/test_bundle.py runs its self-test.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rooted_desktop import identity
from rooted_desktop.resources import CHECKOUT_DIR, icon_files, resource, resources_dir

ROOT = Path(__file__).resolve().parents[2]


def checkout_files() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT / "resources"))
        for path in (ROOT / "resources").rglob("*")
        if path.is_file()
    )


def test_a_checkout_uses_the_resources_folder_beside_the_package() -> None:
    assert resources_dir() == CHECKOUT_DIR == ROOT / "resources"
    for name in checkout_files():
        assert resource(*Path(name).parts).is_file(), name


def test_every_icon_size_is_listed_smallest_first() -> None:
    sizes = [size for size, _ in icon_files()]
    assert sizes == sorted(sizes) and {16, 32, 48, 256} <= set(sizes)
    assert all(path.name == f"{identity.ICON_NAME}-{size}.png" for size, path in icon_files())


# Run with only the standard library and the unpacked wheel on the path (-S: no site
# packages, so neither this checkout nor its editable install can answer instead).
PROBE = """
import json, sys
from pathlib import Path
from rooted_desktop import identity, resources
from rooted_desktop.store import migrate
base = resources.resources_dir()
print(json.dumps({
    "dir": str(base),
    "files": sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file()),
    "migrations": sorted(p.name for p in (migrate.MIGRATIONS_DIR / "versions").glob("*.py")),
    "env": (migrate.MIGRATIONS_DIR / "env.py").is_file(),
    "version": identity.version(),
}))
"""


@pytest.mark.slow
def test_an_installed_wheel_finds_every_resource_inside_the_package(tmp_path: Path) -> None:
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("rooted_desktop-*.whl")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), wheel],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    # store.migrate imports SQLAlchemy: give the probe this environment's copy, after the wheel.
    import sqlalchemy

    deps = Path(sqlalchemy.__file__).parents[1]
    probe = subprocess.run(
        [sys.executable, "-S", "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": os.pathsep.join([str(site), str(deps)])},
        cwd=tmp_path,
    )
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout)
    assert Path(found["dir"]) == site / "rooted_desktop" / "_resources"
    assert found["files"] == checkout_files()
    assert found["env"] and found["migrations"]
    assert found["migrations"] == sorted(
        p.name for p in (ROOT / "rooted_desktop" / "store" / "migrations" / "versions").glob("*.py")
    )
    assert found["version"] == identity.version()
