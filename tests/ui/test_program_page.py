"""The Program page and its three dialogs, on real services."""

from __future__ import annotations

from datetime import date, time
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

from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.core.program import ConsultationInput, MeetingInput, TrainingInput
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.services.program import ProgramService
from rooted_desktop.store.models import Provider
from rooted_desktop.ui.changes import QtChanges
from rooted_desktop.ui.dialogs.consultation_dialog import ConsultationDialog
from rooted_desktop.ui.dialogs.meeting_dialog import MeetingDialog
from rooted_desktop.ui.dialogs.training_dialog import TrainingDialog
from rooted_desktop.ui.models.program_tables import MeetingColumn, TrainingColumn
from rooted_desktop.ui.pages.program_page import ProgramPage

TODAY = date(2026, 12, 4)  # the services fixture's today
YEAR = ProgramYear(2026)


@pytest.fixture
def program(services: Any) -> ProgramService:
    return ProgramService(services.store, services.bus, services.guide, services.clock)


@pytest.fixture
def people(services: Any) -> dict[str, int]:
    ids = {}
    for name in ("Zoë Martínez", "Łukasz Kowalczyk", "Ana Lopez", "Bo Inactive"):
        data = ProviderInput(name=name, setting="center", age_group="preschool")
        ids[name] = int(services.providers.add(data).id)
    services.providers.set_active(ids["Bo Inactive"], False)
    return ids


@pytest.fixture
def page(qtbot: Any, services: Any, program: ProgramService, people: dict[str, int]) -> ProgramPage:
    changes = QtChanges(services.bus)
    widget = ProgramPage(program, services.providers, services.years, changes)
    changes.setParent(widget)  # lives as long as the page
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def cell(page: ProgramPage, section: Any, row: int, column: int) -> str:
    return str(section.proxy.index(row, column).data())


def answer(monkeypatch: pytest.MonkeyPatch, reply: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(text)
        return reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_add_a_pcm_with_two_attendees(
    page: ProgramPage, program: ProgramService, people: dict[str, int], qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    assert page.pcm_count.text().startswith("PCMs (6–12 a year): behind: 0 held, about 3")

    def fill(dialog: MeetingDialog) -> int:
        listed = [
            dialog.attendees.items.item(r).text() for r in range(dialog.attendees.items.rowCount())
        ]
        assert listed == ["Ana Lopez", "Łukasz Kowalczyk", "Zoë Martínez"]  # no inactive Bo
        dialog.day.setDate(QDate(2026, 11, 18))
        dialog.has_start.setChecked(True)
        dialog.start.setTime(dialog.start.time().fromString("18:30", "HH:mm"))
        dialog.minutes.setValue(90)
        qtbot.keyClick(dialog.held, Qt.Key.Key_Space)
        qtbot.keyClicks(dialog.topic, "Teaching friendship skills")
        qtbot.keyClicks(dialog.facilitator, "Dana")
        dialog.attendees.check(people["Zoë Martínez"])
        dialog.attendees.setFocus()
        dialog.attendees.setCurrentIndex(dialog.attendees.items.index(1, 0))
        qtbot.keyClick(dialog.attendees, Qt.Key.Key_Space)  # ticks Łukasz from the keyboard
        dialog.debrief_notes.setPlainText("Zoë’s group was quiet")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", fill)
    page.tabs.setCurrentWidget(page.meetings)
    qtbot.mouseClick(page.meetings.new_button, Qt.MouseButton.LeftButton)

    (record,) = program.meetings(YEAR)
    assert (record.day, record.start, record.minutes, record.held) == (
        date(2026, 11, 18), time(18, 30), 90, True)  # fmt: skip
    assert record.attendee_names == ("Łukasz Kowalczyk", "Zoë Martínez")
    assert record.debrief_notes == "Zoë’s group was quiet"
    assert page.meetings.selected() == record
    assert cell(page, page.meetings, 0, MeetingColumn.ATTENDEES) == (
        "2: Łukasz Kowalczyk, Zoë Martínez"
    )
    assert cell(page, page.meetings, 0, MeetingColumn.STATUS) == "Held"
    assert page.pcm_count.text().startswith("PCMs (6–12 a year): behind: 1 held")


def test_edit_then_delete_with_confirmation(
    page: ProgramPage, program: ProgramService, people: dict[str, int], qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    ana, zoe = people["Ana Lopez"], people["Zoë Martínez"]
    record = program.save_meeting(
        None, MeetingInput(date(2027, 1, 12), topic="Routines", attendee_ids=(ana,))
    )
    assert cell(page, page.meetings, 0, MeetingColumn.STATUS) == "Planned"
    assert "1 more planned" in page.pcm_count.text()
    page.meetings.select(record.id)

    def edit(dialog: MeetingDialog) -> int:
        assert dialog.windowTitle() == "Edit PCM"
        assert dialog.topic.text() == "Routines"
        assert dialog.attendees.checked_ids() == (ana,)
        dialog.topic.setText("Routines and transitions")
        dialog.attendees.check(ana, False)
        dialog.attendees.check(zoe)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", edit)
    page.meetings.table.setFocus()
    qtbot.keyClick(page.meetings.table, Qt.Key.Key_Return)
    (changed,) = program.meetings(YEAR)
    assert (changed.id, changed.topic, changed.attendee_ids) == (
        record.id, "Routines and transitions", (zoe,))  # fmt: skip
    assert cell(page, page.meetings, 0, MeetingColumn.TOPIC) == "Routines and transitions"

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    page.meetings.delete_button.click()
    assert asked == ["Delete the PCM of Tue Jan 12, 2027? This cannot be undone."]
    assert len(program.meetings(YEAR)) == 1
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    page.meetings.delete_button.click()
    assert program.meetings(YEAR) == []
    assert page.meetings.proxy.rowCount() == 0
    assert not page.meetings.edit_button.isEnabled()
    assert "more planned" not in page.pcm_count.text()


def test_problems_are_shown_in_the_dialog(
    page: ProgramPage, program: ProgramService, people: dict[str, int], services: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    dialog = MeetingDialog(page, services.providers.all(), today=TODAY)
    dialog.day.setDate(QDate(2026, 12, 9))
    dialog.held.setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.problems.isHidden()
    assert "It cannot be marked held before its date, Dec 9, 2026" in dialog.problems.text()

    shown: list[list[str]] = []
    tries: list[int] = []

    def pick_a_provider_deleted_meanwhile(dialog: MeetingDialog) -> int:
        if tries:
            return 0
        tries.append(1)
        dialog.attendees.check(people["Ana Lopez"])
        with services.store.transaction() as session:
            session.delete(session.get(Provider, people["Ana Lopez"]))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", pick_a_provider_deleted_meanwhile)
    monkeypatch.setattr(MeetingDialog, "show_problems", lambda self, p: shown.append(p))
    page.meetings.new_button.click()
    assert shown == [[f"provider {people['Ana Lopez']} no longer exists"]]
    assert program.meetings(YEAR) == []


def test_consultation_and_training_through_their_dialogs(
    page: ProgramPage, program: ProgramService, people: dict[str, int], qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    program.save_consultation(None, ConsultationInput(date(2026, 7, 8), attended=True))
    assert "missing August 2026, September 2026, October 2026, November 2026" in (
        page.rc_count.text()
    )
    assert page.rc_count.text().endswith("December 2026 still to do")

    def attend(dialog: ConsultationDialog) -> int:
        dialog.day.setDate(QDate(2026, 11, 12))
        qtbot.keyClick(dialog.attended, Qt.Key.Key_Space)
        qtbot.keyClicks(dialog.notes, "Talked through a hard visit")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ConsultationDialog, "exec", attend)
    page.consultations.new_button.click()
    assert program.consultations(YEAR)[-1].notes == "Talked through a hard visit"
    assert page.rc_count.text().startswith("Reflective consultation: 2 of 12 months attended")
    assert "November" not in page.rc_count.text()

    assert "Pyramid Module 3B not yet (guide: January)" in page.training_count.text()

    def trained(dialog: TrainingDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData("3B"))
        dialog.role.setCurrentIndex(dialog.role.findData("trained"))
        dialog.day.setDate(QDate(2026, 10, 17))
        dialog.held.setChecked(True)
        dialog.attendees.check(people["Łukasz Kowalczyk"])
        dialog.implementation_notes.setPlainText("Plan: visual schedules")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(TrainingDialog, "exec", trained)
    page.trainings.new_button.click()
    (training,) = program.trainings(YEAR)
    assert (training.kind, training.role.value, training.attendee_names) == (
        "3B", "trained", ("Łukasz Kowalczyk",))  # fmt: skip
    assert cell(page, page.trainings, 0, TrainingColumn.TRAINING) == "Pyramid Module 3B"
    assert cell(page, page.trainings, 0, TrainingColumn.ROLE) == "Trained"
    assert "Pyramid Module 3B done Sat Oct 17, 2026" in page.training_count.text()

    program.save_training(None, TrainingInput("PPP", date(2027, 4, 10)))  # from elsewhere
    assert "Practice, Practice, Practice not yet, planned Sat Apr 10, 2027" in page.counts_text()


def unnamed_controls(window: QWidget) -> list[str]:
    """Focusable, visible widgets with neither an accessible name nor a label naming them."""
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in window.findChildren(QWidget):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(window):
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox):  # a date edit's own line
            continue
        named = widget.accessibleName() or id(widget) in buddies
        if isinstance(widget, QAbstractButton | QLabel):  # their text is their name
            named = named or widget.text()
        if not named:
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def test_every_visible_control_has_a_name(
    page: ProgramPage, program: ProgramService, services: Any, people: dict[str, int]
) -> None:
    record = program.save_meeting(None, MeetingInput(TODAY, attendee_ids=(people["Ana Lopez"],)))
    windows: list[QWidget] = [page]
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        assert unnamed_controls(page) == []
    providers = services.providers.all()
    dialogs = [
        MeetingDialog(page, providers, record, today=TODAY),
        ConsultationDialog(page, today=TODAY),
        TrainingDialog(page, program.guide_trainings, providers, today=TODAY),
    ]
    for dialog in dialogs:
        dialog.show()
        windows.append(dialog)
        assert unnamed_controls(dialog) == [], dialog.windowTitle()
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        assert any("(coach-only)" in text for text in labels), dialog.windowTitle()
        dialog.close()
    assert [d.day.calendarPopup() for d in dialogs] == [True, True, True]
