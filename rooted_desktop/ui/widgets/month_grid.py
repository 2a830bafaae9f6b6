"""A month grid that shows each day's items (marker, time, title) inside its cell.

QCalendarWidget brings the keyboard for free: arrows move days, PageUp/PageDown months,
Enter activates a day. This subclass only paints the cells.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QCalendarWidget, QHeaderView, QTableView, QWidget

from rooted_desktop.core.calendar_items import CalendarItem, ItemKind


class MonthGrid(QCalendarWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)
        self.setAccessibleName("Month calendar")
        # The weekday names need one line, not a week's height (Qt stretches every row).
        view = self.findChild(QTableView)
        if view is not None:
            rows = view.verticalHeader()
            rows.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            rows.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
            rows.resizeSection(0, self.fontMetrics().height() + 8)
        self.by_day: dict[date, list[CalendarItem]] = {}
        self.today = date.today()

    def set_items(self, by_day: dict[date, list[CalendarItem]]) -> None:
        self.by_day = by_day
        self.updateCells()

    def selected_day(self) -> date:
        day: date = self.selectedDate().toPython()  # type: ignore[assignment]
        return day

    def select_day(self, day: date) -> None:
        self.setSelectedDate(QDate(day.year, day.month, day.day))

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        day: date = qdate.toPython()  # type: ignore[assignment]
        palette = self.palette()
        selected = qdate == self.selectedDate()
        in_month = qdate.month() == self.monthShown()
        painter.save()
        background = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        painter.fillRect(rect, palette.color(background))
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = palette.color(text_role)
        if not in_month and not selected:
            color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        painter.setPen(color)
        font = painter.font()
        is_today = day == self.today
        font.setBold(is_today)
        painter.setFont(font)
        inner = rect.adjusted(4, 2, -4, -2)
        today_mark = " (today)" if is_today else ""
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         f"{qdate.day()}{today_mark}")  # fmt: skip
        font.setBold(False)
        small = font
        small.setPointSizeF(max(6.5, font.pointSizeF() * 0.82))
        painter.setFont(small)
        line = painter.fontMetrics().height()
        items = self.by_day.get(day, [])
        room = max(0, (inner.height() - line) // line)
        shown = items if len(items) <= room else items[: max(0, room - 1)]
        y = inner.top() + line + 1
        for item in shown:
            start = item.start.strftime("%H:%M ") if item.start else ""
            # Visits by provider (the coach knows it is a visit); the rest by what they are.
            name = item.provider_name if item.kind is ItemKind.VISIT else item.title
            name = name.removeprefix("Due: ")  # the ⚑ marker already says it is a due date
            text = f"{item.marker} {start}{name}"
            elided = painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, inner.width()
            )
            painter.drawText(
                QRect(inner.left(), y, inner.width(), line), Qt.AlignmentFlag.AlignLeft, elided
            )
            y += line
        if len(shown) < len(items):
            more = f"+{len(items) - len(shown)} more"
            painter.drawText(QRect(inner.left(), y, inner.width(), line), 0, more)
        painter.restore()
