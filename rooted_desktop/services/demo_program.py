"""The demo's program-level rows: what a coach does besides visiting her providers.

Practice-based coaching meetings (PCMs) and their attendees, reflective consultation,
trainings, the midpoint observations, the year's data requirements and the month checklist.
Each function takes the demo builder and draws from its random generator, so it must be
called in the same order every time (``program_rows`` fixes the order).
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.instruments import observation_tool
from rooted_desktop.core.vocab import RequirementStatus, Setting
from rooted_desktop.guide import RequirementSpec
from rooted_desktop.services import demo_texts as T
from rooted_desktop.store import models as m

if TYPE_CHECKING:
    from rooted_desktop.services.demo import Row, _Builder, _Provider


def program_rows(b: _Builder, year: ProgramYear) -> None:
    """The year's meetings, consultation, trainings, observations, requirements, checklist."""
    _meetings(b, year)
    _requirements(b, year)
    _checklist(b, year)


# -- meetings, consultation, trainings ------------------------------------------------


def _meetings(b: _Builder, year: ProgramYear) -> None:
    rng, current = b.rng, year.contains(b.today)
    # The guide's PCM months (May or June), and two more the community added: 8 a year.
    months = {rng.choice(row.months) for row in b.guide.rows if row.pcm}
    months |= set(rng.sample(sorted({8, 10, 2, 4} - months), 2))
    topics = rng.sample(T.PCM_TOPICS, len(T.PCM_TOPICS))
    leads = [rng.choice((T.COACH["name"], *T.OTHER_COACHES)) for _ in range(len(months) + 1)]
    for n, month in enumerate(mo for mo in year.months() if mo.month in months):
        day = _nth_weekday(month, rng.choice((1, 3)), rng.choice((2, 3)))  # Tue/Thu evening
        held = day < b.today
        if held or current:  # the rest of this year's meetings are on the calendar
            pcm_id = b.add(
                m.CollaborationMeeting,
                {"uid": b.uid(), "date": day, "start_time": time(18, 30), "minutes": 90,
                 "held": held, "topic": topics[n % len(topics)], "facilitator": leads[n],
                 "location": rng.choice(T.PCM_LOCATIONS),
                 "next_topic_ideas": topics[(n + 1) % len(topics)] if held else "",
                 "debrief_notes": rng.choice(T.PCM_DEBRIEFS) if held else "",
                 "next_facilitator": leads[n + 1] if held else ""},
            )  # fmt: skip
            _attendees(b, m.MeetingAttendee, "pcm_id", pcm_id, day, held, 0.4)
    rc_rows = []
    for month in b.months_upto(year, 1):
        day = _nth_weekday(month, 2, 2)  # second Wednesday
        attended = day < b.today
        note = rng.choice(T.RC_NOTES) if attended and rng.random() < 0.7 else ""
        rc_rows.append(
            {"uid": b.uid(), "date": day, "start_time": time(13, 0), "minutes": 60,
             "attended": attended, "notes": note}
        )  # fmt: skip
    past = [row for row in rc_rows if row["attended"]]
    if len(past) >= 3 and (current or rng.random() < 0.5):  # one month missed now and then
        rng.choice(past).update(attended=False, notes="Missed: covered a provider crisis.")
    for row in rc_rows:
        b.add(m.ReflectiveConsultation, row)
    for number, training in enumerate(b.guide.trainings):
        day = _nth_weekday(year.month_of(training.suggested_months[0]), 5, 2)  # a Saturday
        held = day < b.today
        if held or current:
            trained = year != b.years[0] and rng.random() < 0.3  # she trains later on
            training_id = b.add(
                m.Training,
                {"uid": b.uid(), "kind": training.key, "date": day,
                 "start_time": time(8, 30), "minutes": 360 if number < 2 else 180,
                 "role": "trained" if trained else "attended", "held": held,
                 "location": rng.choice(T.TRAINING_LOCATIONS),
                 "implementation_notes": rng.choice(T.TRAINING_NOTES) if held else ""},
            )  # fmt: skip
            _attendees(b, m.TrainingAttendee, "training_id", training_id, day, held, 0.6)


def _attendees(
    b: _Builder, model: Any, key: str, parent: int, day: date, held: bool, low: float
) -> None:
    """Providers who came: those enrolled by then (a month's grace) and not yet gone."""
    share = b.rng.uniform(low, 0.9)
    for p in b.providers:
        if held and p.active_on(day + timedelta(30)) and b.rng.random() < share:
            b.add(model, {key: parent, "provider_id": p.id})


# -- observations, data requirements, the month checklist -------------------------------


def _requirements(b: _Builder, year: ProgramYear) -> None:
    rng, year_id = b.rng, b.year_ids[year.start_year]
    enrolled = [p for p in b.providers if p.active_in(year.first_day, year.last_day)]
    # This year a provider or two is late with one of the September items.
    late: set[tuple[int, str]] = set()
    if year.contains(b.today):
        active = [p.id for p in enrolled if p.end is None]
        for pid in rng.sample(active, min(len(active), max(1, len(active) // 10))):
            late.add((pid, rng.choice(("asq_se2", "demographic_survey"))))
    for p in enrolled:
        observation = _observation(b, p, year, year_id)
        for spec in b.guide.requirements_for(p.setting, p.age_group):
            _requirement(b, spec, year, p, observation, (p.id, spec.key) in late)
    for spec in b.guide.coach_requirements():
        _requirement(b, spec, year, None, None, False)


def _observation(b: _Builder, p: _Provider, year: ProgramYear, year_id: int) -> Row | None:
    """The midpoint TPOT/TPITOS: scheduled once September is under way, debriefed Nov/Dec."""
    rng = b.rng
    if b.today < year.date_of(9, 15) or not p.active_in(year.date_of(10, 1), year.date_of(11, 30)):
        return None
    scheduled = rng.choice(b.month_days(year.month_of(10)) + b.month_days(year.month_of(11)))
    completed = scheduled if scheduled < b.today else None
    debrief = None
    if completed:
        earliest = year.date_of(11, 2) + timedelta(rng.randrange(0, 12))  # Nov/Dec debriefs
        debrief = max(completed + timedelta(rng.randrange(7, 22)), earliest)
        debrief += timedelta(max(0, 7 - debrief.weekday()) if debrief.weekday() >= 5 else 0)
        debrief = debrief if debrief < b.today else None
    row: Row = {
        "uid": b.uid(), "provider_id": p.id, "program_year_id": year_id,
        "tool": observation_tool(p.age_group), "observer": rng.choice(T.OBSERVERS),
        "scheduled_on": scheduled, "start_time": time(9, 0), "completed_on": completed,
        "debrief_on": debrief,
        "debrief_strengths": rng.choice(T.OBS_STRENGTHS) if debrief else "",
        "debrief_next_steps": rng.choice(T.OBS_NEXT_STEPS) if debrief else "",
    }  # fmt: skip
    b.add(m.Observation, row)
    return row


def _requirement(
    b: _Builder, spec: RequirementSpec, year: ProgramYear, p: _Provider | None,
    observation: Row | None, late: bool,
) -> None:  # fmt: skip
    """One requirement's status as of today: past rounds done, this round under way."""
    rng, today, due = b.rng, b.today, spec.due_date(year)
    opens = due - timedelta(days=75)  # when the coach starts on it
    status, started, completed, notes = RequirementStatus.NOT_STARTED, None, None, ""
    if p is not None and not p.active_in(opens, due):
        status, notes = RequirementStatus.NOT_APPLICABLE, "Not in the program for this round."
    elif spec.observation:
        if observation is not None:
            started = observation["scheduled_on"] - timedelta(days=30)
            completed = observation["debrief_on"]  # done when the debrief is held
            status = RequirementStatus.DONE if completed else RequirementStatus.IN_PROGRESS
    elif today > opens:
        started = opens + timedelta(days=rng.randrange(0, 40))
        finished = min(started + timedelta(rng.randrange(5, 45)), due - timedelta(rng.randrange(5)))
        if spec.optional and rng.random() < 0.4:
            status, started = RequirementStatus.NOT_APPLICABLE, None
        elif started >= today:
            started = None
        elif finished < today and not late:
            status, completed = RequirementStatus.DONE, finished
        else:
            status = RequirementStatus.IN_PROGRESS
    entered = None
    if completed and spec.cms:
        entered = completed + timedelta(days=rng.randrange(0, 10))
        entered = entered if entered < today else None
    counts: list[int | None] = [None] * 5
    if spec.counts and p is not None and started is not None:
        counts = _asq_counts(rng, p.setting, status is RequirementStatus.DONE)
    row: Row = {
        "uid": b.uid(), "program_year_id": b.year_ids[year.start_year],
        "provider_id": p.id if p else None, "kind": spec.key, "status": status.value,
        "due_on": due, "started_on": started, "completed_on": completed,
        "entered_in_cms_on": entered, "notes": notes,
    }  # fmt: skip
    b.add(m.DataRequirement, row | dict(zip(_ASQ_FIELDS, counts, strict=True)))


def _checklist(b: _Builder, year: ProgramYear) -> None:
    """Tick most of the guide's rows in past months, and a few of this month's so far."""
    rng, year_id = b.rng, b.year_ids[year.start_year]
    for month in b.months_upto(year):
        days = [d for d in b.month_days(month) if d < b.today]
        share = 0.3 if month == b.month else 0.9 if year == b.years[-1] else 0.97
        for row in b.guide.rows_for_month(month.month):
            if days and rng.random() < share:
                b.add(
                    m.MonthChecklistItem,
                    {"program_year_id": year_id, "month": month.key, "item_key": row.key,
                     "done_on": rng.choice(days)},
                )  # fmt: skip


_ASQ_FIELDS = ("asq_distributed", "asq_returned", "asq_scored", "asq_entered", "asq_followups")


def _asq_counts(rng: random.Random, setting: Setting, done: bool) -> list[int | None]:
    """Questionnaires as counts only: distributed >= returned >= scored >= entered."""
    distributed = rng.randint(8, 22) if setting is Setting.CENTER else rng.randint(3, 9)
    returned = distributed - rng.randint(0, 2) if done else rng.randint(0, distributed - 1)
    scored = returned if done else rng.randint(0, returned)
    entered = scored if done else rng.randint(0, scored)
    return [distributed, returned, scored, entered, rng.randint(0, min(2, scored))]


def _nth_weekday(month: Month, weekday: int, nth: int) -> date:
    first = month.first_day + timedelta((weekday - month.first_day.weekday()) % 7)
    return first + timedelta(weeks=nth - 1)
