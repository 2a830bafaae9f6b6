"""Data requirements and observations of a program year: the Data & evaluation page.

``ensure_year`` gives every enrolled, active provider the rows the guide asks of their
setting and age group (and the coach one row per coach-level item), with the guide's due
dates; rows that exist are never touched. Inactive providers keep the rows they have and
stay in the matrix (marked inactive) but are left out of ``due_soon``.

Saving an observation moves its TPOT/TPITOS requirement on, so nothing is typed twice:
scheduling starts it, and a debrief held (dated today or earlier) marks it done on the
debrief's date, as the guide counts it. A requirement already done or marked not
applicable is left alone. Every write publishes ``Change.REQUIREMENTS`` (observations also
``Change.PLANNING``: they are on the calendar).
"""

from __future__ import annotations

from datetime import date, timedelta

from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import FieldProblem
from rooted_desktop.core.requirements import (
    MatrixRow,
    ObservationInput,
    ObservationRecord,
    RequirementColumn,
    RequirementInput,
    RequirementKind,
    RequirementMatrix,
    RequirementRecord,
    requirement_after_observation,
    validate_observation,
    validate_requirement,
)
from rooted_desktop.core.text import sort_key
from rooted_desktop.core.vocab import AgeGroup, RequirementStatus, Setting
from rooted_desktop.guide.model import Guide
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.services.clock import Clock
from rooted_desktop.store import requirements as rows
from rooted_desktop.store import years as year_rows
from rooted_desktop.store.store import Store


class RequirementService:
    def __init__(self, store: Store, bus: ChangeBus, guide: Guide, clock: Clock) -> None:
        self._store = store
        self._bus = bus
        self._guide = guide
        self._clock = clock
        self._kinds = {
            spec.key: RequirementKind(
                key=spec.key,
                name=spec.name,
                short_name=spec.short_name,
                optional=spec.optional,
                counts=spec.counts,
                observation=spec.observation,
            )
            for spec in guide.requirements
        }
        self._order = {key: index for index, key in enumerate(self._kinds)}

    # -- the year's rows ------------------------------------------------------------------
    def ensure_year(self, year: ProgramYear) -> int:
        """Create the rows the year lacks; returns the year's id. Safe to call on every view."""
        guide = self._guide
        with self._store.transaction() as session:
            year_row = year_rows.ensure_year(session, year.start_year, guide.id, self._clock())
            assert year_row.id is not None
            wanted: dict[int | None, list[tuple[str, date]]] = {
                None: [(spec.key, spec.due_date(year)) for spec in guide.coach_requirements()]
            }
            for provider_id, setting, age_group in rows.enrolled_providers(session, year_row.id):
                wanted[provider_id] = [
                    (spec.key, spec.due_date(year))
                    for spec in guide.requirements_for(setting, age_group)
                ]
            inserted = rows.ensure_rows(session, year_row.id, wanted)
        if inserted:
            self._bus.publish(Change.REQUIREMENTS)
        return year_row.id

    def matrix(self, year: ProgramYear) -> RequirementMatrix:
        """Providers (alphabetical) by the guide's provider-level requirements: two queries."""
        today = self._clock()
        with self._store.reading() as session:
            year_row = year_rows.year_row(session, year.start_year)
            found = (
                []
                if year_row is None or year_row.id is None
                else rows.requirements_with_providers(session, year_row.id, self._kinds, today)
            )
        columns = [
            RequirementColumn(s.key, s.name, s.short_name, s.due_date(year), s.optional, s.counts)
            for s in self._guide.requirements
            if not s.is_coach_level
        ]
        known = {column.key for column in columns}
        for record, _setting, _age in found:  # a kind the guide no longer has: still shown
            if record.provider_id is not None and record.kind not in known:
                known.add(record.kind)
                columns.append(
                    RequirementColumn(record.kind, record.name, record.short_name, record.due_on)
                )
        index = {column.key: number for number, column in enumerate(columns)}
        cells: dict[int, list[RequirementRecord | None]] = {}
        providers: dict[int, tuple[str, Setting, AgeGroup, bool]] = {}
        coach = []
        for record, setting, age_group in found:
            if record.provider_id is None or setting is None or age_group is None:
                coach.append(record)
                continue
            providers[record.provider_id] = (
                record.provider_name, setting, age_group, record.provider_active
            )  # fmt: skip
            line = cells.setdefault(record.provider_id, [None] * len(columns))
            line[index[record.kind]] = record
        ordered = sorted(providers, key=lambda pid: (sort_key(providers[pid][0]), pid))
        return RequirementMatrix(
            start_year=year.start_year,
            today=today,
            columns=tuple(columns),
            rows=tuple(MatrixRow(pid, *providers[pid], tuple(cells[pid])) for pid in ordered),
            coach_items=tuple(sorted(coach, key=self._kind_order)),
        )

    def due_soon(self, year: ProgramYear, within_days: int = 30) -> list[RequirementRecord]:
        """Open items overdue or due within ``within_days``, oldest due first (the dashboard)."""
        today = self._clock()
        horizon = today + timedelta(days=within_days)
        with self._store.reading() as session:
            year_id = year_rows.year_id(session, year.start_year)
            if year_id is None:
                return []
            found = rows.requirement_records(
                session, year_id, self._kinds, today, open_due_by=horizon
            )
        return sorted(
            found,
            key=lambda r: (r.due_on, sort_key(r.provider_name), r.provider_id or 0,
                           self._order.get(r.kind, len(self._order))),
        )  # fmt: skip

    def requirement(self, requirement_id: int) -> RequirementRecord:
        with self._store.reading() as session:
            record = rows.requirement_record(session, requirement_id, self._kinds, self._clock())
        if record is None:
            raise UserError(_gone_requirement(requirement_id))
        return record

    def update(self, requirement_id: int, data: RequirementInput) -> RequirementRecord:
        """Save the coach's changes; Done without a completed date is dated today."""
        today = self._clock()
        clean = data.cleaned(today)
        with self._store.transaction() as session:
            row = rows.get_requirement(session, requirement_id)
            if row is None:
                raise UserError(_gone_requirement(requirement_id))
            kind = self._kinds.get(row.kind)
            problems = validate_requirement(clean, counts=bool(kind and kind.counts), today=today)
            if problems:
                raise _problem(kind.name if kind else row.kind, problems)
            rows.update_requirement(session, row, clean)
            session.flush()
            record = rows.requirement_record(session, requirement_id, self._kinds, today)
        self._bus.publish(Change.REQUIREMENTS)
        assert record is not None
        return record

    # -- observations ---------------------------------------------------------------------
    def observations(self, year: ProgramYear) -> list[ObservationRecord]:
        """The year's observations, soonest scheduled first (unscheduled last), one query."""
        with self._store.reading() as session:
            year_row = year_rows.year_row(session, year.start_year)
            if year_row is None or year_row.id is None:
                return []
            found = rows.observation_records(session, year_row.id)

        def order(o: ObservationRecord) -> tuple[bool, date, str, int]:
            day = o.scheduled_on or o.completed_on
            return day is None, day or year.last_day, sort_key(o.provider_name), o.id

        return sorted(found, key=order)

    def observation(self, observation_id: int) -> ObservationRecord:
        with self._store.reading() as session:
            record = rows.observation_record(session, observation_id)
        if record is None:
            raise UserError(_gone_observation(observation_id))
        return record

    def save_observation(
        self,
        observation_id: int | None,
        data: ObservationInput,
        *,
        year: ProgramYear | None = None,
    ) -> ObservationRecord:
        """Add (``observation_id`` None) or change an observation.

        A new one belongs to ``year``, or else to the year of its scheduled or completed
        date, or else to this year. An edited one stays in its year.
        """
        today = self._clock()
        clean = data.cleaned()
        problems = validate_observation(clean, today=today)
        if problems:
            raise _problem("observation", problems)
        with self._store.transaction() as session:
            found = (
                None if observation_id is None else rows.get_observation(session, observation_id)
            )
            if observation_id is not None and found is None:
                raise UserError(_gone_observation(observation_id))
            if not rows.provider_exists(session, clean.provider_id):
                raise UserError(f"Provider {clean.provider_id} no longer exists.")
            if found is None:
                year = year or ProgramYear.containing(
                    clean.scheduled_on or clean.completed_on or today
                )
                year_row = year_rows.ensure_year(session, year.start_year, self._guide.id, today)
                assert year_row.id is not None
                row = rows.insert_observation(session, year_row.id, clean)
            else:
                row = found
                rows.update_observation(session, row, clean)
            kind = self._kinds.get(clean.tool.lower())
            linked = None
            if kind is not None and kind.observation:
                linked = rows.find_requirement(
                    session, row.program_year_id, clean.provider_id, kind.key
                )
            if linked is not None:
                change = requirement_after_observation(
                    RequirementStatus(linked.status), linked.started_on, clean, today
                )
                if change is not None:
                    status, started_on, completed_on = change
                    rows.mark_requirement(
                        session, linked, status, started_on=started_on, completed_on=completed_on
                    )
            session.flush()
            assert row.id is not None
            record = rows.observation_record(session, row.id)
        self._bus.publish(Change.REQUIREMENTS, Change.PLANNING)
        assert record is not None
        return record

    def delete_observation(self, observation_id: int) -> None:
        """Delete an observation; its requirement keeps the status it has."""
        with self._store.transaction() as session:
            row = rows.get_observation(session, observation_id)
            if row is None:
                raise UserError(_gone_observation(observation_id))
            rows.delete_observation(session, row)
        self._bus.publish(Change.REQUIREMENTS, Change.PLANNING)

    # -- helpers --------------------------------------------------------------------------
    def _kind_order(self, record: RequirementRecord) -> tuple[int, str]:
        return self._order.get(record.kind, len(self._order)), record.kind


def _gone_requirement(requirement_id: int) -> str:
    return f"Data requirement {requirement_id} no longer exists."


def _gone_observation(observation_id: int) -> str:
    return f"Observation {observation_id} no longer exists."


def _problem(what: str, problems: list[FieldProblem]) -> UserError:
    return UserError(
        f"The {what} cannot be saved: " + "; ".join(str(p) for p in problems),
        details=tuple(f"{p.field}: {p.message}" for p in problems),
    )
