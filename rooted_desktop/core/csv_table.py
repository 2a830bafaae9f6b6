"""Reading a spreadsheet saved as CSV: a header naming the columns, then records by line.

One reader for every import (roster, session log): column order is free, extra columns
are ignored, blank lines are skipped, and each record carries the file's own line number
(the header is line 1; a quoted cell spanning lines counts them), so a coach can find it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from rooted_desktop.core.errors import UserError


@dataclass(frozen=True)
class CsvRecord:
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


def read_csv_records(
    text: str, *, source: str, columns: Sequence[str], required: Sequence[str]
) -> tuple[list[CsvRecord], list[str]]:
    """The records, and problems the csv module found (``line N: reason``).

    A missing or incomplete header is not a row problem: it raises a UserError at once.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise UserError(f"{source}: the file is empty; expected a header row") from None
    except csv.Error as exc:
        raise UserError(f"{source}: line 1: {exc}") from None
    names = [name.strip().lower().replace(" ", "_").replace("-", "_") for name in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise UserError(
            f"{source}: line 1: the header lacks the column(s) {', '.join(missing)}; "
            f"expected {','.join(columns)}"
        )
    index = {name: names.index(name) for name in columns if name in names}

    records: list[CsvRecord] = []
    problems: list[str] = []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {start}: {exc}")
            break
        if not any(cell.strip() for cell in record):
            continue  # blank lines, as spreadsheets leave them
        cells = {name: record[i] for name, i in index.items() if i < len(record)}
        records.append(CsvRecord(line=start, cells=cells))
    return records, problems
