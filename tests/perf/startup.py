"""Start-up, timed from outside: the app and the floor run as fresh processes, alternately.

Each run is timed from just before the process is spawned until its ``ready`` line arrives
on stdout: both print that line after their first paint plus one turn of the event loop,
so both figures include interpreter start, imports, the window and its first frame. Peak
memory is the process's maximum resident set size, read from the kernel when it is reaped.
"""

from __future__ import annotations

import compileall
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOOR = Path(__file__).resolve().parent / "floor_startup.py"
TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Run:
    wall_ms: float  # spawn to the ready line, measured here
    peak_mb: float  # maximum resident set size of the process
    own_ms: float | None  # what the app printed ("ready in N ms"), if it prints one


def environment() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def app_command(data_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "rooted_desktop",
        "--measure-startup",
        "--data-dir",
        str(data_dir),
    ]


def floor_command() -> list[str]:
    return [sys.executable, str(FLOOR)]


def run_once(command: list[str]) -> Run:
    env = environment()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()  # blocks until the ready line (or the pipe closes)
    wall_ms = 1000 * (time.perf_counter() - started)
    rest = process.stdout.read()
    errors = process.stderr.read()
    # wait4 reaps the child and hands back its own resource usage, peak RSS included.
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if not line.startswith("ready") or process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} did not report ready (exit {process.returncode}):\n"
            f"{line}{rest}{errors}"
        )
    found = re.match(r"ready in (\d+) ms", line)
    return Run(wall_ms, usage.ru_maxrss / 1024, float(found.group(1)) if found else None)


def measure(data_dir: Path, repeats: int) -> tuple[list[Run], list[Run]]:
    """The app on ``data_dir`` and the floor, alternately, after one unmeasured run of each
    (which warms the disk cache and lets the app note that it closed the store cleanly)."""
    # Bytecode first, as an install has it (pip compiles a wheel's modules, the bundle ships
    # .pyc files): where PYTHONDONTWRITEBYTECODE is set, every run would otherwise time
    # Python compiling the app's source, which no coach's start-up does. The floor's
    # libraries were compiled when they were installed.
    compileall.compile_dir(ROOT / "rooted_desktop", quiet=1)
    run_once(app_command(data_dir))
    run_once(floor_command())
    app, floor = [], []
    for _ in range(repeats):
        app.append(run_once(app_command(data_dir)))
        floor.append(run_once(floor_command()))
    return app, floor
