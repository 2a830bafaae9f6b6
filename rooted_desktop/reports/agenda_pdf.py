"""The printed pre-visit agenda: one visit per page (or pages), for the provider's hands.

It renders an ``AgendaDoc``, which has no coach-only field, so nothing here can print one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rooted_desktop.core.documents import (
    ActionStepLine,
    AgendaDoc,
    clock_time,
    long_date,
    short_date,
)
from rooted_desktop.reports.kit import DocMeta

WRITE_LINES = 3


def render_agendas(docs: Sequence[AgendaDoc], meta: DocMeta) -> bytes:
    """Every visit's agenda, each starting on a new page and numbered by itself."""
    from rooted_desktop.reports import kit

    return kit.build_pdf(
        [_visit(doc) for doc in docs],
        meta,
        number_each_part=True,
        part_labels=[f"{doc.provider_name} · {short_date(doc.day)}" for doc in docs],
    )


def visit_line(doc: AgendaDoc) -> str:
    """ "Thursday, December 17, 2026 · 9:30 AM · 90 minutes · In person"."""
    parts = [long_date(doc.day), clock_time(doc.start)]
    parts += [f"{doc.minutes} minutes" if doc.minutes else "", doc.mode_label]
    return " · ".join(part for part in parts if part)


def _visit(doc: AgendaDoc) -> list[Any]:
    from rooted_desktop.reports import kit

    width = kit.frame_width()
    story: list[Any] = [kit.paragraph(doc.provider_name, "title")]
    if doc.site:
        story.append(kit.paragraph(doc.site, "subtitle-tight"))
    story.append(kit.paragraph(visit_line(doc), "subtitle"))

    story.append(kit.paragraph("Since our last visit", "heading"))
    if doc.last_joint_plan is not None:
        plan = doc.last_joint_plan
        story.append(kit.paragraph(f"Our joint plan from {short_date(plan.day)}", "label"))
        story.append(kit.paragraph(plan.text))
    else:
        story.append(kit.paragraph("No joint plan recorded yet.", "small"))
    goals: dict[str, list[ActionStepLine]] = {}
    for step in doc.open_steps:
        goals.setdefault(step.goal, []).append(step)
    for goal, steps in goals.items():
        story.append(kit.paragraph(f"Goal: {goal}", "label"))
        rows = [["Action step", "Who", "By", "Status"]]
        rows += [
            [s.step, s.who, short_date(s.target_date) if s.target_date else "", s.status_label]
            for s in steps
        ]
        fractions = (0.52, 0.18, 0.15, 0.15)
        story += [kit.table(rows, [width * f for f in fractions]), kit.spacer(4)]

    if doc.month_tasks or doc.upcoming_deadlines:
        story.append(kit.paragraph("This month", "heading"))
    if doc.month_tasks:
        rows = [["Part of the program", "What we do this month"]]
        rows += [[task.component, task.activity] for task in doc.month_tasks]
        story.append(kit.table(rows, [width * 0.27, width * 0.73]))
    if doc.upcoming_deadlines:
        rows = [["Coming due", "Due", "Status"]]
        rows += [[d.name, short_date(d.due_on), d.status] for d in doc.upcoming_deadlines]
        story += [kit.spacer(6), kit.table(rows, [width * 0.55, width * 0.17, width * 0.28])]

    story.append(kit.paragraph(doc.agenda_title or "Our conversation", "heading"))
    for number, section in enumerate(doc.sections, start=1):
        block = [kit.paragraph(f"{number}. {section.title}", "section")]
        if section.prompt:
            block.append(kit.paragraph(section.prompt, "small"))
        block.append(kit.room_to_write(WRITE_LINES))
        block.append(kit.spacer(4))
        story.append(kit.keep_together(block))
    return story
