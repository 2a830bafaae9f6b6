"""Full JSON export and import: moving to a new laptop, archiving (PRODUCT.md §5).

The file is deterministic (sorted keys, rows in primary-key order, no timestamps), so
export → import into an empty store → export gives the same bytes, and two exports of an
unchanged store can be compared with any diff tool. It holds coach-only notes, so it is
written readable by the user only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.files import atomic_write_bytes, read_text_file
from rooted_desktop.services.backups import BackupService
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.store.archive import (
    APP_MADE_TABLES,
    clear_app_made,
    count_rows,
    dump_tables,
    load_tables,
)
from rooted_desktop.store.schema import HEAD_REVISION, KNOWN_REVISIONS
from rooted_desktop.store.store import Store

FORMAT = "rooted-desktop"
FORMAT_VERSION = 1


class ArchiveService:
    def __init__(
        self, store: Store, bus: ChangeBus, *, backups: BackupService | None = None
    ) -> None:
        self._store = store
        self._bus = bus
        self._backups = backups

    def export_json(self, path: Path) -> int:
        """Write everything in the store to ``path``; return the number of rows written."""
        with self._store.reading() as session:
            tables = dump_tables(session)
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema": HEAD_REVISION,
            "tables": tables,
        }
        text = json.dumps(document, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
        atomic_write_bytes(Path(path), text.encode("utf-8"), private=True)
        return sum(len(rows) for rows in tables.values())

    def import_json(self, path: Path) -> int:
        """Load an export into this (empty) store, all or nothing; return the rows imported."""
        path = Path(path)
        tables = _read_export(path)
        if self._backups is not None:
            self._backups.before_import()
        with self._store.transaction() as session:
            # Checked inside the transaction that writes, so nothing can slip in between.
            counts = count_rows(session)
            if any(n for table, n in counts.items() if table not in APP_MADE_TABLES):
                raise UserError(_not_empty_message(counts))
            clear_app_made(session)
            try:
                load_tables(session, tables)
            except UserError as exc:
                raise UserError(f"{path}: {exc.message}", details=exc.details) from None
        self._bus.publish(Change.EVERYTHING)
        return sum(len(rows) for rows in tables.values() if isinstance(rows, list))


def _read_export(path: Path) -> dict[str, Any]:
    """The file's ``tables``, after checking it is an export this app can read."""
    text = read_text_file(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    except RecursionError:
        raise UserError(f"{path}: is not an export (its lists nest too deep to read).") from None
    except ValueError as exc:  # e.g. a number of more than 4,300 digits
        raise UserError(f"{path}: is not an export ({exc}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise UserError(f'{path}: is not a Rooted Desktop export (no "format": "{FORMAT}").')
    version = document.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserError(f"{path}: has no valid format_version.")
    if version > FORMAT_VERSION:
        raise UserError(
            f"{path}: uses export format version {version}, written by a newer Rooted Desktop; "
            f"this version reads format version {FORMAT_VERSION}. Install the newer version."
        )
    schema = document.get("schema")
    if not isinstance(schema, str):
        raise UserError(f"{path}: has no schema revision.")
    if schema not in KNOWN_REVISIONS:
        # The same rule as opening a store: an unknown revision comes from a newer app.
        raise UserError(
            f"{path}: was exported with schema revision {schema}, newer than this version's "
            f"{HEAD_REVISION}. Install the newer Rooted Desktop to import it."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise UserError(f'{path}: has no "tables" object.')
    return tables


def _not_empty_message(counts: dict[str, int]) -> str:
    providers = counts.get("provider", 0)
    others = sum(counts.values()) - providers
    parts = []
    if providers:
        parts.append(f"{providers} provider{'s' if providers != 1 else ''}")
    if others:
        parts.append(f"{others} other record{'s' if others != 1 else ''}")
    return (
        f"Import into an empty store: this store already has {' and '.join(parts)}. "
        "Nothing was imported. Open a new data folder (--data-dir) and import there."
    )
