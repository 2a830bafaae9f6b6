"""A realistic demo (or stress) store: a Nebraska coach's caseload over one or more years.

Everything is drawn from one ``random.Random(seed)`` in a fixed order and dated relative to
``today``, so the same seed and day give the same store (tests and screenshots rely on it).
Rows are built as plain dicts with explicit ids and written with one bulk insert per table
in one transaction: 200 providers x 10 years is about 90,000 rows, which the ORM would
flush one object at a time.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rooted_desktop.core.calendar import Month, ProgramYear
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.vocab import AgeGroup, Mode, SessionStatus, Setting
from rooted_desktop.guide import Guide, load_default_guide
from rooted_desktop.guide.agenda import load_default_agenda
from rooted_desktop.services import demo_texts as T
from rooted_desktop.services.demo_program import program_rows
from rooted_desktop.store import models as m
from rooted_desktop.store.bulk import bulk_insert, next_id, row_count
from rooted_desktop.store.store import Store

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many rows of each table the demo wrote."""

    program_years: int
    providers: int
    enrollments: int
    sessions: int
    action_plans: int
    action_steps: int
    step_statuses: int
    pcms: int
    pcm_attendees: int
    rc_sessions: int
    trainings: int
    training_attendees: int
    observations: int
    data_requirements: int
    checklist_items: int

    @property
    def total_rows(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))


# Summary field and table, in the order the rows must be inserted (parents first).
_TABLES: tuple[tuple[str, Any], ...] = (
    ("program_years", m.ProgramYearRow), ("providers", m.Provider),
    ("enrollments", m.Enrollment), ("sessions", m.CoachingSession),
    ("action_plans", m.ActionPlan), ("action_steps", m.ActionStep),
    ("step_statuses", m.ActionStepStatus), ("pcms", m.CollaborationMeeting),
    ("pcm_attendees", m.MeetingAttendee), ("rc_sessions", m.ReflectiveConsultation),
    ("trainings", m.Training), ("training_attendees", m.TrainingAttendee),
    ("observations", m.Observation), ("data_requirements", m.DataRequirement),
    ("checklist_items", m.MonthChecklistItem),
)  # fmt: skip
# Tables keyed by columns of their own rather than an integer id the builder hands out.
_NO_ID = (m.Enrollment, m.MeetingAttendee, m.TrainingAttendee, m.MonthChecklistItem)

# A month's visits in minutes; None is a visit that was cancelled. Most months reach the
# 90-minute dosage (some go over), about one in five falls short.
_FULL_MONTHS = ((45, 45), (60, 30), (90,), (45, 45), (60, 45), (30, 60), (90,), (60, 60))
_SHORT_MONTHS = ((30,), (45,), (60,), (45, None), (30, None), (60, None))
# Keys of the built-in agenda's coaching-strategies checklist (resources/agenda).
_STRATEGIES = (
    "obs-modelling",
    "obs-verbal-support",
    "meet-reflective-conversation",
    "meet-problem-solving",
    "meet-performance-feedback",
)


def build_demo_store(
    store: Store,
    *,
    providers: int = 12,
    years: int = 2,
    today: date | None = None,
    seed: int = 2025,
    guide: Guide | None = None,
) -> DemoSummary:
    """Fill an empty store with ``providers`` providers coached for ``years`` program years.

    The last year is the one containing ``today``; nothing after ``today`` is completed.
    """
    if providers < 1 or years < 1:
        raise UserError("A demo store needs at least one provider and one program year.")
    with store.transaction() as session:
        if any(row_count(session, t) for t in (m.Provider, m.ProgramYearRow, m.CoachingSession)):
            raise UserError(
                f"The store {store.path} already has data; a demo needs an empty store. "
                "Choose another data folder."
            )
        rng = random.Random(seed)
        builder = _Builder(guide or load_default_guide(), today or date.today(), rng, years)
        builder.ids = {
            model: next_id(session, model) for _, model in _TABLES if model not in _NO_ID
        }
        builder.build(providers)
        if row_count(session, m.CoachProfile) == 0:
            bulk_insert(session, m.CoachProfile, [dict(T.COACH)])
        for _, model in _TABLES:
            bulk_insert(session, model, builder.tables[model])
    return DemoSummary(**{name: len(builder.tables[model]) for name, model in _TABLES})


@dataclass(slots=True)
class _Provider:
    id: int
    setting: Setting
    age_group: AgeGroup
    start: date
    end: date | None  # the last day coached; None while still active
    days: tuple[int, ...]  # preferred weekdays
    start_minute: int  # preferred start, minutes after midnight
    children: str  # "the toddlers" / "the preschoolers" in the notes

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def active_in(self, first: date, last: date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


class _Builder:
    def __init__(self, guide: Guide, today: date, rng: random.Random, years: int) -> None:
        self.guide, self.today, self.rng = guide, today, rng
        self.tz = _central()
        self.now = datetime.combine(today, time(7, 30), self.tz)  # nothing is written later
        current = ProgramYear.containing(today)
        self.years = [ProgramYear(current.start_year - years + 1 + i) for i in range(years)]
        self.month = Month.of(today)
        self.tables: dict[Any, list[Row]] = {model: [] for _, model in _TABLES}
        self.ids: dict[Any, int] = {}
        self.year_ids: dict[int, int] = {}
        self.providers: list[_Provider] = []
        # Completed visits by (provider id, YYYY-MM), so action-step changes can cite one.
        self.visits: dict[tuple[int, str], list[tuple[int, date]]] = {}
        # Each provider's last written sections, whose "next visit" the next booking fills.
        self.pending: dict[int, list[dict[str, Any]]] = {}
        self.agenda = load_default_agenda()
        self.busy: dict[date, list[tuple[int, int]]] = {}  # the coach's booked minutes by day
        self.weekdays: dict[Month, list[date]] = {}

    def add(self, model: Any, row: Row) -> int:
        """Append ``row``, giving it the table's next id unless the table has none."""
        if model not in _NO_ID:
            row["id"] = self.ids[model]
            self.ids[model] += 1
        self.tables[model].append(row)
        return int(row.get("id", 0))

    def uid(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def at(self, day: date, minute: int) -> datetime:
        return min(datetime.combine(day, time(minute // 60, minute % 60), self.tz), self.now)

    def month_days(self, month: Month) -> list[date]:
        if month not in self.weekdays:
            days = [month.first_day + timedelta(d) for d in range(month.days)]
            self.weekdays[month] = [d for d in days if d.weekday() < 5 and not _holiday(d)]
        return self.weekdays[month]

    def months_upto(self, year: ProgramYear, ahead: int = 0) -> list[Month]:
        """The year's months up to the current one, and ``ahead`` months beyond it."""
        last = self.month.next() if ahead else self.month
        return [month for month in year.months() if month <= last]

    def build(self, count: int) -> None:
        for year in self.years:
            self.year_ids[year.start_year] = self.add(
                m.ProgramYearRow,
                {"start_year": year.start_year, "guide_id": self.guide.id,
                 "started_on": year.first_day},
            )  # fmt: skip
        self.make_providers(count)
        for p in self.providers:
            for year in self.years:
                if p.active_in(year.first_day, min(year.last_day, self.today)):
                    year_id = self.year_ids[year.start_year]
                    self.add(m.Enrollment, {"program_year_id": year_id, "provider_id": p.id})
                    self.coach(p, year)
        for sections in self.pending.values():
            sections[-1]["text"] = "To be scheduled with the provider."
        for row in self.tables[m.CoachingSession]:  # lists until their next visit was known
            for section in row["sections_json"]:
                section.pop("plan", None)
            row["sections_json"] = json.dumps(row["sections_json"], ensure_ascii=False)
        for year in self.years:
            program_rows(self, year)

    def make_providers(self, count: int) -> None:
        rng, first = self.rng, self.years[0]
        sites = T.Sites(rng)
        inactive = set(rng.sample(range(1, count), min(count - 1, max(1, count // 8))))
        kinds = [(s, a) for s in Setting for a in AgeGroup]  # all four even in a tiny demo
        for index, (name, family) in enumerate(T.provider_names(rng, count)):
            setting, age = kinds[index] if index < 4 else (
                Setting.CENTER if rng.random() < 0.6 else Setting.FCCH,
                AgeGroup.PRESCHOOL if rng.random() < 0.55 else AgeGroup.INFANT_TODDLER,
            )  # fmt: skip
            start = first.first_day + timedelta(rng.randrange(0, 21))
            if len(self.years) > 1 and index not in inactive and rng.random() < 0.3:
                start = rng.choice(self.years[1:]).first_day + timedelta(rng.randrange(0, 100))
            start = min(start, self.today - timedelta(1))
            end = None
            if index in inactive:  # left the program a few months ago
                end = max(start + timedelta(60), self.today - timedelta(rng.randrange(60, 240)))
                end = min(end, self.today - timedelta(1))
            center = setting is Setting.CENTER
            site = sites.center(rng) if center else sites.home(rng, family)
            notes = rng.choice(T.PROVIDER_NOTES) if rng.random() < 0.3 else ""
            if end is not None:
                reason = rng.choice(T.INACTIVE_REASONS)
                notes = T.INACTIVE_NOTE.format(month=Month.of(end).label, reason=reason)
            morning = center and age is AgeGroup.PRESCHOOL  # infants nap early afternoon
            provider = _Provider(
                0, setting, age, start, end, tuple(rng.sample(range(5), 2)),
                rng.choice((510, 540, 570, 600) if morning else (570, 765, 780, 810)),
                "the preschoolers" if age is AgeGroup.PRESCHOOL else "the toddlers",
            )  # fmt: skip
            provider.id = self.add(
                m.Provider,
                {"name": name, "site": site, "setting": setting.value, "age_group": age.value,
                 "email": T.email(name, site, center=center), "phone": T.phone(rng),
                 "active": end is None, "notes": notes,
                 "created_on": start - timedelta(rng.randrange(3, 20))},
            )  # fmt: skip
            self.providers.append(provider)

    # -- coaching: visits and action plans --------------------------------------------------

    def coach(self, p: _Provider, year: ProgramYear) -> None:
        """A year of visits and action plans: one plan, often a new one from January."""
        rng = self.rng
        months = [mo for mo in self.months_upto(year, 1) if p.active_in(mo.first_day, mo.last_day)]
        if not months:
            return
        themes = [T.render(theme, p.children) for theme in rng.sample(T.THEMES, 2)]
        past = [mo for mo in months if mo <= self.month]  # plans are made at visits held
        split = len(past)
        if len(past) >= 6 and rng.random() < 0.55:
            split = next((i for i, mo in enumerate(past) if mo.month == 1), split)
        for index, month in enumerate(months):
            self.month_visits(p, month, themes[index >= split])
        plans = [(themes[0], past[:split])]
        if split < len(past):
            plans.append((themes[1], past[split:]))
        for number, (theme, span) in enumerate(plans):
            closed = span[-1].last_day if number + 1 < len(plans) else None
            if closed is None and (year.last_day < self.today or p.end):
                closed = min(year.last_day, p.end or year.last_day)
            self.action_plan(p, theme, span, closed)

    def month_visits(self, p: _Provider, month: Month, theme: T.Theme) -> None:
        rng = self.rng
        pattern = rng.choice(_SHORT_MONTHS if rng.random() < 0.2 else _FULL_MONTHS)
        if month.first_day > self.today:  # next month: some first visits are booked already
            if rng.random() < 0.5:
                return
            pattern = pattern[:1]
        days = self.month_days(month)
        for part, planned in enumerate(pattern):
            # Spread the visits over the month, on the provider's usual weekdays if possible.
            window = days[part * len(days) // len(pattern) : (part + 1) * len(days) // len(pattern)]
            usual = [d for d in window if d.weekday() in p.days]
            day = rng.choice(usual if usual and rng.random() < 0.7 else window or days)
            if not p.active_on(day):
                continue
            minutes = planned or rng.choice((30, 45, 60))
            status = SessionStatus.PLANNED if day >= self.today else SessionStatus.COMPLETED
            if planned is None and status is SessionStatus.COMPLETED:
                status = SessionStatus.CANCELLED
            mode = Mode.IN_PERSON
            if rng.random() < (0.4 if minutes <= 30 else 0.12):
                mode = Mode.PHONE if minutes <= 30 and rng.random() < 0.4 else Mode.VIRTUAL
            self.session(
                p, day, self.book(day, p.start_minute, minutes), minutes, mode, status, theme
            )

    def book(self, day: date, preferred: int, minutes: int) -> int:
        """A start time for the coach that day, 8:00–15:30, clear of her other visits."""
        booked = self.busy.setdefault(day, [])
        start = preferred
        for _ in range(6):  # a stress store books more than a day holds: then overlap
            if all(start + minutes + 30 <= b or start >= e + 30 for b, e in booked):  # +drive
                break
            start = 480 + 15 * self.rng.randrange(0, 31)
        booked.append((start, start + minutes))
        return start

    def session(
        self, p: _Provider, day: date, start: int, minutes: int, mode: Mode,
        status: SessionStatus, theme: T.Theme,
    ) -> None:  # fmt: skip
        rng = self.rng
        row: Row = {
            "uid": self.uid(), "provider_id": p.id, "date": day,
            "start_time": time(start // 60, start % 60), "minutes": minutes, "mode": mode.value,
            "status": status.value, "sections_json": [], "strategies_json": "[]",
            "focus": theme.name, "strengths": "", "next_steps": "", "joint_plan": "",
            "coach_notes": "", "feedback_sent_on": None, "cms_entered_on": None,
        }  # fmt: skip
        created = updated = self.at(day - timedelta(rng.randrange(5, 25)), 960)
        last = None
        if status is SessionStatus.CANCELLED:
            row["coach_notes"] = rng.choice(T.CANCEL_NOTES)
        elif last := self.pending.pop(p.id, None):  # the last visit's notes name this one
            clock = f"{(start // 60 - 1) % 12 + 1}:{start % 60:02d} {'AM' if start < 720 else 'PM'}"
            last[-1]["text"] = f"{day:%A, %B} {day.day}, {clock} ({mode.label})"
        if status is SessionStatus.COMPLETED:
            row.update(
                strengths=rng.choice(theme.strengths),
                next_steps=rng.choice(theme.next_steps),
                joint_plan=rng.choice(theme.joint_plan),
                coach_notes=rng.choice(T.COACH_NOTES) if rng.random() < 0.3 else "",
            )
            row["sections_json"] = self.pending[p.id] = self.sections(theme, mode, row, last)
            strategies = rng.sample(_STRATEGIES, rng.randint(1, 3))
            if mode is Mode.IN_PERSON:
                strategies.insert(0, "obs-observing")
            if rng.random() < 0.35:
                strategies.append("meet-goal-setting")
            if row["feedback_sent_on"] is None and rng.random() < 0.75:
                strategies.append("fu-email")
            row["strategies_json"] = json.dumps(strategies)
            created = updated = self.at(day, start + minutes + rng.randrange(30, 240))
            if rng.random() < 0.75:
                sent = self.at(day + timedelta(rng.choice((0, 0, 1, 2))), rng.randrange(960, 1170))
                if sent < self.now:
                    row["feedback_sent_on"] = updated = max(sent, updated)
            # A realistic CMS backlog: the last weeks' visits are often not entered yet.
            age = (self.today - day).days
            skip = 0.55 if age <= 14 else 0.25 if age <= 42 else 0.005
            entered = day + timedelta(rng.choice((1, 1, 2, 3, 4, 6, 8)))
            if rng.random() >= skip and entered < self.today:
                row["cms_entered_on"] = entered
                updated = max(updated, self.at(entered, 1200))
            key = (p.id, Month.of(day).key)
            self.visits.setdefault(key, []).append((self.ids[m.CoachingSession], day))
        row["created_at"], row["updated_at"] = created, updated
        self.add(m.CoachingSession, row)

    def sections(
        self, theme: T.Theme, mode: Mode, row: Row, last: list[dict[str, Any]] | None
    ) -> list[dict[str, Any]]:
        rng = self.rng
        review = f"First visit on this goal: {theme.goal}"
        if last:  # the previous visit's joint plan is what this one reviews
            agreed = last[-1]["plan"]
            review = f"Last plan: {agreed} {rng.choice(T.REVIEW_PROGRESS)}"
        observed = rng.choice(theme.observed)
        if mode is not Mode.IN_PERSON:
            observed = f"{mode.label} visit, no observation; the provider described the week."
        row["focus"] = f"{theme.name}. {rng.choice(theme.reflections)}"
        notes = {"check-in": rng.choice(T.CHECK_INS), "review": review,
                 "data-observation": observed}  # fmt: skip
        # The built-in agenda's sections as a session keeps them: bound sections keep their
        # text in the session's own columns; the last (next visit) is filled in later.
        sections: list[dict[str, Any]] = [
            {"key": s.key, "title": s.title, "prompt": s.prompt, "field": s.field,
             "shareable": s.shareable, "text": "" if s.field else notes.get(s.key, "")}
            for s in self.agenda.sections
        ]  # fmt: skip
        sections[-1]["plan"] = row["joint_plan"]  # read by the next visit, then dropped
        return sections

    def action_plan(
        self, p: _Provider, theme: T.Theme, span: list[Month], closed: date | None
    ) -> None:
        """A plan of 2–4 steps whose status history follows the visits they were worked on."""
        rng = self.rng
        steps = list(theme.steps[: rng.choice((2, 3, 3))])
        if rng.random() < 0.25:
            steps.append(T.SHARE_STEP)
        first = self.visit_near(p, span[0].first_day)
        created = first[1] if first else max(p.start, span[0].first_day)
        plan_id = self.add(
            m.ActionPlan,
            {"provider_id": p.id, "goal": theme.goal, "created_on": created, "closed_on": closed},
        )
        # Targets spread over the plan's life; an open plan's last ones lie ahead.
        length = ((closed or self.today + timedelta(90)) - created).days
        for position, (text, resources, looks_like) in enumerate(steps):
            target = created + timedelta(days=length * (position + 1) // (len(steps) + 1))
            history = [(created, "not-started", first[0] if first else None)]
            started = created + timedelta(length * position // (len(steps) + 1) + rng.randrange(9))
            finished = target + timedelta(days=rng.randrange(-7, 7))
            for when, status, chance in ((started, "in-progress", 0.95), (finished, "done", 0.85)):
                visit = self.visit_near(p, when)
                if visit and visit[1] >= history[-1][0]:
                    when = visit[1]  # steps move on at visits
                when = max(when, history[-1][0])
                if when >= min(closed or self.today, self.today) or rng.random() > chance:
                    break
                history.append((when, status, visit[0] if visit and visit[1] == when else None))
            step_id = self.add(
                m.ActionStep,
                {"plan_id": plan_id, "position": position, "step": text, "resources": resources,
                 "who": rng.choice(("Provider", "Provider and coach")),
                 "done_looks_like": looks_like, "target_date": target, "status": history[-1][1],
                 "done_date": history[-1][0] if history[-1][1] == "done" else None},
            )  # fmt: skip
            for when, status, session_id in history:
                self.add(
                    m.ActionStepStatus,
                    {"step_id": step_id, "changed_on": when, "status": status,
                     "session_id": session_id},
                )  # fmt: skip

    def visit_near(self, p: _Provider, day: date) -> tuple[int, date] | None:
        """The provider's completed visit in ``day``'s month nearest to it, if any."""
        visits = self.visits.get((p.id, Month.of(day).key))
        return min(visits, key=lambda v: abs((v[1] - day).days)) if visits else None


def _central() -> tzinfo:
    # Stored datetimes must be timezone-aware; the coach lives on Central time. Without the
    # tz database (a bare Windows Python) a fixed offset is close enough for a demo.
    try:
        return ZoneInfo("America/Chicago")
    except ZoneInfoNotFoundError:
        return timezone(timedelta(hours=-6), "CST")


def _holiday(day: date) -> bool:
    """Days without visits: federal holidays, Thanksgiving Friday, Christmas to New Year."""
    if (day.month, day.day) in {(7, 4), (6, 19), (1, 1)} or (day.month, day.day) >= (12, 24):
        return True
    nth, weekday = (day.day - 1) // 7 + 1, day.weekday()
    thanksgiving = day.month == 11 and weekday in (3, 4) and 22 <= day.day - (weekday == 4) <= 28
    memorial = day.month == 5 and weekday == 0 and day.day > 24
    return thanksgiving or memorial or (day.month, weekday, nth) in {(9, 0, 1), (1, 0, 3)}
