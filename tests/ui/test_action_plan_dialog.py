"""The action-plan window and its step editor, on real services."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from sqlmodel import col, select

from rooted_desktop.core.action_plans import StepInput
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.records import ProviderRecord
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus, StepStatus
from rooted_desktop.services.action_plans import ActionPlanService
from rooted_desktop.store.models import ActionStepStatus
from rooted_desktop.ui.dialogs import action_plan_dialog as module
from rooted_desktop.ui.dialogs import step_dialog
from rooted_desktop.ui.dialogs.action_plan_dialog import ActionPlanDialog, StepDialog
from rooted_desktop.ui.models.step_table import StepColumn

TODAY = date(2026, 12, 4)


@pytest.fixture
def plans(services: Any) -> ActionPlanService:
    return services.action_plans  # type: ignore[no-any-return]


@pytest.fixture
def provider(services: Any) -> ProviderRecord:
    data = ProviderInput(name="Zoë Martínez", setting="center", age_group="preschool")
    record: ProviderRecord = services.providers.add(data)
    return record


def open_dialog(
    qtbot: Any, plans: ActionPlanService, provider: ProviderRecord, **kw: Any
) -> ActionPlanDialog:
    dialog = ActionPlanDialog(None, plans, provider, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cell(dialog: ActionPlanDialog, row: int, column: StepColumn) -> str:
    return str(dialog.steps_model.index(row, column).data())


def test_goal_and_step_through_the_dialog(
    qtbot: Any, plans: ActionPlanService, provider: ProviderRecord, services: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    visit = SessionInput(
        provider_id=provider.id,
        day=TODAY,
        start_time=time(9),
        minutes=45,
        mode=Mode.IN_PERSON,
        status=SessionStatus.COMPLETED,
    )
    session_id = int(services.sessions.create(visit).id)
    dialog = open_dialog(qtbot, plans, provider, session_id=session_id)
    assert dialog.windowTitle() == "Action plan — Zoë Martínez"
    assert "No goals yet" in dialog.hint.text()
    assert not dialog.add_step_button.isEnabled()

    monkeypatch.setattr(module, "ask_goal", lambda parent, title, text="": "Use visual schedules")
    qtbot.mouseClick(dialog.new_goal_button, Qt.MouseButton.LeftButton)
    assert dialog.goals_model.index(0).data() == "Use visual schedules — 0 of 0 steps done"

    def fill(step: StepDialog) -> int:
        qtbot.keyClicks(step.step, "Post the daily schedule")
        qtbot.keyClicks(step.who, "Provider")
        qtbot.keyClicks(step.resources, "Photo cards")
        step.has_target.setChecked(True)
        step.target.setDate(QDate(2026, 12, 18))
        step.accept()
        return step.result()

    monkeypatch.setattr(StepDialog, "exec", fill)
    dialog.add_step_button.click()
    assert cell(dialog, 0, StepColumn.STEP) == "Post the daily schedule"
    assert cell(dialog, 0, StepColumn.TARGET) == "Fri Dec 18, 2026"
    assert cell(dialog, 0, StepColumn.STATUS) == "Not started"
    assert not dialog.status_buttons[StepStatus.NOT_STARTED].isEnabled()
    assert "Resources / materials: Photo cards" in dialog.details.text()

    dialog.status_buttons[StepStatus.DONE].click()
    assert cell(dialog, 0, StepColumn.STATUS) == "Done"
    assert cell(dialog, 0, StepColumn.DONE_ON) == "Fri Dec 4, 2026"
    assert "Done Fri Dec 4, 2026" in dialog.details.text()
    assert dialog.goals_model.index(0).data() == "Use visual schedules — 1 of 1 steps done"
    assert services.sessions.open_steps(provider.id) == []
    (plan,) = plans.plans(provider.id)
    assert plan.steps[0].status is StepStatus.DONE
    with services.store.reading() as session:  # the change is recorded with the session
        rows = session.exec(select(ActionStepStatus).order_by(col(ActionStepStatus.id))).all()
        assert [(r.status, r.session_id) for r in rows] == [
            ("not-started", None),
            ("done", session_id),
        ]


def test_edit_move_delete_close_from_the_keyboard(
    qtbot: Any, plans: ActionPlanService, provider: ProviderRecord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    plan = plans.add_plan(provider.id, "Calm-down area")
    for text in ("First", "Second"):
        plans.add_step(plan.id, StepInput(text))
    dialog = open_dialog(qtbot, plans, provider)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.current_step().step == "Second"  # type: ignore[union-attr]
    qtbot.keyClick(dialog, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)  # Move up
    qtbot.waitUntil(lambda: cell(dialog, 0, StepColumn.STEP) == "Second")  # (an animated click)
    assert cell(dialog, 1, StepColumn.STEP) == "First"
    assert dialog.current_step().step == "Second"  # type: ignore[union-attr]

    def rename(step: StepDialog) -> int:
        step.step.selectAll()
        qtbot.keyClicks(step.step, "Second, edited")
        step.accept()
        return step.result()

    monkeypatch.setattr(StepDialog, "exec", rename)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter edits the current step
    assert cell(dialog, 0, StepColumn.STEP) == "Second, edited"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete_step_button.click()
    assert [s.step for s in plans.plan(plan.id).steps] == ["First"]

    dialog.close_goal_button.click()
    assert dialog.goals_model.index(0).data().endswith("(closed)")
    assert dialog.close_goal_button.text() == "Re&open goal"
    assert not dialog.add_step_button.isEnabled()
    assert not any(b.isEnabled() for b in dialog.status_buttons.values())
    dialog.close_goal_button.click()
    assert plans.plan(plan.id).is_open


def test_step_dialog_names_what_is_wrong(qtbot: Any) -> None:
    step = StepDialog(None)
    qtbot.addWidget(step)
    step.resources.setPlainText("x" * 2001)
    step.accept()
    assert step.result() == QDialog.DialogCode.Rejected
    assert "The step is missing" in step.problems.text()
    assert "Resources / materials is longer than 2000 characters" in step.problems.text()
    assert step.value().target_date is None
    assert not step.target.isEnabled()


def test_ask_goal_returns_the_typed_words(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def type_goal(dialog: QDialog) -> int:
        edit = dialog.findChild(QLineEdit)
        assert edit.accessibleName() == "Goal"
        qtbot.keyClicks(edit, "Teach expectations")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QDialog, "exec", type_goal)
    assert step_dialog.ask_goal(None, "New goal") == "Teach expectations"


def test_every_control_has_an_accessible_name(
    qtbot: Any, plans: ActionPlanService, provider: ProviderRecord
) -> None:
    plans.add_step(plans.add_plan(provider.id, "Goal").id, StepInput("Step"))
    dialog = open_dialog(qtbot, plans, provider)
    step = StepDialog(dialog, plans.plans(provider.id)[0].steps[0])
    qtbot.addWidget(step)
    for window in (dialog, step):
        for widget in window.findChildren(QWidget):
            inner = isinstance(widget.parentWidget(), QAbstractSpinBox)  # a date edit's own line
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not inner:
                named = widget.accessibleName() or (
                    isinstance(widget, QAbstractButton) and widget.text()
                )
                assert named, f"{type(widget).__name__} in {window.windowTitle()} has no name"
    assert step.step.toPlainText() == "Step"
    mnemonics = [b.text() for b in dialog.findChildren(QAbstractButton) if "&" in b.text()]
    letters = [t[t.index("&") + 1].lower() for t in mnemonics]
    assert len(letters) == len(set(letters)), mnemonics


def test_a_problem_is_shown_and_nothing_changes(
    qtbot: Any, plans: ActionPlanService, provider: ProviderRecord,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    plans.add_step(plans.add_plan(provider.id, "Goal").id, StepInput("Step"))
    dialog = open_dialog(qtbot, plans, provider, session_id=999)  # a session deleted meanwhile
    shown: list[str] = []
    monkeypatch.setattr(module, "show_user_error", lambda _p, error, **_k: shown.append(str(error)))
    dialog.status_buttons[StepStatus.DONE].click()
    assert shown == ["Session 999 no longer exists."]
    assert cell(dialog, 0, StepColumn.STATUS) == "Not started"


def test_reachable_from_the_session_form_and_the_providers_page(
    qtbot: Any, services: Any, paths: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rooted_desktop.ui.main_window import MainWindow

    provider = services.providers.add(
        ProviderInput(name="Zoë Martínez", setting="fcch", age_group="infant-toddler")
    )
    record = services.sessions.create(
        SessionInput(provider_id=provider.id, day=date(2026, 12, 3), start_time=time(9, 0),
                     minutes=60, mode=Mode.IN_PERSON, status=SessionStatus.COMPLETED)
    )  # fmt: skip
    opened: list[tuple[str, int | None]] = []

    def fake_exec(dialog: ActionPlanDialog) -> int:
        opened.append((dialog.windowTitle(), dialog._session_id))
        services.action_plans.add_plan(provider.id, "Calmer transitions")
        return 0

    monkeypatch.setattr(ActionPlanDialog, "exec", fake_exec)
    window = MainWindow(services, paths)
    qtbot.addWidget(window)
    editor = window.open_session(session_id=record.id)
    assert editor.side.plan_button.isEnabled()
    editor.side.plan_button.click()
    assert opened == [("Action plan — Zoë Martínez", record.id)]

    page = window.providers_page
    window.show()
    window.show_page(window.pages.index(page))  # a page loads when shown
    page.select_provider(provider.id)
    page.plan_button.click()
    assert opened[-1] == ("Action plan — Zoë Martínez", None)
    editor.close()
