"""CMS entry sheets: every field of each session, labelled, to re-type into CMS (coach-facing)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rooted_desktop.core.documents import CmsSheet, long_date, short_date
from rooted_desktop.reports.kit import DocMeta

EMPTY = "—"


def render_cms_sheets(sheets: Sequence[CmsSheet], meta: DocMeta) -> bytes:
    """One session after another, each from a new page; long notes run on to the next page."""
    from rooted_desktop.reports import kit

    return kit.build_pdf(
        [_sheet(sheet) for sheet in sheets],
        meta,
        number_each_part=True,
        part_labels=[f"{sheet.provider_name} · {short_date(sheet.day)}" for sheet in sheets],
    )


def _sheet(sheet: CmsSheet) -> list[Any]:
    from rooted_desktop.reports import kit

    width = kit.frame_width()
    story: list[Any] = [
        kit.paragraph(sheet.provider_name, "title"),
        kit.paragraph(f"{long_date(sheet.day)} · session {sheet.session_id}", "subtitle"),
    ]
    facts = [[label, value or EMPTY] for label, value in sheet.visit_facts()]
    story.append(kit.table(facts, [width * 0.28, width * 0.72], header=False))

    story.append(kit.paragraph("Coaching strategies used", "heading"))
    if sheet.strategies:
        rows = [[group.phase, ", ".join(group.labels)] for group in sheet.strategies]
        story.append(kit.table(rows, [width * 0.28, width * 0.72], header=False))
    else:
        story.append(kit.paragraph("None recorded.", "small"))

    for label, text in sheet.narrative():
        story.append(kit.paragraph(label, "heading"))
        story.append(kit.paragraph(text) if text.strip() else kit.paragraph(EMPTY, "small"))
    return story
