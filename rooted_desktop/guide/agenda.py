"""The coaching-conversation agenda template: data that drives the printed agenda and the form.

The built-in file (resources/agenda/), the coach's edited copy (JSON in settings) and each
session's snapshot of its sections (JSON) pass the same checks; a problem is an AgendaError
naming the source and key path: ``pbc-agenda.toml: sections[3].field: 'summary' is not …``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.sessions import SESSION_TEXT_FIELDS
from rooted_desktop.guide.toml_file import load_toml_file
from rooted_desktop.resources import resource

FORMAT_VERSION = 1
STRATEGY_PHASES = ("observation", "meeting", "follow-up")
KEY_MAX = 40
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KINDS = {bool: "true/false", str: "text", int: "a whole number", list: "a list", dict: "a table"}


class AgendaError(UserError):
    """An agenda template (built-in file, the coach's copy, a session's snapshot) is wrong."""


class AgendaDataError(ValueError):
    """Agenda data is wrong at key_path; readers add the source and raise AgendaError."""

    def __init__(self, key_path: str, problem: str) -> None:
        super().__init__(f"{key_path}: {problem}")


@dataclass(frozen=True, slots=True)
class AgendaSection:
    """An agenda step; ``field``: the session column of its text (None: free notes).

    ``prompt`` speaks to the coach (the session form); ``agenda_prompt`` speaks to the
    provider, under the heading of the printed agenda (empty: the heading alone).
    """

    key: str
    title: str
    prompt: str
    field: str | None
    shareable: bool
    agenda_prompt: str = ""


@dataclass(frozen=True, slots=True)
class Strategy:
    """One box of the coaching-strategies checklist; phase is one of STRATEGY_PHASES."""

    key: str
    label: str
    phase: str


@dataclass(frozen=True, slots=True)
class AgendaTemplate:
    """A checked template: creating one with parts that do not fit raises AgendaDataError."""

    id: str
    title: str
    sections: tuple[AgendaSection, ...]
    strategies: tuple[Strategy, ...]

    def __post_init__(self) -> None:
        _check_key("id", self.id)
        _require(bool(self.title.strip()), "title", "is empty")
        _check_sections(self.sections)
        keys: dict[str, int] = {}
        for index, strategy in enumerate(self.strategies):
            at = f"strategies[{index}]"
            _check_key(f"{at}.key", strategy.key)
            _claim(keys, strategy.key, f"{at}.key", index, "used by strategies")
            _require(bool(strategy.label.strip()), f"{at}.label", "is empty")
            _check_choice(f"{at}.phase", strategy.phase, STRATEGY_PHASES)

    def index(self, key: str) -> int:
        for index, section in enumerate(self.sections):
            if section.key == key:
                return index
        raise KeyError(key)

    def section(self, key: str) -> AgendaSection:
        return self.sections[self.index(key)]

    def bound_fields(self) -> dict[str, AgendaSection]:
        """Session column -> the section whose text it stores, in the agenda's order."""
        return {s.field: s for s in self.sections if s.field is not None}

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe; ``from_dict`` reads it back to an equal template."""
        head = {"format_version": FORMAT_VERSION, "id": self.id, "title": self.title}
        strategies = [asdict(strategy) for strategy in self.strategies]
        return {**head, "sections": sections_to_json(self.sections), "strategies": strategies}

    @classmethod
    def from_dict(cls, data: object, *, source: str) -> AgendaTemplate:
        """Read to_dict's output (or parsed JSON/TOML); ``source`` names it in errors."""
        with _reading(source):
            return _template(_Table(data, ""))


@contextmanager
def _reading(source: str) -> Iterator[None]:
    try:
        yield
    except AgendaDataError as exc:
        raise AgendaError(f"{source}: {exc}") from None


def _require(ok: bool, path: str, problem: str) -> None:
    if not ok:
        raise AgendaDataError(path, problem)


def _check_key(path: str, key: str) -> None:
    ok = bool(_KEY.fullmatch(key)) and len(key) <= KEY_MAX
    _require(ok, path, f"{key!r} is not a key: use a-z, 0-9 and hyphens, {KEY_MAX} at most")


def _check_choice(path: str, value: str, allowed: tuple[str, ...]) -> None:
    _require(value in allowed, path, f"{value!r} is not one of {', '.join(allowed)}")


def _claim(seen: dict[str, int], value: str, path: str, index: int, taken: str) -> None:
    _require(value not in seen, path, f"{value!r} is already {taken}[{seen.get(value)}]")
    seen[value] = index


def _check_sections(sections: tuple[AgendaSection, ...]) -> None:
    _require(bool(sections), "sections", "needs at least one section")
    keys: dict[str, int] = {}
    fields: dict[str, int] = {}
    for index, section in enumerate(sections):
        at = f"sections[{index}]"
        _check_key(f"{at}.key", section.key)
        _claim(keys, section.key, f"{at}.key", index, "used by sections")
        _require(bool(section.title.strip()), f"{at}.title", "is empty")
        if section.field is not None:
            _check_choice(f"{at}.field", section.field, SESSION_TEXT_FIELDS)
            _claim(fields, section.field, f"{at}.field", index, "stored by sections")
            problem = f"a section stored in the session's {section.field} is always shareable"
            _require(section.shareable, f"{at}.shareable", problem)


def _wrong_type(path: str, expected: type, value: object) -> AgendaDataError:
    found = _KINDS.get(type(value), type(value).__name__)
    return AgendaDataError(path or "(top level)", f"should be {_KINDS[expected]}, not {found}")


class _Table:
    """One table and its key path; remembers the keys read so leftovers are typos."""

    def __init__(self, data: object, path: str) -> None:
        if type(data) is not dict:
            raise _wrong_type(path, dict, data)
        self._data: dict[str, Any] = data
        self.path = path
        self._known: set[str] = set()

    def value(self, key: str, expected: type, *, required: bool = True) -> Any:
        self._known.add(key)
        path, value = f"{self.path}.{key}" if self.path else key, self._data.get(key)
        if value is None:  # JSON null counts as left out
            _require(not required, path, "missing")
        elif type(value) is not expected:  # type(), not isinstance(): bool is an int
            raise _wrong_type(path, expected, value)
        return value

    def text(self, key: str, *, required: bool = True) -> str:
        return str(self.value(key, str, required=required) or "").strip()

    def done(self) -> None:
        unknown = sorted(set(self._data) - self._known)
        if unknown:
            path = f"{self.path}.{unknown[0]}" if self.path else unknown[0]
            known = ", ".join(sorted(self._known))
            raise AgendaDataError(path, f"unknown key; this table takes: {known}")


def _tables(items: object, path: str) -> list[_Table]:
    if type(items) is not list:
        raise _wrong_type(path, list, items)
    return [_Table(item, f"{path}[{index}]") for index, item in enumerate(items)]


def _section(table: _Table) -> AgendaSection:
    key, title = table.text("key"), table.text("title")
    prompt = table.text("prompt", required=False)
    agenda_prompt = table.text("agenda_prompt", required=False)
    field: str | None = table.value("field", str, required=False)
    shareable: bool | None = table.value("shareable", bool, required=False)
    table.done()
    share = field is not None if shareable is None else shareable  # bound: shareable
    return AgendaSection(key, title, prompt, field, share, agenda_prompt)


def _strategy(table: _Table) -> Strategy:
    strategy = Strategy(table.text("key"), table.text("label"), table.text("phase"))
    table.done()
    return strategy


def _template(root: _Table) -> AgendaTemplate:
    version = root.value("format_version", int)
    _require(version == FORMAT_VERSION, "format_version", f"{version} is not supported (1 is)")
    template_id, title = root.text("id"), root.text("title")
    sections = tuple(_section(t) for t in _tables(root.value("sections", list), "sections"))
    strategies = tuple(_strategy(t) for t in _tables(root.value("strategies", list), "strategies"))
    root.done()
    return AgendaTemplate(template_id, title, sections, strategies)  # checks the parts


def sections_to_json(sections: tuple[AgendaSection, ...]) -> list[dict[str, Any]]:
    """A session's snapshot of its sections, JSON-safe (``field`` is None for free notes)."""
    return [asdict(section) for section in sections]


def sections_from_json(items: object, *, source: str) -> tuple[AgendaSection, ...]:
    """Read a snapshot back with the template's checks (key paths ``sections[i].…``)."""
    with _reading(source):
        sections = tuple(_section(table) for table in _tables(items, "sections"))
        _check_sections(sections)
    return sections


def load_agenda(path: Path) -> AgendaTemplate:
    """Read and check an agenda file; any problem is an AgendaError naming the file and key."""
    return load_toml_file(
        path,
        lambda data: _template(_Table(data, "")),
        data_error=AgendaDataError,
        user_error=AgendaError,
    )


@lru_cache(maxsize=1)
def load_default_agenda() -> AgendaTemplate:
    """The built-in template, read once (it is immutable)."""
    return load_agenda(resource("agenda", "pbc-agenda.toml"))


def _edited(template: AgendaTemplate, sections: list[AgendaSection]) -> AgendaTemplate:
    with _reading("agenda template"):
        return replace(template, sections=tuple(sections))


def derive_key(title: str, taken: set[str] | frozenset[str]) -> str:
    """A key from a title ("Family news!" -> "family-news"), made unique with -2, -3, …"""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", plain.lower())[: KEY_MAX - 4].strip("-") or "section"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def with_section_added(
    template: AgendaTemplate, title: str, prompt: str = "", *, field: str | None = None
) -> AgendaTemplate:
    """Add a section at the end: free notes (coach-only), or bound to a session field."""
    key = derive_key(title, {s.key for s in template.sections})
    section = AgendaSection(key, title.strip(), prompt.strip(), field, field is not None)
    return _edited(template, [*template.sections, section])


def with_section_renamed(
    template: AgendaTemplate,
    key: str,
    title: str,
    prompt: str | None = None,
    agenda_prompt: str | None = None,
) -> AgendaTemplate:
    """New title (and prompts, if given); the key stays, so it names the same section."""
    sections, index = list(template.sections), template.index(key)
    old = sections[index]
    sections[index] = replace(
        old,
        title=title.strip(),
        prompt=old.prompt if prompt is None else prompt.strip(),
        agenda_prompt=old.agenda_prompt if agenda_prompt is None else agenda_prompt.strip(),
    )
    return _edited(template, sections)


def with_section_moved(template: AgendaTemplate, key: str, offset: int) -> AgendaTemplate:
    """Move a section ``offset`` places (negative: up); past either end it stops there."""
    sections, index = list(template.sections), template.index(key)
    sections.insert(max(0, min(len(sections) - 1, index + offset)), sections.pop(index))
    return _edited(template, sections)


def with_section_removed(template: AgendaTemplate, key: str) -> AgendaTemplate:
    """Remove a section; removing the only one is an AgendaError."""
    index = template.index(key)
    return _edited(template, [s for i, s in enumerate(template.sections) if i != index])
