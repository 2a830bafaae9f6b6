"""The monthly summary: its read model from a demo store, and the PDF read back with pypdf:
every provider named (Unicode too), sections in order, the chart drawn, pages numbered,
and 200 providers with the dosage table's header on every page of the table."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.monthly import MonthlySummary
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.reports import monthly_pdf
from rooted_desktop.reports.monthly_pdf import render_monthly
from rooted_desktop.services.demo import build_demo_store
from tests.conftest import TODAY

MONTH = Month(2026, 12)
NAMES = ("Nguyễn Thị Bích Ngọc", "Łucja Wiśniewska-Kowalczyk", "Zoë Peña Ñúñez")
SECTIONS = (
    monthly_pdf.SECTION_DOSAGE,
    monthly_pdf.SECTION_CHART,
    monthly_pdf.SECTION_SESSIONS,
    monthly_pdf.SECTION_BACKLOG,
    monthly_pdf.SECTION_PROGRAM,
    monthly_pdf.SECTION_REQUIREMENTS,
    monthly_pdf.SECTION_PLAN,
)
DOSAGE_HEADER = "Provider Done Planned Target Status Pace"


def _pages(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


def _summary(services: Any) -> MonthlySummary:
    return services.documents.monthly_summary(MONTH)  # type: ignore[no-any-return]


def _render(services: Any, out: Path) -> tuple[MonthlySummary, bytes]:
    summary = _summary(services)
    assert services.documents.export_monthly(out, MONTH) == len(summary.dosage)
    return summary, out.read_bytes()


@pytest.fixture
def demo(services: Any) -> Any:
    build_demo_store(services.store, providers=6, years=1, today=TODAY)
    for name in NAMES:
        services.providers.add(
            ProviderInput(name=name, site="Site <A> & B", setting="center", age_group="preschool")
        )
    services.requirements.ensure_year(services.years.current())
    return services


def test_summary_model(demo: Any) -> None:
    summary = _summary(demo)
    overview = demo.dashboard.month(MONTH)
    assert summary.month_label == "December 2026" and summary.program_year == "2026-27"
    assert [d.provider_name for d in summary.dosage] == [r.provider_name for r in overview.dosage]
    assert {n for n in NAMES} <= {d.provider_name for d in summary.dosage}
    assert all(MONTH.contains(s.day) for s in summary.sessions)
    assert [s.day for s in summary.sessions] == sorted(s.day for s in summary.sessions)
    assert [b.day for b in summary.backlog] == sorted(b.day for b in summary.backlog)
    assert len(summary.plan) == len(overview.plan.items)
    matrix = demo.requirements.matrix(demo.years.current())
    active = sum(1 for row in matrix.rows if row.active)
    for counts in summary.requirements[: len(matrix.columns)]:
        assert counts.total == active
    assert all(o.status.startswith("Overdue") for o in summary.overdue)
    assert sum(c.overdue for c in summary.requirements) == len(summary.overdue)


def test_plan_ticks(demo: Any) -> None:
    key = demo.dashboard.month(MONTH).plan.items[0].key
    demo.dashboard.set_done(MONTH, key, True)
    plan = _summary(demo).plan
    assert plan[0].tick == "Done Dec 4, 2026"
    assert all(line.tick == "Open" for line in plan[1:])
    text = " ".join(_pages(render_monthly(_summary(demo), demo.documents.monthly_meta(MONTH))))
    assert "Done Dec 4, 2026" in text and "Open" in text


def test_pdf_names_sections_chart_and_pages(demo: Any, tmp_path: Path) -> None:
    summary, data = _render(demo, tmp_path / "monthly.pdf")
    pages = _pages(data)
    text = " ".join(pages)
    for line in summary.dosage:
        assert line.provider_name in text
    for name in NAMES:
        assert name in text
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    assert pages[0].count("Page 1 of") == 1
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))
    assert "Monthly summary · December 2026" in pages[0]
    assert DOSAGE_HEADER in text
    # The chart: its legend and value axis are text in the PDF, and it draws rectangles.
    assert "90-minute target" in text and "Minutes this month" in text
    streams = [page.get_contents() for page in PdfReader(io.BytesIO(data)).pages]
    raw = b"".join(stream.get_data() for stream in streams if stream is not None)
    assert raw.count(b" re") >= len(summary.dosage)


def test_chart_chunks() -> None:
    lines = tuple(range(60))
    chunks = monthly_pdf.chart_chunks(lines)  # type: ignore[arg-type]
    assert [len(c) for c in chunks] == [25, 25, 10]


def test_empty_month_renders(services: Any) -> None:
    summary = _summary(services)
    assert summary.dosage == () and summary.sessions == ()
    text = " ".join(_pages(render_monthly(summary, services.documents.monthly_meta(MONTH))))
    assert "No active providers." in text and "No sessions this month." in text


@pytest.mark.slow
def test_two_hundred_providers(services: Any, tmp_path: Path) -> None:
    build_demo_store(services.store, providers=200, years=1, today=date(2026, 12, 4))
    summary, data = _render(services, tmp_path / "monthly-200.pdf")
    pages = _pages(data)
    text = " ".join(pages)
    assert len(summary.dosage) > 100
    for line in summary.dosage:
        assert line.provider_name in text
    first = next(i for i, p in enumerate(pages) if monthly_pdf.SECTION_DOSAGE in p)
    chart = next(i for i, p in enumerate(pages) if monthly_pdf.SECTION_CHART in p)
    assert chart - first >= 2  # the table runs over several pages
    for page in pages[first : chart + 1]:
        assert DOSAGE_HEADER in page
    charts = monthly_pdf.chart_chunks(summary.dosage)
    assert len(charts) > 1
    assert f"{monthly_pdf.SECTION_CHART} ({len(charts)} of {len(charts)})" in text
    assert all(f"of {len(pages)}" in p for p in pages)
