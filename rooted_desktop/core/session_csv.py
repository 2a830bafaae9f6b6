"""Reading and writing the session-log CSV (PRODUCT.md §6): every row checked before any is kept.

Pure parsing and formatting; the services layer matches providers and writes the store.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum
from typing import TypeVar

from rooted_desktop.core.csv_table import read_csv_records
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.sessions import MAX_MINUTES, MIN_MINUTES, TEXT_MAX
from rooted_desktop.core.vocab import Mode, SessionStatus

SESSION_COLUMNS = (
    "provider", "date", "start_time", "minutes", "mode", "status",
    "focus", "strengths", "next_steps", "joint_plan", "coach_notes", "cms_entered_on",
)  # fmt: skip
REQUIRED_COLUMNS = ("provider", "date", "minutes", "mode", "status")
TEXT_COLUMNS = ("focus", "strengths", "next_steps", "joint_plan", "coach_notes")
# Cells holding what people typed: the ones a spreadsheet could be tricked into running.
GUARDED_COLUMNS = ("provider", *TEXT_COLUMNS)
# What makes a spreadsheet read a cell as a formula (tab and CR: some strip them first).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_T = TypeVar("_T")


@dataclass(frozen=True)
class SessionRow:
    """One session as the file holds it. ``line`` is where it came from and is not compared."""

    provider: str
    date: dt.date
    start_time: time | None
    minutes: int
    mode: Mode
    status: SessionStatus
    focus: str = ""
    strengths: str = ""
    next_steps: str = ""
    joint_plan: str = ""
    coach_notes: str = ""
    cms_entered_on: dt.date | None = None
    line: int = field(default=0, compare=False)


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_US_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{2}|[0-9]{4})")
_TIME_24 = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?")
_TIME_12 = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?(?::([0-9]{2}))?\s*([ap])\.?\s*m\.?")
_WHOLE = re.compile(r"([+-]?[0-9]+)(?:\.0*)?")

_MODE_WORDS = {mode.value: mode for mode in Mode} | {"inperson": Mode.IN_PERSON}
_STATUS_WORDS = {status.value: status for status in SessionStatus} | {
    "canceled": SessionStatus.CANCELLED  # the US spelling, as many coaches type it
}


def parse_date(text: str, *, label: str = "date") -> date:
    """``YYYY-MM-DD`` or US ``M/D/YYYY``; a ValueError says why in a coach's words."""
    value = text.strip()
    iso = _ISO_DATE.fullmatch(value)
    us = _US_DATE.fullmatch(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif us:
        month, day, year = (int(part) for part in us.groups())
        if len(us.group(3)) == 2:
            raise ValueError(f"{label} '{value}' needs a four-digit year")
    else:
        raise ValueError(f"{label} '{value}' is not a date; use YYYY-MM-DD or M/D/YYYY")
    try:
        return date(year, month, day)
    except ValueError:
        hint = " (dates are month/day/year)" if us and month > 12 and day <= 12 else ""
        raise ValueError(f"{label} '{value}' is not a real date{hint}") from None


def parse_time(text: str) -> time:
    """``HH:MM`` / ``H:MM`` (24-hour) or ``h:mm AM`` (any case, space optional).

    Seconds, as Excel sometimes adds them, are accepted and dropped.
    """
    value = text.strip()
    twelve = _TIME_12.fullmatch(value.lower())
    plain = _TIME_24.fullmatch(value)
    if twelve:
        hour, minute = int(twelve.group(1)), int(twelve.group(2) or 0)
        second = int(twelve.group(3) or 0)
        valid = 1 <= hour <= 12
        hour = hour % 12 + (12 if twelve.group(4) == "p" else 0)
    elif plain:
        hour, minute, second = int(plain.group(1)), int(plain.group(2)), int(plain.group(3) or 0)
        valid = hour <= 23
    else:
        raise ValueError(f"time '{value}' is not a time; use HH:MM or h:mm AM")
    if not valid or minute > 59 or second > 59:
        raise ValueError(f"time '{value}' is not a time of day")
    return time(hour, minute)


def parse_minutes(text: str) -> int:
    value = text.strip()
    whole = _WHOLE.fullmatch(value)
    if not whole:
        raise ValueError(f"minutes '{value}' is not a whole number")
    if len(whole.group(1).lstrip("+-0")) > 6:  # int() refuses past 4,300 digits; say it plainly
        raise ValueError(
            f"minutes {whole.group(1)[:12]}… is not between {MIN_MINUTES} and {MAX_MINUTES}"
        )
    minutes = int(whole.group(1))
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValueError(f"minutes {minutes} is not between {MIN_MINUTES} and {MAX_MINUTES}")
    return minutes


def parse_mode(text: str) -> Mode | None:
    return _MODE_WORDS.get("-".join(text.lower().replace("_", " ").split()))


def parse_status(text: str) -> SessionStatus | None:
    return _STATUS_WORDS.get(text.strip().lower())


def format_time(value: time | None) -> str:
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def parse_session_log(
    text: str, *, known_providers: Mapping[str, str], source: str = "sessions"
) -> list[SessionRow]:
    """Parse and validate a session log; raise one UserError listing every bad row.

    ``known_providers`` maps casefolded provider names to the names as the store spells them;
    each row carries the store's spelling. Column order is free, extra columns are ignored,
    and line numbers are the file's own (line 1 is the header), multi-line cells included.
    Text cells are kept as written, formula-like ones too (they are only text here), less
    the ' that the export puts before them (see :func:`guard_cell`).
    """
    providers = {" ".join(key.split()).casefold(): name for key, name in known_providers.items()}
    records, problems = read_csv_records(
        text, source=source, columns=SESSION_COLUMNS, required=REQUIRED_COLUMNS
    )
    rows: list[SessionRow] = []
    for record in records:
        row, row_problems = _read_row(_unguarded(record.cells), providers, record.line)
        if row is None:
            problems.append(f"line {record.line}: {'; '.join(row_problems)}")
        else:
            rows.append(row)
    if problems:
        raise UserError(
            f"{source}: {len(problems)} row(s) have problems; nothing was imported",
            details=tuple(problems),
        )
    if not rows:
        raise UserError(f"{source}: no sessions found below the header")
    return rows


def _read_row(
    cell: Callable[[str], str], providers: Mapping[str, str], line: int
) -> tuple[SessionRow | None, list[str]]:
    problems: list[str] = []
    name = " ".join(cell("provider").split())
    provider = providers.get(name.casefold(), "")
    if not name:
        problems.append("provider is missing")
    elif not provider:
        problems.append(f"unknown provider '{name}'")
    day = _parse(cell("date"), parse_date, problems, absent="date is missing")
    start_time = _parse(cell("start_time"), parse_time, problems)
    minutes = _parse(cell("minutes"), parse_minutes, problems, absent="minutes are missing")
    mode = parse_mode(cell("mode"))
    if mode is None:
        problems.append(_not_a_word("mode", cell("mode"), Mode))
    status = parse_status(cell("status"))
    if status is None:
        problems.append(_not_a_word("status", cell("status"), SessionStatus))
    cms = _parse(cell("cms_entered_on"), _parse_cms_date, problems)
    if cms is not None and day is not None and cms < day:
        problems.append(
            f"entered in CMS on {cms.isoformat()}, before the session date {day.isoformat()}"
        )
    problems.extend(
        f"{name} is longer than {TEXT_MAX} characters"
        for name in TEXT_COLUMNS
        if len(cell(name)) > TEXT_MAX
    )
    if problems or day is None or minutes is None or mode is None or status is None:
        return None, problems
    row = SessionRow(
        provider=provider,
        date=day,
        start_time=start_time,
        minutes=minutes,
        mode=mode,
        status=status,
        focus=cell("focus"),
        strengths=cell("strengths"),
        next_steps=cell("next_steps"),
        joint_plan=cell("joint_plan"),
        coach_notes=cell("coach_notes"),
        cms_entered_on=cms,
        line=line,
    )
    return row, []


def guard_cell(text: str) -> str:
    """The cell as written to the CSV: a ' before text a spreadsheet would run as a formula.

    Opening a CSV, a spreadsheet runs ``=HYPERLINK(...)``, ``+cmd|...`` or ``@SUM(...)``
    (CSV injection), and shows ``- first point`` as an error; the ' makes it text. A cell
    already starting with ' before such a character gets one more, so that
    :func:`unguard_cell` takes off exactly one and export → import gives the same text.
    """
    return "'" + text if text.lstrip("'").startswith(_FORMULA_START) else text


def unguard_cell(text: str) -> str:
    """The text :func:`guard_cell` was given (other cells come back unchanged)."""
    guarded = text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START)
    return text[1:] if guarded else text


def _unguarded(cells: Mapping[str, str]) -> Callable[[str], str]:
    def cell(column: str) -> str:
        text = cells.get(column, "")
        return unguard_cell(text) if column in GUARDED_COLUMNS else text

    return cell


def _parse(
    text: str, parse: Callable[[str], _T], problems: list[str], *, absent: str = ""
) -> _T | None:
    """Parse a cell; a blank one is None (a problem when ``absent`` names it), a bad one too."""
    if not text.strip():
        if absent:
            problems.append(absent)
        return None
    try:
        return parse(text)
    except ValueError as exc:
        problems.append(str(exc))
        return None


def _parse_cms_date(text: str) -> date:
    return parse_date(text, label="CMS entry date")


def _not_a_word(column: str, text: str, words: Iterable[StrEnum]) -> str:
    quoted = [f"'{word.value}'" for word in words]
    choices = f"{', '.join(quoted[:-1])} or {quoted[-1]}"
    said = f"is '{text.strip()}'" if text.strip() else "is missing"
    return f"{column} {said}; use {choices}"


def write_session_log(rows: Iterable[SessionRow]) -> bytes:
    """The session log as Excel opens it: UTF-8 with BOM, CRLF, ISO dates, 24-hour times.

    Text a spreadsheet would run as a formula gets a ' before it (:func:`guard_cell`); the
    import takes it off again, so the file re-imports to exactly the same rows.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(SESSION_COLUMNS)
    for row in rows:
        writer.writerow(
            (
                guard_cell(row.provider),
                row.date.isoformat(),
                format_time(row.start_time),
                str(row.minutes),
                row.mode.value,
                row.status.value,
                guard_cell(row.focus),
                guard_cell(row.strengths),
                guard_cell(row.next_steps),
                guard_cell(row.joint_plan),
                guard_cell(row.coach_notes),
                "" if row.cms_entered_on is None else row.cms_entered_on.isoformat(),
            )
        )
    return out.getvalue().encode("utf-8-sig")
