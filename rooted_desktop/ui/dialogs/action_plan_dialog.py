"""A provider's action plan: goals on the left, the chosen goal's steps on the right.

Opened from a session, status changes are recorded with that session. Every control has an
accessible name and a keyboard way in; status is always written out, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.records import PlanRecord, ProviderRecord, StepRecord
from rooted_desktop.core.vocab import StepStatus
from rooted_desktop.services.action_plans import ActionPlanService
from rooted_desktop.ui.dialogs.step_dialog import StepDialog, ask_goal
from rooted_desktop.ui.errors import show_user_error
from rooted_desktop.ui.models.session_table import short_date
from rooted_desktop.ui.models.step_table import (
    GoalListModel,
    StepColumn,
    StepTableModel,
    describe_step,
)

__all__ = ["ActionPlanDialog", "StepDialog", "ask_goal"]

STATUS_BUTTONS = {
    StepStatus.NOT_STARTED: "Not &started",
    StepStatus.IN_PROGRESS: "&In progress",
    StepStatus.DONE: "&Done",
}


def _button(text: str, name: str, tip: str, slot: Callable[[], Any]) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setAutoDefault(False)  # Enter in the steps table edits the step, nothing else
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


class ActionPlanDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        plans: ActionPlanService,
        provider: ProviderRecord,
        *,
        session_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._plans = plans
        self._provider = provider
        self._session_id = session_id
        self.setWindowTitle(f"Action plan — {provider.name}")
        self.resize(980, 560)

        self.goals_model = GoalListModel(self)
        self.goals = QListView()
        self.goals.setModel(self.goals_model)
        self.goals.setAccessibleName("Goals")
        self.goals.setWordWrap(True)
        self.goals.setSpacing(3)
        self.goals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        goals_label = QLabel("&Goals:")
        goals_label.setBuddy(self.goals)
        self.new_goal_button = _button("&New goal…", "New goal", "Add a goal", self.new_goal)
        self.rename_goal_button = _button(
            "&Rename goal…", "Rename goal", "Change the goal's words", self.rename_goal
        )
        self.close_goal_button = _button("&Close goal", "Close goal", "", self.toggle_closed)

        self.steps_model = StepTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.steps_model)
        self.table.setAccessibleName("Steps")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.steps_label = QLabel("S&teps:")
        self.steps_label.setBuddy(self.table)
        self.hint = QLabel()
        self.hint.setAccessibleName("Goal state")
        self.details = QLabel()
        self.details.setAccessibleName("Step details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(self.details.textFormat().PlainText)

        self.add_step_button = _button("&Add step…", "Add step", "Add a step", self.add_step)
        self.edit_step_button = _button("&Edit step…", "Edit step", "Enter", self.edit_step)
        self.up_button = _button("Move &up", "Move step up", "", lambda: self.move_step(-1))
        self.down_button = _button("Move do&wn", "Move step down", "", lambda: self.move_step(1))
        self.delete_step_button = _button(
            "De&lete step…", "Delete step", "Delete the step and its history", self.delete_step
        )
        where = "with this session" if session_id is not None else "with today's date"
        self.status_buttons = {
            status: _button(
                text,
                f"Mark step {status.label.lower()}",
                f"Mark the step {status.label.lower()} (recorded {where})",
                lambda s=status: self.set_status(s),  # type: ignore[misc]
            )
            for status, text in STATUS_BUTTONS.items()
        }

        left = QVBoxLayout()
        left.addWidget(goals_label)
        left.addWidget(self.goals, 1)
        for button in (self.new_goal_button, self.rename_goal_button, self.close_goal_button):
            left.addWidget(button)
        right = QVBoxLayout()
        right.addLayout(_row(self.steps_label, self.hint))
        right.addWidget(self.table, 1)
        right.addLayout(
            _row(self.add_step_button, self.edit_step_button, self.up_button, self.down_button,
                 self.delete_step_button)
        )  # fmt: skip
        status_label = QLabel(f"Step status (recorded {where}):")
        right.addLayout(_row(status_label, *self.status_buttons.values()))
        right.addWidget(self.details)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(close)

        self.goals.selectionModel().currentChanged.connect(lambda *_: self._show_plan())
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.table.activated.connect(lambda _index: self.edit_step())
        self.refresh()
        self.goals.setFocus()

    # -- showing ------------------------------------------------------------------------
    def current_plan(self) -> PlanRecord | None:
        index = self.goals.currentIndex()
        return self.goals_model.plan_at(index.row()) if index.isValid() else None

    def current_step(self) -> StepRecord | None:
        index = self.table.currentIndex()
        return self.steps_model.step_at(index.row()) if index.isValid() else None

    def refresh(self, *, plan_id: int | None = None, step_id: int | None = None) -> None:
        """Reload the plans, keeping (or moving to) the chosen goal and step."""
        plan, step = self.current_plan(), self.current_step()
        plan_id = plan_id if plan_id is not None else (plan.id if plan else None)
        step_id = step_id if step_id is not None else (step.id if step else None)
        self.goals_model.set_plans(self._plans.plans(self._provider.id))
        row = self.goals_model.row_of(plan_id) if plan_id is not None else None
        if row is None and self.goals_model.rowCount():
            row = 0
        if row is not None:
            self.goals.setCurrentIndex(self.goals_model.index(row))
        self._show_plan(step_id)

    def _show_plan(self, step_id: int | None = None) -> None:
        plan = self.current_plan()
        self.steps_model.set_steps(plan.steps if plan else ())
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(StepColumn.STEP, min(self.table.columnWidth(0), 360))
        if plan is None:
            self.hint.setText("No goals yet: add one with New goal.")
        elif not plan.is_open:
            closed = short_date(plan.closed_on)  # type: ignore[arg-type]
            self.hint.setText(f"(goal closed {closed}; reopen it to change its steps)")
        else:
            self.hint.setText(f"(goal set {short_date(plan.created_on)})")
        row = self.steps_model.row_of(step_id) if step_id is not None else None
        if row is None and self.steps_model.rowCount():
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.steps_model.index(row, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        plan, step = self.current_plan(), self.current_step()
        editable = plan is not None and plan.is_open
        self.rename_goal_button.setEnabled(plan is not None)
        self.close_goal_button.setEnabled(plan is not None)
        closed = plan is not None and not plan.is_open
        self.close_goal_button.setText("Re&open goal" if closed else "&Close goal")
        self.close_goal_button.setAccessibleName("Reopen goal" if closed else "Close goal")
        self.add_step_button.setEnabled(editable)
        has_step = editable and step is not None
        for button in (self.edit_step_button, self.delete_step_button):
            button.setEnabled(has_step)
        row = self.table.currentIndex().row()
        self.up_button.setEnabled(has_step and row > 0)
        self.down_button.setEnabled(has_step and row < self.steps_model.rowCount() - 1)
        for status, button in self.status_buttons.items():
            button.setEnabled(has_step and step is not None and step.status != status)
        self.details.setText(describe_step(step) if step else "")

    # -- actions ------------------------------------------------------------------------
    def _apply(self, action: Callable[[], object], *, step_id: int | None = None) -> None:
        """Run a service call, show a coach-facing problem, reload, and go back to the table."""
        try:
            action()
        except UserError as error:
            show_user_error(self, error, title=self.windowTitle())
        self.refresh(step_id=step_id)
        self.table.setFocus()

    def new_goal(self) -> None:
        self._edit_goal("New goal", "", lambda text: self._plans.add_plan(self._provider.id, text))

    def rename_goal(self) -> None:
        plan = self.current_plan()
        if plan is not None:
            self._edit_goal(
                "Rename goal", plan.goal, lambda text: self._plans.rename_plan(plan.id, text)
            )

    def _edit_goal(self, title: str, text: str, save: Callable[[str], PlanRecord]) -> None:
        while (answer := ask_goal(self, title, text)) is not None:
            text = answer
            try:
                record = save(text)
            except UserError as error:
                show_user_error(self, error, title=title)
                continue
            self.refresh(plan_id=record.id)
            self.goals.setFocus()
            return

    def toggle_closed(self) -> None:
        plan = self.current_plan()
        if plan is not None:
            change = self._plans.close_plan if plan.is_open else self._plans.reopen_plan
            self._apply(lambda: change(plan.id))
            self.goals.setFocus()

    def add_step(self) -> None:
        plan = self.current_plan()
        if plan is not None and plan.is_open:
            self._edit_step(None, lambda data: self._plans.add_step(plan.id, data))

    def edit_step(self) -> None:
        step = self.current_step()
        plan = self.current_plan()
        if step is not None and plan is not None and plan.is_open:
            self._edit_step(step, lambda data: self._plans.update_step(step.id, data))

    def _edit_step(self, step: StepRecord | None, save: Callable[[Any], StepRecord]) -> None:
        dialog = StepDialog(self, step)
        while dialog.exec():
            try:
                record = save(dialog.value())
            except UserError as error:
                dialog.show_problems(
                    [d.partition(": ")[2] or d for d in error.details] or [str(error)]
                )
                continue
            self.refresh(step_id=record.id)
            self.table.setFocus()
            return

    def move_step(self, offset: int) -> None:
        step = self.current_step()
        if step is not None:
            self._apply(lambda: self._plans.move_step(step.id, offset), step_id=step.id)

    def delete_step(self) -> None:
        step = self.current_step()
        if step is None:
            return
        short = step.step if len(step.step) <= 80 else step.step[:79] + "…"
        answer = QMessageBox.question(
            self,
            "Delete step",
            f"Delete the step “{short}” and its status history?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(lambda: self._plans.delete_step(step.id))

    def set_status(self, status: StepStatus) -> None:
        step = self.current_step()
        if step is not None:
            session_id = self._session_id
            self._apply(
                lambda: self._plans.set_status(step.id, status, session_id=session_id),
                step_id=step.id,
            )
