"""The stores the benchmarks run on, built once with the demo generator and kept.

A store is rebuilt when what it is built from changes: its size, the schema revision, or
the demo generator's source. Each is built in a temporary folder and renamed into place,
so an interrupted build never leaves half a store behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-12-04"  # the demo's "today": every run sees the same store


@dataclass(frozen=True)
class StoreSpec:
    providers: int
    years: int

    @property
    def label(self) -> str:
        years = "1 program year" if self.years == 1 else f"{self.years} program years"
        return f"{self.providers} providers x {years}"


def _fingerprint(spec: StoreSpec) -> str:
    digest = hashlib.sha256(f"{spec}|{AS_OF}".encode())
    sources = [
        ROOT / "rooted_desktop" / "store" / "models.py",
        ROOT / "rooted_desktop" / "store" / "schema.py",
        *sorted((ROOT / "rooted_desktop" / "services").glob("demo*.py")),
    ]
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def ensure_store(spec: StoreSpec, cache: Path) -> Path:
    """The data folder of a demo store of this size, built if it is not cached yet."""
    target = cache / f"p{spec.providers}-y{spec.years}-{_fingerprint(spec)}"
    if (target / "rooted.sqlite3").exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
    command = [
        sys.executable, "-m", "rooted_desktop", "demo",
        "--providers", str(spec.providers), "--years", str(spec.years),
        "--as-of", AS_OF, "--data-dir", str(building),
    ]  # fmt: skip
    print(f"building the {spec.label} store…", file=sys.stderr, flush=True)
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=1800)
    if result.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        raise RuntimeError(f"building the {spec.label} store failed:\n{result.stderr}")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(building, target)
    return target


def scratch_copy(data_dir: Path, scratch: Path) -> Path:
    """A copy of a store's file in a fresh folder, for measures that write to it."""
    folder = Path(tempfile.mkdtemp(prefix="copy-", dir=scratch))
    shutil.copyfile(data_dir / "rooted.sqlite3", folder / "rooted.sqlite3")
    return folder / "rooted.sqlite3"
