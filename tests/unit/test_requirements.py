"""Data requirements and observations: rows by setting and age group, due states, rules."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.core.deadlines import DueState
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.requirements import (
    ObservationInput,
    ObservationRecord,
    RequirementInput,
    RequirementRecord,
    status_text,
)
from rooted_desktop.core.vocab import RequirementStatus
from rooted_desktop.services.changes import Change
from rooted_desktop.services.requirements import RequirementService
from rooted_desktop.store import models as m

TODAY = date(2026, 12, 4)
YEAR = ProgramYear(2026)  # 2026-07-01 … 2027-06-30, the year containing TODAY
PROVIDER_KEYS = (
    "demographic_survey", "asq_se2", "boq", "fcch_boq", "satisfaction_survey", "tpot",
    "tpitos", "ci_survey",
)  # fmt: skip


class Clock:
    def __init__(self, day: date = TODAY) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def reqs(services: Any, clock: Clock) -> RequirementService:
    return RequirementService(services.store, services.bus, services.guide, clock)


def add(services: Any, name: str, setting: str = "center", age: str = "preschool") -> int:
    data = ProviderInput(name=name, setting=setting, age_group=age)
    return int(services.providers.add(data).id)


def kinds_of(services: Any, provider_id: int | None) -> set[str]:
    with services.store.reading() as session:
        rows = session.exec(
            select(m.DataRequirement).where(col(m.DataRequirement.provider_id).is_(provider_id))
            if provider_id is None
            else select(m.DataRequirement).where(m.DataRequirement.provider_id == provider_id)
        )
        return {row.kind for row in rows}


def row_count(services: Any) -> int:
    with services.store.reading() as session:
        return len(session.exec(select(m.DataRequirement)).all())


def cell(reqs: RequirementService, provider_id: int, kind: str) -> RequirementRecord:
    matrix = reqs.matrix(YEAR)
    row = next(r for r in matrix.rows if r.provider_id == provider_id)
    column = [c.key for c in matrix.columns].index(kind)
    record = row.cells[column]
    assert record is not None
    return record


# -- which rows each provider gets ---------------------------------------------------------
def test_rows_follow_setting_and_age_group(services: Any, reqs: RequirementService) -> None:
    center_pre = add(services, "Center preschool", "center", "preschool")
    fcch_it = add(services, "Home infants", "fcch", "infant-toddler")
    center_it = add(services, "Center infants", "center", "infant-toddler")
    fcch_pre = add(services, "Home preschool", "fcch", "preschool")
    reqs.ensure_year(YEAR)
    common = {"demographic_survey", "asq_se2", "satisfaction_survey", "ci_survey"}
    assert kinds_of(services, center_pre) == common | {"boq", "tpot"}
    assert kinds_of(services, fcch_it) == common | {"fcch_boq", "tpitos"}
    assert kinds_of(services, center_it) == common | {"boq", "tpitos"}
    assert kinds_of(services, fcch_pre) == common | {"fcch_boq", "tpot"}
    assert kinds_of(services, None) == {"rc_survey"}  # the coach's own, once


def test_ensure_year_is_idempotent_and_keeps_what_was_typed(
    services: Any, reqs: RequirementService
) -> None:
    provider = add(services, "Ana")
    published: list[frozenset[Change]] = []
    services.bus.subscribe(published.append)
    year_id = reqs.ensure_year(YEAR)
    assert published == [frozenset({Change.REQUIREMENTS})]
    first = row_count(services)
    assert first == 6 + 1
    record = cell(reqs, provider, "demographic_survey")
    reqs.update(record.id, RequirementInput(RequirementStatus.IN_PROGRESS, notes="Half back"))
    published.clear()
    assert reqs.ensure_year(YEAR) == year_id
    assert reqs.ensure_year(YEAR) == year_id
    assert published == []  # nothing new, nothing announced
    assert row_count(services) == first
    again = cell(reqs, provider, "demographic_survey")
    assert (again.status, again.notes) == (RequirementStatus.IN_PROGRESS, "Half back")
    # A provider added later gets their rows; the others are untouched.
    add(services, "Bea", "fcch", "infant-toddler")
    reqs.ensure_year(YEAR)
    assert row_count(services) == first + 6
    assert len(reqs.matrix(YEAR).coach_items) == 1


def test_inactive_and_unenrolled_providers_get_no_rows(
    services: Any, reqs: RequirementService
) -> None:
    gone = add(services, "Gone")
    services.providers.set_active(gone, False)
    reqs.ensure_year(ProgramYear(2027))  # nobody is enrolled in next year yet
    reqs.ensure_year(YEAR)
    assert kinds_of(services, gone) == set()
    assert [r.provider_id for r in reqs.matrix(YEAR).rows] == []
    assert [r.kind for r in reqs.matrix(ProgramYear(2027)).coach_items] == ["rc_survey"]


@pytest.mark.parametrize(
    ("start_year", "kind", "due"),
    [
        (2026, "demographic_survey", date(2026, 9, 30)),
        (2026, "asq_se2", date(2026, 9, 30)),
        (2026, "boq", date(2026, 12, 31)),
        (2026, "tpot", date(2026, 12, 31)),
        (2026, "ci_survey", date(2027, 5, 31)),  # May falls in the next calendar year
        (2025, "demographic_survey", date(2025, 9, 30)),
        (2025, "satisfaction_survey", date(2025, 12, 31)),
    ],
)
def test_due_dates_fall_in_the_right_calendar_year(
    services: Any, reqs: RequirementService, start_year: int, kind: str, due: date
) -> None:
    provider = add(services, "Ana")
    year = ProgramYear(start_year)
    if start_year != YEAR.start_year:
        year_id = reqs.ensure_year(year)
        with services.store.transaction() as session:
            session.add(m.Enrollment(program_year_id=year_id, provider_id=provider))
    reqs.ensure_year(year)
    matrix = reqs.matrix(year)
    column = next(c for c in matrix.columns if c.key == kind)
    assert column.due_on == due
    (row,) = matrix.rows
    record = row.cells[matrix.columns.index(column)]
    assert record is not None and record.due_on == due
    (rc,) = matrix.coach_items
    assert rc.due_on == date(start_year, 12, 31)


# -- due states ------------------------------------------------------------------------------
def test_due_states_on_the_edge_days(services: Any, reqs: RequirementService, clock: Clock) -> None:
    provider = add(services, "Ana")
    reqs.ensure_year(YEAR)
    clock.day = date(2026, 9, 30)  # the due day itself: not yet overdue
    record = cell(reqs, provider, "demographic_survey")
    assert record.due_state is DueState.DUE_SOON
    assert status_text(record) == "Due Sep 30"
    clock.day = date(2026, 10, 1)  # the day after
    record = cell(reqs, provider, "demographic_survey")
    assert record.due_state is DueState.OVERDUE
    assert status_text(record) == "Overdue (due Sep 30)"
    clock.day = date(2026, 10, 3)  # done late: done, and said so
    done = reqs.update(record.id, RequirementInput(RequirementStatus.DONE))
    assert done.completed_on == date(2026, 10, 3)  # Done without a date is dated today
    assert done.due_state is DueState.DONE and done.late
    assert status_text(done) == "Done Oct 3 (late)"
    on_time = reqs.update(
        record.id, RequirementInput(RequirementStatus.DONE, completed_on=date(2026, 9, 30))
    )
    assert not on_time.late and status_text(on_time) == "Done Sep 30"
    clock.day = date(2026, 8, 31)  # 30 days ahead: due soon; 31: upcoming
    boq = cell(reqs, provider, "boq")
    assert boq.due_state is DueState.UPCOMING
    clock.day = date(2026, 12, 1)
    assert cell(reqs, provider, "boq").due_state is DueState.DUE_SOON
    na = reqs.update(boq.id, RequirementInput(RequirementStatus.NOT_APPLICABLE))
    assert na.due_state is DueState.NOT_APPLICABLE and status_text(na) == "n/a"


def test_due_soon_lists_open_items_oldest_first(services: Any, reqs: RequirementService) -> None:
    zoe, ana = add(services, "Zoë"), add(services, "Ana", "fcch", "infant-toddler")
    gone = add(services, "Gone")
    reqs.ensure_year(YEAR)
    services.providers.set_active(gone, False)
    reqs.update(cell(reqs, ana, "asq_se2").id, RequirementInput(RequirementStatus.DONE))
    items = reqs.due_soon(YEAR)
    assert all(r.provider_id != gone for r in items)
    assert all(r.status is not RequirementStatus.DONE for r in items)
    assert [r.due_on for r in items] == sorted(r.due_on for r in items)
    assert {r.kind for r in items if r.due_on == date(2026, 9, 30)} == {
        "demographic_survey", "asq_se2"
    }  # fmt: skip
    assert (items[0].provider_name, items[0].kind) == ("Ana", "demographic_survey")
    assert [r.kind for r in items if r.provider_id == ana][:1] == ["demographic_survey"]
    assert [r.kind for r in items if r.provider_id == zoe][:2] == ["demographic_survey", "asq_se2"]
    assert "ci_survey" not in {r.kind for r in items}  # due in May, not within 30 days
    assert any(r.is_coach_level and r.kind == "rc_survey" for r in items)
    overdue = [(r.provider_name, r.kind) for r in reqs.due_soon(YEAR, within_days=0)]
    assert overdue == [
        ("Ana", "demographic_survey"), ("Zoë", "demographic_survey"), ("Zoë", "asq_se2")
    ]  # fmt: skip


# -- what the coach types ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"asq_distributed": 7, "asq_returned": 9}, "Returned (9) is more than distributed (7)"),
        ({"asq_returned": 5, "asq_scored": 6}, "Scored (6) is more than returned (5)"),
        ({"asq_distributed": 9, "asq_entered": 10}, "Entered in CMS (10) is more than distributed"),
        ({"asq_scored": 2, "asq_followups": 3}, "Follow-ups (3) is more than scored (2)"),
        ({"asq_distributed": -1}, "Distributed must be a whole number, 0 or more"),
        ({"asq_returned": 2.5}, "Returned must be a whole number, 0 or more"),
        ({"asq_scored": 10_000}, "Scored is more than 9999"),
    ],
)
def test_asq_counts_are_checked(
    services: Any, reqs: RequirementService, changes: dict[str, Any], message: str
) -> None:
    provider = add(services, "Ana")
    reqs.ensure_year(YEAR)
    record = cell(reqs, provider, "asq_se2")
    data = RequirementInput(RequirementStatus.IN_PROGRESS, **changes)
    with pytest.raises(UserError) as caught:
        reqs.update(record.id, data)
    assert message in str(caught.value)
    assert str(caught.value).startswith("The ASQ-SE2 screening cannot be saved:")
    assert cell(reqs, provider, "asq_se2").asq_distributed is None  # nothing written


def test_asq_counts_saved_and_shown(services: Any, reqs: RequirementService) -> None:
    provider = add(services, "Ana")
    reqs.ensure_year(YEAR)
    record = cell(reqs, provider, "asq_se2")
    counts = {"asq_distributed": 9, "asq_returned": 7, "asq_scored": 7, "asq_entered": 5,
              "asq_followups": 1}  # fmt: skip
    saved = reqs.update(record.id, RequirementInput(RequirementStatus.IN_PROGRESS, **counts))
    assert {k: getattr(saved, k) for k in counts} == counts
    assert status_text(saved) == "Overdue (due Sep 30), 7/9 returned"
    clock_free = dataclasses.replace(saved, due_state=DueState.DUE_SOON)
    assert status_text(clock_free) == "7/9 returned"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (RequirementInput(RequirementStatus.DONE, started_on=date(2026, 10, 2),
                          completed_on=date(2026, 10, 1)),
         "the completed date is before the started date"),
        (RequirementInput(RequirementStatus.IN_PROGRESS, completed_on=date(2026, 10, 1)),
         "a completed date needs the status Done"),
        (RequirementInput(RequirementStatus.DONE, completed_on=date(2026, 12, 5)),
         "the completed date is after today"),
        (RequirementInput(RequirementStatus.IN_PROGRESS, started_on=date(2026, 10, 2),
                          entered_in_cms_on=date(2026, 10, 1)),
         "the entered-in-CMS date is before the started date"),
        (RequirementInput(RequirementStatus.IN_PROGRESS, asq_distributed=3),
         "only ASQ-SE2 is tracked as counts"),
        (RequirementInput(RequirementStatus.IN_PROGRESS, notes="x" * 2001),
         "notes are longer than 2000 characters"),
    ],
)  # fmt: skip
def test_dates_and_fields_are_checked(
    services: Any, reqs: RequirementService, data: RequirementInput, message: str
) -> None:
    provider = add(services, "Ana")
    reqs.ensure_year(YEAR)
    with pytest.raises(UserError) as caught:
        reqs.update(cell(reqs, provider, "demographic_survey").id, data)
    assert message in str(caught.value)


def test_unknown_ids_are_user_errors(reqs: RequirementService) -> None:
    with pytest.raises(UserError, match="Data requirement 99 no longer exists"):
        reqs.update(99, RequirementInput())
    with pytest.raises(UserError, match="Data requirement 99 no longer exists"):
        reqs.requirement(99)
    with pytest.raises(UserError, match="Observation 98 no longer exists"):
        reqs.delete_observation(98)
    with pytest.raises(UserError, match="Observation 98 no longer exists"):
        reqs.save_observation(98, ObservationInput(provider_id=1, tool="TPOT"), year=YEAR)
    with pytest.raises(UserError, match="Provider 97 no longer exists"):
        reqs.save_observation(None, ObservationInput(provider_id=97, tool="TPOT"), year=YEAR)


# -- the matrix --------------------------------------------------------------------------
def test_matrix_shape(services: Any, reqs: RequirementService) -> None:
    ids = {
        name: add(services, name, setting, age)
        for name, setting, age in (
            ("Zoë", "center", "preschool"), ("Łukasz", "fcch", "infant-toddler"),
            ("Ana", "center", "infant-toddler"), ("Mia", "fcch", "preschool"),
        )
    }  # fmt: skip
    reqs.ensure_year(YEAR)
    matrix = reqs.matrix(YEAR)
    assert [c.key for c in matrix.columns] == list(PROVIDER_KEYS)
    assert [c.short_name for c in matrix.columns][:2] == ["Demographics", "ASQ-SE2"]
    assert [r.provider_name for r in matrix.rows] == ["Ana", "Łukasz", "Mia", "Zoë"]
    assert all(len(r.cells) == len(PROVIDER_KEYS) for r in matrix.rows)
    applies = {
        r.provider_name: {c.key for c, x in zip(matrix.columns, r.cells, strict=True) if x}
        for r in matrix.rows
    }
    assert "boq" in applies["Zoë"] and "fcch_boq" not in applies["Zoë"]
    assert {"fcch_boq", "tpitos"} <= applies["Łukasz"]
    assert not {"boq", "tpot"} & applies["Łukasz"]
    assert [i.kind for i in matrix.coach_items] == ["rc_survey"]
    assert matrix.coach_items[0].provider_name == ""
    ci = matrix.cell(0, PROVIDER_KEYS.index("ci_survey"))
    assert ci is not None and ci.optional
    asq = matrix.cell(0, PROVIDER_KEYS.index("asq_se2"))
    assert asq is not None and asq.counts and asq.provider_id == ids["Ana"]
    assert reqs.matrix(ProgramYear(2030)).rows == ()  # a year never opened: empty


def test_matrix_query_count_does_not_grow_with_providers(
    services: Any, reqs: RequirementService
) -> None:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    def queries_for_matrix() -> int:
        statements.clear()
        event.listen(services.store.engine, "before_cursor_execute", count)
        try:
            reqs.matrix(YEAR)
        finally:
            event.remove(services.store.engine, "before_cursor_execute", count)
        return sum(1 for s in statements if s.lstrip().upper().startswith("SELECT"))

    for n in range(2):
        add(services, f"Provider {n}")
    reqs.ensure_year(YEAR)
    few = queries_for_matrix()
    for n in range(2, 25):
        add(services, f"Provider {n}", "fcch", "infant-toddler")
    reqs.ensure_year(YEAR)
    assert len(reqs.matrix(YEAR).rows) == 25
    assert queries_for_matrix() == few == 2  # the year, then its requirements with names


# -- observations ------------------------------------------------------------------------
def test_observations_crud_and_the_requirement_moves_on(
    services: Any, reqs: RequirementService
) -> None:
    ana = add(services, "Ana", "center", "preschool")
    reqs.ensure_year(YEAR)
    published: list[frozenset[Change]] = []
    services.bus.subscribe(published.append)
    new = ObservationInput(
        provider_id=ana, tool="tpot ", observer="  Dana   Ruiz ",
        scheduled_on=date(2026, 12, 10), start_time=time(9, 0),
    )  # fmt: skip
    saved = reqs.save_observation(None, new)  # the year comes from the scheduled date
    assert (saved.tool, saved.observer, saved.provider_name) == ("TPOT", "Dana Ruiz", "Ana")
    assert saved.start_time == time(9, 0)
    assert published == [frozenset({Change.REQUIREMENTS, Change.PLANNING})]
    tpot = cell(reqs, ana, "tpot")
    assert tpot.status is RequirementStatus.IN_PROGRESS and tpot.started_on == TODAY
    assert [o.id for o in reqs.observations(YEAR)] == [saved.id]

    held = dataclasses.replace(
        ObservationInput.from_record(saved),
        scheduled_on=date(2026, 11, 10),  # moved earlier, then held
        completed_on=date(2026, 11, 10),
        debrief_on=date(2026, 12, 1),
        debrief_strengths="Warm greetings at arrival",
        debrief_next_steps="Teach two rules with visuals",
    )
    edited = reqs.save_observation(saved.id, held)
    assert edited.debrief_strengths == "Warm greetings at arrival"
    assert reqs.observation(saved.id) == edited
    tpot = cell(reqs, ana, "tpot")
    assert tpot.status is RequirementStatus.DONE
    assert (tpot.started_on, tpot.completed_on) == (date(2026, 11, 10), date(2026, 12, 1))

    reqs.delete_observation(saved.id)
    assert reqs.observations(YEAR) == []
    assert cell(reqs, ana, "tpot").status is RequirementStatus.DONE  # kept as it was


def test_a_planned_debrief_does_not_complete_the_requirement(
    services: Any, reqs: RequirementService
) -> None:
    bea = add(services, "Bea", "fcch", "infant-toddler")
    reqs.ensure_year(YEAR)
    reqs.save_observation(
        None,
        ObservationInput(provider_id=bea, tool="TPITOS", completed_on=date(2026, 12, 2),
                         debrief_on=date(2026, 12, 15)),
        year=YEAR,
    )  # fmt: skip
    tpitos = cell(reqs, bea, "tpitos")
    assert tpitos.status is RequirementStatus.IN_PROGRESS
    assert tpitos.started_on == date(2026, 12, 2)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tool": "CLASS"}, "the tool is 'CLASS'; use TPOT or TPITOS"),
        ({"completed_on": date(2026, 12, 5)}, "the completed date is after today"),
        ({"debrief_on": date(2026, 12, 1)}, "a debrief needs the completed date"),
        ({"completed_on": date(2026, 12, 2), "debrief_on": date(2026, 12, 1)},
         "the debrief date is before the completed date"),
        ({"debrief_strengths": "x" * 2001}, "strengths are longer than 2000 characters"),
        ({"observer": "x" * 201}, "the observer is longer than 200 characters"),
    ],
)  # fmt: skip
def test_observation_problems_are_named(
    services: Any, reqs: RequirementService, changes: dict[str, Any], message: str
) -> None:
    ana = add(services, "Ana")
    data = dataclasses.replace(ObservationInput(provider_id=ana, tool="TPOT"), **changes)
    with pytest.raises(UserError) as caught:
        reqs.save_observation(None, data, year=YEAR)
    assert message in str(caught.value)
    assert reqs.observations(YEAR) == []


def test_no_score_anywhere() -> None:
    """The program never shares TPOT/TPITOS scores, so the app keeps none."""
    columns = set(m.Observation.__table__.columns.keys()) | set(  # type: ignore[attr-defined]
        m.DataRequirement.__table__.columns.keys()  # type: ignore[attr-defined]
    )
    names = columns | {
        f.name
        for cls in (ObservationRecord, ObservationInput, RequirementRecord, RequirementInput)
        for f in dataclasses.fields(cls)
    }
    assert names and not [n for n in names if "score" in n and n != "asq_scored"]
