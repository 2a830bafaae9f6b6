"""The monthly summary PDF (coach and supervisor): dosage as a table and a bar chart,
the month's sessions, the CMS backlog, the program year to date, data requirements and
the month's plan, in that order.

The chart is drawn with reportlab.graphics, one drawing per ``CHART_CHUNK`` providers on a
shared scale, so 200 providers run over several pages and bars stay comparable.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rooted_desktop.core.documents import clock_time, short_date
from rooted_desktop.core.monthly import DosageLine, MonthlySummary
from rooted_desktop.core.requirements import month_day
from rooted_desktop.reports.kit import DocMeta

CHART_CHUNK = 25  # providers per drawing
BAR_ROW = 15.0  # points per provider in the chart
LABEL_WIDTH = 150.0  # room for provider names left of the bars
NAME_MAX = 30  # longer names are shortened in the chart (the table has them in full)
DONE_COLOR = "#2f6f9f"
PLANNED_COLOR = "#a9c8e0"
TARGET_COLOR = "#c0392b"
WARN_COLOR = "#fbe3e0"
EMPTY = "—"
HEADING_ROOM = 96.0  # points: less room than this left, and a section starts a new page

SECTION_DOSAGE = "Coaching dosage"
SECTION_CHART = "Dosage chart"
SECTION_SESSIONS = "Sessions this month"
SECTION_BACKLOG = "CMS backlog"
SECTION_PROGRAM = "Program year to date"
SECTION_REQUIREMENTS = "Data requirements"
SECTION_PLAN = "This month's plan"


def render_monthly(summary: MonthlySummary, meta: DocMeta) -> bytes:
    """The whole summary as one numbered document."""
    from rooted_desktop.reports import kit

    return kit.build_pdf([_story(summary)], meta)


def chart_chunks(lines: Sequence[DosageLine]) -> list[Sequence[DosageLine]]:
    """The providers split into drawings of at most ``CHART_CHUNK``."""
    return [lines[i : i + CHART_CHUNK] for i in range(0, len(lines), CHART_CHUNK)]


def _story(s: MonthlySummary) -> list[Any]:
    from rooted_desktop.reports import kit

    story: list[Any] = [
        kit.paragraph(f"Monthly summary: {s.month_label}", "title"),
        kit.paragraph(_overview_line(s), "subtitle"),
    ]
    story += _dosage(s)
    story += _chart(s)
    story += _sessions(s)
    story += _backlog(s)
    story += _program(s)
    story += _requirements(s)
    story += _plan(s)
    return story


def _overview_line(s: MonthlySummary) -> str:
    parts = [
        f"{s.met_count} of {len(s.dosage)} providers at {s.target} minutes",
        f"{len(s.sessions)} sessions",
        f"{s.backlog_total} waiting for CMS",
        f"plan {s.plan_done_count} of {len(s.plan)} done",
    ]
    if s.warning_count:
        parts.insert(1, f"{s.warning_count} at risk or missed")
    return " · ".join(parts) + f" · as of {short_date(s.today)}"


def _none(text: str) -> Any:
    from rooted_desktop.reports import kit

    return kit.paragraph(text, "small")


def _heading(text: str, kind: str = "heading") -> list[Any]:
    """A section heading that starts a new page when little room is left, but (unlike
    ``keepWithNext``) never pushes a long table whole onto the next page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import CondPageBreak

    from rooted_desktop.reports import kit

    style = ParagraphStyle(f"loose-{kind}", parent=kit.styles()[kind], keepWithNext=0)
    return [CondPageBreak(HEADING_ROOM), kit.paragraph_in(text, style)]


# -- dosage ------------------------------------------------------------------------------
def _dosage(s: MonthlySummary) -> list[Any]:
    from reportlab.lib import colors

    from rooted_desktop.reports import kit

    out: list[Any] = _heading(SECTION_DOSAGE)
    if not s.dosage:
        return [*out, _none("No active providers.")]
    width = kit.frame_width()
    rows = [["Provider", "Done", "Planned", "Target", "Status", "Pace"]]
    rows += [
        [
            d.provider_name,
            f"{d.done_minutes} min",
            f"{d.planned_minutes} min" if d.planned_minutes else EMPTY,
            f"{d.target} min",
            d.status,
            d.pace,
        ]
        for d in s.dosage
    ]
    fractions = (0.34, 0.1, 0.11, 0.1, 0.1, 0.25)
    grid = kit.table(rows, [width * f for f in fractions])
    for number, line in enumerate(s.dosage, start=1):
        if line.warning:
            grid.setStyle([("BACKGROUND", (0, number), (-1, number), colors.HexColor(WARN_COLOR))])
    return [*out, grid]


def _chart(s: MonthlySummary) -> list[Any]:
    from rooted_desktop.reports import kit

    if not s.dosage:
        return []
    top = max(s.target, *(d.done_minutes + d.planned_minutes for d in s.dosage))
    step = 30 if top <= 240 else 60 if top <= 480 else 120
    value_max = ((top + step - 1) // step) * step
    if value_max == top and top == s.target:
        value_max += step  # room to the right of the target line
    chunks = chart_chunks(s.dosage)
    out: list[Any] = []
    for number, chunk in enumerate(chunks, start=1):
        title = SECTION_CHART
        if len(chunks) > 1:
            title += f" ({number} of {len(chunks)})"
        out.append(kit.keep_together([
            kit.paragraph(title, "heading"),
            _drawing(chunk, s.target, value_max, step, kit.frame_width()),
        ]))  # fmt: skip
    return out


def _short(name: str) -> str:
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 1].rstrip() + "…"


def _drawing(
    lines: Sequence[DosageLine], target: int, value_max: int, step: int, width: float
) -> Any:
    """A stacked horizontal bar per provider (done, then planned) on a shared scale."""
    return _chart_class()(lines, target, value_max, step, width)


@lru_cache(maxsize=1)
def _chart_class() -> type[Any]:
    """The chart flowable, made on first use (it needs reportlab). It draws straight on the
    canvas: reportlab's chart widgets and shapes build and render an object per label and
    per bar, which made the chart cost a fifth of the whole summary."""
    from reportlab.lib import colors
    from reportlab.platypus import Flowable as BaseFlowable

    from rooted_desktop.reports import kit

    grey, rule = colors.HexColor(kit.GREY), colors.HexColor(kit.RULE)
    grid, black = colors.HexColor("#e3e5e8"), colors.black
    done_fill, planned_fill = colors.HexColor(DONE_COLOR), colors.HexColor(PLANNED_COLOR)
    target_color = colors.HexColor(TARGET_COLOR)
    legend_h, axis_h = 22.0, 26.0

    class DosageChart(BaseFlowable):  # type: ignore[misc]
        def __init__(
            self, lines: Sequence[DosageLine], target: int, value_max: int, step: int,
            width: float,
        ) -> None:  # fmt: skip
            super().__init__()
            self.lines, self.target, self.value_max, self.step = lines, target, value_max, step
            self.width = width
            self.height = legend_h + BAR_ROW * len(lines) + axis_h
            self.hAlign = "LEFT"

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            canvas = self.canv
            kit.register_fonts()
            left, bottom = LABEL_WIDTH, axis_h
            plot_w, plot_h = self.width - LABEL_WIDTH - 10, BAR_ROW * len(self.lines)
            scale = plot_w / self.value_max
            canvas.saveState()
            # The value axis: a grid line and a number every step, its title below.
            canvas.setFont(kit.FONT, 7.5)
            canvas.setFillColor(black)
            for value in range(0, self.value_max + 1, self.step):
                x = left + value * scale
                canvas.setStrokeColor(grid)
                canvas.setLineWidth(0.4)
                canvas.line(x, bottom, x, bottom + plot_h)
                canvas.drawCentredString(x, bottom - 11, str(value))
            canvas.setStrokeColor(rule)
            canvas.setLineWidth(1)
            canvas.line(left, bottom, left + plot_w, bottom)
            canvas.line(left, bottom, left, bottom + plot_h)
            canvas.setFont(kit.FONT, 7)
            canvas.setFillColor(grey)
            canvas.drawCentredString(left + plot_w / 2, 1, "Minutes this month")
            # One row per provider, the first at the top; bars leave 2 points above and below.
            bar_h = BAR_ROW - 4
            canvas.setFont(kit.FONT, 7.5)
            for number, line in enumerate(self.lines):
                y = bottom + plot_h - (number + 1) * BAR_ROW + 2
                canvas.setFillColor(black)
                canvas.drawRightString(left - 4, y + bar_h / 2 - 2.6, _short(line.provider_name))
                done = min(line.done_minutes, self.value_max)
                planned = min(line.planned_minutes, self.value_max - done)
                if done > 0:
                    canvas.setFillColor(done_fill)
                    canvas.rect(left, y, done * scale, bar_h, stroke=0, fill=1)
                if planned > 0:
                    canvas.setFillColor(planned_fill)
                    canvas.rect(left + done * scale, y, planned * scale, bar_h, stroke=0, fill=1)
            # The target, dashed across the bars.
            x_target = left + self.target * scale
            self._target_line(x_target, bottom - 2, x_target, bottom + plot_h + 2)
            # The legend, above the bars: swatches with a hairline edge, then the target.
            y, x = self.height - 12, left
            canvas.setFont(kit.FONT, 7.5)
            canvas.setStrokeColor(black)
            canvas.setLineWidth(0)
            for fill, label in ((done_fill, "Done"), (planned_fill, "Planned")):
                canvas.setFillColor(fill)
                canvas.rect(x, y, 9, 7, stroke=1, fill=1)
                canvas.setFillColor(grey)
                canvas.drawString(x + 12, y, label)
                x += 62
            self._target_line(x, y + 3.5, x + 14, y + 3.5)
            canvas.drawString(x + 18, y, f"{self.target}-minute target")
            canvas.restoreState()

        def _target_line(self, x1: float, y1: float, x2: float, y2: float) -> None:
            canvas = self.canv
            canvas.saveState()
            canvas.setStrokeColor(target_color)
            canvas.setLineWidth(1.2)
            canvas.setDash([3, 2])
            canvas.line(x1, y1, x2, y2)
            canvas.restoreState()

    return DosageChart


# -- sessions and backlog ----------------------------------------------------------------
def _sessions(s: MonthlySummary) -> list[Any]:
    from rooted_desktop.reports import kit

    out: list[Any] = _heading(SECTION_SESSIONS)
    if not s.sessions:
        return [*out, _none("No sessions this month.")]
    width = kit.frame_width()
    rows = [["Date", "Provider", "Minutes", "Mode", "Status", "In CMS"]]
    rows += [
        [
            ", ".join(part for part in (month_day(x.day), clock_time(x.start)) if part),
            x.provider_name,
            str(x.minutes),
            x.mode,
            x.status,
            x.in_cms or EMPTY,
        ]
        for x in s.sessions
    ]
    fractions = (0.2, 0.28, 0.12, 0.12, 0.13, 0.15)
    return [*out, kit.table(rows, [width * f for f in fractions])]


def _backlog(s: MonthlySummary) -> list[Any]:
    from rooted_desktop.reports import kit

    out: list[Any] = _heading(SECTION_BACKLOG)
    if not s.backlog:
        return [*out, _none("Every completed session is entered in CMS.")]
    out.append(_none("Completed sessions not yet entered in CMS, oldest first."))
    width = kit.frame_width()
    rows = [["Session date", "Provider", "Minutes", "Days waiting"]]
    rows += [
        [short_date(b.day), b.provider_name, str(b.minutes), str(b.days_waiting)] for b in s.backlog
    ]
    fractions = (0.2, 0.5, 0.13, 0.17)
    out.append(kit.table(rows, [width * f for f in fractions]))
    if s.backlog_total > len(s.backlog):
        out.append(_none(f"…and {s.backlog_total - len(s.backlog)} more, entered more recently."))
    return out


# -- program and requirements ------------------------------------------------------------
def _program(s: MonthlySummary) -> list[Any]:
    from rooted_desktop.reports import kit

    p = s.program
    width = kit.frame_width()
    pcm = f"{p.pcm_pace_text} (guide: {p.pcm_min}–{p.pcm_max} a year)"
    if p.pcms_planned:
        pcm += f"; {p.pcms_planned} more planned"
    rc = f"{p.rc_months_attended} of 12 months attended. This month: {p.rc_this_month}"
    missing = ", ".join(p.rc_months_missing) if p.rc_months_missing else "None"
    rows = [
        ["Provider Collaboration Meetings", pcm],
        ["Reflective consultation", rc],
        ["Months without RC", missing],
    ]
    out: list[Any] = [
        *_heading(SECTION_PROGRAM),
        kit.table(rows, [width * 0.3, width * 0.7], header=False),
    ]
    if p.trainings:
        trainings = [["Training", "Held", "Status"]]
        trainings += [[t.name, str(t.held_count), t.status] for t in p.trainings]
        out += [kit.spacer(6), kit.table(trainings, [width * 0.55, width * 0.12, width * 0.33])]
    return out


def _requirements(s: MonthlySummary) -> list[Any]:
    from rooted_desktop.reports import kit

    out: list[Any] = _heading(SECTION_REQUIREMENTS)
    if not s.requirements:
        return [*out, _none("No data requirements this year.")]
    width = kit.frame_width()
    rows = [["Requirement", "Done", "In progress", "Not started", "Overdue", "Not applicable"]]
    rows += [
        [r.name, str(r.done), str(r.in_progress), str(r.not_started), str(r.overdue),
         str(r.not_applicable)]
        for r in s.requirements
    ]  # fmt: skip
    fractions = (0.35, 0.1, 0.13, 0.14, 0.12, 0.16)
    out.append(kit.table(rows, [width * f for f in fractions]))
    out += _heading("Overdue", "section")
    if not s.overdue:
        return [*out, _none("Nothing is overdue.")]
    overdue = [["Provider", "Requirement", "Status"]]
    overdue += [[o.provider_name, o.requirement, o.status] for o in s.overdue]
    return [*out, kit.table(overdue, [width * 0.35, width * 0.33, width * 0.32])]


# -- the month's plan --------------------------------------------------------------------
def _plan(s: MonthlySummary) -> list[Any]:
    from rooted_desktop.reports import kit

    out: list[Any] = _heading(SECTION_PLAN)
    if s.plan_title or s.plan_goal:
        words = s.plan_title + (f": {s.plan_goal}" if s.plan_goal else "")
        out.append(kit.paragraph(words, "small"))
    if not s.plan:
        return [*out, _none("The guide has nothing planned for this month.")]
    width = kit.frame_width()
    rows = [["Part of the program", "Activity", "Follow-up", "Follow-up done"]]
    rows += [[p.component, p.activity, p.follow_up or EMPTY, p.tick] for p in s.plan]
    fractions = (0.18, 0.37, 0.28, 0.17)
    return [*out, kit.table(rows, [width * f for f in fractions])]
