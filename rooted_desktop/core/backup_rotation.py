"""Backup file names and which backups to keep: pure rules, no files touched.

A name says when and why a backup was taken, so a coach browsing the folder can read it:
``rooted-2026-12-04T221530-start.sqlite3`` (local time, then the reason). Later backups
within the same second get ``-2``, ``-3``… after the reason, which keeps them in order.

Rotation keeps the newest backup of each of the last 12 days, 10 ISO weeks and 9 months
that have a scheduled backup (start, every 30 minutes, by hand); a rule that overlaps
another keeps the same file, it does not reach further back. Counting periods that have a
backup, not calendar periods, means a summer away from the app does not empty the folder.
Event backups (before an upgrade, a restore, an import) are kept apart: the newest 10.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

PREFIX = "rooted"
SUFFIX = ".sqlite3"

SCHEDULED_REASONS = ("start", "periodic", "manual")
EVENT_REASONS = ("before-migration", "before-restore", "before-import")
REASONS = SCHEDULED_REASONS + EVENT_REASONS

REASON_LABELS = {
    "start": "when the app started",
    "periodic": "while working (every 30 minutes)",
    "manual": "by hand",
    "before-migration": "before an upgrade",
    "before-restore": "before a restore",
    "before-import": "before an import",
}

_NAME = re.compile(
    rf"^{PREFIX}-(\d{{4}}-\d{{2}}-\d{{2}}T\d{{6}})-([a-z]+(?:-[a-z]+)*)(?:-(\d+))?"
    rf"{re.escape(SUFFIX)}$"
)
_STAMP = "%Y-%m-%dT%H%M%S"


@dataclass(frozen=True)
class BackupName:
    """What a backup's file name says. Sorted oldest first."""

    taken_at: datetime
    reason: str
    serial: int = 1

    def __lt__(self, other: BackupName) -> bool:
        return (self.taken_at, self.serial, self.reason) < (
            other.taken_at,
            other.serial,
            other.reason,
        )

    @property
    def file_name(self) -> str:
        serial = f"-{self.serial}" if self.serial > 1 else ""
        return f"{PREFIX}-{self.taken_at:{_STAMP}}-{self.reason}{serial}{SUFFIX}"

    @property
    def scheduled(self) -> bool:
        return self.reason in SCHEDULED_REASONS

    @property
    def label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


def new_name(taken_at: datetime, reason: str, taken: Collection[str] = ()) -> BackupName:
    """The name for a backup taken now, not clashing with a file name already in ``taken``."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    when = taken_at.replace(microsecond=0, tzinfo=None)
    same_second = [
        parsed.serial
        for parsed in map(parse_name, taken)
        if parsed is not None and parsed.taken_at == when
    ]
    return BackupName(when, reason, max(same_second, default=0) + 1)


def parse_name(file_name: str) -> BackupName | None:
    """The backup a file name describes, or None for any other file (left alone)."""
    match = _NAME.match(file_name)
    if match is None or match.group(2) not in REASONS:
        return None
    try:
        taken_at = datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None
    return BackupName(taken_at, match.group(2), int(match.group(3) or 1))


@dataclass(frozen=True)
class Policy:
    daily: int = 12
    weekly: int = 10
    monthly: int = 9
    events: int = 10


DEFAULT_POLICY = Policy()


def _day(at: datetime) -> Hashable:
    return at.date()


def _week(at: datetime) -> Hashable:
    return at.isocalendar()[:2]


def _month(at: datetime) -> Hashable:
    return (at.year, at.month)


def _newest_per_period(
    newest_first: list[BackupName], period: Callable[[datetime], Hashable], count: int
) -> set[BackupName]:
    kept: set[BackupName] = set()
    seen: set[Hashable] = set()
    for backup in newest_first:
        key = period(backup.taken_at)
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.add(key)
        kept.add(backup)
    return kept


def backups_to_keep(
    backups: Iterable[BackupName], policy: Policy = DEFAULT_POLICY
) -> set[BackupName]:
    """The backups the policy keeps; every other one may be deleted."""
    newest_first = sorted(set(backups), reverse=True)
    scheduled = [b for b in newest_first if b.scheduled]
    events = [b for b in newest_first if not b.scheduled]
    return (
        _newest_per_period(scheduled, _day, policy.daily)
        | _newest_per_period(scheduled, _week, policy.weekly)
        | _newest_per_period(scheduled, _month, policy.monthly)
        | set(events[: policy.events])
    )


def backups_to_delete(
    backups: Iterable[BackupName], policy: Policy = DEFAULT_POLICY
) -> list[BackupName]:
    """The backups the policy lets go, oldest first."""
    every = set(backups)
    return sorted(every - backups_to_keep(every, policy))
