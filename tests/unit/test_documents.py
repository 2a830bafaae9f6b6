"""Printed agendas and CMS entry sheets: Unicode names, page numbers, one visit per page,
long notes running on, and coach-only text never reaching the provider's agenda."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from rooted_desktop.core.documents import short_date
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.records import SectionNote
from rooted_desktop.core.requirements import ObservationInput, RequirementInput
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.services.demo import build_demo_store
from rooted_desktop.services.documents import DocumentService, between, describe_scope
from tests.conftest import TODAY
from tests.long_notes import FIELDS, long_session

SECRET = "SENTINEL-COACH-ONLY-7f3a"
NAMES = ("Nguyễn Thị Bích Ngọc", "Łucja Wiśniewska-Kowalczyk", "Peña Ñúñez")
FIRST, LAST = date(2026, 12, 7), date(2026, 12, 11)


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _service(services: Any) -> DocumentService:
    s = services
    return DocumentService(
        s.sessions, s.providers, s.dashboard, s.requirements, s.agenda, s.profile, s.years,
        s.guide, s.clock,
    )  # fmt: skip


@pytest.fixture
def world(services: Any) -> dict[str, Any]:
    """The demo, three Unicode-named providers with a planned visit each in FIRST..LAST,
    a long completed session, and SECRET in every coach-only field there is."""
    build_demo_store(services.store, providers=6, years=1, today=TODAY)
    sections = services.agenda.current().sections
    added = []
    for number, name in enumerate(NAMES):
        provider = services.providers.add(
            ProviderInput(
                name=name, site=f"Site {number} & Sons <north>", setting="center",
                age_group="preschool" if number % 2 else "infant-toddler",
                notes=f"provider notes {SECRET}",
            )
        )  # fmt: skip
        added.append(provider)
    year = services.years.current()
    services.requirements.ensure_year(year)
    noted = 0
    for row in services.requirements.matrix(year).rows:
        for cell in row.cells:
            if cell is not None:
                services.requirements.update(cell.id, RequirementInput(notes=f"req {SECRET}"))
                noted += 1
        services.requirements.save_observation(
            None,
            ObservationInput(
                provider_id=row.provider_id, tool="TPOT" if row.age_group == "preschool" else
                "TPITOS", observer="Inga Sørensen", scheduled_on=date(2026, 11, 2),
                completed_on=date(2026, 11, 2), debrief_on=date(2026, 11, 20),
                debrief_strengths=f"strengths {SECRET}", debrief_next_steps=f"next {SECRET}",
            ),
        )  # fmt: skip
    assert noted > 0 and services.requirements.observations(year)
    secret_notes = tuple(
        SectionNote(s.key, s.title, s.prompt, s.field, s.shareable,
                    "" if s.shareable else f"section {SECRET}")
        for s in sections
    )  # fmt: skip
    planned = []
    for number, provider in enumerate(added):
        planned.append(
            services.sessions.create(
                SessionInput(
                    provider_id=provider.id, day=date(2026, 12, 7 + number),
                    start_time=time(9 + number, 30), minutes=90, mode=Mode.IN_PERSON,
                    status=SessionStatus.PLANNED, sections=secret_notes,
                    coach_notes=f"planned {SECRET}",
                )
            )
        )  # fmt: skip
    long = long_session(added[0].id, date(2026, 12, 3), sections)
    long = replace(
        long,
        coach_notes=long.coach_notes + f" {SECRET}",
        sections=tuple(
            n if n.shareable else replace(n, text=n.text + f" {SECRET}") for n in long.sections
        ),
    )
    completed = services.sessions.create(long)
    return {
        "providers": added, "planned": planned, "long": completed,
        "docs": _service(services), "services": services,
    }  # fmt: skip


def test_agendas_print_unicode_names_one_visit_per_page_numbered(world: dict[str, Any]) -> None:
    from rooted_desktop.reports.agenda_pdf import render_agendas, visit_line
    from rooted_desktop.reports.kit import DocMeta

    docs = world["docs"].agenda_docs(between(FIRST, LAST))
    assert {d.provider_name for d in docs} >= set(NAMES)
    assert [d.day for d in docs] == sorted(d.day for d in docs)
    meta = DocMeta("Coaching visit agenda", "Zoë Łaska-Nguyễn", "2026-27", TODAY)
    pages = _pages(render_agendas(docs, meta))

    firsts = [text for text in pages if re.search(r"Page 1 of \d+", text)]
    assert len(firsts) == len(docs)  # each visit starts its own page, numbered by itself
    for doc, text in zip(docs, firsts, strict=True):
        assert doc.provider_name in text
        assert _flat(visit_line(doc)) in _flat(text)
    for text in pages:
        assert re.search(r"Page \d+ of \d+", text)
        assert "Zoë Łaska-Nguyễn" in text and "2026-27" in text
    everything = "\n".join(pages)
    for name in NAMES:
        assert name in everything
    assert "Site 0 & Sons <north>" in everything  # escaped, printed as typed


def test_one_agenda_has_the_last_joint_plan_steps_and_tasks(world: dict[str, Any]) -> None:
    from rooted_desktop.reports.agenda_pdf import render_agendas
    from rooted_desktop.reports.kit import DocMeta

    doc = world["docs"].agenda_for(world["planned"][0].id)
    assert doc.provider_name == NAMES[0]
    assert doc.last_joint_plan is not None
    assert doc.last_joint_plan.text == FIELDS["joint_plan"]
    assert doc.month_tasks and all(
        t.component != "Provider Collaboration Meeting" for t in doc.month_tasks
    )
    pages = _pages(render_agendas([doc], DocMeta("A", "C", "2026-27", TODAY)))
    text = _flat("\n".join(pages))
    assert "Łukasz Kowalczyk" in text  # from the joint plan text
    assert "Page 1 of" in text
    # Every page says whose agenda it is, and the provider reads lines meant for them.
    label = f"{NAMES[0]} · {short_date(doc.day)}"
    assert all(label in _flat(page) for page in pages)
    for section in world["services"].agenda.current().sections:
        assert _flat(section.agenda_prompt) in text
        assert _flat(section.prompt) not in text
    for section in doc.sections:
        assert _flat(section.title) in text


def test_long_session_cms_sheet_runs_onto_more_pages(world: dict[str, Any]) -> None:
    from rooted_desktop.reports.cms_sheet_pdf import render_cms_sheets
    from rooted_desktop.reports.kit import DocMeta

    sheet = world["docs"].cms_sheet(world["long"].id)
    pages = _pages(render_cms_sheets([sheet], DocMeta("CMS entry sheet", "C", "2026-27", TODAY)))
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    assert NAMES[0] in pages[0] and "Not yet entered" in pages[0]
    assert "Connect and check in" in pages[0]
    last = _flat(pages[-1])
    assert "Coach notes (coach-only)" in last and "ask about staffing" in last
    everything = _flat("\n".join(pages))
    for label in ("Focus practice", "Strengths", "Joint plan until the next visit", "Observing"):
        assert label in everything
    assert _flat(FIELDS["strengths"]) in everything


def test_every_sheet_starts_a_page(world: dict[str, Any]) -> None:
    from rooted_desktop.reports.cms_sheet_pdf import render_cms_sheets
    from rooted_desktop.reports.kit import DocMeta

    sheets = world["docs"].cms_sheets(between(date(2026, 11, 1), date(2026, 11, 30)))
    assert len(sheets) >= 3
    pages = _pages(render_cms_sheets(sheets[:3], DocMeta("CMS", "C", "2026-27", TODAY)))
    assert len(pages) >= 3
    starts = [i for i, t in enumerate(pages) if "Entered in CMS on" in t]
    assert len(starts) == 3


def test_coach_only_text_never_reaches_the_agenda(world: dict[str, Any], tmp_path: Path) -> None:
    docs: DocumentService = world["docs"]
    agendas = tmp_path / "agendas.pdf"
    count = docs.export_agendas(agendas, date(2026, 11, 1), date(2027, 1, 31))
    assert count >= len(NAMES)
    text = "\n".join(_pages(agendas.read_bytes()))
    assert NAMES[1] in text
    assert SECRET not in _flat(text).replace(" ", "") and "SENTINEL" not in text
    for doc in docs.agenda_docs(between(date(2026, 11, 1), date(2027, 1, 31))):
        assert SECRET not in repr(doc)

    sheets = tmp_path / "cms.pdf"
    assert docs.export_cms(sheets, date(2026, 12, 1), date(2026, 12, 31)) >= 1
    cms_text = "\n".join(_pages(sheets.read_bytes()))
    assert _flat(cms_text).count(SECRET) >= 4  # coach notes and three coach-only sections


def test_exports_refuse_an_empty_range(world: dict[str, Any], tmp_path: Path) -> None:
    docs: DocumentService = world["docs"]
    with pytest.raises(UserError, match="no planned visits between"):
        docs.export_agendas(tmp_path / "a.pdf", date(2030, 1, 1), date(2030, 1, 31))
    with pytest.raises(UserError, match="no completed sessions between"):
        docs.export_cms(tmp_path / "c.pdf", date(2030, 1, 1), date(2030, 1, 31))
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "c.pdf").exists()


def test_a_scope_narrows_documents_to_one_provider_or_one_day(world: dict[str, Any]) -> None:
    from rooted_desktop.services.sessions import SessionQuery

    docs: DocumentService = world["docs"]
    every = docs.agenda_docs(between(FIRST, LAST))
    first = every[0]
    one_day = docs.agenda_docs(SessionQuery(first_day=first.day, last_day=first.day))
    assert one_day and all(doc.day == first.day for doc in one_day)
    provider = world["providers"][0]
    mine = docs.agenda_docs(replace(between(FIRST, LAST), provider_id=provider.id))
    assert mine and {doc.provider_name for doc in mine} == {provider.name}
    assert len(mine) < len(every)


def test_messages_name_the_scope_that_was_empty() -> None:
    from rooted_desktop.services.sessions import SessionQuery

    day = date(2026, 12, 4)
    assert describe_scope(SessionQuery(first_day=day, last_day=day)) == "on Dec 4, 2026"
    assert describe_scope(between(day, date(2026, 12, 31))) == (
        "between Dec 4, 2026 and Dec 31, 2026"
    )
    assert describe_scope(SessionQuery()) == "on any date"
    assert describe_scope(SessionQuery(provider_id=3)).endswith("that match the filters")


def test_text_is_printed_as_typed_not_as_markup() -> None:
    from rooted_desktop.reports.kit import DocMeta, build_pdf, paragraph, room_to_write, table

    story = [
        paragraph("<b>not bold</b> & <br/> stays\nsecond line"),
        table([["Head", "Other"], ["a & b", "<i>c</i>"]] + [["x", "y"]] * 80, [200, 200]),
        room_to_write(3),
    ]
    pages = _pages(build_pdf([story], DocMeta("T", "Ł", "2026-27", TODAY)))
    assert "<b>not bold</b> & <br/> stays" in pages[0]
    assert "second line" in pages[0]
    assert len(pages) >= 2 and all("Head" in page for page in pages)  # header row repeats
    assert "Page 2 of" in pages[1]


def test_the_services_import_no_reportlab() -> None:
    code = (
        "import sys, rooted_desktop.services.documents, rooted_desktop.reports.agenda_pdf, "
        "rooted_desktop.reports.cms_sheet_pdf; "
        "print(sorted(m for m in sys.modules if m.startswith('reportlab')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert found == "[]"


def test_a_cancelled_job_writes_nothing(tmp_path: Path) -> None:
    from rooted_desktop.services.documents import DocumentJob

    target = tmp_path / "out.pdf"
    job = DocumentJob(path=target, count=1, render=lambda: b"%PDF-1.4 test")
    assert job.run(lambda: True) is False
    assert list(tmp_path.iterdir()) == []
    assert job.run() is True and target.read_bytes() == b"%PDF-1.4 test"
