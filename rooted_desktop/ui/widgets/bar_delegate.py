"""Draws a progress bar behind a cell's text, in the palette's colours (light and dark).

The text stays the palette's normal text colour over a translucent fill, so it reads the
same at any progress and in either theme; the number itself says the amount (not colour).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem


class BarDelegate(QStyledItemDelegate):
    def __init__(self, fraction_role: int, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._role = fraction_role
        self._view = view

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        fraction = index.data(self._role)
        if fraction is None:
            super().paint(painter, option, index)
            return
        palette = option.palette
        # The view's own test for option.state's "selected": reading option.state would
        # build PySide's QStyle class (hundreds of enum members, ~5 ms) for the first paint.
        selected = self._view.selectionModel().isSelected(index)
        painter.save()
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        frame = QRectF(option.rect.adjusted(4, 4, -4, -4))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # The track's outline is the text colour, faint: Mid is the base colour's twin in
        # Qt's dark palette, and an empty bar would vanish.
        outline = QColor(palette.color(QPalette.ColorRole.Text))
        outline.setAlpha(110)
        painter.setPen(outline)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(frame, 3, 3)
        fill = QColor(palette.color(QPalette.ColorRole.Highlight))
        fill.setAlpha(120)
        filled = QRectF(frame)
        filled.setWidth(frame.width() * max(0.0, min(1.0, float(fraction))))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(frame, Qt.AlignmentFlag.AlignCenter, str(index.data()))
        painter.restore()
