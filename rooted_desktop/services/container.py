"""All services over one open store, built once by app.py or cli.py and passed in.

Each service (and the guide) is built, and its module imported, the first time something
asks for it: the window's first paint needs the dashboard's few, not the PDF makers',
importers' and backups' many. A service's constructor only keeps its arguments, so when it
is built changes nothing but when its import is paid for.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rooted_desktop import identity
from rooted_desktop.services.changes import ChangeBus
from rooted_desktop.services.clock import Clock, system_clock
from rooted_desktop.store.store import Store

if TYPE_CHECKING:
    from rooted_desktop.guide.model import Guide
    from rooted_desktop.services.action_plans import ActionPlanService
    from rooted_desktop.services.agenda import AgendaService
    from rooted_desktop.services.archive import ArchiveService
    from rooted_desktop.services.backups import BackupService
    from rooted_desktop.services.calendar import CalendarService
    from rooted_desktop.services.dashboard import DashboardService
    from rooted_desktop.services.documents import DocumentService
    from rooted_desktop.services.drafts import DraftService
    from rooted_desktop.services.profile import ProfileService
    from rooted_desktop.services.program import ProgramService
    from rooted_desktop.services.providers import ProviderService
    from rooted_desktop.services.requirements import RequirementService
    from rooted_desktop.services.session_log import SessionLogService
    from rooted_desktop.services.sessions import SessionService
    from rooted_desktop.services.welcome import WelcomeService
    from rooted_desktop.services.year_plan import YearPlanService
    from rooted_desktop.services.years import YearService


class Services:
    def __init__(self, store: Store, *, clock: Clock = system_clock) -> None:
        self.store = store
        self.bus = ChangeBus()
        self.clock = clock

    @classmethod
    def open(cls, store_file: Path, *, clock: Clock = system_clock) -> Services:
        return cls(Store(store_file, app_version=identity.version()), clock=clock)

    @cached_property
    def guide(self) -> Guide:
        from rooted_desktop.guide.loader import load_default_guide

        return load_default_guide()

    @cached_property
    def years(self) -> YearService:
        from rooted_desktop.services.years import YearService

        return YearService(self.store, self.bus, guide_id=self.guide.id, clock=self.clock)

    @cached_property
    def program(self) -> ProgramService:
        from rooted_desktop.services.program import ProgramService

        return ProgramService(self.store, self.bus, self.guide, self.clock)

    @cached_property
    def requirements(self) -> RequirementService:
        from rooted_desktop.services.requirements import RequirementService

        return RequirementService(self.store, self.bus, self.guide, self.clock)

    @cached_property
    def backups(self) -> BackupService:
        from rooted_desktop.services.backups import BackupService

        return BackupService(self.store, self.bus)

    @cached_property
    def providers(self) -> ProviderService:
        from rooted_desktop.services.providers import ProviderService

        return ProviderService(self.store, self.bus, self.years, self.clock, backups=self.backups)

    @cached_property
    def sessions(self) -> SessionService:
        from rooted_desktop.services.sessions import SessionService

        target = self.guide.rules.dosage_minutes_per_provider_per_month
        return SessionService(self.store, self.bus, self.clock, target_minutes=target)

    @cached_property
    def action_plans(self) -> ActionPlanService:
        from rooted_desktop.services.action_plans import ActionPlanService

        return ActionPlanService(self.store, self.bus, self.clock)

    @cached_property
    def session_log(self) -> SessionLogService:
        from rooted_desktop.services.session_log import SessionLogService

        return SessionLogService(self.store, self.bus, backups=self.backups)

    @cached_property
    def drafts(self) -> DraftService:
        from rooted_desktop.services.drafts import DraftService

        return DraftService(self.store, self.bus)

    @cached_property
    def agenda(self) -> AgendaService:
        from rooted_desktop.services.agenda import AgendaService

        return AgendaService(self.store, self.bus)

    @cached_property
    def profile(self) -> ProfileService:
        from rooted_desktop.services.profile import ProfileService

        return ProfileService(self.store, self.bus)

    @cached_property
    def archive(self) -> ArchiveService:
        from rooted_desktop.services.archive import ArchiveService

        return ArchiveService(self.store, self.bus, backups=self.backups)

    @cached_property
    def calendar(self) -> CalendarService:
        from rooted_desktop.services.calendar import CalendarService

        return CalendarService(self.store, self.guide, clock=self.clock)

    @cached_property
    def dashboard(self) -> DashboardService:
        from rooted_desktop.services.dashboard import DashboardService

        return DashboardService(
            self.store, self.bus, self.guide, self.clock, self.program, self.requirements
        )

    @cached_property
    def year_plan(self) -> YearPlanService:
        from rooted_desktop.services.year_plan import YearPlanService

        return YearPlanService(self.store, self.guide, self.clock, self.years, self.dashboard)

    @cached_property
    def welcome(self) -> WelcomeService:
        from rooted_desktop.services.welcome import WelcomeService

        return WelcomeService(self.store, self.clock)

    @cached_property
    def documents(self) -> DocumentService:
        from rooted_desktop.services.documents import DocumentService

        return DocumentService(
            self.sessions,
            self.providers,
            self.dashboard,
            self.requirements,
            self.agenda,
            self.profile,
            self.years,
            self.guide,
            self.clock,
        )

    def coach_name(self) -> str:
        return self.profile.get().name

    def close(self) -> None:
        self.store.close()
