"""Reading a roster spreadsheet (PRODUCT.md §6): every row checked before anything is kept."""

from __future__ import annotations

from dataclasses import dataclass

from rooted_desktop.core.csv_table import read_csv_records
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
    records, problems = read_csv_records(
        text, source=source, columns=ROSTER_COLUMNS, required=REQUIRED_COLUMNS
    )
    rows: list[RosterRow] = []
    seen: dict[str, int] = {}
    for record in records:
        line = record.line
        provider = ProviderInput(
            name=record["name"],
            site=record["site"],
            setting=record["setting"],
            age_group=record["age_group"],
            email=record["email"],
            phone=record["phone"],
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
