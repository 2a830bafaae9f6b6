"""The session window (form, side panel, autosave, feedback) and the main window's drafts."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date, time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import shiboken6
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication, QKeySequence, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.guide.agenda import with_section_renamed
from rooted_desktop.paths import Paths
from rooted_desktop.services.container import Services
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.store.models import ActionPlan, ActionStep
from rooted_desktop.ui.dialogs import session_window as session_window_module
from rooted_desktop.ui.dialogs.session_window import SessionWindow
from rooted_desktop.ui.main_window import MainWindow
from tests.conftest import TODAY
from tests.long_notes import FIELDS, PARAGRAPHS, long_session

UNICODE_NOTE = "Nguyễn Thị Ánh said: Łódź…"
Button = QMessageBox.StandardButton

OpenWindow = Callable[..., SessionWindow]


def add(services: Any, name: str, **kwargs: str) -> Any:
    fields = {"setting": "center", "age_group": "preschool", **kwargs}
    return services.providers.add(ProviderInput(name=name, **fields))


def activate(qtbot: Any, widget: QWidget) -> None:
    """Make the window the active one, so its shortcuts and focus changes are real."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.isActiveWindow())


def plain(label: QLabel) -> str:
    """The text a coach reads in a rich-text label."""
    document = QTextDocument()
    document.setHtml(label.text())
    return document.toPlainText()


def all_sessions(services: Any) -> list[Any]:
    return services.sessions.find(SessionQuery())


def press_save(window: QWidget) -> None:
    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Save))


def replace_text(qtbot: Any, box: Any, text: str) -> None:
    """Select what is there and type over it, as a coach does."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[UserError]:
    shown: list[UserError] = []
    monkeypatch.setattr(
        session_window_module, "show_user_error", lambda parent, error, **k: shown.append(error)
    )
    return shown


@pytest.fixture
def open_window(
    qtbot: Any, services: Any, monkeypatch: pytest.MonkeyPatch, errors: list[UserError]
) -> Iterator[OpenWindow]:
    """Session windows shown like the app shows them; closed (discarding) after the test."""
    windows: list[SessionWindow] = []

    def make(**kwargs: Any) -> SessionWindow:
        window = SessionWindow(services, **kwargs)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Button.Discard)
    for window in windows:
        if shiboken6.isValid(window):
            window.close()


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Callable[[QMessageBox.StandardButton], list[str]]:
    """Answer the close question with a chosen button; the list holds what was asked."""

    def answer_with(button: QMessageBox.StandardButton) -> list[str]:
        questions: list[str] = []

        def question(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            questions.append(text)
            return button

        monkeypatch.setattr(QMessageBox, "question", question)
        return questions

    return answer_with


# -- a new session from the keyboard --------------------------------------------------------


def test_new_session_typed_from_the_keyboard_and_saved_with_ctrl_s(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    ana = add(services, "Ana Lopez", email="ana@example.org")
    add(services, "Zoë Martínez")
    window = open_window()
    activate(qtbot, window)
    form = window.form
    assert window.windowTitle() == "Session — New session — Dec 4, 2026"

    form.provider.setFocus()
    qtbot.keyClicks(form.provider, "Ana")
    assert form.provider.currentData() == ana.id
    replace_text(qtbot, form.minutes, "75")
    assert form.minutes.value() == 75
    check_in = form.section_boxes["check-in"]
    check_in.setFocus()
    qtbot.keyClicks(check_in, "Ana says the schedule works at arrival.")
    joint_plan = form.field_boxes["joint_plan"]
    joint_plan.setFocus()  # focus leaving a field keeps a draft
    qtbot.keyClicks(joint_plan, "Ana will try the clean-up song every day.")
    modelling = form.strategy_boxes["obs-modelling"]
    modelling.setFocus()
    qtbot.keyClick(modelling, Qt.Key.Key_Space)
    assert modelling.isChecked()
    form.coach_notes.setFocus()
    qtbot.keyClicks(form.coach_notes, "Ask the director about staffing.")
    assert [d.key for d in services.drafts.all()] == [window.draft_key]

    press_save(window)

    (item,) = all_sessions(services)
    assert window.session_id == item.id
    record = services.sessions.get(item.id)
    assert (record.provider_id, record.day, record.start_time, record.minutes) == (
        ana.id,
        TODAY,
        time(9, 0),
        75,
    )
    assert (record.mode, record.status) == (Mode.IN_PERSON, SessionStatus.COMPLETED)
    assert record.strategies == ("obs-modelling",)
    assert record.joint_plan == "Ana will try the clean-up song every day."
    assert (record.focus, record.strengths, record.next_steps) == ("", "", "")
    assert record.coach_notes == "Ask the director about staffing."
    assert record.cms_entered_on is None
    texts = {note.key: note.text for note in record.sections}
    assert texts["check-in"] == "Ana says the schedule works at arrival."
    assert texts["joint-plan"] == "Ana will try the clean-up song every day."
    assert {k for k, t in texts.items() if t} == {"check-in", "joint-plan"}
    template = services.agenda.current()
    assert [(n.key, n.title, n.field, n.shareable) for n in record.sections] == [
        (s.key, s.title, s.field, s.shareable) for s in template.sections
    ]
    assert services.drafts.all() == []
    assert window.windowTitle() == "Session — Ana Lopez — Dec 4, 2026"
    assert window.status_label.text() == "Saved"
    assert not window.has_unsaved_changes()


def test_future_day_starts_planned_and_today_completed(
    open_window: OpenWindow, services: Any
) -> None:
    ana = add(services, "Ana Lopez")
    later = open_window(provider_id=ana.id, day=date(2026, 12, 18))
    assert later.form.value().status is SessionStatus.PLANNED
    now = open_window(provider_id=ana.id)
    assert now.form.value().status is SessionStatus.COMPLETED
    assert not now.has_unsaved_changes()  # defaults alone are nothing to save


@pytest.mark.parametrize("typed", ["0", "481"])
def test_minutes_out_of_range_are_named_and_refused(
    open_window: OpenWindow, services: Any, qtbot: Any, typed: str
) -> None:
    ana = add(services, "Ana Lopez")
    window = open_window(provider_id=ana.id)
    form = window.form
    box = form.section_boxes["check-in"]
    qtbot.keyClicks(box, "Arrival went well today.")
    assert form.minutes_problem.isHidden()

    replace_text(qtbot, form.minutes, typed)
    assert form.minutes.value() == int(typed)
    assert form.minutes_problem.isVisible()
    assert form.minutes_problem.text() == (
        f"Minutes must be between 1 and 480 (8 hours); {typed} is not."
    )

    assert window.save() is False
    assert window.problems.isVisible()
    assert window.problems.text() == (
        f"Not saved: minutes must be between 1 and 480 (8 hours), not {typed}"
    )
    assert all_sessions(services) == []
    assert window.session_id is None
    assert box.toPlainText() == "Arrival went well today."
    assert form.minutes.value() == int(typed)
    (draft,) = services.drafts.all()  # refused, but the typing is kept safe
    assert draft.payload["form"]["sections"]["check-in"] == "Arrival went well today."

    replace_text(qtbot, form.minutes, "45")
    assert form.minutes_problem.isHidden()
    assert window.save() is True
    assert window.problems.isHidden()
    (item,) = all_sessions(services)
    assert item.minutes == 45
    assert services.drafts.all() == []


def test_typing_a_long_session_keeps_the_interpreter_healthy(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    """With PySide6 6.12 on Python 3.11 each Python-side ``emit()`` drops a reference to True;
    a form that emitted once per keystroke aborted the app after some thousand keystrokes."""
    window = open_window(provider_id=add(services, "Ana Lopez").id)
    window.autosaver._timer.setInterval(600_000)
    box = window.form.field_boxes["joint_plan"]  # a bound box: two connections per key
    before = sys.getrefcount(True)
    qtbot.keyClicks(box, "ab" * 250)
    assert sys.getrefcount(True) > before - 50
    assert window.autosaver.dirty  # the keystrokes still count as edits


# -- autosave -------------------------------------------------------------------------------


def test_typing_then_pausing_keeps_a_draft(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    ana = add(services, "Ana Lopez")
    window = open_window(provider_id=ana.id)
    box = window.form.section_boxes["review"]
    qtbot.keyClicks(box, "The first-then card was used twice")
    assert services.drafts.all() == []  # not on every key: once typing pauses

    qtbot.waitUntil(lambda: len(services.drafts.all()) == 1, timeout=5000)
    (draft,) = services.drafts.all()
    assert draft.key == window.draft_key
    assert draft.key.startswith("session:new:")
    assert draft.payload["session_id"] is None
    assert draft.payload["form"]["sections"]["review"] == "The first-then card was used twice"
    assert draft.payload["form"]["provider_id"] == ana.id
    assert window.status_label.text() == "Draft kept — not saved as a session yet"
    assert all_sessions(services) == []  # a draft is not a session


def test_focus_leaving_the_window_keeps_a_draft_at_once(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    ana = add(services, "Ana Lopez")
    window = open_window(provider_id=ana.id)
    window.autosaver._timer.setInterval(600_000)  # only the focus change can save now
    outside = QLineEdit()
    qtbot.addWidget(outside)
    outside.show()
    qtbot.waitExposed(outside)

    activate(qtbot, window)
    box = window.form.section_boxes["data-observation"]
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    qtbot.keyClicks(box, "Six of eight children moved to circle")
    assert window.autosaver.dirty
    assert services.drafts.all() == []

    activate(qtbot, outside)
    outside.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is outside)

    (draft,) = services.drafts.all()
    assert draft.payload["form"]["sections"]["data-observation"] == (
        "Six of eight children moved to circle"
    )
    assert not window.autosaver.dirty

    # Focus moving between widgets outside the window has nothing to keep.
    other = QLineEdit()
    qtbot.addWidget(other)
    saved_at = draft.updated_at
    window.autosaver._focus_changed(outside, other)
    assert services.drafts.get(draft.key).updated_at == saved_at


def test_a_draft_restores_exactly_what_was_typed(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    anh = add(services, "Nguyễn Thị Ánh")
    window = open_window(provider_id=anh.id, day=date(2026, 12, 3))
    form = window.form
    form.section_boxes["check-in"].setPlainText(UNICODE_NOTE)
    form.field_boxes["strengths"].setPlainText("Zoë’s “calm voice” — every time.\n\nSecond line.")
    form.coach_notes.setPlainText("Łukasz Kowalczyk asked about a referral.")
    form.strategy_boxes["meet-role-play"].setChecked(True)
    form.minutes.setValue(50)
    form.has_start.setChecked(False)
    window.autosaver.flush()  # what a focus change or the timer does
    (draft,) = services.drafts.all()

    restored = open_window(draft_key=draft.key, draft_payload=draft.payload["form"])
    again = restored.form
    assert again.section_boxes["check-in"].toPlainText() == UNICODE_NOTE
    assert again.field_boxes["strengths"].toPlainText() == (
        "Zoë’s “calm voice” — every time.\n\nSecond line."
    )
    assert again.coach_notes.toPlainText() == "Łukasz Kowalczyk asked about a referral."
    assert again.provider_id() == anh.id
    assert again.value().day == date(2026, 12, 3)
    assert again.value().start_time is None
    assert again.minutes.value() == 50
    assert again.strategy_boxes["meet-role-play"].isChecked()
    assert again.payload() == form.payload()
    assert restored.has_unsaved_changes()
    assert restored.status_label.text() == "Restored from an unsaved draft — not saved yet"

    assert restored.save() is True
    record = services.sessions.get(restored.session_id)
    assert {n.key: n.text for n in record.sections}["check-in"] == UNICODE_NOTE
    assert services.drafts.all() == []  # the restored draft is gone once saved


# -- an existing session --------------------------------------------------------------------


def test_editing_a_long_session_keeps_its_own_sections(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    anh = add(services, "Nguyễn Thị Ánh")
    template = services.agenda.current()
    day = date(2026, 12, 3)
    created = services.sessions.create(long_session(anh.id, day, template.sections))

    window = open_window(session_id=created.id)
    form = window.form
    assert window.windowTitle() == "Session — Nguyễn Thị Ánh — Dec 3, 2026"
    for section in template.sections:
        if section.field:
            expected = FIELDS[section.field]
        else:
            expected = PARAGRAPHS.get(section.key, "Thursday, December 17 at 9:30, in person.")
        assert form.section_boxes[section.key].toPlainText() == expected, section.key
    for name, text in FIELDS.items():
        assert form.field_boxes[name].toPlainText() == text
    ticked = {key for key, check in form.strategy_boxes.items() if check.isChecked()}
    assert ticked == {"obs-observing", "obs-modelling", "meet-reflective-conversation", "fu-email"}
    assert form.coach_notes.toPlainText() == created.coach_notes
    value = form.value()
    assert (value.provider_id, value.day, value.start_time, value.minutes) == (
        anh.id,
        day,
        time(9, 0),
        75,
    )
    assert (value.mode, value.status, value.cms_entered_on) == (
        Mode.IN_PERSON,
        SessionStatus.COMPLETED,
        None,
    )
    assert not window.has_unsaved_changes()

    activate(qtbot, window)
    replace_text(qtbot, form.field_boxes["joint_plan"], "Anh will fade the clean-up prompt.")
    assert window.has_unsaved_changes()
    press_save(window)
    record = services.sessions.get(created.id)
    assert record.joint_plan == "Anh will fade the clean-up prompt."
    assert record.focus == FIELDS["focus"]
    assert record.coach_notes == created.coach_notes
    assert record.strategies == created.strategies
    assert {n.key: n.text for n in record.sections if not n.field} == {
        n.key: n.text for n in created.sections if not n.field
    }
    assert len(all_sessions(services)) == 1  # updated, not added
    assert window.close()

    services.agenda.save(with_section_renamed(template, "check-in", "Warm welcome"))
    reopened = open_window(session_id=created.id)
    assert reopened.form.sections[0].title == "Connect and check in"
    assert reopened.form.section_boxes["check-in"].accessibleName() == "Connect and check in"
    headings = [label.text() for label in reopened.form.findChildren(QLabel)]
    assert "<b>Connect and check in</b> <i>(not shared)</i>" in headings
    assert not any("Warm welcome" in text for text in headings)
    reopened.form.minutes.setValue(80)
    assert reopened.save()
    kept = services.sessions.get(created.id)
    assert kept.minutes == 80
    assert kept.sections[0].title == "Connect and check in"

    fresh = open_window(provider_id=anh.id)  # a new session follows the edited template
    assert fresh.form.section_boxes["check-in"].accessibleName() == "Warm welcome"


# -- closing --------------------------------------------------------------------------------


def test_closing_untouched_window_asks_nothing(
    open_window: OpenWindow, services: Any, asked: Any
) -> None:
    questions = asked(Button.Cancel)
    window = open_window(provider_id=add(services, "Ana Lopez").id)
    assert window.close() is True
    assert questions == []


def test_close_cancel_keeps_the_window_and_the_text(
    open_window: OpenWindow, services: Any, qtbot: Any, asked: Any
) -> None:
    window = open_window(provider_id=add(services, "Ana Lopez").id)
    qtbot.keyClicks(window.form.section_boxes["check-in"], "Half written")
    questions = asked(Button.Cancel)
    assert window.close() is False
    assert questions == ["This session has changes that are not saved yet."]
    assert window.isVisible()
    assert window.form.section_boxes["check-in"].toPlainText() == "Half written"
    assert all_sessions(services) == []


def test_close_discard_drops_the_draft(
    open_window: OpenWindow, services: Any, qtbot: Any, asked: Any
) -> None:
    window = open_window(provider_id=add(services, "Ana Lopez").id)
    qtbot.keyClicks(window.form.section_boxes["check-in"], "Not worth keeping")
    window.flush()
    assert len(services.drafts.all()) == 1
    questions = asked(Button.Discard)
    assert window.close() is True
    assert len(questions) == 1
    assert services.drafts.all() == []
    assert all_sessions(services) == []


def test_close_save_saves(open_window: OpenWindow, services: Any, qtbot: Any, asked: Any) -> None:
    window = open_window(provider_id=add(services, "Ana Lopez").id)
    qtbot.keyClicks(window.form.field_boxes["focus"], "Transitions")
    window.flush()
    questions = asked(Button.Save)
    assert window.close() is True
    assert len(questions) == 1
    (item,) = all_sessions(services)
    assert item.focus == "Transitions"
    assert services.drafts.all() == []


def test_close_save_with_a_problem_stays_open(
    open_window: OpenWindow, services: Any, qtbot: Any, asked: Any
) -> None:
    window = open_window(provider_id=add(services, "Ana Lopez").id)
    qtbot.keyClicks(window.form.field_boxes["focus"], "Transitions")
    window.form.minutes.setValue(0)
    asked(Button.Save)
    assert window.close() is False
    assert window.isVisible()
    assert "minutes must be between 1 and 480" in window.problems.text()
    assert all_sessions(services) == []
    (draft,) = services.drafts.all()
    assert draft.payload["form"]["focus"] == "Transitions"


# -- feedback -------------------------------------------------------------------------------

PRIVATE = "PRIVATE-SECTION-SENTINEL"
COACH_ONLY = "COACH-ONLY-SENTINEL"


def fill_feedback_session(window: SessionWindow) -> None:
    form = window.form
    form.section_boxes["check-in"].setPlainText(f"{PRIVATE}: two new toddlers this week.")
    form.section_boxes["next-visit"].setPlainText("Thursday, December 17 at 9:30.")
    form.field_boxes["strengths"].setPlainText("Warm greetings for every child.")
    form.field_boxes["joint_plan"].setPlainText("Ánh will use the first-then card at clean-up.")
    form.coach_notes.setPlainText(f"{COACH_ONLY}: ask the director about staffing.")


def test_copy_feedback_shares_only_shareable_text(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    template = services.agenda.current()
    assert not template.section("check-in").shareable  # the sentinel sits in coach-only notes
    assert template.section("next-visit").shareable
    anh = add(services, "Nguyễn Thị Ánh", email="anh@example.org")
    window = open_window(provider_id=anh.id)
    fill_feedback_session(window)
    QGuiApplication.clipboard().clear()

    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)

    (item,) = all_sessions(services)  # copying saved the session first
    text = QGuiApplication.clipboard().text()
    assert text.startswith("Coaching visit December 4, 2026 — notes and our plan\n\nHi Nguyễn,")
    for shared in (
        "Warm greetings for every child.",
        "Ánh will use the first-then card at clean-up.",
        "Thursday, December 17 at 9:30.",
    ):
        assert shared in text
    assert PRIVATE not in text
    assert COACH_ONLY not in text
    assert services.sessions.get(item.id).feedback_sent_on is not None
    assert window.status_label.text() == "Feedback copied — paste it into a message"


def test_email_feedback_opens_a_mailto_without_private_text(
    open_window: OpenWindow, services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    anh = add(services, "Nguyễn Thị Ánh", email="anh@example.org")
    window = open_window(provider_id=anh.id)
    fill_feedback_session(window)
    opened: list[QUrl] = []
    monkeypatch.setattr(
        session_window_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True
    )

    qtbot.mouseClick(window.email_button, Qt.MouseButton.LeftButton)

    (url,) = opened
    encoded = bytes(url.toEncoded()).decode("ascii")
    parts = urlsplit(encoded)
    assert (parts.scheme, parts.path) == ("mailto", "anh@example.org")
    query = parse_qs(parts.query)
    assert query["subject"] == ["Coaching visit December 4, 2026 — notes and our plan"]
    (body,) = query["body"]
    assert "Ánh will use the first-then card at clean-up." in body
    assert "\r\n" in body  # line breaks as mail programs expect them
    assert PRIVATE not in encoded and PRIVATE not in body
    assert COACH_ONLY not in encoded and COACH_ONLY not in body
    (item,) = all_sessions(services)
    assert services.sessions.get(item.id).feedback_sent_on is not None


def test_email_feedback_without_an_address_says_so(
    open_window: OpenWindow,
    services: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[UserError],
) -> None:
    ana = add(services, "Ana Lopez")
    window = open_window(provider_id=ana.id)
    window.form.field_boxes["joint_plan"].setPlainText("Try the song.")
    opened: list[QUrl] = []
    monkeypatch.setattr(
        session_window_module.QDesktopServices, "openUrl", lambda url: opened.append(url) or True
    )

    qtbot.mouseClick(window.email_button, Qt.MouseButton.LeftButton)

    assert opened == []
    (error,) = errors
    assert "no email address" in error.message
    assert "Copy feedback" in error.message
    (item,) = all_sessions(services)
    assert services.sessions.get(item.id).feedback_sent_on is None


def test_feedback_is_not_sent_while_the_session_cannot_be_saved(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    window = open_window(provider_id=add(services, "Ana Lopez", email="ana@example.org").id)
    window.form.field_boxes["joint_plan"].setPlainText("Try the song.")
    window.form.minutes.setValue(0)
    QGuiApplication.clipboard().setText("before")
    qtbot.mouseClick(window.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "before"
    assert all_sessions(services) == []
    assert "minutes must be between 1 and 480" in window.problems.text()


# -- the side panel -------------------------------------------------------------------------


def test_side_panel_shows_last_plan_open_steps_and_month_minutes(
    open_window: OpenWindow, services: Any, qtbot: Any
) -> None:
    anh = add(services, "Nguyễn Thị Ánh")
    other = add(services, "Zoë Martínez")

    def session(provider: int, day: date, minutes: int, status: SessionStatus, plan: str) -> None:
        services.sessions.create(
            SessionInput(
                provider_id=provider,
                day=day,
                start_time=time(9, 0),
                minutes=minutes,
                mode=Mode.IN_PERSON,
                status=status,
                joint_plan=plan,
            )
        )

    session(anh.id, date(2026, 11, 20), 60, SessionStatus.COMPLETED, "November plan")
    session(anh.id, date(2026, 12, 1), 45, SessionStatus.COMPLETED, "Card & song at clean-up")
    session(anh.id, date(2026, 12, 15), 30, SessionStatus.PLANNED, "")
    session(other.id, date(2026, 12, 2), 90, SessionStatus.COMPLETED, "Zoë's plan")
    with services.store.transaction() as db:
        plan = ActionPlan(provider_id=anh.id, goal="Smoother transitions", created_on=TODAY)
        db.add(plan)
        db.flush()
        assert plan.id is not None
        db.add(
            ActionStep(
                plan_id=plan.id,
                position=0,
                step="Laminate the <routine> cards",
                target_date=date(2026, 12, 11),
            )
        )
        db.add(ActionStep(plan_id=plan.id, position=1, step="Finished step", status="done"))
    target = services.guide.rules.dosage_minutes_per_provider_per_month

    window = open_window()
    side = window.side
    assert "Choose a provider" in plain(side.plan)
    assert side.dosage_bar.isHidden()

    window.form.set_provider(anh.id)
    assert plain(side.plan) == "Dec 1, 2026\nCard & song at clean-up"
    steps = plain(side.steps)
    assert "Laminate the <routine> cards (Not started — by Dec 11)" in steps
    assert "Finished step" not in steps
    assert side.dosage_bar.isVisible()
    assert side.dosage_bar.format() == f"45 of {target} min"
    assert side.dosage_bar.value() == 45
    assert "30 min more planned" in plain(side.dosage_text)
    assert plain(side.dosage_text).startswith("December 2026:")

    window.form.field_boxes["joint_plan"].setPlainText("Fade the prompt")
    assert window.save()
    assert side.dosage_bar.format() == f"105 of {target} min"  # the saved hour counts now
    assert plain(side.plan) == "Dec 1, 2026\nCard & song at clean-up"  # its own plan is not "last"

    later = open_window(provider_id=anh.id, day=date(2026, 12, 10))
    assert plain(later.side.plan) == "Dec 4, 2026\nFade the prompt"
    later.form.set_provider(other.id)
    assert plain(later.side.plan) == "Dec 2, 2026\nZoë's plan"
    assert plain(later.side.steps) == "No open action steps."
    assert later.side.dosage_bar.format() == f"90 of {target} min"


# -- the main window: drafts across a restart -----------------------------------------------


class App:
    """Main windows over the store; ``restart`` stops the app the hard way and starts it again."""

    def __init__(self, qtbot: Any, paths: Paths) -> None:
        self._qtbot = qtbot
        self._paths = paths
        self.windows: list[MainWindow] = []
        self.opened: list[Any] = []

    def start(self, services: Any) -> MainWindow:
        window = MainWindow(services, self._paths)
        self.windows.append(window)
        window.show()
        return window

    def restart(self, window: MainWindow, services: Any) -> Any:
        """Logout or crash: the session windows go without being closed; then a new start."""
        with self._qtbot.waitSignal(window.destroyed):
            window.deleteLater()
        services.close()
        later = Services.open(self._paths.store_file, clock=lambda: TODAY)
        self.opened.append(later)
        return later


@pytest.fixture
def app(qtbot: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    started = App(qtbot, paths)
    yield started
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Button.Discard)
    for window in started.windows:
        if shiboken6.isValid(window):
            for child in list(window.session_windows):
                child.close()
            window.close()
            window.deleteLater()
    QApplication.processEvents()
    for services in started.opened:
        services.close()


def choose_in_offer(monkeypatch: pytest.MonkeyPatch, choice: str) -> list[str]:
    """Answer the "Unsaved sessions found" box with the button named ``choice``."""
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.extend([box.text(), box.informativeText()])
        return 0

    def clicked(box: QMessageBox) -> Any:
        return next(b for b in box.buttons() if b.text() == choice)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "clickedButton", clicked)
    return shown


def test_keep_drafts_then_offer_them_at_the_next_start(
    app: App, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    anh = add(services, "Nguyễn Thị Ánh")
    first = app.start(services)
    window = first.open_session(provider_id=anh.id)
    window.form.section_boxes["check-in"].setPlainText(UNICODE_NOTE)
    assert services.drafts.all() == []
    first.keep_drafts()  # the desktop session is ending
    (draft,) = services.drafts.all()
    assert draft.payload["form"]["sections"]["check-in"] == UNICODE_NOTE
    assert draft.title == "Session — Nguyễn Thị Ánh — Dec 4, 2026"

    later = app.restart(first, services)
    second = app.start(later)
    shown = choose_in_offer(monkeypatch, "&Open them")
    second.offer_drafts()
    assert shown[0] == "1 session had text that was not saved when Rooted Desktop last closed."
    assert draft.title in shown[1]
    (restored,) = second.session_windows
    assert restored.isVisible()
    assert restored.form.section_boxes["check-in"].toPlainText() == UNICODE_NOTE
    assert restored.form.provider_id() == anh.id
    assert restored.draft_key == draft.key
    assert restored.save()
    (item,) = all_sessions(later)
    assert item.provider_name == "Nguyễn Thị Ánh"
    assert later.drafts.all() == []


def test_a_kept_draft_of_an_existing_session_reopens_that_session(
    app: App, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    anh = add(services, "Nguyễn Thị Ánh")
    created = services.sessions.create(
        long_session(anh.id, date(2026, 12, 3), services.agenda.current().sections)
    )
    first = app.start(services)
    window = first.open_session(session_id=created.id)
    window.form.field_boxes["joint_plan"].setPlainText(UNICODE_NOTE)
    first.keep_drafts()

    later = app.restart(first, services)
    second = app.start(later)
    choose_in_offer(monkeypatch, "&Open them")
    second.offer_drafts()
    (restored,) = second.session_windows
    assert restored.session_id == created.id
    assert restored.form.field_boxes["joint_plan"].toPlainText() == UNICODE_NOTE
    assert restored.form.field_boxes["focus"].toPlainText() == FIELDS["focus"]
    assert second.open_session(session_id=created.id) is restored  # not a second window
    assert restored.save()
    assert later.sessions.get(created.id).joint_plan == UNICODE_NOTE
    assert len(all_sessions(later)) == 1
    assert later.drafts.all() == []


@pytest.mark.parametrize(("choice", "kept"), [("&Discard", 0), ("&Later", 1)])
def test_offered_drafts_can_be_discarded_or_left(
    app: App, services: Any, monkeypatch: pytest.MonkeyPatch, choice: str, kept: int
) -> None:
    first = app.start(services)
    window = first.open_session(provider_id=add(services, "Ana Lopez").id)
    window.form.section_boxes["check-in"].setPlainText("Left behind")
    first.keep_drafts()

    later = app.restart(first, services)
    second = app.start(later)
    choose_in_offer(monkeypatch, choice)
    second.offer_drafts()
    assert second.session_windows == []
    assert len(later.drafts.all()) == kept


def test_no_drafts_no_question(app: App, services: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = choose_in_offer(monkeypatch, "&Open them")
    app.start(services).offer_drafts()
    assert shown == []


def test_keep_drafts_leaves_saved_windows_alone(app: App, services: Any) -> None:
    main = app.start(services)
    saved = main.open_session(provider_id=add(services, "Ana Lopez").id)
    saved.form.field_boxes["focus"].setPlainText("Transitions")
    assert saved.save()
    untouched = main.open_session(provider_id=add(services, "Zoë Martínez").id)
    main.keep_drafts()
    assert services.drafts.all() == []
    assert untouched.isVisible()


def test_a_draft_whose_session_was_deleted_comes_back_as_a_new_session(
    app: App, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    anh = add(services, "Nguyễn Thị Ánh")
    created = services.sessions.create(
        long_session(anh.id, date(2026, 12, 3), services.agenda.current().sections)
    )
    first = app.start(services)
    window = first.open_session(session_id=created.id)
    window.form.field_boxes["joint_plan"].setPlainText(UNICODE_NOTE)
    first.keep_drafts()
    services.sessions.delete([created.id])

    later = app.restart(first, services)
    second = app.start(later)
    choose_in_offer(monkeypatch, "&Open them")
    second.offer_drafts()
    (restored,) = second.session_windows
    assert restored.session_id is None  # the text is not lost with the deleted session
    assert restored.form.field_boxes["joint_plan"].toPlainText() == UNICODE_NOTE
    assert restored.save()
    assert later.drafts.all() == []


def test_typing_back_to_the_saved_text_leaves_no_draft(
    open_window: OpenWindow, services: Any
) -> None:
    anh = add(services, "Nguyễn Thị Ánh")
    created = services.sessions.create(
        long_session(anh.id, date(2026, 12, 3), services.agenda.current().sections)
    )
    window = open_window(session_id=created.id)
    box = window.form.field_boxes["joint_plan"]
    box.setPlainText("changed")
    window.autosaver.flush()
    assert len(services.drafts.all()) == 1
    box.setPlainText(FIELDS["joint_plan"])
    window.save_draft()
    assert services.drafts.all() == []
