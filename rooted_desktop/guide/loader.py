"""Read a guide file and check it strictly.

Program staff revise the guide, so a mistake in it must stop the app with a message that
names the file and the key, e.g.
``rooted-year2-2025-07.toml: periods[2].rows[0].months: 13 is not a month (1-12)``,
rather than show a wrong plan. Unknown keys are errors too: a misspelt optional key would
otherwise be silently ignored. This module checks each value's presence and type; the
model checks that the parts fit together (GuideDataError, with the same key paths).
"""

from __future__ import annotations

import calendar
import difflib
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.vocab import AgeGroup, Setting
from rooted_desktop.guide.model import (
    Component,
    Guide,
    GuideDataError,
    GuideRow,
    Level,
    Period,
    Phase,
    RequirementSpec,
    Rules,
    Training,
)
from rooted_desktop.guide.toml_file import load_toml_file
from rooted_desktop.resources import resource

FORMAT_VERSION = 1
DEFAULT_GUIDE_FILE = "rooted-year2-2025-07.toml"

# How a person editing the file would name each TOML type (the rest by their Python name).
_KINDS = {bool: "true/false", str: "text", int: "a whole number", list: "a list", dict: "a table"}

_E = TypeVar("_E", bound=StrEnum)


class GuideError(UserError):
    """A guide file that cannot be read or does not say what the app needs."""


def _wrong_type(path: str, expected: type, value: object) -> GuideDataError:
    found = _KINDS.get(type(value), type(value).__name__)
    return GuideDataError(path, f"should be {_KINDS[expected]}, not {found} ({value!r})")


class _Table:
    """One TOML table and its key path; remembers the keys read so leftovers are typos."""

    def __init__(self, data: dict[str, Any], path: str) -> None:
        self._data = data
        self.path = path
        self._known: set[str] = set()

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        self._known.add(key)  # a key asked about is a known key, present or not
        return key in self._data

    def _value(self, key: str, expected: type, *, required: bool = True) -> Any:
        if not self.has(key):
            if required:
                # A misspelt required key shows up here first, before done() can flag it.
                near = difflib.get_close_matches(key, set(self._data) - self._known, n=1)
                raise GuideDataError(
                    self.at(key), f"missing (is {near[0]!r} a typo?)" if near else "missing"
                )
            return None
        value = self._data[key]
        # type(), not isinstance(): bool is an int to Python, but `pcm_min = true` is a mistake.
        if type(value) is not expected:
            raise _wrong_type(self.at(key), expected, value)
        return value

    def _list(self, key: str, item_type: type, *, required: bool = True) -> list[Any]:
        values: list[Any] = self._value(key, list, required=required) or []
        for index, item in enumerate(values):
            if type(item) is not item_type:
                raise _wrong_type(f"{self.at(key)}[{index}]", item_type, item)
        return values

    def text(self, key: str) -> str:
        value = str(self._value(key, str)).strip()
        if not value:
            raise GuideDataError(self.at(key), "is empty")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if self.has(key) else None

    def texts(self, key: str) -> tuple[str, ...]:  # optional; left out means none
        return tuple(self._list(key, str, required=False))

    def integer(self, key: str, low: int, high: int | None = None) -> int:
        value = int(self._value(key, int))
        if value < low or (high is not None and value > high):
            limits = f"{low}-{high}" if high is not None else f"at least {low}"
            raise GuideDataError(self.at(key), f"{value} is out of range ({limits})")
        return value

    def flag(self, key: str, *, required: bool = False) -> bool:  # left out means false
        return bool(self._value(key, bool, required=required))

    def months(self, key: str) -> tuple[int, ...]:
        values = self._list(key, int)
        if not values:
            raise GuideDataError(self.at(key), "names no month")
        for month in values:
            if not 1 <= month <= 12:
                raise GuideDataError(self.at(key), f"{month} is not a month (1-12)")
        if len(set(values)) != len(values):
            raise GuideDataError(self.at(key), "names a month twice")
        return tuple(values)

    def choice(self, key: str, enum: type[_E]) -> _E:
        return _choice(self.at(key), self.text(key), enum)

    def choices(self, key: str, enum: type[_E]) -> frozenset[_E]:
        """A list of enum values; left out means "all of them", an empty list is a mistake."""
        if not self.has(key):
            return frozenset(enum)
        values = self.texts(key)
        if not values:
            raise GuideDataError(self.at(key), "is empty; leave it out to mean all")
        return frozenset(_choice(self.at(key), value, enum) for value in values)

    def table(self, key: str) -> _Table:
        return _Table(self._value(key, dict), self.at(key))

    def tables(self, key: str) -> list[_Table]:
        items = self._list(key, dict)
        return [_Table(item, f"{self.at(key)}[{index}]") for index, item in enumerate(items)]

    def done(self) -> None:
        """Call once every key is read: a key never asked about is a typo or unsupported."""
        unknown = sorted(set(self._data) - self._known)
        if unknown:
            known = ", ".join(sorted(self._known))
            raise GuideDataError(self.at(unknown[0]), f"unknown key; this table takes: {known}")


def _choice(path: str, value: str, enum: type[_E]) -> _E:
    allowed = [member.value for member in enum]
    if value not in allowed:
        raise GuideDataError(path, f"{value!r} is not one of: {', '.join(allowed)}")
    return enum(value)


def _rules(table: _Table) -> Rules:
    dosage = table.integer("dosage_minutes_per_provider_per_month", 1)
    rules = Rules(
        dosage_minutes_per_provider_per_month=dosage,
        pcm_min=table.integer("pcm_min", 0),
        pcm_max=table.integer("pcm_max", 0),
        rc_per_month=table.integer("rc_per_month", 0),
        agenda_every_conversation=table.flag("agenda_every_conversation", required=True),
        cms_entry_every_conversation=table.flag("cms_entry_every_conversation", required=True),
        observation_scores_shared=table.flag("observation_scores_shared", required=True),
        observation_scores_note=table.text("observation_scores_note"),
        scheduling_note=table.text("scheduling_note"),
        evaluation_note=table.optional_text("evaluation_note"),
    )
    table.done()
    return rules


def _training(table: _Table) -> Training:
    training = Training(table.text("key"), table.text("name"), table.months("suggested_months"))
    table.done()
    return training


def _requirement(table: _Table) -> RequirementSpec:
    level = table.choice("level", Level)
    if level is Level.COACH and (table.has("settings") or table.has("age_groups")):
        raise GuideDataError(
            table.path, "a coach-level requirement cannot name settings or age groups"
        )
    due = table.table("due")
    due_month = due.integer("month", 1, 12)
    # 2000 is a leap year, so February 29 passes; ProgramYear.date_of clamps it.
    due_day = due.integer("day", 1, calendar.monthrange(2000, due_month)[1])
    due.done()
    spec = RequirementSpec(
        key=table.text("key"),
        name=table.text("name"),
        short_name=table.text("short_name"),
        level=level,
        due_month=due_month,
        due_day=due_day,
        settings=table.choices("settings", Setting),
        age_groups=table.choices("age_groups", AgeGroup),
        optional=table.flag("optional"),
        counts=table.flag("counts"),
        observation=table.flag("observation"),
        phase=table.choice("phase", Phase) if table.has("phase") else None,
        cms=table.optional_text("cms"),
        note=table.optional_text("note"),
    )
    table.done()
    return spec


def _row(table: _Table, period_key: str) -> GuideRow:
    row = GuideRow(
        key=table.text("key"),
        period=period_key,
        months=table.months("months"),
        component=table.choice("component", Component),
        activity=table.text("activity"),
        follow_up=table.text("follow_up"),
        requirements=table.texts("requirements"),
        prepares_for=table.texts("prepares_for"),
        training=table.optional_text("training"),
        pcm=table.flag("pcm"),
    )
    table.done()
    return row


def _period(table: _Table) -> Period:
    key, title, months = table.text("key"), table.text("title"), table.months("months")
    main_goal = table.text("main_goal")
    rows = tuple(_row(row, key) for row in table.tables("rows"))
    table.done()
    return Period(key, title, months, main_goal, rows)


def _guide(root: _Table) -> Guide:
    version = root.integer("format_version", 1)
    if version != FORMAT_VERSION:
        raise GuideDataError("format_version", f"{version} is not supported (this app reads 1)")
    meta = root.table("guide")
    guide_id, title, year = meta.text("id"), meta.text("title"), meta.integer("program_year", 1)
    revision, label = meta.text("revision"), meta.text("revision_label")
    meta.done()
    rules = _rules(root.table("rules"))
    trainings = tuple(_training(table) for table in root.tables("trainings"))
    requirements = tuple(_requirement(table) for table in root.tables("requirements"))
    periods = tuple(_period(table) for table in root.tables("periods"))
    root.done()
    # Guide.__post_init__ checks that the parts fit: keys, links, months covered.
    return Guide(guide_id, title, year, revision, label, rules, trainings, requirements, periods)


def load_guide(path: Path) -> Guide:
    """Read and check a guide file; any problem is a GuideError naming the file and key."""
    return load_toml_file(
        path,
        lambda data: _guide(_Table(data, "")),
        data_error=GuideDataError,
        user_error=GuideError,
    )


def default_guide_path() -> Path:
    return resource("guides", DEFAULT_GUIDE_FILE)


@lru_cache(maxsize=1)
def load_default_guide() -> Guide:
    """The bundled Year 2 guide, read once: it is immutable and read on every page."""
    return load_guide(default_guide_path())
