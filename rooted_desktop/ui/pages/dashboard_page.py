"""The dashboard: where this month stands against the program's rules, and what is left."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.calendar import Month
from rooted_desktop.core.dashboard import MonthOverview
from rooted_desktop.core.deadlines import DueState
from rooted_desktop.core.requirements import month_day, status_text
from rooted_desktop.services.changes import Change
from rooted_desktop.services.dashboard import DashboardService
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.models.dosage_table import DosageColumn, DosageTableModel, FractionRole
from rooted_desktop.ui.pages.lazy import LazyLoader
from rooted_desktop.ui.widgets.bar_delegate import BarDelegate
from rooted_desktop.ui.widgets.readable import checks_on_window, keep_rows, scrolling

ItemKeyRole = Qt.ItemDataRole.UserRole + 1


class DashboardPage(QWidget):
    session_requested = Signal(int)
    provider_month_requested = Signal(int, object)  # provider id, Month
    drafts_requested = Signal()
    data_requested = Signal()
    program_requested = Signal()
    summary_requested = Signal(object)  # Month: print its summary

    def __init__(
        self, dashboard: DashboardService, changes: QtChanges, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._dashboard = dashboard
        self.month = Month.of(dashboard.today())
        self.overview: MonthOverview | None = None

        self.heading = QLabel()
        self.heading.setAccessibleName("Month shown")
        self.previous_button = QPushButton("◀ &Previous")
        self.previous_button.setAccessibleName("Previous month")
        self.today_button = QPushButton("&This month")
        self.next_button = QPushButton("Ne&xt ▶")
        self.next_button.setAccessibleName("Next month")
        self.print_button = QPushButton("Print &summary…")
        self.print_button.setToolTip(
            "This month's summary for you and your supervisor, as a PDF (Ctrl+P)"
        )
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Month summary")

        self.dosage_model = DosageTableModel(self)
        self.dosage = QTableView()
        self.dosage.setAccessibleName("Coaching dosage by provider")
        # No proxy: there is nothing to filter, and the model sorts its rows itself (one key
        # per row) where a proxy would call into Python twice per comparison.
        self.dosage.setModel(self.dosage_model)
        self.dosage.setSortingEnabled(True)
        self.dosage.sortByColumn(DosageColumn.PROVIDER, Qt.SortOrder.AscendingOrder)
        self.dosage.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dosage.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.dosage.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dosage.setTabKeyNavigation(False)
        self.dosage.verticalHeader().hide()
        self.dosage.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.dosage.setItemDelegateForColumn(
            DosageColumn.DONE, BarDelegate(FractionRole, self.dosage)
        )
        header = self.dosage.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Short columns fit the rows on screen, not all 200 (each layout pass would ask every
        # cell); the names column is sized from every name in refresh().
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(DosageColumn.PROVIDER, QHeaderView.ResizeMode.Interactive)
        # The bar keeps room for its words ("120 of 90") however narrow the window (a
        # stretched bar shrinks to nothing at 200 %); the pace's words take what is left.
        header.setSectionResizeMode(DosageColumn.DONE, QHeaderView.ResizeMode.Fixed)
        self.dosage.setColumnWidth(
            DosageColumn.DONE, self.fontMetrics().horizontalAdvance("Minutes done 000") + 24
        )
        header.setStretchLastSection(True)

        self.goal = QLabel()
        self.goal.setWordWrap(True)
        self.goal.setAccessibleName("Main coaching goal")
        self.plan = QListWidget()
        self.plan.setAccessibleName("This month's plan: follow-ups to tick")
        self.plan.setWordWrap(True)
        self.backlog = QListWidget()
        self.backlog.setAccessibleName("Sessions waiting to be entered in CMS")
        self.program_text = QLabel()
        self.program_text.setWordWrap(True)
        self.program_text.setAccessibleName("Meetings, consultation and trainings")
        self.program_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction  # links work from the keyboard too
        )
        self.program_text.linkActivated.connect(lambda _link: self.program_requested.emit())
        self.due = QListWidget()
        self.due.setAccessibleName("Data requirements overdue or due soon")
        self.drafts_button = QPushButton()
        self.drafts_button.setAccessibleName("Unsaved drafts")

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        for button in (self.previous_button, self.today_button, self.next_button):
            top.addWidget(button)
        top.addSpacing(12)
        top.addWidget(self.print_button)

        dosage_box = QGroupBox("Coaching dosage — 90 minutes per provider this month")
        QVBoxLayout(dosage_box).addWidget(self.dosage)
        plan_box = QGroupBox("The guide's plan for the month")
        plan_column = QVBoxLayout(plan_box)
        plan_column.addWidget(self.goal)
        plan_column.addWidget(self.plan, 1)
        backlog_box = QGroupBox("Waiting to be entered in CMS (oldest first)")
        backlog_column = QVBoxLayout(backlog_box)
        backlog_column.addWidget(self.backlog, 1)
        backlog_column.addWidget(self.drafts_button)

        program_box = QGroupBox("Program this year")
        QVBoxLayout(program_box).addWidget(self.program_text)
        left = QVBoxLayout()
        left.addWidget(dosage_box, 3)
        left.addWidget(program_box)
        due_box = QGroupBox("Data due soon or overdue")
        QVBoxLayout(due_box).addWidget(self.due)
        left.addWidget(due_box, 2)
        right = QVBoxLayout()
        right.addWidget(plan_box, 3)
        right.addWidget(backlog_box, 2)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        checks_on_window(self.plan)
        for view, rows in ((self.dosage, 5), (self.due, 4), (self.plan, 4), (self.backlog, 3)):
            keep_rows(view, rows)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(scrolling(columns), 1)

        self.previous_button.clicked.connect(lambda: self.show_month(self.month.previous()))
        self.next_button.clicked.connect(lambda: self.show_month(self.month.next()))
        self.print_button.clicked.connect(self.print_current)
        self.today_button.clicked.connect(
            lambda: self.show_month(Month.of(self._dashboard.today()))
        )
        self.plan.itemChanged.connect(self._ticked)
        # activated is Enter and double-click alike (the style decides); not both signals.
        self.dosage.activated.connect(self._open_provider)
        self.backlog.itemActivated.connect(self._open_backlog)
        self.due.itemActivated.connect(lambda _item: self.data_requested.emit())
        self.drafts_button.clicked.connect(self.drafts_requested)
        self.loader = LazyLoader(self, self.refresh)  # loads when on screen
        changes.changed.connect(self._on_changes)

    def _on_changes(self, changes: frozenset[Change]) -> None:
        if QtChanges.touches(
            changes, Change.SESSIONS, Change.PROVIDERS, Change.PLANNING, Change.DRAFTS,
            Change.SETTINGS, Change.REQUIREMENTS,
        ):  # fmt: skip
            self.loader.request()

    def print_current(self) -> None:
        self.summary_requested.emit(self.month)

    def show_month(self, month: Month) -> None:
        self.month = month
        self.loader.request()

    def refresh(self) -> None:
        overview = self._dashboard.month(self.month)
        self.overview = overview
        self.heading.setText(f"<h2>{self.month.label}</h2>")
        self.dosage_model.set_rows(list(overview.dosage))
        names = [row.provider_name for row in overview.dosage]
        advance = self.dosage.fontMetrics().horizontalAdvance
        widest = max(map(advance, [*names, DosageTableModel.headers[DosageColumn.PROVIDER]]))
        self.dosage.setColumnWidth(DosageColumn.PROVIDER, widest + 24)  # + cell margins
        total = len(overview.dosage)
        parts = [f"{overview.met_count} of {total} providers have their 90 minutes"]
        if overview.warnings:
            parts.append(f"⚠ {overview.warnings} at risk or missed")
        parts.append(f"{overview.backlog_total} sessions waiting for CMS")
        parts.append(
            f"plan: {overview.plan.done_count} of {len(overview.plan.items)} follow-ups done"
        )
        self.summary.setText(" · ".join(parts))

        counts = overview.program
        trainings = "; ".join(
            f"{t.name}: done {month_day(t.last_held_on)}" if t.done and t.last_held_on
            else f"{t.name}: not yet" + (f", planned {month_day(t.next_planned_on)}"
                                          if t.next_planned_on else "")
            for t in counts.trainings
        )  # fmt: skip
        self.program_text.setText(
            f"<b>Provider Collaboration Meetings</b> ({counts.pcm_min}–{counts.pcm_max} a year): "
            f"{counts.pcm_pace_text}<br>"
            f"<b>Reflective Consultation</b> in {self.month.label}: {overview.rc_this_month}"
            f" · {counts.rc_months_attended} months attended this year<br>"
            f"<b>Trainings:</b> {trainings}<br>"
            "<a href='program'>Open the Program page</a>"
        )
        self.goal.setText(f"<b>{overview.plan.period_title}:</b> {overview.plan.main_goal}")
        self.plan.blockSignals(True)
        self.plan.clear()
        for item in overview.plan.items:
            done = f" — done {month_day(item.done_on)}" if item.done_on else ""
            entry = QListWidgetItem(f"{item.component}: {item.follow_up}{done}")
            entry.setToolTip(f"Coaching activity: {item.activity}")
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if item.done_on else Qt.CheckState.Unchecked)
            entry.setData(ItemKeyRole, item.key)
            self.plan.addItem(entry)
        self.plan.blockSignals(False)

        self.due.clear()
        for record in overview.due:
            warn = "⚠ " if record.due_state is DueState.OVERDUE else ""
            who = record.provider_name or "You"
            status = status_text(record)
            when = "" if "due" in status.lower() else f" · due {month_day(record.due_on)}"
            self.due.addItem(f"{warn}{record.name} — {who}: {status}{when}")
        if not overview.due:
            self.due.addItem("Nothing due in the next 30 days.")
        self.backlog.clear()
        for waiting in overview.backlog:
            entry = QListWidgetItem(
                f"{month_day(waiting.day)}, {waiting.day.year} — {waiting.provider_name} "
                f"({waiting.minutes} min) · waiting {waiting.days_waiting} "
                f"{'day' if waiting.days_waiting == 1 else 'days'}"
            )
            entry.setData(ItemKeyRole, waiting.session_id)
            self.backlog.addItem(entry)
        if overview.backlog_total > len(overview.backlog):
            more = overview.backlog_total - len(overview.backlog)
            self.backlog.addItem(f"…and {more} more (Sessions page: Not yet entered in CMS)")
        if not overview.backlog:
            self.backlog.addItem("Every completed session is entered in CMS.")
        self.drafts_button.setText(
            f"Open {overview.drafts} unsaved draft(s)…" if overview.drafts else "No unsaved drafts"
        )
        self.drafts_button.setEnabled(overview.drafts > 0)

    def _ticked(self, item: QListWidgetItem) -> None:
        key = item.data(ItemKeyRole)
        if key:
            self._dashboard.set_done(
                self.month, str(key), item.checkState() == Qt.CheckState.Checked
            )

    def _open_provider(self, index: QModelIndex) -> None:
        if index.isValid():
            row = self.dosage_model.row_at(index.row())
            self.provider_month_requested.emit(row.provider_id, self.month)

    def _open_backlog(self, item: QListWidgetItem) -> None:
        session_id = item.data(ItemKeyRole)
        if session_id is not None:
            self.session_requested.emit(int(session_id))
