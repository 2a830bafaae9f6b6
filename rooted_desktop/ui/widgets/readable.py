"""Small layout helpers that keep pages readable in a dark palette and at 125–200 % scaling.

A laptop of 1366x768 at 150 % gives a window about 900x500 logical pixels: a page that
squeezes its tables to fit shows one row of each. Such a page keeps a few rows of every
table and scrolls instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLayout,
    QScrollArea,
    QTableView,
    QWidget,
)


def keep_rows(view: QAbstractItemView, rows: int) -> None:
    """However short the window, ``view`` keeps room for ``rows`` rows (its page scrolls)."""
    if isinstance(view, QTableView):
        line = view.verticalHeader().defaultSectionSize()
        header = view.horizontalHeader().sizeHint().height()
    else:
        line, header = view.fontMetrics().lineSpacing() + 4, 0
    scrollbar = view.horizontalScrollBar().sizeHint().height()
    view.setMinimumHeight(header + rows * line + scrollbar + 2 * view.frameWidth())


def scrolling(layout: QLayout) -> QScrollArea:
    """``layout`` in a frameless area that scrolls when the window is too small for it.

    The area takes no Tab stop of its own: Tab goes to the controls inside, and the area
    scrolls to show whichever has the focus.
    """
    layout.setContentsMargins(0, 0, 0, 0)  # the page's own margins already frame it
    body = QWidget()
    body.setLayout(layout)
    area = QScrollArea()
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def checks_on_window(view: QAbstractItemView) -> None:
    """Draw a checklist on the window colour, so its tick boxes show in dark palettes too.

    Qt's Fusion style outlines a tick box in the window colour, darkened; in a dark palette
    that is the list's own base colour, and the boxes vanish. On the window colour they
    stand out as the form's check boxes do, in light and dark palettes alike.

    The view gets a viewport made here rather than being asked for its own: PySide meets a
    viewport that Qt made as an unknown QWidget, and to find its class it first builds the
    Python class of every QWidget subclass (about 8 ms, once per process, on the way to the
    dashboard's first paint). Like Qt's own viewport, this one fills its background.
    """
    viewport = QWidget(view)
    viewport.setBackgroundRole(QPalette.ColorRole.Window)
    viewport.setAutoFillBackground(True)
    view.setViewport(viewport)
