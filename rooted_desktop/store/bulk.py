"""Fast inserts of many rows at once, for demo stores, imports and restores.

The ORM builds an object per row and flushes them one statement at a time; a list of dicts
sent as one Core ``INSERT`` is an ``executemany`` on the single connection, tens of
thousands of rows a second. Callers that need parent/child links give rows explicit ids
(from :func:`next_id`) so a child can name its parent without a query per row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlmodel import Session, SQLModel


def _table(model: type[SQLModel]) -> Table:
    table = getattr(model, "__table__", None)
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


def bulk_insert(session: Session, model: type[SQLModel], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (column name -> value) into ``model``'s table in one executemany.

    Every row must name the same columns: the statement is compiled from the first row, so
    a key that only later rows carry would be dropped without a word. The model's column
    defaults fill the columns that no row names.
    """
    if not rows:
        return
    session.execute(insert(_table(model)), list(rows))


def next_id(session: Session, model: type[SQLModel]) -> int:
    """The first free integer id of ``model``'s table (1 for an empty table)."""
    table = _table(model)
    if "id" not in table.c:
        raise TypeError(f"{table.name} has no id column")
    highest = session.execute(select(func.max(table.c.id))).scalar_one_or_none()
    return int(highest or 0) + 1


def row_count(session: Session, model: type[SQLModel]) -> int:
    """How many rows ``model``'s table holds."""
    table = _table(model)
    return int(session.execute(select(func.count()).select_from(table)).scalar_one())
