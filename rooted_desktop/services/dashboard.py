"""The dashboard's month: dosage for every active provider, the guide's plan, the CMS backlog."""

from __future__ import annotations

from datetime import date

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.dashboard import (
    BacklogItem,
    MonthOverview,
    MonthPlan,
    PlanItem,
    ProviderDosage,
    rc_status,
)
from rooted_desktop.core.dosage import summarize_dosage
from rooted_desktop.guide.model import Guide
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.services.clock import Clock
from rooted_desktop.services.program import ProgramService
from rooted_desktop.services.requirements import RequirementService
from rooted_desktop.store import dashboard as dashboard_rows
from rooted_desktop.store import drafts as draft_rows
from rooted_desktop.store import providers as provider_rows
from rooted_desktop.store import years as year_rows
from rooted_desktop.store.store import Store


class DashboardService:
    def __init__(
        self,
        store: Store,
        bus: ChangeBus,
        guide: Guide,
        clock: Clock,
        program: ProgramService,
        requirements: RequirementService,
    ) -> None:
        self._program = program
        self._requirements = requirements
        self._store = store
        self._bus = bus
        self._guide = guide
        self._clock = clock

    def today(self) -> date:
        return self._clock()

    def month(self, month: Month) -> MonthOverview:
        """Everything for one month in a handful of queries (none per provider or per day)."""
        today = self._clock()
        target = self._guide.rules.dosage_minutes_per_provider_per_month
        year = ProgramYear.containing(month.first_day)
        with self._store.reading() as session:
            providers = provider_rows.active_names(session)
            minutes = dashboard_rows.minutes_by_provider(
                session, month.first_day, month.last_day, today
            )
            backlog = dashboard_rows.cms_backlog(session)
            backlog_total = dashboard_rows.cms_backlog_count(session)
            year_id = year_rows.year_id(session, year.start_year)
            ticked = (
                dashboard_rows.checklist(session, year_id, month.key) if year_id is not None else {}
            )
            drafts = draft_rows.count_drafts(session)
            # Inside this read, so they join it: one snapshot, one transaction.
            program = self._program.counts(year)
            consultations = self._program.month_consultations(month)
            due = tuple(self._requirements.due_soon(year))
        none = (0, 0, 0)
        dosage = tuple(
            ProviderDosage(
                pid,
                name,
                summarize_dosage(
                    month, done=done, scheduled=planned, upcoming=upcoming, today=today,
                    target=target,
                ),
            )
            for pid, name in providers
            for done, planned, upcoming in (minutes.get(pid, none),)  # one lookup each
        )  # fmt: skip
        period = self._guide.period_for_month(month.month)
        plan = MonthPlan(
            period_title=period.title,
            main_goal=period.main_goal,
            items=tuple(
                PlanItem(r.key, str(r.component), r.activity, r.follow_up, ticked.get(r.key))
                for r in self._guide.rows_for_month(month.month)
            ),
        )
        return MonthOverview(
            month=month,
            today=today,
            dosage=dosage,
            plan=plan,
            backlog=tuple(
                BacklogItem(sid, name, day, mins, (today - day).days)
                for sid, name, day, mins in backlog
            ),
            backlog_total=backlog_total,
            drafts=drafts,
            program=program,
            rc_this_month=rc_status(month, consultations, today),
            due=due,
        )

    def set_done(self, month: Month, item_key: str, done: bool) -> None:
        """Tick or untick a follow-up of the month's plan (kept per month)."""
        year = ProgramYear.containing(month.first_day)
        today = self._clock()
        with self._store.transaction() as session:
            row = year_rows.ensure_year(session, year.start_year, self._guide.id, today)
            assert row.id is not None
            dashboard_rows.set_checked(
                session, row.id, month.key, item_key, today if done else None
            )
        self._bus.publish(Change.PLANNING)
