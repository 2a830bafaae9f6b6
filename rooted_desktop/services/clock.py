"""Today's date, passed in so tests and the demo can fix it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

Clock = Callable[[], date]


def system_clock() -> date:
    return date.today()
