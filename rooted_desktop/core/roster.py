"""Reading a roster spreadsheet (PRODUCT.md §6): every row checked before anything is kept."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import (
    ProviderInput,
    parse_age_group,
    parse_setting,
    validate_provider,
)

ROSTER_COLUMNS = ("name", "site", "setting", "age_group", "email", "phone")
REQUIRED_COLUMNS = ("name", "setting", "age_group")


@dataclass(frozen=True)
class RosterRow:
    line: int
    provider: ProviderInput


def parse_roster(text: str, *, source: str = "roster") -> list[RosterRow]:
    """Parse and validate a roster; raise one UserError listing every bad row.

    Column order is free and extra columns are ignored. Line numbers are the file's own
    (line 1 is the header), so a coach can find the row in the spreadsheet.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise UserError(f"{source}: the file is empty; expected a header row") from None
    except csv.Error as exc:
        raise UserError(f"{source}: line 1: {exc}") from None
    columns = [name.strip().lower().replace(" ", "_") for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise UserError(
            f"{source}: line 1: the header lacks the column(s) {', '.join(missing)}; "
            f"expected {','.join(ROSTER_COLUMNS)}"
        )
    index = {name: columns.index(name) for name in ROSTER_COLUMNS if name in columns}

    rows: list[RosterRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {start}: {exc}")
            break
        line = start
        if not any(cell.strip() for cell in record):
            continue  # blank lines, as spreadsheets leave them

        def cell(name: str, record: list[str] = record) -> str:
            position = index.get(name)
            return record[position] if position is not None and position < len(record) else ""

        provider = ProviderInput(
            name=cell("name"),
            site=cell("site"),
            setting=cell("setting"),
            age_group=cell("age_group"),
            email=cell("email"),
            phone=cell("phone"),
        ).cleaned()
        row_problems = [str(p) for p in validate_provider(provider)]
        key = provider.name.casefold()
        if key and key in seen:
            row_problems.append(f"'{provider.name}' is already on line {seen[key]}")
        if row_problems:
            problems.append(f"line {line}: {'; '.join(row_problems)}")
            continue
        seen[key] = line
        normal = ProviderInput(
            name=provider.name,
            site=provider.site,
            setting=str(parse_setting(provider.setting)),
            age_group=str(parse_age_group(provider.age_group)),
            email=provider.email,
            phone=provider.phone,
        )
        rows.append(RosterRow(line=line, provider=normal))
    if problems:
        raise UserError(
            f"{source}: {len(problems)} row(s) have problems; nothing was imported",
            details=tuple(problems),
        )
    if not rows:
        raise UserError(f"{source}: no providers found below the header")
    return rows
