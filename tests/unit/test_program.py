"""PCMs, reflective consultation and trainings through the real service on a real store."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.program import (
    ConsultationInput,
    MeetingInput,
    TrainingInput,
    pcm_pace_text,
    rc_missing_months,
    validate_training,
)
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.vocab import TrainingRole
from rooted_desktop.services.changes import Change
from rooted_desktop.services.program import ProgramService
from rooted_desktop.store.models import MeetingAttendee, TrainingAttendee

TODAY = date(2026, 12, 4)  # the services fixture's today
YEAR = ProgramYear(2026)


class Clock:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock(TODAY)


@pytest.fixture
def program(services: Any, clock: Clock) -> ProgramService:
    return ProgramService(services.store, services.bus, services.guide, clock)


@pytest.fixture
def people(services: Any) -> list[int]:
    names = ("Zoë Martínez", "Łukasz Kowalczyk", "Ana López")
    return [
        int(services.providers.add(ProviderInput(n, setting="center", age_group="preschool")).id)
        for n in names
    ]


def meeting(day: date, **kwargs: Any) -> MeetingInput:
    return MeetingInput(day=day, **{"held": day <= TODAY, **kwargs})


# -- PCMs -------------------------------------------------------------------------------
def test_meeting_crud_replaces_attendees(
    program: ProgramService, people: list[int], services: Any
) -> None:
    published: list[frozenset[Change]] = []
    services.bus.subscribe(published.append)
    zoe, lukasz, ana = people
    record = program.save_meeting(
        None,
        MeetingInput(day=date(2026, 9, 15), start=time(18, 30), minutes=90, held=True,
                     topic="  Teaching   friendship skills ", facilitator="Dana",
                     next_topic_ideas=" Transitions ", debrief_notes="Quiet group",
                     next_facilitator="Mia", attendee_ids=(zoe, lukasz, zoe)),
    )  # fmt: skip
    assert published == [frozenset({Change.PLANNING})]
    assert len(record.uid) == 32
    assert (record.topic, record.next_topic_ideas, record.minutes) == (
        "Teaching friendship skills", "Transitions", 90)  # fmt: skip
    # alphabetical across alphabets: Łukasz with the Ls, before Zoë
    assert record.attendee_names == ("Łukasz Kowalczyk", "Zoë Martínez")
    assert record.attendee_ids == (lukasz, zoe)

    changed = program.save_meeting(
        record.id, MeetingInput(day=record.day, held=True, topic="Routines", attendee_ids=(ana,))
    )
    assert (changed.id, changed.uid, changed.topic) == (record.id, record.uid, "Routines")
    assert changed.attendee_names == ("Ana López",)
    assert changed.debrief_notes == ""
    with services.store.reading() as session:
        links = session.exec(select(MeetingAttendee.provider_id)).all()
    assert links == [ana]  # the old attendees are gone, not added to

    assert [m.id for m in program.meetings(YEAR)] == [record.id]
    assert program.meetings(YEAR.next()) == []
    program.delete_meeting(record.id)
    assert program.meetings(YEAR) == []
    with services.store.reading() as session:
        assert session.exec(select(MeetingAttendee)).all() == []
    assert published[-1] == frozenset({Change.PLANNING})


def test_meetings_listed_by_date_with_from_record_round_trip(
    program: ProgramService, people: list[int]
) -> None:
    late = program.save_meeting(None, meeting(date(2027, 3, 2), attendee_ids=tuple(people)))
    early = program.save_meeting(None, meeting(date(2026, 7, 20), location="Library"))
    program.save_meeting(None, meeting(date(2026, 6, 30)))  # the year before
    assert [m.id for m in program.meetings(YEAR)] == [early.id, late.id]
    again = program.save_meeting(late.id, MeetingInput.from_record(late))
    assert again == late


def test_deleting_a_provider_drops_them_from_attendees(
    program: ProgramService, people: list[int], services: Any
) -> None:
    record = program.save_meeting(None, meeting(date(2026, 10, 1), attendee_ids=tuple(people)))
    from rooted_desktop.store.models import Provider

    with services.store.transaction() as session:
        session.delete(session.get(Provider, people[0]))
    (shown,) = program.meetings(YEAR)
    assert shown.id == record.id and people[0] not in shown.attendee_ids


def test_statements_for_a_year_do_not_grow_with_the_meetings(
    program: ProgramService, people: list[int], services: Any
) -> None:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement != "BEGIN":
            statements.append(statement)

    def queries(read: Any) -> int:
        statements.clear()
        event.listen(services.store.engine, "before_cursor_execute", count)
        try:
            read(YEAR)
        finally:
            event.remove(services.store.engine, "before_cursor_execute", count)
        return len(statements)

    program.save_meeting(None, meeting(date(2026, 8, 4), attendee_ids=(people[0],)))
    program.save_consultation(None, ConsultationInput(date(2026, 8, 5)))
    before = [queries(program.meetings), queries(program.trainings)]
    for day in range(1, 21):
        program.save_meeting(None, meeting(date(2026, 10, day), attendee_ids=tuple(people)))
        program.save_training(
            None, TrainingInput("3A", date(2026, 9, day), attendee_ids=(people[day % 3],))
        )
        program.save_consultation(None, ConsultationInput(date(2026, 10, day)))
    assert len(program.meetings(YEAR)) == 21
    assert [queries(program.meetings), queries(program.trainings)] == before == [2, 2]
    assert queries(program.consultations) == 1
    assert queries(program.counts) == 4


# -- reflective consultation and trainings ---------------------------------------------
def test_consultation_crud(program: ProgramService) -> None:
    record = program.save_consultation(
        None, ConsultationInput(date(2026, 11, 12), time(13, 0), 60, True, "  Felt heard  ")
    )
    assert (record.attended, record.notes, record.minutes) == (True, "Felt heard", 60)
    assert len(record.uid) == 32
    changed = program.save_consultation(record.id, ConsultationInput(date(2026, 11, 13)))
    assert (changed.uid, changed.day, changed.attended, changed.notes) == (
        record.uid, date(2026, 11, 13), False, "")  # fmt: skip
    assert program.consultations(YEAR) == [changed]
    program.delete_consultation(record.id)
    assert program.consultations(YEAR) == []


def test_training_crud_replaces_attendees(
    program: ProgramService, people: list[int], services: Any
) -> None:
    zoe, lukasz, ana = people
    record = program.save_training(
        None,
        TrainingInput(" 3A ", date(2026, 9, 12), time(8, 30), 360, "Trained", True,
                      "ESU 3", "Use the plan in Oct visits", (zoe, ana)),
    )  # fmt: skip
    assert (record.kind, record.role, record.held) == ("3A", TrainingRole.TRAINED, True)
    assert record.attendee_names == ("Ana López", "Zoë Martínez")
    changed = program.save_training(
        record.id, TrainingInput("3B", date(2027, 1, 16), attendee_ids=(lukasz,))
    )
    assert (changed.kind, changed.role, changed.attendee_names) == (
        "3B", TrainingRole.ATTENDED, ("Łukasz Kowalczyk",))  # fmt: skip
    with services.store.reading() as session:
        rows = session.exec(select(TrainingAttendee).where(col(TrainingAttendee.training_id) > 0))
        assert [r.provider_id for r in rows] == [lukasz]
    assert program.trainings(YEAR) == [changed]
    assert TrainingInput.from_record(changed).role == "attended"
    program.delete_training(record.id)
    assert program.trainings(YEAR) == []


# -- validation and unknown ids --------------------------------------------------------
def details(error: pytest.ExceptionInfo[UserError]) -> tuple[str, ...]:
    return error.value.details


def test_validation_names_the_field(program: ProgramService) -> None:
    with pytest.raises(UserError) as error:
        program.save_meeting(None, MeetingInput(day=None, minutes=0, topic="x" * 501))
    assert details(error) == (
        "date: the date is missing",
        "minutes: minutes must be between 1 and 480, not 0",
        "topic: the topic is longer than 500 characters",
    )
    assert str(error.value).startswith("The meeting cannot be saved: the date is missing")
    with pytest.raises(UserError) as error:
        program.save_meeting(None, MeetingInput(day=date(2026, 12, 9), held=True, minutes=481))
    assert details(error) == (
        "held: it cannot be marked held before its date, Dec 9, 2026",
        "minutes: minutes must be between 1 and 480, not 481",
    )
    with pytest.raises(UserError) as error:
        program.save_consultation(None, ConsultationInput(date(2027, 1, 5), attended=True))
    assert details(error) == (
        "attended: it cannot be marked attended before its date, Jan 5, 2027",
    )
    with pytest.raises(UserError) as error:
        program.save_training(None, TrainingInput("3C", date(2026, 9, 1), role="led"))
    assert details(error) == (
        "kind: the training is '3C'; choose one of 3A, 3B, PPP",
        "role: the role 'led' is not attended or trained",
    )
    assert validate_training(TrainingInput("", date(2026, 9, 1)), ["3A"])[0].message == (
        "the training is missing; choose one of 3A"
    )
    assert program.meetings(YEAR) == [] and program.trainings(YEAR) == []


def test_unknown_ids_and_providers(program: ProgramService, people: list[int]) -> None:
    today = MeetingInput(day=TODAY)
    with pytest.raises(UserError, match=r"^Meeting 99 no longer exists.$"):
        program.save_meeting(99, today)
    with pytest.raises(UserError, match=r"^Meeting 99 no longer exists.$"):
        program.delete_meeting(99)
    with pytest.raises(UserError, match=r"^Reflective consultation 7 no longer exists.$"):
        program.save_consultation(7, ConsultationInput(TODAY))
    with pytest.raises(UserError, match=r"^Reflective consultation 7 no longer exists.$"):
        program.delete_consultation(7)
    with pytest.raises(UserError, match=r"^Training 5 no longer exists.$"):
        program.save_training(5, TrainingInput("3A", TODAY))
    with pytest.raises(UserError, match=r"^Training 5 no longer exists.$"):
        program.delete_training(5)
    with pytest.raises(UserError) as error:
        program.save_meeting(None, MeetingInput(day=TODAY, attendee_ids=(people[0], 404)))
    assert details(error) == ("attendees: provider 404 no longer exists",)
    assert program.meetings(YEAR) == []


# -- counts and pace -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("held", "today", "text"),
    [
        (0, date(2026, 6, 30), "0 held: the year starts July 2026"),
        (0, date(2026, 7, 1), "none held yet; 6 to 12 due by June 2027"),
        (1, date(2026, 7, 1), "1 held by July — on pace for 12"),
        (0, date(2026, 8, 1), "behind: 0 held, about 1 expected by now"),
        (3, date(2026, 12, 4), "3 held by December — on pace for 6"),
        (1, date(2026, 12, 31), "behind: 1 held, about 3 expected by now"),
        (2, date(2026, 12, 4), "behind: 2 held, about 3 expected by now"),
        (6, date(2026, 12, 4), "6 held by December: the minimum of 6 is met"),
        (12, date(2026, 12, 4), "12 reached: the maximum for the year"),
        (13, date(2027, 6, 30), "13 held: more than the maximum of 12"),
        (5, date(2027, 6, 30), "behind: 5 held, about 6 expected by now"),
        (5, date(2027, 7, 1), "5 held: 1 short of the minimum of 6"),
        (8, date(2027, 7, 1), "8 held: the minimum of 6 was met"),
    ],
)
def test_pcm_pace_text(held: int, today: date, text: str) -> None:
    assert pcm_pace_text(held, 6, 12, YEAR, today) == text


def test_rc_missing_months_at_the_edges() -> None:
    assert rc_missing_months(YEAR, date(2026, 6, 30), set()) == ((), None)
    assert rc_missing_months(YEAR, date(2026, 7, 1), set()) == ((), Month(2026, 7))
    attended = {Month(2026, 7), Month(2026, 9), Month(2026, 12)}
    assert rc_missing_months(YEAR, TODAY, attended) == ((Month(2026, 8), Month(2026, 10),
                                                         Month(2026, 11)), None)  # fmt: skip
    after = rc_missing_months(YEAR, date(2027, 8, 1), attended)
    assert after == (tuple(m for m in YEAR.months() if m not in attended), None)


def test_counts_for_the_year(program: ProgramService, people: list[int], clock: Clock) -> None:
    for month in (7, 9, 11):
        program.save_meeting(None, meeting(YEAR.date_of(month, 10)))
    program.save_meeting(None, meeting(date(2026, 11, 30), held=False))  # past, never held
    program.save_meeting(None, meeting(date(2027, 1, 14)))  # planned
    program.save_meeting(None, meeting(date(2027, 7, 14)))  # next year
    for day in (date(2026, 7, 8), date(2026, 9, 9), date(2026, 9, 23), date(2026, 11, 11)):
        program.save_consultation(None, ConsultationInput(day, attended=True))
    program.save_consultation(None, ConsultationInput(date(2026, 10, 14)))  # missed
    program.save_consultation(None, ConsultationInput(date(2026, 12, 9)))  # planned
    program.save_training(None, TrainingInput("3A", date(2026, 9, 12), held=True))
    program.save_training(None, TrainingInput("3A", date(2026, 9, 26), held=True, role="trained"))
    program.save_training(None, TrainingInput("3B", date(2027, 1, 16)))

    counts = program.counts(YEAR)
    assert (counts.pcms_held, counts.pcms_planned, counts.pcm_min, counts.pcm_max) == (3, 1, 6, 12)
    assert counts.pcm_pace_text == "3 held by December — on pace for 6"
    assert counts.rc_months_attended == 3
    assert counts.rc_months_missing == (Month(2026, 8), Month(2026, 10))
    assert (counts.rc_month_open, counts.rc_next_planned) == (Month(2026, 12), date(2026, 12, 9))
    a, b, ppp = counts.trainings
    assert (a.key, a.held_count, a.last_held_on, a.next_planned_on, a.done) == (
        "3A", 2, date(2026, 9, 26), None, True)  # fmt: skip
    assert (b.key, b.held_count, b.next_planned_on, b.done) == ("3B", 0, date(2027, 1, 16), False)
    assert (ppp.name, ppp.held_count, ppp.last_held_on) == ("Practice, Practice, Practice", 0, None)

    clock.day = date(2026, 12, 9)  # the December RC is attended: nothing open this month
    program.save_consultation(program.consultations(YEAR)[-1].id,
                              ConsultationInput(date(2026, 12, 9), attended=True))  # fmt: skip
    counts = program.counts(YEAR)
    assert (counts.rc_month_open, counts.rc_next_planned, counts.rc_months_attended) == (
        None, None, 4)  # fmt: skip


def test_the_twelfth_pcm_reaches_the_maximum(program: ProgramService) -> None:
    for n in range(12):
        program.save_meeting(None, meeting(date(2026, 7 + n // 4, 1 + n)))
    counts = program.counts(YEAR)
    assert (counts.pcms_held, counts.pcm_pace_text) == (12, "12 reached: the maximum for the year")


def test_counts_of_an_empty_year_before_it_starts(program: ProgramService) -> None:
    counts = program.counts(YEAR.next())
    assert (counts.pcms_held, counts.pcms_planned, counts.rc_months_attended) == (0, 0, 0)
    assert counts.pcm_pace_text == "0 held: the year starts July 2027"
    assert (counts.rc_months_missing, counts.rc_month_open) == ((), None)
    assert [t.done for t in counts.trainings] == [False, False, False]
