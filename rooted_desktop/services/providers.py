"""Providers: list, add, edit, deactivate, and import a roster."""

from __future__ import annotations

from pathlib import Path

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.files import read_text_file
from rooted_desktop.core.providers import (
    ProviderInput,
    parse_age_group,
    parse_setting,
    validate_provider,
)
from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.core.roster import parse_roster
from rooted_desktop.services.backups import BackupService
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.services.clock import Clock
from rooted_desktop.services.years import YearService
from rooted_desktop.store import providers as provider_rows
from rooted_desktop.store import years as year_rows
from rooted_desktop.store.store import Store


class ProviderService:
    def __init__(
        self,
        store: Store,
        bus: ChangeBus,
        years: YearService,
        clock: Clock,
        *,
        backups: BackupService | None = None,
    ) -> None:
        self._store = store
        self._backups = backups
        self._bus = bus
        self._years = years
        self._clock = clock

    def all(self, *, active_only: bool = False) -> list[ProviderRecord]:
        with self._store.reading() as session:
            return provider_rows.list_providers(session, active_only=active_only)

    def get(self, provider_id: int) -> ProviderRecord:
        with self._store.reading() as session:
            row = provider_rows.get_provider(session, provider_id)
            if row is None:
                raise UserError(f"Provider {provider_id} no longer exists.")
            return provider_rows.to_record(row)

    def add(self, data: ProviderInput) -> ProviderRecord:
        clean = self._checked(data, provider_id=None)
        start_year, guide_id = self._years.enrolment()
        with self._store.transaction() as session:
            year_id = year_rows.ensure_year_id(session, start_year, guide_id, self._clock())
            row = provider_rows.insert_provider(
                session, clean, created_on=self._clock(), program_year_id=year_id
            )
            record = provider_rows.to_record(row)
        self._bus.publish(Change.PROVIDERS)
        return record

    def update(self, provider_id: int, data: ProviderInput) -> ProviderRecord:
        clean = self._checked(data, provider_id=provider_id)
        with self._store.transaction() as session:
            row = provider_rows.get_provider(session, provider_id)
            if row is None:
                raise UserError(f"Provider {provider_id} no longer exists.")
            provider_rows.update_provider(session, row, clean)
            record = provider_rows.to_record(row)
        self._bus.publish(Change.PROVIDERS)
        return record

    def set_active(self, provider_id: int, active: bool) -> None:
        start_year, guide_id = self._years.enrolment()
        with self._store.transaction() as session:
            row = provider_rows.get_provider(session, provider_id)
            if row is None:
                raise UserError(f"Provider {provider_id} no longer exists.")
            row.active = active
            session.add(row)
            if active:
                year_id = year_rows.ensure_year_id(session, start_year, guide_id, self._clock())
                provider_rows.enroll(session, provider_id, year_id)
        self._bus.publish(Change.PROVIDERS)

    def import_roster(self, path: Path) -> list[ProviderRecord]:
        """All rows or none: every row is checked (against the store too) before any write."""
        rows = parse_roster(read_text_file(path), source=Path(path).name)
        with self._store.reading() as session:
            existing = provider_rows.existing_names(session)
        clashes = [
            f"line {row.line}: a provider named '{row.provider.name}' is already in the app"
            for row in rows
            if row.provider.name.casefold() in existing
        ]
        if clashes:
            raise UserError(
                f"{Path(path).name}: {len(clashes)} row(s) have problems; nothing was imported",
                details=tuple(clashes),
            )
        start_year, guide_id = self._years.enrolment()
        today = self._clock()
        if self._backups is not None:
            self._backups.before_import()
        with self._store.transaction() as session:
            year_id = year_rows.ensure_year_id(session, start_year, guide_id, today)
            records = [
                provider_rows.to_record(
                    provider_rows.insert_provider(
                        session, row.provider, created_on=today, program_year_id=year_id
                    )
                )
                for row in rows
            ]
        self._bus.publish(Change.PROVIDERS)
        return records

    def _checked(self, data: ProviderInput, *, provider_id: int | None) -> ProviderInput:
        clean = data.cleaned()
        problems = validate_provider(clean)
        if problems:
            raise UserError(
                "The provider cannot be saved: " + "; ".join(str(p) for p in problems),
                details=tuple(f"{p.field}: {p.message}" for p in problems),
            )
        with self._store.reading() as session:
            same = provider_rows.find_by_name(session, clean.name)
        if same is not None and same.id != provider_id:
            raise UserError(
                f"A provider named '{same.name}' is already in the app.",
                details=(f"name: a provider named '{same.name}' is already in the app",),
            )
        return ProviderInput(
            name=clean.name,
            site=clean.site,
            setting=str(parse_setting(clean.setting)),
            age_group=str(parse_age_group(clean.age_group)),
            email=clean.email,
            phone=clean.phone,
            notes=clean.notes,
        )
