"""Printed documents: pre-visit agendas (provider-facing) and CMS entry sheets (coach-facing).

The agenda is built from shareable fields only: each part comes through a builder in
``core.documents`` that copies named fields, so coach notes, requirement notes, observation
debriefs and coach-only session sections never enter an ``AgendaDoc``. The PDF modules (and
so reportlab) are imported only when a PDF is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from pathlib import Path

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.documents import (
    AgendaDoc,
    AgendaStep,
    CmsSheet,
    DeadlineLine,
    MonthTask,
    action_step_line,
    cms_sheet,
    deadline_line,
    plan_note,
    short_date,
)
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.files import atomic_write_bytes
from rooted_desktop.core.monthly import MonthlySummary, monthly_summary
from rooted_desktop.core.records import ProviderRecord, SessionListItem
from rooted_desktop.core.requirements import RequirementMatrix
from rooted_desktop.core.text import sort_key
from rooted_desktop.core.vocab import RequirementStatus, SessionStatus
from rooted_desktop.guide.agenda import AgendaTemplate
from rooted_desktop.guide.model import Component, Guide, GuideRow
from rooted_desktop.reports.kit import DocMeta
from rooted_desktop.services.agenda import AgendaService
from rooted_desktop.services.clock import Clock
from rooted_desktop.services.dashboard import DashboardService
from rooted_desktop.services.profile import ProfileService
from rooted_desktop.services.providers import ProviderService
from rooted_desktop.services.requirements import RequirementService
from rooted_desktop.services.sessions import SessionQuery, SessionService
from rooted_desktop.services.years import YearService

# What the month's plan shows a provider: not PCMs or trainings (the coach's own schedule).
AGENDA_COMPONENTS = (Component.COACHING, Component.DATA, Component.OBSERVATION_DEBRIEF)
DEADLINE_HORIZON_DAYS = 45  # open items due up to this long after the visit (and overdue ones)
_OPEN = (RequirementStatus.NOT_STARTED, RequirementStatus.IN_PROGRESS)
AGENDA_TITLE = "Coaching visit agenda"
CMS_TITLE = "CMS entry sheet"
MONTHLY_TITLE = "Monthly summary"


def between(first_day: date, last_day: date) -> SessionQuery:
    """Every session from one day to another, whatever the provider."""
    return SessionQuery(first_day=first_day, last_day=last_day)


def describe_scope(scope: SessionQuery) -> str:
    """How a message names the sessions asked for: "on Dec 4, 2026", "between … and …"."""
    first, last = scope.first_day, scope.last_day
    if first is not None and first == last:
        words = f"on {short_date(first)}"
    elif first is not None and last is not None:
        words = f"between {short_date(first)} and {short_date(last)}"
    elif first is not None:
        words = f"from {short_date(first)}"
    elif last is not None:
        words = f"up to {short_date(last)}"
    else:
        words = "on any date"
    narrowed = scope.provider_id is not None or scope.not_in_cms or scope.text.strip()
    return words + (" that match the filters" if narrowed else "")


@dataclass(frozen=True)
class DocumentJob:
    """A document ready to render: its read models are gathered (on the database thread);
    ``run`` renders and writes it and touches no database, so it can run in the background.
    """

    path: Path
    count: int
    render: Callable[[], bytes]

    def run(self, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Render, then write atomically unless cancelled meanwhile; True when written."""
        data = self.render()
        if cancelled():
            return False
        atomic_write_bytes(self.path, data)
        return True


class DocumentService:
    def __init__(
        self,
        sessions: SessionService,
        providers: ProviderService,
        dashboard: DashboardService,
        requirements: RequirementService,
        agenda: AgendaService,
        profile: ProfileService,
        years: YearService,
        guide: Guide,
        clock: Clock,
    ) -> None:
        self._sessions = sessions
        self._providers = providers
        self._dashboard = dashboard
        self._requirements = requirements
        self._agenda = agenda
        self._profile = profile
        self._years = years
        self._guide = guide
        self._clock = clock

    # -- agendas (provider-facing) --------------------------------------------------------
    def agenda_docs(self, scope: SessionQuery) -> list[AgendaDoc]:
        """The agenda of every planned visit in ``scope`` (whatever its status), earliest first."""
        items = self._sessions.find(replace(scope, status=SessionStatus.PLANNED))
        items.sort(key=lambda s: (s.day, s.start_time or time.min, sort_key(s.provider_name), s.id))
        providers = {p.id: p for p in self._providers.all()}
        # Read once for all the visits: the template, and each program year's requirements
        # (the whole year's matrix, of which each agenda shows one provider's deadlines).
        template = self._agenda.current()
        matrices: dict[ProgramYear, RequirementMatrix] = {}
        docs = []
        for item in items:
            year = ProgramYear.containing(item.day)
            if year not in matrices:
                matrices[year] = self._requirements.matrix(year)
            docs.append(
                self._agenda_doc(item, providers[item.provider_id], template, matrices[year])
            )
        return docs

    def agenda_for(self, session_id: int) -> AgendaDoc:
        record = self._sessions.get(session_id)
        item = SessionListItem(
            id=record.id,
            provider_id=record.provider_id,
            provider_name=record.provider_name,
            day=record.day,
            start_time=record.start_time,
            minutes=record.minutes,
            mode=record.mode,
            status=record.status,
            focus="",
            cms_entered_on=None,
            feedback_sent_on=None,
        )
        matrix = self._requirements.matrix(ProgramYear.containing(record.day))
        provider = self._providers.get(record.provider_id)
        return self._agenda_doc(item, provider, self._agenda.current(), matrix)

    def _agenda_doc(
        self,
        visit: SessionListItem,
        provider: ProviderRecord,
        template: AgendaTemplate,
        matrix: RequirementMatrix,
    ) -> AgendaDoc:
        last_plan = self._sessions.last_joint_plan(
            visit.provider_id, visit.day - timedelta(days=1), exclude_id=visit.id
        )
        return AgendaDoc(
            provider_name=provider.name,
            site=provider.site,
            day=visit.day,
            start=visit.start_time,
            minutes=visit.minutes,
            mode_label=visit.mode.label,
            agenda_title=template.title,
            sections=tuple(AgendaStep(s.title, s.agenda_prompt) for s in template.sections),
            last_joint_plan=plan_note(last_plan),
            open_steps=tuple(
                action_step_line(step) for step in self._sessions.open_steps(provider.id)
            ),
            month_tasks=tuple(
                MonthTask(row.component.value, row.activity)
                for row in self._guide.rows_for_month(visit.day.month)
                if self._row_applies(row, provider)
            ),
            upcoming_deadlines=_deadlines(matrix, provider.id, visit.day),
        )

    def _row_applies(self, row: GuideRow, provider: ProviderRecord) -> bool:
        if row.component not in AGENDA_COMPONENTS:
            return False
        linked = set(row.requirements) | set(row.prepares_for)
        if not linked:
            return True
        return any(
            spec.key in linked and spec.applies_to(provider.setting, provider.age_group)
            for spec in self._guide.requirements
        )

    def export_agendas(self, path: Path, first_day: date, last_day: date) -> int:
        """Write every planned visit's agenda to one PDF; returns how many visits."""
        job = self.agendas_job(path, between(first_day, last_day))
        job.run()
        return job.count

    def export_agenda(self, path: Path, session_id: int) -> None:
        """Write one visit's agenda."""
        self.agenda_job(path, session_id).run()

    def agendas_job(self, path: Path, scope: SessionQuery) -> DocumentJob:
        docs = self.agenda_docs(scope)
        if not docs:
            raise UserError(f"There are no planned visits {describe_scope(scope)}.")
        return self._agendas_job(path, docs, docs[0].day)

    def agenda_job(self, path: Path, session_id: int) -> DocumentJob:
        doc = self.agenda_for(session_id)
        return self._agendas_job(path, [doc], doc.day)

    def _agendas_job(self, path: Path, docs: list[AgendaDoc], day: date) -> DocumentJob:
        meta = self._meta(AGENDA_TITLE, day)

        def render() -> bytes:
            from rooted_desktop.reports.agenda_pdf import render_agendas

            return render_agendas(docs, meta)

        return DocumentJob(path=Path(path), count=len(docs), render=render)

    # -- CMS entry sheets (coach-facing) --------------------------------------------------
    def cms_sheets(self, scope: SessionQuery) -> list[CmsSheet]:
        """A sheet for each completed session in ``scope`` (whatever its status), earliest first."""
        items = self._sessions.find(replace(scope, status=SessionStatus.COMPLETED))
        items.sort(key=lambda s: (s.day, s.start_time or time.min, sort_key(s.provider_name), s.id))
        known = self._strategies()  # once for all the sheets
        return [cms_sheet(self._sessions.get(item.id), known) for item in items]

    def cms_sheet(self, session_id: int) -> CmsSheet:
        return cms_sheet(self._sessions.get(session_id), self._strategies())

    def _strategies(self) -> dict[str, tuple[str, str]]:
        """The agenda template's coaching strategies: key -> (label, phase)."""
        return {s.key: (s.label, s.phase) for s in self._agenda.current().strategies}

    def export_cms(self, path: Path, first_day: date, last_day: date) -> int:
        """Write the CMS entry sheets of the completed sessions in the range; how many."""
        job = self.cms_job(path, between(first_day, last_day))
        job.run()
        return job.count

    def export_cms_sheet(self, path: Path, session_id: int) -> None:
        self.cms_sheet_job(path, session_id).run()

    def cms_job(self, path: Path, scope: SessionQuery) -> DocumentJob:
        sheets = self.cms_sheets(scope)
        if not sheets:
            raise UserError(f"There are no completed sessions {describe_scope(scope)}.")
        return self._cms_job(path, sheets, sheets[0].day)

    def cms_sheet_job(self, path: Path, session_id: int) -> DocumentJob:
        sheet = self.cms_sheet(session_id)
        return self._cms_job(path, [sheet], sheet.day)

    def _cms_job(self, path: Path, sheets: list[CmsSheet], day: date) -> DocumentJob:
        meta = self._meta(CMS_TITLE, day)

        def render() -> bytes:
            from rooted_desktop.reports.cms_sheet_pdf import render_cms_sheets

            return render_cms_sheets(sheets, meta)

        return DocumentJob(path=Path(path), count=len(sheets), render=render)

    def _meta(self, title: str, day: date) -> DocMeta:
        return DocMeta(
            title=title,
            coach_name=self._profile.get().name,
            program_year=ProgramYear.containing(day).label,
            made_on=self._clock(),
        )

    # -- the monthly summary (coach and supervisor) ---------------------------------------
    def monthly_meta(self, month: Month) -> DocMeta:
        """The page header of a month's summary: its title names the month."""
        return self._meta(f"{MONTHLY_TITLE} · {month.label}", month.first_day)

    def monthly_summary(self, month: Month) -> MonthlySummary:
        """Dosage, sessions, backlog, year to date, requirements and plan of one month."""
        overview = self._dashboard.month(month)
        items = self._sessions.find(
            SessionQuery(first_day=month.first_day, last_day=month.last_day)
        )
        matrix = self._requirements.matrix(ProgramYear.containing(month.first_day))
        return monthly_summary(overview, items, matrix)

    def monthly_job(self, path: Path, month: Month) -> DocumentJob:
        """The summary PDF as a job (rendered off the database thread); count: providers."""
        summary = self.monthly_summary(month)
        meta = self.monthly_meta(month)

        def render() -> bytes:
            from rooted_desktop.reports.monthly_pdf import render_monthly

            return render_monthly(summary, meta)

        return DocumentJob(path=Path(path), count=len(summary.dosage), render=render)

    def export_monthly(self, path: Path, month: Month) -> int:
        """Write the summary PDF; returns how many providers it covers."""
        job = self.monthly_job(path, month)
        job.run()
        return job.count


def _deadlines(matrix: RequirementMatrix, provider_id: int, day: date) -> tuple[DeadlineLine, ...]:
    """The provider's open requirements due by the agenda's horizon, soonest first."""
    horizon = day + timedelta(days=DEADLINE_HORIZON_DAYS)
    for row in matrix.rows:
        if row.provider_id == provider_id:
            chosen = [
                cell
                for cell in row.cells
                if cell is not None and cell.status in _OPEN and cell.due_on <= horizon
            ]
            chosen.sort(key=lambda r: (r.due_on, r.name))
            return tuple(deadline_line(record) for record in chosen)
    return ()
