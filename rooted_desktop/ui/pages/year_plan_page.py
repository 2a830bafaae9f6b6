"""The Year plan page: the guide's periods, months and rows for the program year.

The follow-ups are the dashboard's month checklist (one source of truth): ticking one here
ticks it there, and Enter or a double-click opens the month on the dashboard.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.year_plan import YearPlan, YearPlanMonth, YearPlanRow
from rooted_desktop.services.changes import Change
from rooted_desktop.services.year_plan import YearPlanService
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.widgets.readable import checks_on_window

KindRole = Qt.ItemDataRole.UserRole + 1
MonthRole = Qt.ItemDataRole.UserRole + 2
RowKeyRole = Qt.ItemDataRole.UserRole + 3  # a row's guide key; a period's key


class Column(IntEnum):
    WHAT = 0
    ACTIVITY = 1
    FOLLOW_UP = 2


class Kind(IntEnum):
    PERIOD = 1
    GOAL = 2
    MONTH = 3
    ROW = 4


def _day(row: YearPlanRow) -> str:
    assert row.done_on is not None
    return f"{row.done_on:%b} {row.done_on.day}"


class WrappingDelegate(QStyledItemDelegate):
    """Row heights that fit wrapped text at the column's real width.

    QTreeView asks a delegate for a size without telling it the column width, so long
    guide texts would otherwise be cut to one line.
    """

    def __init__(self, tree: PlanTree) -> None:
        super().__init__(tree)
        self._tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self._tree.text_width(index)
        if opt.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator:
            style = self._tree.style()
            width -= style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
        margin = self._tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        bounds = QFontMetrics(opt.font).boundingRect(
            0, 0, max(40, width - 2 * margin), 100_000, Qt.TextFlag.TextWordWrap, opt.text
        )
        return QSize(base.width(), max(base.height(), bounds.height() + 8))


class PlanTree(QTreeWidget):
    """The tree of periods > months > rows; re-measures rows when its width changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(Column))
        self.setHeaderLabels(
            ["Month and component", "Coaching activity", "Your follow-up (dashboard checklist)"]
        )
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(False)
        self.setExpandsOnDoubleClick(False)  # a double-click opens the month on the dashboard
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(WrappingDelegate(self))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.ACTIVITY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.FOLLOW_UP, QHeaderView.ResizeMode.Stretch)
        # The longest component name on one line beside its check box, three levels in.
        longest = self.fontMetrics().horizontalAdvance("Provider Collaboration Meeting")
        header.resizeSection(Column.WHAT, longest + 4 * self.indentation() + 40)
        header.sectionResized.connect(lambda *_args: self.scheduleDelayedItemsLayout())

    def text_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The width the text of ``index`` has to wrap into."""
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        indent = (depth + (1 if self.rootIsDecorated() else 0)) * self.indentation()
        if self.isFirstColumnSpanned(index.row(), index.parent()):
            return self.viewport().width() - indent
        width = self.header().sectionSize(index.column())
        return width - indent if index.column() == Column.WHAT else width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()


class YearPlanPage(QWidget):
    checklist_requested = Signal(object)  # Month: open it on the dashboard

    def __init__(
        self, year_plan: YearPlanService, changes: QtChanges, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = year_plan
        self.plan: YearPlan | None = None
        self._stale = True
        self._placed = False  # scrolled to this month once, on first show

        self.heading = QLabel()
        self.heading.setAccessibleName("Program year shown")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Follow-ups done")
        intro = QLabel(
            "The guide's plan for the year, month by month. Tick a follow-up when it is "
            "done: it is the same checklist as the dashboard's. Enter or a double-click "
            "opens the month on the dashboard."
        )
        intro.setWordWrap(True)
        self.this_month_button = QPushButton("Show this &month")
        self.this_month_button.setToolTip("Select and scroll to this month's rows")
        self.dashboard_button = QPushButton("Open on the dash&board")
        self.dashboard_button.setToolTip("The selected month's checklist on the dashboard")
        self.tree = PlanTree()
        checks_on_window(self.tree)
        self.tree.setAccessibleName("The year's plan, month by month")
        self.tree.setAccessibleDescription(
            "Space ticks a follow-up; Enter opens the month on the dashboard"
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("About the months shown")

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.this_month_button)
        top.addWidget(self.dashboard_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.note)
        self.setFocusProxy(self.tree)

        self.tree.itemChanged.connect(self._ticked)
        self.tree.itemActivated.connect(lambda item, _col: self._open(item))
        self.tree.currentItemChanged.connect(lambda *_args: self._update_buttons())
        self.this_month_button.clicked.connect(self.show_this_month)
        self.dashboard_button.clicked.connect(lambda: self._open(self.tree.currentItem()))
        changes.changed.connect(self._on_changes)
        # Filled when first shown (showEvent), like the other pages: not on the way to start.

    # -- refreshing ---------------------------------------------------------------------
    def _on_changes(self, changes: frozenset[Change]) -> None:
        if QtChanges.touches(changes, Change.PLANNING, Change.SETTINGS):
            self._stale = True
            if self.isVisible():
                # Later, not now: the change may come from a tick inside itemChanged, and
                # rebuilding the tree under that signal would delete the item it is about.
                QTimer.singleShot(0, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._refresh_if_stale()
        if not self._placed:
            self._placed = True
            QTimer.singleShot(0, lambda: self.show_this_month(focus=False))

    def refresh(self) -> None:
        self._stale = False
        plan = self._service.plan()
        self.plan = plan
        self.heading.setText(f"<h2>Year plan {plan.year.label}</h2>")
        parts = [f"{plan.done_count} of {plan.row_count} follow-ups done this year"]
        if plan.current_month is not None:
            month = plan.current_month
            parts.append(f"{month.month.label}: {month.done_count} of {len(month.rows)}")
        else:
            parts.append(f"today is outside program year {plan.year.label}")
        self.summary.setText(" · ".join(parts))
        self.note.setText(f"{plan.guide_title}, {plan.revision_label}. {plan.scheduling_note}")
        self._fill(plan)
        self._update_buttons()

    def _fill(self, plan: YearPlan) -> None:
        tree = self.tree
        keep = self._identity(tree.currentItem())
        scrolled = tree.verticalScrollBar().value()
        tree.blockSignals(True)
        tree.clear()
        bold = QFont(tree.font())
        bold.setBold(True)
        italic = QFont(tree.font())
        italic.setItalic(True)
        # A tint of the highlight colour reads in light and dark palettes alike; the words
        # "This month" and bold text carry the same meaning without colour.
        tint = QColor(tree.palette().color(QPalette.ColorRole.Highlight))
        tint.setAlpha(48)
        current_brush = QBrush(tint)
        restore: QTreeWidgetItem | None = None
        for period in plan.periods:
            period_item = QTreeWidgetItem([period.heading])
            period_item.setData(Column.WHAT, KindRole, Kind.PERIOD)
            period_item.setData(Column.WHAT, RowKeyRole, period.key)
            period_item.setFont(Column.WHAT, bold)
            tree.addTopLevelItem(period_item)
            period_item.setFirstColumnSpanned(True)
            goal = QTreeWidgetItem([f"Main coaching goal: {period.main_goal}"])
            goal.setData(Column.WHAT, KindRole, Kind.GOAL)
            goal.setData(Column.WHAT, RowKeyRole, period.key)
            goal.setFont(Column.WHAT, italic)
            period_item.addChild(goal)
            goal.setFirstColumnSpanned(True)
            for month in period.months:
                month_item = self._month_item(month, bold, current_brush)
                period_item.addChild(month_item)
                month_item.setFirstColumnSpanned(True)
                if keep == self._identity(month_item):
                    restore = month_item
                for row in month.rows:
                    row_item = self._row_item(month, row, bold, current_brush)
                    month_item.addChild(row_item)
                    if keep == self._identity(row_item):
                        restore = row_item
            if keep == self._identity(period_item):
                restore = period_item
        tree.expandAll()
        tree.blockSignals(False)
        if restore is not None:
            tree.setCurrentItem(restore)
            tree.verticalScrollBar().setValue(scrolled)

    def _month_item(self, month: YearPlanMonth, bold: QFont, current: QBrush) -> QTreeWidgetItem:
        item = QTreeWidgetItem([month.heading])
        item.setData(Column.WHAT, KindRole, Kind.MONTH)
        item.setData(Column.WHAT, MonthRole, month.month)
        item.setFont(Column.WHAT, bold)
        item.setToolTip(Column.WHAT, "Enter or double-click: this month on the dashboard")
        if month.is_current:
            item.setBackground(Column.WHAT, current)
        return item

    def _row_item(
        self, month: YearPlanMonth, row: YearPlanRow, bold: QFont, current: QBrush
    ) -> QTreeWidgetItem:
        what = row.component
        if "/" in row.timeline:  # a row of two months is ticked in each of them
            what += f" ({row.timeline})"
        follow_up = row.follow_up + (f" — done {_day(row)}" if row.done else "")
        item = QTreeWidgetItem([what, row.activity, follow_up])
        item.setData(Column.WHAT, KindRole, Kind.ROW)
        item.setData(Column.WHAT, MonthRole, month.month)
        item.setData(Column.WHAT, RowKeyRole, row.key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(
            Column.WHAT, Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked
        )
        state = f"done {_day(row)}" if row.done else "not done"
        when = f"{month.month.label}{', this month' if month.is_current else ''}"
        item.setData(
            Column.WHAT,
            Qt.ItemDataRole.AccessibleTextRole,
            f"{when}: {row.component}. Follow-up {state}: {row.follow_up}",
        )
        item.setToolTip(Column.WHAT, "Space ticks the follow-up; Enter opens the dashboard")
        for column in Column:
            if month.is_current:
                item.setFont(column, bold)
                item.setBackground(column, current)
        return item

    @staticmethod
    def _identity(item: QTreeWidgetItem | None) -> tuple[object, ...] | None:
        if item is None:
            return None
        return tuple(item.data(Column.WHAT, role) for role in (KindRole, MonthRole, RowKeyRole))

    # -- actions ------------------------------------------------------------------------
    def month_item(self, month: Month) -> QTreeWidgetItem | None:
        found = QTreeWidgetItemIterator(self.tree)
        while (item := found.value()) is not None:
            kind, shown = item.data(Column.WHAT, KindRole), item.data(Column.WHAT, MonthRole)
            if kind == Kind.MONTH and shown == month:
                return item
            found += 1
        return None

    def show_this_month(self, focus: bool = True) -> None:
        """Select this month's heading and bring its rows to the top of the view."""
        if self.plan is None or self.plan.current_month is None:
            return
        item = self.month_item(self.plan.current_month.month)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtTop)
        if focus:
            self.tree.setFocus()

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != Column.WHAT or item.data(Column.WHAT, KindRole) != Kind.ROW:
            return
        month = item.data(Column.WHAT, MonthRole)
        key = item.data(Column.WHAT, RowKeyRole)
        done = item.checkState(Column.WHAT) == Qt.CheckState.Checked
        self._service.set_done(month, str(key), done)

    def _open(self, item: QTreeWidgetItem | None) -> None:
        month = item.data(Column.WHAT, MonthRole) if item is not None else None
        if isinstance(month, Month):
            self.checklist_requested.emit(month)

    def _update_buttons(self) -> None:
        item = self.tree.currentItem()
        has_month = item is not None and isinstance(item.data(Column.WHAT, MonthRole), Month)
        self.dashboard_button.setEnabled(has_month)
        self.this_month_button.setEnabled(
            self.plan is not None and self.plan.current_month is not None
        )
