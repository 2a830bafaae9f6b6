"""The Data & evaluation page on real services: matrix, requirement and observation dialogs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.requirements import RequirementInput
from rooted_desktop.core.vocab import RequirementStatus
from rooted_desktop.services.requirements import RequirementService
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.dialogs.observation_dialog import NO_SCORES_NOTE, ObservationDialog
from rooted_desktop.ui.dialogs.requirement_dialog import RequirementDialog
from rooted_desktop.ui.models.requirement_tables import ObservationColumn, RecordRole
from rooted_desktop.ui.pages.data_page import DataPage


@pytest.fixture
def reqs(services: Any) -> RequirementService:
    return RequirementService(services.store, services.bus, services.guide, services.clock)


@pytest.fixture
def page(qtbot: Any, services: Any, reqs: RequirementService) -> DataPage:
    for name, setting, age in (
        ("Zoë Martínez", "center", "preschool"),
        ("Ana Ruiz", "fcch", "infant-toddler"),
    ):
        services.providers.add(ProviderInput(name=name, setting=setting, age_group=age))
    widget = DataPage(reqs, services.years, QtChanges(services.bus))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def column_of(page: DataPage, key: str) -> int:
    assert page.matrix_data is not None
    return [c.key for c in page.matrix_data.columns].index(key)


def row_of(page: DataPage, name: str) -> int:
    assert page.matrix_data is not None
    return [r.provider_name for r in page.matrix_data.rows].index(name)


def text(page: DataPage, name: str, key: str) -> str:
    index = page.matrix_model.index(row_of(page, name), column_of(page, key))
    return str(index.data())


def go_to(page: DataPage, name: str, key: str) -> None:
    page.matrix.setFocus()
    page.matrix.setCurrentIndex(page.matrix_model.index(row_of(page, name), column_of(page, key)))


def test_the_matrix_reads_as_words(page: DataPage) -> None:
    model = page.matrix_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["Demographics", "ASQ-SE2", "BOQ"]
    assert headers[-1] == "CI survey (optional)"
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert rows == ["Ana Ruiz", "Zoë Martínez"]  # alphabetical
    # Today is Dec 4, 2026: September's items are overdue, December's due soon.
    overdue = model.index(row_of(page, "Ana Ruiz"), column_of(page, "demographic_survey"))
    assert overdue.data() == "Overdue (due Sep 30)"
    assert overdue.data(Qt.ItemDataRole.DecorationRole) is not None  # a marker, not colour
    assert overdue.data(Qt.ItemDataRole.FontRole).bold()
    assert overdue.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Ana Ruiz, Demographics: Overdue (due Sep 30)"
    )
    assert text(page, "Ana Ruiz", "boq") == "n/a"  # a family child care home: FCCH BOQ
    assert text(page, "Ana Ruiz", "fcch_boq") == "Due Dec 31"
    assert text(page, "Ana Ruiz", "tpot") == "n/a" and text(page, "Ana Ruiz", "tpitos") != "n/a"
    assert text(page, "Zoë Martínez", "tpitos") == "n/a"
    assert text(page, "Zoë Martínez", "ci_survey") == "Due May 31"
    assert page.coach_model.index(0, 0).data() == "Reflective Consultation Survey"
    assert page.summary.text() == "Program year 2026-27: 4 overdue, 7 due within 30 days"
    assert page.no_scores.text() == NO_SCORES_NOTE and page.no_scores.isVisible()


def test_edit_an_asq_cell_through_the_dialog(
    qtbot: Any, page: DataPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    go_to(page, "Zoë Martínez", "asq_se2")
    assert text(page, "Zoë Martínez", "asq_se2") == "Overdue (due Sep 30)"
    seen: list[str] = []

    def fill(dialog: RequirementDialog) -> int:
        seen.append(dialog.windowTitle())
        dialog.status.setCurrentIndex(dialog.status.findData("in-progress"))
        for field, typed in (("asq_distributed", "9"), ("asq_returned", "7")):
            spin = dialog.counts[field]
            spin.selectAll()
            qtbot.keyClicks(spin, typed)
        qtbot.keyClicks(dialog.notes, "Two families asked for more time")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RequirementDialog, "exec", fill)
    qtbot.keyClick(page.matrix, Qt.Key.Key_Return)  # Enter edits the current cell
    assert seen == ["ASQ-SE2 screening — Zoë Martínez"]
    assert text(page, "Zoë Martínez", "asq_se2") == "Overdue (due Sep 30), 7/9 returned"
    record = page.matrix.currentIndex().data(RecordRole)  # the same cell stays current
    assert (record.kind, record.notes) == ("asq_se2", "Two families asked for more time")

    def done(dialog: RequirementDialog) -> int:
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        assert dialog.completed.value() == date(2026, 12, 4)  # Done fills today
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(RequirementDialog, "exec", done)
    page.edit_button.click()
    assert text(page, "Zoë Martínez", "asq_se2") == "Done Dec 4 (late), 7/9 returned"


def test_the_dialog_names_what_is_wrong(
    qtbot: Any, page: DataPage, reqs: RequirementService
) -> None:
    go_to(page, "Ana Ruiz", "asq_se2")
    record = page.matrix.currentIndex().data(RecordRole)
    dialog = RequirementDialog(page, record, today=date(2026, 12, 4))
    qtbot.addWidget(dialog)
    dialog.counts["asq_distributed"].setValue(7)
    dialog.counts["asq_returned"].setValue(9)
    dialog.started.set_value(date(2026, 10, 2))
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.completed.edit.setDate(QDate(2026, 10, 1))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert "Returned (9) is more than distributed (7)" in dialog.problems.text()
    assert "The completed date is before the started date" in dialog.problems.text()
    assert reqs.requirement(record.id).asq_returned is None  # nothing saved
    dialog.status.setCurrentIndex(dialog.status.findData("in-progress"))
    assert dialog.completed.value() is None  # leaving Done clears the completed date


def test_observations_new_edit_delete(
    qtbot: Any, page: DataPage, monkeypatch: pytest.MonkeyPatch, reqs: RequirementService
) -> None:
    def new(dialog: ObservationDialog) -> int:
        assert dialog.windowTitle() == "New observation"
        assert NO_SCORES_NOTE in dialog.note.text()
        dialog.provider.setCurrentIndex(dialog.provider.findText("Zoë Martínez"))
        assert dialog.tool.currentText() == "TPOT"  # preschool
        qtbot.keyClicks(dialog.observer, "Dana Cole")
        dialog.completed.set_value(date(2026, 11, 12))
        dialog.debrief.set_value(date(2026, 12, 1))
        qtbot.keyClicks(dialog.strengths, "Warm greetings at arrival")
        qtbot.keyClicks(dialog.next_steps, "Teach two rules with pictures")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ObservationDialog, "exec", new)
    page.new_obs_button.click()
    cell = page.obs_model.index(0, ObservationColumn.OBSERVER)
    assert cell.data() == "Dana Cole"
    assert page.obs_model.index(0, ObservationColumn.SCHEDULED).data() == "Not scheduled"
    assert page.obs_model.index(0, ObservationColumn.DEBRIEF).data() == "Tue Dec 1, 2026"
    assert text(page, "Zoë Martínez", "tpot") == "Done Dec 1"  # the debrief completes it

    def edit(dialog: ObservationDialog) -> int:
        assert dialog.windowTitle() == "Edit observation"
        assert dialog.strengths.toPlainText() == "Warm greetings at arrival"
        dialog.observer.selectAll()
        qtbot.keyClicks(dialog.observer, "Dana Cole-Ruiz")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ObservationDialog, "exec", edit)
    page.observations.setFocus()
    qtbot.keyClick(page.observations, Qt.Key.Key_Return)
    assert page.obs_model.index(0, ObservationColumn.OBSERVER).data() == "Dana Cole-Ruiz"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_obs_button.click()
    assert page.obs_model.rowCount() == 0
    assert not page.delete_obs_button.isEnabled()


def test_a_refused_observation_keeps_the_dialog_open(
    qtbot: Any, page: DataPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[str] = []

    def late(dialog: ObservationDialog) -> int:
        attempts.append(dialog.problems.text())
        if len(attempts) == 1:
            dialog.debrief.set_value(date(2026, 11, 1))  # no completed date yet
            dialog.accept()
            assert "A debrief needs the completed date" in dialog.problems.text()
            return dialog.result()  # rejected by the dialog: the page stops asking
        return 0

    monkeypatch.setattr(ObservationDialog, "exec", late)
    page.new_obs_button.click()
    assert page.obs_model.rowCount() == 0


def test_the_page_follows_changes(page: DataPage, services: Any) -> None:
    services.providers.add(ProviderInput(name="Bea Lund", setting="center", age_group="preschool"))
    rows = [r.provider_name for r in page.matrix_data.rows]  # type: ignore[union-attr]
    assert rows == ["Ana Ruiz", "Bea Lund", "Zoë Martínez"]
    reqs_record = page.matrix_model.index(1, 0).data(RecordRole)
    RequirementService(services.store, services.bus, services.guide, services.clock).update(
        reqs_record.id, RequirementInput(RequirementStatus.DONE, completed_on=date(2026, 9, 2))
    )
    assert text(page, "Bea Lund", "demographic_survey") == "Done Sep 2"


def test_every_visible_control_is_named(qtbot: Any, page: DataPage) -> None:
    go_to(page, "Ana Ruiz", "asq_se2")
    requirement = RequirementDialog(
        page, page.matrix.currentIndex().data(RecordRole), today=date(2026, 12, 4)
    )
    observation = ObservationDialog(page, page._choices(), today=date(2026, 12, 4))
    for window in (page, requirement, observation):
        window.show()
        own = [w for w in window.findChildren(QWidget) if w.window() is window]
        for widget in own:
            inner = isinstance(widget.parentWidget(), QAbstractSpinBox)  # an editor's own line
            if not widget.isVisible() or inner or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            named = widget.accessibleName() or (
                isinstance(widget, QAbstractButton) and widget.text()
            )
            assert named, f"{type(widget).__name__} in {window.windowTitle()!r} has no name"
        texts = [w.text() for w in own if isinstance(w, QAbstractButton)] + [
            w.text() for w in own if isinstance(w, QLabel) and w.buddy()
        ]
        letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
        assert len(letters) == len(set(letters)), texts
    for note in (page.no_scores, observation.note):
        assert note.text() == NO_SCORES_NOTE
    labels = [label.text() for label in observation.findChildren(QLabel)]
    assert "Debrief st&rengths (coach-only):" in labels
    assert "Debrief &next steps (coach-only):" in labels
    fields = [
        w for w in observation.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert fields and not [w for w in fields if "score" in w.accessibleName().lower()]


def test_keyboard_only(qtbot: Any, page: DataPage, monkeypatch: pytest.MonkeyPatch) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    for key, table in (
        (Qt.Key.Key_C, page.coach_table),
        (Qt.Key.Key_O, page.observations),
        (Qt.Key.Key_R, page.matrix),
    ):
        qtbot.keyClick(page, key, Qt.KeyboardModifier.AltModifier)  # a label's mnemonic
        qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(page.matrix, Qt.Key.Key_Right)  # arrows move between cells
    assert page.matrix.currentIndex().column() == 1
    assert not page.matrix.tabKeyNavigation()  # Tab leaves the table for the buttons
    opened: list[str] = []

    def cancel(dialog: RequirementDialog) -> int:
        opened.append(dialog.windowTitle())
        assert dialog.status.hasFocus() or dialog.focusWidget() is dialog.status
        return 0

    monkeypatch.setattr(RequirementDialog, "exec", cancel)
    page.coach_table.setFocus()
    qtbot.keyClick(page.coach_table, Qt.Key.Key_Return)
    assert opened == ["Reflective Consultation Survey — the coach's own item"]
    assert page.coach_table.hasFocus()  # back where the coach was
