"""``--measure-startup``: how long from process start until the first page shows its data.

"Ready" is the first paint of the page the window opens on, after that page has loaded its
data, plus one turn of the event loop so the painted frame has been handed to the window
system. Time counts from the moment the operating system created the process (Linux: the
start time in ``/proc/self/stat``), so interpreter start-up and every import are included;
where that is not available it counts from when the app's start-up function was entered.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6.QtWidgets import QApplication, QWidget

from rooted_desktop.ui.first_paint import AfterFirstPaint


class StartClock:
    """Milliseconds since this process began; since ``fallback_start`` where that is unknown."""

    def __init__(self, fallback_start: float) -> None:
        age = process_age()
        now = time.monotonic()
        self._origin = now - age if age is not None else fallback_start

    def elapsed_ms(self) -> float:
        return 1000 * (time.monotonic() - self._origin)


def process_age() -> float | None:
    """Seconds since the kernel created this process (Linux), else None.

    Field 22 of /proc/self/stat is the start time in clock ticks after boot, on the same
    clock as CLOCK_BOOTTIME; its resolution is one tick (10 ms on most systems).
    """
    try:
        stat = Path("/proc/self/stat").read_text()
        # The command name (field 2) may contain spaces: count fields after its ")".
        ticks = int(stat.rpartition(")")[2].split()[19])
        started = ticks / os.sysconf("SC_CLK_TCK")
        return max(0.0, time.clock_gettime(time.CLOCK_BOOTTIME) - started)
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class StartupProbe:
    """Prints ``ready in N ms`` after the page's first paint with its data, then quits."""

    def __init__(
        self,
        page: QWidget,
        clock: StartClock,
        *,
        loaded: Callable[[], bool] = lambda: True,
        out: TextIO | None = None,
    ) -> None:
        self._clock = clock
        self._out = out if out is not None else sys.stdout
        self.ready_ms: float | None = None
        self._waiting = AfterFirstPaint(page, self._ready, ready=loaded)

    def _ready(self) -> None:
        self.ready_ms = self._clock.elapsed_ms()
        print(f"ready in {self.ready_ms:.0f} ms", file=self._out, flush=True)
        QApplication.quit()


def watch_startup(page: QWidget | None, fallback_start: float) -> StartupProbe:
    """Probe the page the window opens on; a page that loads lazily must have loaded first."""
    assert page is not None, "the window opens on a page"
    loader = getattr(page, "loader", None)
    return StartupProbe(
        page,
        StartClock(fallback_start),
        loaded=lambda: loader is None or not loader.stale,
    )
