"""`rooted-desktop --measure-startup`: the real window on a store, one line, exit 0, and no
question asked on the way (a draft waiting would otherwise be offered back)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rooted_desktop.services.container import Services
from rooted_desktop.services.demo import build_demo_store


@pytest.mark.slow
def test_measure_startup_prints_ready_and_exits(tmp_path: Path) -> None:
    data = tmp_path / "data"
    services = Services.open(data / "rooted.sqlite3", clock=lambda: date(2026, 12, 4))
    build_demo_store(services.store, providers=6, years=1, today=date(2026, 12, 4))
    services.drafts.save("session:new:perf", "Unsaved visit", {"form": {"focus": "x"}})
    services.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "rooted_desktop", "--measure-startup", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ready in \d+ ms\n", result.stdout), result.stdout
    # Closed normally: the next start may skip the full-file check.
    assert (data / "rooted.sqlite3.closed").exists()
