"""The coaching implementation guide as plain, immutable data.

loader.py reads a guide file (resources/guides/*.toml) into these classes; the rest of the
app asks them what a month calls for and which data a provider owes. Nothing here knows
about files, but a Guide checks on creation that its parts fit together (every month in
one period, keys unique, links resolve), so no caller ever meets an inconsistent guide.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.core.vocab import AgeGroup, Setting


class GuideDataError(ValueError):
    """A guide's data is wrong at key_path (written as in the guide file, e.g. periods[1])."""

    def __init__(self, key_path: str, problem: str) -> None:
        super().__init__(f"{key_path}: {problem}")
        self.key_path = key_path
        self.problem = problem


class Component(StrEnum):
    """The guide's "Pyramid Component" column, spelled exactly as the guide spells it."""

    PCM = "Provider Collaboration Meeting"
    COACHING = "Coaching Conversation"
    DATA = "Data/Evaluation"
    TRAINING = "Training"
    OBSERVATION_DEBRIEF = "Observation Debrief"


class Level(StrEnum):
    """Who owes a data requirement: each provider, or the coach once."""

    PROVIDER = "provider"
    COACH = "coach"


class Phase(StrEnum):
    """Which round of data collection a requirement belongs to, in the guide's words."""

    INITIAL = "initial"
    MIDPOINT = "midpoint"


@dataclass(frozen=True, slots=True)
class GuideRow:
    """One row of a period's table: what the coach does, and the follow-up, in given months.

    The link fields let the app tick the row on its own: ``requirements`` are the data
    requirements the row gets done, ``prepares_for`` those it only gets providers ready for
    (the app shows their due dates), ``training`` the training it is about, ``pcm`` whether
    it is a Provider Collaboration Meeting.
    """

    key: str
    period: str
    months: tuple[int, ...]
    component: Component
    activity: str
    follow_up: str
    requirements: tuple[str, ...] = ()
    prepares_for: tuple[str, ...] = ()
    training: str | None = None
    pcm: bool = False

    def in_month(self, calendar_month: int) -> bool:
        return calendar_month in self.months


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of the program year with one main coaching goal (e.g. October–December)."""

    key: str
    title: str
    months: tuple[int, ...]
    main_goal: str
    rows: tuple[GuideRow, ...] = ()


@dataclass(frozen=True, slots=True)
class Training:
    """A training the year must include; communities may hold it in another month."""

    key: str
    name: str
    suggested_months: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class RequirementSpec:
    """A data requirement as the guide states it; per-provider status lives in the store.

    ``settings`` and ``age_groups`` say which providers owe it (all of them unless the
    guide narrows it). ``counts`` means it is tracked as counts (ASQ-SE2), not done/not
    done; ``observation`` means an observer's visit followed by a debrief (TPOT, TPITOS).
    """

    key: str
    name: str
    short_name: str
    level: Level
    due_month: int
    due_day: int
    settings: frozenset[Setting] = frozenset(Setting)
    age_groups: frozenset[AgeGroup] = frozenset(AgeGroup)
    optional: bool = False
    counts: bool = False
    observation: bool = False
    phase: Phase | None = None
    cms: str | None = None  # what to upload or enter in CMS, where the guide says so
    note: str | None = None

    @property
    def is_coach_level(self) -> bool:
        return self.level is Level.COACH

    def applies_to(self, setting: Setting, age_group: AgeGroup) -> bool:
        """Whether a provider of this setting and age group owes it; coach-level: never."""
        if self.level is not Level.PROVIDER:
            return False
        return setting in self.settings and age_group in self.age_groups

    def due_date(self, year: ProgramYear) -> date:
        """The due date in the given program year (Sept 30 of 2025-26 is 2025-09-30)."""
        return year.date_of(self.due_month, self.due_day)


@dataclass(frozen=True, slots=True)
class Rules:
    """The guide's standing rules, above the month-by-month tables."""

    dosage_minutes_per_provider_per_month: int
    pcm_min: int
    pcm_max: int
    rc_per_month: int
    agenda_every_conversation: bool
    cms_entry_every_conversation: bool
    observation_scores_shared: bool
    observation_scores_note: str
    scheduling_note: str
    evaluation_note: str | None = None

    def __post_init__(self) -> None:
        if self.pcm_min > self.pcm_max:
            raise GuideDataError("rules.pcm_max", f"{self.pcm_max} is less than pcm_min")


@dataclass(frozen=True, slots=True)
class Guide:
    """One revision of one program year's guide (e.g. Year 2, updated July 2025)."""

    id: str
    title: str
    program_year: int
    revision: str
    revision_label: str
    rules: Rules
    trainings: tuple[Training, ...]
    requirements: tuple[RequirementSpec, ...]
    periods: tuple[Period, ...]

    def __post_init__(self) -> None:
        _check_keys("trainings", self.trainings, "training")
        _check_keys("requirements", self.requirements, "requirement")
        _check_keys("periods", self.periods, "period")
        _check_periods(self)

    @property
    def rows(self) -> tuple[GuideRow, ...]:
        """Every row of every period, in the guide's order."""
        return tuple(row for period in self.periods for row in period.rows)

    def period_for_month(self, calendar_month: int) -> Period:
        _check_month(calendar_month)
        for period in self.periods:
            if calendar_month in period.months:
                return period
        raise AssertionError("unreachable: __post_init__ checks every month has a period")

    def rows_for_month(self, calendar_month: int) -> tuple[GuideRow, ...]:
        """The rows whose months include this one (November includes November/December)."""
        _check_month(calendar_month)
        return tuple(row for row in self.rows if calendar_month in row.months)

    def requirements_for(
        self, setting: Setting, age_group: AgeGroup
    ) -> tuple[RequirementSpec, ...]:
        """The provider-level requirements such a provider owes, optional ones included."""
        return tuple(spec for spec in self.requirements if spec.applies_to(setting, age_group))

    def coach_requirements(self) -> tuple[RequirementSpec, ...]:
        return tuple(spec for spec in self.requirements if spec.is_coach_level)

    def requirement(self, key: str) -> RequirementSpec:
        for spec in self.requirements:
            if spec.key == key:
                return spec
        raise KeyError(f"guide {self.id} has no data requirement {key!r}")

    def training(self, key: str) -> Training:
        for training in self.trainings:
            if training.key == key:
                return training
        raise KeyError(f"guide {self.id} has no training {key!r}")


def _check_month(calendar_month: int) -> None:
    if not 1 <= calendar_month <= 12:
        raise ValueError(f"month must be 1-12, not {calendar_month}")


# Keys become stable ids in the store and in exports, so keep them plain.
_KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_Keyed = Training | RequirementSpec | Period | GuideRow


def _check_keys(path: str, items: Sequence[_Keyed], what: str) -> None:
    _check_unique([(f"{path}[{index}]", item) for index, item in enumerate(items)], what)


def _check_unique(items: list[tuple[str, _Keyed]], what: str) -> None:
    """Keys are plain and each used once: other records and the store refer to them."""
    first_seen: dict[str, str] = {}
    for path, item in items:
        if not _KEY_PATTERN.fullmatch(item.key):
            raise GuideDataError(f"{path}.key", f"{item.key!r}: use letters, digits, '-' and '_'")
        if item.key in first_seen:
            also = first_seen[item.key]
            raise GuideDataError(f"{path}.key", f"duplicate {what} key {item.key!r} (also {also})")
        first_seen[item.key] = path


def _check_periods(guide: Guide) -> None:
    """Each calendar month in exactly one period; rows inside their period, links resolving."""
    owner: dict[int, str] = {}
    for index, period in enumerate(guide.periods):
        for month in period.months:
            if month in owner:
                problem = f"{month} is also in {owner[month]}"
                raise GuideDataError(f"periods[{index}].months", problem)
            owner[month] = f"periods[{index}]"
    missing = [calendar.month_name[month] for month in range(1, 13) if month not in owner]
    if missing:
        raise GuideDataError("periods", f"no period covers {', '.join(missing)}")
    rows: list[tuple[str, _Keyed]] = []
    for index, period in enumerate(guide.periods):
        for row_index, row in enumerate(period.rows):
            row_path = f"periods[{index}].rows[{row_index}]"
            _check_row(guide, row_path, row, period)
            rows.append((row_path, row))
    _check_unique(rows, "row")  # across the whole guide, not just within a period


def _check_row(guide: Guide, path: str, row: GuideRow, period: Period) -> None:
    if row.period != period.key:
        raise GuideDataError(path, f"belongs to period {row.period!r}, not {period.key!r}")
    outside = [month for month in row.months if month not in period.months]
    if outside:
        raise GuideDataError(f"{path}.months", f"{outside[0]} is not a month of this period")
    requirement_keys = {spec.key for spec in guide.requirements}
    for link in ("requirements", "prepares_for"):
        for index, key in enumerate(getattr(row, link)):
            if key not in requirement_keys:
                raise GuideDataError(f"{path}.{link}[{index}]", f"unknown requirement {key!r}")
    if row.training is not None and row.training not in {t.key for t in guide.trainings}:
        raise GuideDataError(f"{path}.training", f"unknown training {row.training!r}")
