"""The one document kit every PDF is made with: fonts, page layout, styles, small helpers.

reportlab is imported inside the functions here, never at module level, so importing a
report module (or the services that use it) does not load reportlab: the app starts without
it and pays for it on the first PDF.

Every page carries the document's title, the coach's name, the program year, the date it
was made and "Page X of Y". Y is only known once the whole story is laid out, so the canvas
keeps each page's drawing state and stamps the numbers when the document is saved. A
document made of parts (one per visit) numbers each part by itself when asked, so each
printed agenda reads "Page 1 of 1" in the provider's hands, not "Page 7 of 12".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from rooted_desktop.core.documents import short_date
from rooted_desktop.resources import resource

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
INCH = 72.0
MARGIN = 0.75 * INCH
HEADER_GAP = 0.28 * INCH  # the header line sits this far above the frame
LINE_SPACING = 0.3 * INCH  # between the ruled lines of "room to write"
GREY = "#5f6368"
RULE = "#b0b4b8"
SHADE = "#eef0f2"
CELL_PADDING = 6.0  # points left and right of a table cell's text (reportlab's default)

Flowable = Any  # reportlab has no type hints


@dataclass(frozen=True)
class DocMeta:
    """What every page says about the document."""

    title: str
    coach_name: str
    program_year: str  # "2026-27"
    made_on: date


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) as a font family; safe to call again."""
    _register_fonts()


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT, bold, italic, FONT_BOLD if bold else FONT)


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    """Paragraph styles by name: title, heading, body, small, label, cell, cell-head."""
    register_fonts()
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=4)
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=11, leading=14, textColor=colors.HexColor(GREY),
            spaceAfter=10,
        ),
        "subtitle-tight": ParagraphStyle(
            "subtitle-tight", parent=base, fontSize=11, leading=14,
            textColor=colors.HexColor(GREY), spaceAfter=0,
        ),
        "section": ParagraphStyle(
            "section", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13,
            spaceBefore=4, spaceAfter=1, keepWithNext=1,
        ),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15,
            spaceBefore=10, spaceAfter=3, keepWithNext=1,
        ),
        "body": base,
        "small": ParagraphStyle(
            "small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor(GREY)
        ),
        "label": ParagraphStyle(
            "label", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12, spaceAfter=1,
            textColor=colors.HexColor(GREY), keepWithNext=1,
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5, spaceAfter=0),
        "cell-head": ParagraphStyle(
            "cell-head", parent=base, fontName=FONT_BOLD, fontSize=9, leading=11.5, spaceAfter=0
        ),
    }  # fmt: skip


def markup(text: str) -> str:
    """Plain text as reportlab paragraph markup: XML characters escaped, line breaks kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)


def paragraph(text: str, style: str = "body") -> Flowable:
    """A paragraph of plain text (never markup: ``<`` and ``&`` print as themselves)."""
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text), styles()[style])


def spacer(height: float) -> Flowable:
    from reportlab.platypus import Spacer

    return Spacer(1, height)


def keep_together(flowables: Sequence[Flowable]) -> Flowable:
    from reportlab.platypus import KeepTogether

    return KeepTogether(list(flowables))


def frame_width() -> float:
    from reportlab.lib.pagesizes import letter

    return float(letter[0]) - 2 * MARGIN


def table(
    rows: Sequence[Sequence[str]], col_widths: Sequence[float], *, header: bool = True
) -> Flowable:
    """A grid of plain-text cells that wrap; it splits across pages, repeating its header.

    A cell whose text fits its column on one line is drawn as a plain string in the cell
    style's font; only longer text becomes a wrapping Paragraph. Laying out a Paragraph
    costs far more than drawing a string, and a month's summary has thousands of cells.
    """
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    cell, head = styles()["cell"], styles()["cell-head"]
    room = [width - 2 * CELL_PADDING for width in col_widths]

    def fill(value: str, style: Any, column: int) -> Any:
        if "\n" in value or "\r" in value:
            return paragraph_in(value, style)
        if _text_width(value, style.fontName, style.fontSize) > room[column]:
            return paragraph_in(value, style)
        return value

    data = [
        [
            fill(value, head if header and number == 0 else cell, column)
            for column, value in enumerate(row)
        ]
        for number, row in enumerate(rows)
    ]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        # Plain-string cells in the same font, size and leading as the paragraph cells.
        ("FONT", (0, 0), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
    ]
    if header:
        commands.append(("FONT", (0, 0), (-1, 0), head.fontName, head.fontSize, head.leading))
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SHADE)))
    return Table(
        data,
        colWidths=list(col_widths),
        repeatRows=1 if header else 0,
        splitByRow=1,
        hAlign="LEFT",
        style=TableStyle(commands),
    )


@lru_cache(maxsize=4096)
def _text_width(text: str, font: str, size: float) -> float:
    """Points ``text`` takes on one line; cached, as tables repeat their words ("90 min")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def paragraph_in(text: str, style: Any) -> Flowable:
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text), style)


def room_to_write(lines: int = 4) -> Flowable:
    """Ruled lines across the frame, for the provider and coach to write on."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    rules = Table(
        [[""] for _ in range(lines)],
        colWidths=[frame_width()],
        rowHeights=[LINE_SPACING] * lines,
        hAlign="LEFT",
        style=TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE))]),
    )
    return rules


def build_pdf(
    parts: Sequence[Sequence[Flowable]],
    meta: DocMeta,
    *,
    number_each_part: bool = False,
    part_labels: Sequence[str] = (),
) -> bytes:
    """Lay the parts out one after another, each from a new page, and return the PDF.

    ``number_each_part``: "Page X of Y" counts within each part (one printed agenda per
    visit) instead of across the whole file. ``part_labels``: a line in the footer of every
    page of the part (who and when), so a loose second page still says whose it is.
    """
    register_fonts()
    from reportlab.lib.pagesizes import letter
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    canvas_class, part_start = _classes()
    width, height = letter
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=meta.title,
        author=meta.coach_name,
        creator="Rooted Desktop",
    )
    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_header(meta))])
    story: list[Flowable] = []
    for number, part in enumerate(parts):
        if number:
            story.append(PageBreak())
        if number_each_part:
            story.append(part_start(part_labels[number] if number < len(part_labels) else ""))
        story.extend(part)
    if not story:
        story.append(paragraph("Nothing to show."))
    doc.build(story, canvasmaker=canvas_class)
    return buffer.getvalue()


def _header(meta: DocMeta) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter

    width, height = letter
    left, right = MARGIN, width - MARGIN
    top = height - MARGIN + HEADER_GAP
    year = f"Program year {meta.program_year}" if meta.program_year else ""
    who = " · ".join(part for part in (meta.coach_name, year) if part)

    def draw(canvas: Any, doc: Any) -> None:
        del doc
        canvas.saveState()
        canvas.setFont(FONT_BOLD, 8.5)
        canvas.setFillColor(colors.HexColor(GREY))
        canvas.drawString(left, top + 4, meta.title)
        canvas.setFont(FONT, 8.5)
        canvas.drawRightString(right, top + 4, who)
        canvas.setStrokeColor(colors.HexColor(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(left, top, right, top)
        canvas.line(left, MARGIN - HEADER_GAP + 10, right, MARGIN - HEADER_GAP + 10)
        canvas.drawString(left, MARGIN - HEADER_GAP, f"Made {short_date(meta.made_on)}")
        canvas.restoreState()

    return draw


@lru_cache(maxsize=1)
def _classes() -> tuple[type[Any], type[Any]]:
    """The numbering canvas and the part marker, made on first use (they need reportlab)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable as BaseFlowable

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps every page's state and draws "Page X of Y" on each when saved."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.part_starts: dict[int, str] = {1: ""}  # first page -> footer label

        def showPage(self) -> None:  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            starts = sorted(self.part_starts)
            total = len(self._pages)
            for index, state in enumerate(self._pages):
                page = index + 1
                first = max(s for s in starts if s <= page)
                later = [s for s in starts if s > page]
                last = (later[0] - 1) if later else total
                self.__dict__.update(state)
                self._number(page - first + 1, last - first + 1, self.part_starts[first])
                super().showPage()
            super().save()

        def _number(self, page: int, pages: int, label: str) -> None:
            self.saveState()
            self.setFont(FONT, 8.5)
            self.setFillColor(colors.HexColor(GREY))
            self.drawRightString(letter[0] - MARGIN, MARGIN - HEADER_GAP, f"Page {page} of {pages}")
            if label:
                self.drawCentredString(letter[0] / 2, MARGIN - HEADER_GAP, label)
            self.restoreState()

    class PartStart(BaseFlowable):  # type: ignore[misc]
        """Zero-size marker: the page it lands on starts a new part's page numbers."""

        def __init__(self, label: str = "") -> None:
            super().__init__()
            self.label = label

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0.0, 0.0

        def draw(self) -> None:
            starts = getattr(self.canv, "part_starts", None)
            if starts is not None:
                starts[self.canv.getPageNumber()] = self.label

    return NumberedCanvas, PartStart
