"""Every table as plain JSON-safe rows, and back: the full export / import of PRODUCT.md §5.

One general mechanism over ``SQLModel.metadata.sorted_tables``: no table is named here, so
a table added later is exported and imported without touching this module. Values are
converted by each column's SQL type, not by the model classes, so the Core fast path
(one SELECT and one executemany per table) carries 40k rows in well under a second.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Any

from sqlalchemy import Column, Table, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel import Session, SQLModel

from rooted_desktop.core.errors import UserError
from rooted_desktop.store import models  # noqa: F401  (registers the tables)

# Alembic's bookkeeping is not data: the file carries the schema revision at its top level.
_NOT_DATA = frozenset({"alembic_version"})
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1  # SQLite INTEGER range
# Enough problems to fix a file in one pass without flooding the message.
_MAX_PROBLEMS = 50

JsonValue = str | int | float | bool | None


def data_tables() -> list[Table]:
    """All data tables, parents before children (the order rows must be inserted in)."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in _NOT_DATA]


def dump_tables(session: Session) -> dict[str, list[dict[str, JsonValue]]]:
    """Every row of every data table, ordered by primary key, as JSON-safe values."""
    conn = session.connection()
    result: dict[str, list[dict[str, JsonValue]]] = {}
    for table in data_tables():
        # Ordering by the primary key makes the export deterministic: same store, same bytes.
        order = list(table.primary_key.columns) or list(table.columns)
        rows = conn.execute(select(table).order_by(*order)).mappings()
        result[table.name] = [{k: _to_json(v) for k, v in row.items()} for row in rows]
    return result


def count_rows(session: Session) -> dict[str, int]:
    """Rows per data table (every table, zeros included)."""
    conn = session.connection()
    return {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
        for t in data_tables()
    }


def is_empty(session: Session) -> bool:
    """True when no data table holds a row (LIMIT 1 per table: cheap on a large store)."""
    conn = session.connection()
    return all(
        conn.execute(select(1).select_from(t).limit(1)).first() is None for t in data_tables()
    )


def load_tables(session: Session, tables: Mapping[str, Any]) -> None:
    """Insert the rows of ``tables`` (as ``dump_tables`` writes them) into an empty store.

    Everything is validated before anything is written, so a bad file is reported whole
    and leaves the store untouched. Primary keys are kept as given, so references between
    rows stay right. Runs inside the caller's transaction: any error rolls it all back.
    """
    known = {t.name: t for t in data_tables()}
    problems: list[str] = []
    prepared: dict[str, list[dict[str, Any]]] = {}
    if not isinstance(tables, Mapping):
        raise UserError("'tables' must be an object of table name to rows.")
    for name, rows in tables.items():
        table = known.get(name)
        if table is None:
            problems.append(f"unknown table {name!r}")
        elif not isinstance(rows, list):
            problems.append(f"{name}: expected a list of rows, got {_show(rows)}")
        else:
            prepared[name] = _convert_rows(table, rows, problems)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise UserError(problems[0] + more, details=tuple(problems[:_MAX_PROBLEMS]))
    for table in data_tables():  # foreign-key order: parents exist before their children
        if prepared.get(table.name):
            _insert(session, table, prepared[table.name])


def _to_json(value: object) -> JsonValue:
    # datetime is a date subclass, so one isoformat() branch serves all three.
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    # A column type with no JSON form yet: a programming error, caught by the round-trip test.
    raise TypeError(f"no JSON form for {type(value).__name__} value {value!r}")


def _convert_rows(table: Table, rows: list[Any], problems: list[str]) -> list[dict[str, Any]]:
    columns = {c.name: c for c in table.columns}
    required = [c.name for c in table.columns if _required(table, c)]
    converted: list[dict[str, Any]] = []
    for index, row in enumerate(rows, start=1):
        where = f"{table.name} row {index}"
        if not isinstance(row, dict):
            problems.append(f"{where}: expected an object, got {_show(row)}")
            continue
        out: dict[str, Any] = {}
        for key, value in row.items():
            column = columns.get(key)
            if column is None:
                problems.append(f"{where}: unknown column {key!r}")
                continue
            try:
                out[key] = _from_json(table, column, value)
            except ValueError as exc:
                problems.append(f"{where}, column {key!r}: {exc}")
        problems.extend(f"{where}: missing column {name!r}" for name in required if name not in row)
        converted.append(out)
    return converted


def _required(table: Table, column: Column[Any]) -> bool:
    """A column the file must give: NOT NULL, no default, and not assigned by SQLite."""
    return not (
        column.nullable
        or column.default is not None
        or column.server_default is not None
        or column is table.autoincrement_column
    )


def _base_type(column: Column[Any]) -> TypeEngine[Any]:
    # sqlmodel's UTCDateTime is a TypeDecorator whose python_type is `object`: look through it.
    kind: TypeEngine[Any] = column.type
    while isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind


def _from_json(table: Table, column: Column[Any], value: object) -> Any:
    """The Python value for ``column``, or ValueError saying what was expected."""
    if value is None:
        if column.nullable or column is table.autoincrement_column:
            return None
        raise ValueError("a value is required, got null")
    kind = _base_type(column)
    try:
        python_type = kind.python_type
    except NotImplementedError:
        python_type = object
    if python_type is bool:
        if isinstance(value, bool):
            return value
        raise ValueError(f"expected true or false, got {_show(value)}")
    if python_type is int:
        if isinstance(value, int) and not isinstance(value, bool) and _INT_MIN <= value <= _INT_MAX:
            return value
        raise ValueError(f"expected a whole number, got {_show(value)}")
    if python_type is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise ValueError(f"expected a number, got {_show(value)}")
    if python_type is str:
        if isinstance(value, str) and _is_unicode(value):
            return _meaningful(column, value)
        raise ValueError(f"expected text, got {_show(value)}")
    if python_type in (dt.datetime, dt.date, dt.time):
        return _parse_temporal(python_type, bool(getattr(kind, "timezone", False)), value)
    raise TypeError(f"{table.name}.{column.name}: no JSON form for {kind!r}")


def _meaningful(column: Column[Any], text: str) -> str:
    """``text`` if the store's readers can read it as what the column means (models.py
    says, in the column's info: a vocabulary word, or JSON of a shape), else ValueError."""
    words = column.info.get("words")
    if words is not None and text not in {word.value for word in words}:
        known = ", ".join(f'"{word.value}"' for word in words)
        raise ValueError(f"expected one of {known}, got {_show(text)}")
    shape = column.info.get("json")
    if shape is not None:
        try:
            parsed = json.loads(text)
        except ValueError:
            raise ValueError(f"expected JSON text, got {_show(text)}") from None
        if not isinstance(parsed, shape):
            kind = {list: "a list", dict: "an object"}.get(shape, "JSON")
            raise ValueError(f"expected JSON text holding {kind}, got {_show(text)}")
    return text


def _parse_temporal(python_type: type, aware: bool, value: object) -> Any:
    labels = {dt.datetime: "a date and time", dt.date: "a date", dt.time: "a time"}
    examples = {
        dt.datetime: "2025-09-30T14:05:00+00:00",
        dt.date: "2025-09-30",
        dt.time: "14:05:00",
    }
    expected = f"expected {labels[python_type]} like {examples[python_type]}"
    if not isinstance(value, str):
        raise ValueError(f"{expected}, got {_show(value)}")
    try:
        parsed = python_type.fromisoformat(value)  # type: ignore[attr-defined]
    except ValueError:
        raise ValueError(f"{expected}, got {_show(value)}") from None
    if python_type is dt.datetime and aware != (parsed.utcoffset() is not None):
        # An offset silently dropped (or invented) would shift the moment by hours.
        which = "with" if aware else "without"
        raise ValueError(f"expected a date and time {which} a UTC offset, got {_show(value)}")
    return parsed


def _is_unicode(text: str) -> bool:
    """False for text with a lone surrogate (JSON can escape one, "\\ud800"): SQLite
    stores UTF-8, which has no such character, and would refuse it at the insert."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if _jsonable(value) else repr(value)
    # A lone surrogate shown as its escape: the message itself must be printable text.
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 60 else text[:57] + "…"


def _jsonable(value: object) -> bool:
    return isinstance(value, str | int | float | bool | list | dict) or value is None


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert in batches of rows with the same columns, so omitted ones take their default."""
    numbered = list(enumerate(rows, start=1))
    for _, group in groupby(numbered, key=lambda item: tuple(sorted(item[1]))):
        batch = list(group)
        try:
            # A savepoint so a failed batch leaves the table as it was for the diagnosis below.
            with session.begin_nested():
                session.connection().execute(table.insert(), [row for _, row in batch])
        except IntegrityError:
            raise UserError(_diagnose(session, table, batch)) from None


def _diagnose(session: Session, table: Table, batch: Sequence[tuple[int, dict[str, Any]]]) -> str:
    """Find the row SQLite refused and say why, naming a missing parent where it is one.

    Called only after a failure, so re-inserting row by row costs nothing on the happy path.
    """
    conn = session.connection()
    for index, row in batch:
        try:
            with session.begin_nested():
                conn.execute(table.insert(), row)
            continue
        except IntegrityError as exc:
            reason = str(exc.orig)
        where = f"{table.name} row {index}"
        if "FOREIGN KEY" in reason:
            for fk in table.foreign_keys:
                value = row.get(fk.parent.name)
                if value is None:
                    continue
                parent = conn.execute(select(fk.column).where(fk.column == value).limit(1))
                if parent.first() is None:
                    return (
                        f"{where}, column {fk.parent.name!r}: there is no "
                        f"{fk.column.table.name} row with {fk.column.name} {_show(value)} "
                        "in the file."
                    )
        if "UNIQUE" in reason:
            return f"{where}: another row already has the same values ({reason})."
        return f"{where}: cannot be stored ({reason})."
    return f"{table.name}: the rows cannot be stored together."


# Rows the app writes by itself when a store is first opened (the program year and its
# coach-level requirements): an import replaces them rather than refusing the store.
APP_MADE_TABLES = frozenset({"program_year", "data_requirement", "enrollment", "month_checklist"})


def clear_app_made(session: Session) -> None:
    """Delete the app-made rows, children first, so an import can lay down its own."""
    conn = session.connection()
    for table in reversed(data_tables()):
        if table.name in APP_MADE_TABLES:
            conn.execute(table.delete())
