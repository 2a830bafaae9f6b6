"""The dashboard's month from aggregate queries on a real store."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy import event

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.dosage import DosageStatus, Pace
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.services.demo import build_demo_store

DEC = Month(2026, 12)
TODAY = date(2026, 12, 4)


def add(services: Any, name: str) -> int:
    return int(
        services.providers.add(ProviderInput(name=name, setting="center", age_group="preschool")).id
    )


def visit(pid: int, day: date, minutes: int, status: SessionStatus, **kw: Any) -> SessionInput:
    return SessionInput(provider_id=pid, day=day, start_time=time(9), minutes=minutes,
                        mode=Mode.IN_PERSON, status=status, **kw)  # fmt: skip


def test_dosage_for_every_active_provider(services: Any) -> None:
    ana, bo, cy = add(services, "Ana"), add(services, "Bo"), add(services, "Cy")
    s = services.sessions
    s.create(visit(ana, date(2026, 12, 1), 90, SessionStatus.COMPLETED))
    s.create(visit(bo, date(2026, 12, 2), 30, SessionStatus.COMPLETED))
    s.create(visit(bo, date(2026, 12, 20), 60, SessionStatus.PLANNED))
    s.create(visit(cy, date(2026, 11, 30), 90, SessionStatus.COMPLETED))  # another month
    services.providers.set_active(cy, False)
    overview = services.dashboard.month(DEC)
    rows = {row.provider_name: row.dosage for row in overview.dosage}
    assert set(rows) == {"Ana", "Bo"}  # inactive providers are not on the dashboard
    assert (rows["Ana"].status, rows["Ana"].pace) == (DosageStatus.MET, Pace.MET)
    assert (rows["Bo"].done_minutes, rows["Bo"].scheduled_minutes) == (30, 60)
    assert rows["Bo"].pace is Pace.COVERED
    assert overview.met_count == 1


def test_backlog_is_oldest_first_with_days_waiting(services: Any) -> None:
    ana = add(services, "Ana")
    s = services.sessions
    s.create(visit(ana, date(2026, 11, 20), 60, SessionStatus.COMPLETED))
    s.create(visit(ana, date(2026, 10, 30), 60, SessionStatus.COMPLETED))
    s.create(
        visit(ana, date(2026, 11, 2), 60, SessionStatus.COMPLETED, cms_entered_on=date(2026, 11, 3))
    )
    s.create(visit(ana, date(2026, 12, 20), 60, SessionStatus.PLANNED))
    backlog = services.dashboard.month(DEC).backlog
    assert [(b.day, b.days_waiting) for b in backlog] == [
        (date(2026, 10, 30), 35), (date(2026, 11, 20), 14)]  # fmt: skip
    assert services.dashboard.month(DEC).backlog_total == 2


def test_a_long_backlog_lists_the_oldest_and_counts_them_all(
    services: Any, monkeypatch: Any
) -> None:
    from rooted_desktop.store import dashboard as dashboard_rows

    ana = add(services, "Ana")
    for day in range(1, 8):
        services.sessions.create(visit(ana, date(2026, 11, day), 30, SessionStatus.COMPLETED))
    limited = dashboard_rows.cms_backlog
    monkeypatch.setattr(dashboard_rows, "cms_backlog", lambda session: limited(session, limit=3))
    overview = services.dashboard.month(DEC)
    assert [b.day.day for b in overview.backlog] == [1, 2, 3]
    assert overview.backlog_total == 7
    summary = services.documents.monthly_summary(DEC)
    assert (len(summary.backlog), summary.backlog_total) == (3, 7)


def test_the_guides_plan_with_a_checklist_kept_per_month(services: Any) -> None:
    november = services.dashboard.month(Month(2026, 11))
    assert november.plan.period_title.startswith("October")
    components = [item.component for item in november.plan.items]
    assert "Observation Debrief" in components  # the November/December rows count too
    key = november.plan.items[0].key
    services.dashboard.set_done(Month(2026, 11), key, True)
    assert services.dashboard.month(Month(2026, 11)).plan.items[0].done_on == TODAY
    assert services.dashboard.month(Month(2026, 11)).plan.done_count == 1
    assert services.dashboard.month(DEC).plan.done_count == 0  # per month
    services.dashboard.set_done(Month(2026, 11), key, False)
    assert services.dashboard.month(Month(2026, 11)).plan.done_count == 0


def count_queries(services: Any, call: Any) -> int:
    seen: list[str] = []

    def listen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(services.store.engine, "before_cursor_execute", listen)
    try:
        call()
    finally:
        event.remove(services.store.engine, "before_cursor_execute", listen)
    return len(seen)


def test_query_count_does_not_grow_with_providers_or_history(tmp_path: Any) -> None:
    from rooted_desktop.services.container import Services

    counts = []
    for providers, years in ((2, 1), (30, 4)):
        opened = Services.open(tmp_path / f"{providers}" / "s.sqlite3", clock=lambda: TODAY)
        try:
            build_demo_store(opened.store, providers=providers, years=years, today=TODAY)
            counts.append(count_queries(opened, lambda o=opened: o.dashboard.month(DEC)))
        finally:
            opened.close()
    assert counts[0] == counts[1] <= 14  # a fixed handful, whatever the history


def test_reflective_consultation_of_the_month_in_words() -> None:
    from rooted_desktop.core.dashboard import rc_status
    from rooted_desktop.core.program import ConsultationRecord

    def rc(day: date, attended: bool) -> ConsultationRecord:
        return ConsultationRecord(id=1, uid="u", day=day, start=None, minutes=60,
                                  attended=attended, notes="")  # fmt: skip

    assert rc_status(DEC, [rc(date(2026, 12, 2), True)], TODAY) == "Attended Dec 2"
    assert rc_status(DEC, [rc(date(2026, 12, 9), False)], TODAY) == "Planned Dec 9"
    assert rc_status(DEC, [], TODAY) == "Not yet scheduled"
    assert rc_status(Month(2026, 11), [], TODAY) == "Missed"


def test_the_program_year_is_on_the_dashboard(services: Any) -> None:
    build_demo_store(services.store, providers=4, years=1, today=TODAY)
    overview = services.dashboard.month(DEC)
    assert overview.program.pcm_min == 6 and overview.program.pcm_max == 12
    assert overview.program.pcm_pace_text
    assert overview.rc_this_month.startswith(("Attended", "Planned", "Not yet"))
