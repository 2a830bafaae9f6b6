"""All services over one open store, built once by app.py or cli.py and passed in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rooted_desktop import identity
from rooted_desktop.guide.loader import load_default_guide
from rooted_desktop.guide.model import Guide
from rooted_desktop.services.action_plans import ActionPlanService
from rooted_desktop.services.agenda import AgendaService
from rooted_desktop.services.archive import ArchiveService
from rooted_desktop.services.backups import BackupService
from rooted_desktop.services.calendar import CalendarService
from rooted_desktop.services.changes import ChangeBus
from rooted_desktop.services.clock import Clock, system_clock
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
from rooted_desktop.store.store import Store


@dataclass
class Services:
    store: Store
    bus: ChangeBus
    guide: Guide
    clock: Clock
    years: YearService
    providers: ProviderService
    sessions: SessionService
    action_plans: ActionPlanService
    session_log: SessionLogService
    drafts: DraftService
    agenda: AgendaService
    profile: ProfileService
    archive: ArchiveService
    dashboard: DashboardService
    documents: DocumentService
    calendar: CalendarService
    program: ProgramService
    requirements: RequirementService
    backups: BackupService
    year_plan: YearPlanService
    welcome: WelcomeService

    @classmethod
    def open(cls, store_file: Path, *, clock: Clock = system_clock) -> Services:
        store = Store(store_file, app_version=identity.version())
        return cls.over(store, clock=clock)

    @classmethod
    def over(cls, store: Store, *, clock: Clock = system_clock) -> Services:
        bus = ChangeBus()
        guide = load_default_guide()
        years = YearService(store, bus, guide_id=guide.id, clock=clock)
        program = ProgramService(store, bus, guide, clock)
        requirements = RequirementService(store, bus, guide, clock)
        backups = BackupService(store, bus)
        providers = ProviderService(store, bus, years, clock, backups=backups)
        sessions = SessionService(
            store, bus, clock, target_minutes=guide.rules.dosage_minutes_per_provider_per_month
        )
        action_plans = ActionPlanService(store, bus, clock)
        agenda = AgendaService(store, bus)
        profile = ProfileService(store, bus)
        dashboard = DashboardService(store, bus, guide, clock, program, requirements)
        return cls(
            store=store,
            bus=bus,
            guide=guide,
            clock=clock,
            years=years,
            providers=providers,
            sessions=sessions,
            action_plans=action_plans,
            session_log=SessionLogService(store, bus, backups=backups),
            drafts=DraftService(store, bus),
            agenda=agenda,
            profile=profile,
            archive=ArchiveService(store, bus, backups=backups),
            calendar=CalendarService(store, guide, clock=clock),
            program=program,
            requirements=requirements,
            backups=backups,
            dashboard=dashboard,
            year_plan=YearPlanService(store, guide, clock, years, dashboard),
            welcome=WelcomeService(store, clock),
            documents=DocumentService(
                sessions,
                providers,
                dashboard,
                requirements,
                agenda,
                profile,
                years,
                guide,
                clock,
            ),
        )

    def coach_name(self) -> str:
        return self.profile.get().name

    def close(self) -> None:
        self.store.close()
