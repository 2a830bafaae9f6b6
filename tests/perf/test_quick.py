"""The benchmark harness in its quick mode, so it cannot rot: it runs, measures every figure
and reports. Whether the figures are within budget is for the full run on a quiet machine
(``python tests/perf/run.py``); this test never asserts a wall time."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent / "run.py"
MEASURES = (
    "start-up to ready",
    "peak memory",
    "data: dashboard, calendar month, Sessions month",
    "stress store vs 1-year store",
    "monthly summary PDF",
    "draft autosave",
)
NUMBER = r"\d+(?:\.\d+)? (?:ms|MB)"


@pytest.mark.slow
def test_quick_run_prints_every_measure_and_the_verdict(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--cache", str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    header = next(line for line in lines if line.startswith("measure"))
    assert header.split() == ["measure", "project", "floor", "ratio", "budget"]
    for name in MEASURES:
        row = next((line for line in lines if name in line), None)
        assert row is not None, f"no row for {name!r}:\n{result.stdout}\n{result.stderr}"
        assert re.search(rf"{NUMBER}\s+{NUMBER}\s+\d+\.\d\d×\s+≤ \d+(?:\.\d+)?×", row), row
    verdict = re.fullmatch(r"(\d+) of (\d+) within budget", lines[-1])
    assert verdict is not None, lines[-1]
    within, total = int(verdict.group(1)), int(verdict.group(2))
    assert total == len(MEASURES)
    # Exit 1 exactly when a measure is over its budget (which quick mode may well be).
    assert result.returncode == (0 if within == total else 1), result.stderr
