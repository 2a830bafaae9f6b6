"""The measures taken inside this process, each alternating project and floor.

- data: what the dashboard, one calendar month and the Sessions page for one month read,
  through the services (read models, as the pages get them) against the very SQL
  statements those calls send, replayed through plain sqlite3 on the same connection and
  fetched whole: the same rows, without the ORM or any of our Python.
- flat in history: the same service calls on the stress store against the 1-year store.
- monthly PDF: the summary job (its data, the PDF, the file written) against reportlab
  laying out plain tables of the same rows, in the same font, into a file.
- draft autosave: the service call a typing pause makes against a plain sqlite3 upsert of
  the same row and a commit, both on the same connection with the same pragmas (WAL,
  synchronous=FULL), so both wait for the same fsync.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event

from rooted_desktop.core.calendar import Month, grid_range
from rooted_desktop.core.monthly import MonthlySummary
from rooted_desktop.resources import resource
from rooted_desktop.services.container import Services
from rooted_desktop.services.sessions import SessionQuery

TODAY = date(2026, 12, 4)  # the demo stores' "today"
VIEW_MONTH = Month(2026, 12)  # the month the app opens on
PDF_MONTH = Month(2026, 11)  # the last whole month: the one a coach prints
# The reads are all computation (the stores sit in the page cache): timed in this process's
# CPU time, which other programs busy on the machine do not inflate. The PDF (it writes a
# file) and the autosave (it waits for the disk) are timed on the wall clock.
CPU = time.process_time


def open_services(store_file: Path) -> Services:
    return Services.open(store_file, clock=lambda: TODAY)


def timed(call: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    """Milliseconds of one call, in the steady state (no forced collection beforehand: a
    full collection walks the whole heap and leaves the CPU caches cold for whoever is next,
    which is not what a page refresh in the running app meets)."""
    started = clock()
    call()
    return 1000 * (clock() - started)


def alternate(
    project: Callable[[], object],
    floor: Callable[[], object],
    repeats: int,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """Medians of ``repeats`` alternating runs, after one unmeasured run of each."""
    project()
    floor()
    ours, theirs = [], []
    for _ in range(repeats):
        ours.append(timed(project, clock))
        theirs.append(timed(floor, clock))
    return statistics.median(ours), statistics.median(theirs)


# -- data for the pages --------------------------------------------------------------------
def read_views(services: Services, month: Month = VIEW_MONTH) -> None:
    services.dashboard.month(month)
    services.calendar.items_by_day(*grid_range(month))  # the six weeks the page shows
    services.sessions.find(SessionQuery(first_day=month.first_day, last_day=month.last_day))


@contextmanager
def raw_connection(services: Services) -> Iterator[sqlite3.Connection]:
    """The store's own sqlite3 connection, outside the ORM (no transaction left open)."""
    with services.store.raw_connection() as connection:
        yield connection


def captured_queries(services: Services) -> list[tuple[str, Any]]:
    """The SELECT statements (with their parameters) that ``read_views`` sends."""
    sent: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, parameters))

    engine = services.store.engine
    event.listen(engine, "before_cursor_execute", grab)
    try:
        read_views(services)
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    return sent


def measure_data(services: Services, repeats: int) -> tuple[float, float, int]:
    """(project ms, floor ms, statements) for the three pages' reads on one store."""
    queries = captured_queries(services)
    with raw_connection(services) as connection:

        def replay() -> None:
            for statement, parameters in queries:
                connection.execute(statement, parameters).fetchall()

        ours, floor = alternate(lambda: read_views(services), replay, repeats, CPU)
    return ours, floor, len(queries)


def measure_flat(stress: Services, one_year: Services, repeats: int) -> tuple[float, float]:
    """(stress ms, 1-year ms): the same reads on ten years of history and on one."""
    return alternate(lambda: read_views(stress), lambda: read_views(one_year), repeats, CPU)


# -- the monthly summary PDF ----------------------------------------------------------------
def floor_pdf(summary: MonthlySummary, path: Path) -> None:
    """Plain reportlab: a title and one table per section of the summary, same rows, same
    font (DejaVu: provider names need more than Latin-1), a repeating header row."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    if "FloorSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FloorSans", str(resource("fonts", "DejaVuSans.ttf"))))
    style = TableStyle(
        [("FONTNAME", (0, 0), (-1, -1), "FloorSans"), ("FONTSIZE", (0, 0), (-1, -1), 8),
         ("GRID", (0, 0), (-1, -1), 0.5, "#b0b4b8")]
    )  # fmt: skip
    title = getSampleStyleSheet()["Title"]
    title.fontName = "FloorSans"
    tables: list[list[list[str]]] = [
        [["Provider", "Done", "Planned", "Target", "Status", "Pace"]]
        + [[d.provider_name, str(d.done_minutes), str(d.planned_minutes), str(d.target),
            d.status, d.pace] for d in summary.dosage],
        [["Date", "Provider", "Minutes", "Mode", "Status", "In CMS"]]
        + [[str(x.day), x.provider_name, str(x.minutes), x.mode, x.status, x.in_cms]
           for x in summary.sessions],
        [["Session date", "Provider", "Minutes", "Days waiting"]]
        + [[str(b.day), b.provider_name, str(b.minutes), str(b.days_waiting)]
           for b in summary.backlog],
        [["Training", "Held", "Status"]]
        + [[t.name, str(t.held_count), t.status] for t in summary.program.trainings],
        [["Requirement", "Done", "In progress", "Not started", "Overdue", "N/A"]]
        + [[r.name, str(r.done), str(r.in_progress), str(r.not_started), str(r.overdue),
            str(r.not_applicable)] for r in summary.requirements],
        [["Provider", "Requirement", "Status"]]
        + [[o.provider_name, o.requirement, o.status] for o in summary.overdue],
        [["Part", "Activity", "Follow-up", "Done"]]
        + [[p.component, p.activity, p.follow_up, p.tick] for p in summary.plan],
    ]  # fmt: skip
    story: list[Any] = [Paragraph(f"Monthly summary: {summary.month_label}", title)]
    story += [Table(rows, repeatRows=1, style=style) for rows in tables if len(rows) > 1]
    SimpleDocTemplate(str(path), pagesize=letter).build(story)


def measure_pdf(services: Services, scratch: Path, repeats: int) -> tuple[float, float, int]:
    """(project ms, floor ms, providers) for the monthly summary of ``PDF_MONTH``."""
    documents = services.documents
    summary = documents.monthly_summary(PDF_MONTH)  # the floor's rows, gathered untimed
    ours_path, floor_path = scratch / "monthly.pdf", scratch / "floor.pdf"
    ours, floor = alternate(
        lambda: documents.monthly_job(ours_path, PDF_MONTH).run(),
        lambda: floor_pdf(summary, floor_path),
        repeats,
    )
    return ours, floor, len(summary.dosage)


# -- draft autosave -------------------------------------------------------------------------
def _payload(number: int) -> dict[str, Any]:
    """A session form mid-typing: a few paragraphs, growing a little each save."""
    text = "Ms. Ana modelled the visual schedule at circle time; children followed it. " * 6
    return {
        "session_id": None,
        "form": {
            "provider_id": 1,
            "day": TODAY.isoformat(),
            "minutes": 60,
            "focus": "Transitions with visual schedules",
            "strengths": text,
            "next_steps": text[: 40 + number % 200],
            "joint_plan": "Try the timer warning before clean-up for two weeks.",
            "coach_notes": text,
        },
    }


def measure_autosave(services: Services, rounds: int, saves: int) -> tuple[float, float]:
    """(project p99 ms, floor p99 ms): the median over ``rounds`` of each round's p99."""
    key, title = "session:perf", "Perf — draft"
    with raw_connection(services) as connection:

        def raw_save(payload: dict[str, Any]) -> None:
            connection.execute("BEGIN")
            connection.execute(
                "INSERT INTO draft (key, title, payload_json, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET title = excluded.title, "
                "payload_json = excluded.payload_json, updated_at = excluded.updated_at",
                (
                    key + ":floor",
                    title,
                    json.dumps(payload, ensure_ascii=False, sort_keys=True),
                    datetime.now(UTC).isoformat(sep=" "),
                ),
            )
            connection.execute("COMMIT")

        services.drafts.save(key, title, _payload(0))  # warm both paths
        raw_save(_payload(0))
        ours_p99, floor_p99 = [], []
        for _ in range(rounds):
            ours, floor = [], []
            for number in range(saves):
                payload = _payload(number)
                started = time.perf_counter()
                services.drafts.save(key, title, payload)
                ours.append(1000 * (time.perf_counter() - started))
                started = time.perf_counter()
                raw_save(payload)
                floor.append(1000 * (time.perf_counter() - started))
            ours_p99.append(_p99(ours))
            floor_p99.append(_p99(floor))
        connection.execute("DELETE FROM draft WHERE key = ?", (key + ":floor",))
    services.drafts.discard(key)
    return statistics.median(ours_p99), statistics.median(floor_p99)


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
