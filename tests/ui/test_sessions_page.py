"""The Sessions page on real services: filters, bulk actions, opening sessions, sorting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.paths import Paths
from rooted_desktop.services.demo import build_demo_store
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.ui.dialogs import date_dialog
from rooted_desktop.ui.main_window import MainWindow
from rooted_desktop.ui.models.session_table import SessionColumn, SessionIdRole
from rooted_desktop.ui.pages.sessions_page import SessionsPage
from tests.conftest import TODAY

DECEMBER = SessionQuery(first_day=date(2026, 12, 1), last_day=date(2026, 12, 31))
Button = QMessageBox.StandardButton


@pytest.fixture
def window(
    qtbot: Any, services: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    win = MainWindow(services, paths)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Session windows opened by a test go without questions (nothing is typed in them).
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: Button.Discard)
    if shiboken6.isValid(win):
        for child in list(win.session_windows):
            child.close()
        win.close()
        win.deleteLater()


@pytest.fixture
def demo(services: Any) -> None:
    build_demo_store(services.store, providers=6, years=1, today=TODAY)


def add(services: Any, name: str) -> Any:
    return services.providers.add(ProviderInput(name=name, setting="center", age_group="preschool"))


def session(
    services: Any,
    provider: Any,
    day: date,
    *,
    start: time | None = time(9, 0),
    minutes: int = 60,
    status: SessionStatus = SessionStatus.COMPLETED,
    mode: Mode = Mode.IN_PERSON,
    focus: str = "",
    **texts: str,
) -> Any:
    return services.sessions.create(
        SessionInput(
            provider_id=provider.id,
            day=day,
            start_time=start,
            minutes=minutes,
            mode=mode,
            status=status,
            focus=focus,
            **texts,
        )
    )


def shown_ids(page: SessionsPage) -> list[int]:
    return [page.proxy.index(row, 0).data(SessionIdRole) for row in range(page.proxy.rowCount())]


def shown_items(page: SessionsPage) -> list[Any]:
    """The sessions in the order the table shows them."""
    rows = (
        page.proxy.mapToSource(page.proxy.index(r, 0)).row() for r in range(page.proxy.rowCount())
    )
    return [page.model.session_at(row) for row in rows]


def column(page: SessionsPage, which: SessionColumn) -> list[str]:
    return [page.proxy.index(row, which).data() for row in range(page.proxy.rowCount())]


def ids(items: list[Any]) -> set[int]:
    return {item.id for item in items}


def row_of(page: SessionsPage, session_id: int) -> int:
    return shown_ids(page).index(session_id)


def double_click(qtbot: Any, page: SessionsPage, row: int) -> None:
    """Press, release, then the double click: QTest's mouseDClick alone sends only the last."""
    pos = page.table.visualRect(page.proxy.index(row, SessionColumn.PROVIDER)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def click_header(qtbot: Any, page: SessionsPage, which: SessionColumn) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(which) + header.sectionSize(which) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


# -- what the page lists --------------------------------------------------------------------


def test_opens_on_this_month_and_lists_only_it(
    demo: None, window: MainWindow, services: Any
) -> None:
    page = window.sessions_page
    assert window.stack.currentWidget() is window.dashboard_page  # the app opens on the month
    window.show_page(window.pages.index(page))  # a page loads when shown
    assert page.month.currentText() == "December 2026"
    expected = services.sessions.find(DECEMBER)
    everything = services.sessions.find(SessionQuery())
    assert 0 < len(expected) < len(everything)
    assert set(shown_ids(page)) == ids(expected)
    assert len(shown_ids(page)) == len(expected)
    done = [s for s in expected if s.status is SessionStatus.COMPLETED]
    waiting = [s for s in done if s.cms_entered_on is None]
    assert page.summary.text() == (
        f"{len(expected)} sessions · {sum(s.minutes for s in done)} completed minutes · "
        f"{len(waiting)} not in CMS"
    )

    page.month.setCurrentIndex(page.month.findData(None))  # "All dates"
    assert set(shown_ids(page)) == ids(everything)


def test_each_filter_narrows_to_what_the_store_says(
    demo: None, window: MainWindow, services: Any, qtbot: Any
) -> None:
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    (zoe,) = [p for p in services.providers.all() if p.name == "Zoë Martínez"]

    page.provider.setCurrentIndex(page.provider.findData(zoe.id))
    expected = services.sessions.find(
        SessionQuery(provider_id=zoe.id, first_day=DECEMBER.first_day, last_day=DECEMBER.last_day)
    )
    assert expected and set(shown_ids(page)) == ids(expected)
    assert set(column(page, SessionColumn.PROVIDER)) == {"Zoë Martínez"}
    page.provider.setCurrentIndex(page.provider.findData(None))

    page.status.setCurrentIndex(page.status.findData(SessionStatus.PLANNED.value))
    planned = services.sessions.find(
        SessionQuery(
            first_day=DECEMBER.first_day,
            last_day=DECEMBER.last_day,
            status=SessionStatus.PLANNED,
        )
    )
    assert planned and set(shown_ids(page)) == ids(planned)
    assert set(column(page, SessionColumn.STATUS)) == {"Planned"}
    page.status.setCurrentIndex(page.status.findData(None))

    page.month.setCurrentIndex(page.month.findData(None))
    qtbot.mouseClick(page.not_in_cms, Qt.MouseButton.LeftButton)
    waiting = services.sessions.find(SessionQuery(not_in_cms=True))
    assert waiting and set(shown_ids(page)) == ids(waiting)
    assert set(column(page, SessionColumn.CMS)) == {"Not entered"}
    assert len(waiting) < len(services.sessions.find(SessionQuery()))
    qtbot.mouseClick(page.not_in_cms, Qt.MouseButton.LeftButton)

    # ASCII typing finds the name written with accents (search folds them in every alphabet).
    qtbot.keyClicks(page.search, "nguyen")
    found = services.sessions.find(SessionQuery(text="nguyen"))
    assert 0 < len(found) < len(services.sessions.find(SessionQuery()))
    qtbot.waitUntil(lambda: set(shown_ids(page)) == ids(found), timeout=3000)
    assert set(column(page, SessionColumn.PROVIDER)) == {"Nguyễn Thị Ánh"}

    page.search.clear()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == len(services.sessions.find(SessionQuery())))


def test_find_shortcut_focuses_the_search_box(demo: None, window: MainWindow, qtbot: Any) -> None:
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    page.search.setText("focus")
    page.table.setFocus()
    (find,) = [a for a in window.findChildren(QAction) if a.text() == "&Find…"]
    assert find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)

    QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Find))

    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search)
    assert page.search.selectedText() == "focus"  # typing replaces the old search


def test_a_saved_session_window_shows_up_on_the_page(
    window: MainWindow, services: Any, qtbot: Any
) -> None:
    ana = add(services, "Ana Lopez")
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    assert page.proxy.rowCount() == 0
    page.provider.setCurrentIndex(page.provider.findData(ana.id))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    (opened,) = window.session_windows
    assert opened.form.provider_id() == ana.id  # the page's provider filter carries over
    opened.form.field_boxes["focus"].setPlainText("Transitions")
    assert opened.save()
    assert shown_ids(page) == [opened.session_id]
    assert column(page, SessionColumn.FOCUS) == ["Transitions"]
    assert column(page, SessionColumn.CMS) == ["Not entered"]


# -- acting on selected rows ----------------------------------------------------------------


@pytest.fixture
def four(services: Any) -> dict[str, Any]:
    """Four December sessions, one a day, newest first in the table."""
    names = ("Ana Lopez", "Zoë Martínez", "Łukasz Kowalczyk", "Chloé Dubois")
    providers = {name: add(services, name) for name in names}
    return {
        "ana": session(services, providers["Ana Lopez"], date(2026, 12, 1), minutes=30),
        "zoe": session(
            services,
            providers["Zoë Martínez"],
            date(2026, 12, 2),
            start=time(13, 0),
            minutes=45,
            mode=Mode.VIRTUAL,
            focus="Visual schedules",
            joint_plan="Try the song",
            coach_notes="Private",
        ),
        "lukasz": session(services, providers["Łukasz Kowalczyk"], date(2026, 12, 3)),
        "chloe": session(services, providers["Chloé Dubois"], date(2026, 12, 4), minutes=90),
    }


def select_rows_from_the_keyboard(qtbot: Any, page: SessionsPage, first: int, count: int) -> None:
    page.table.setFocus()
    page.table.selectRow(first)
    for _ in range(count - 1):
        qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)


def test_mark_several_entered_in_cms(
    four: dict[str, Any],
    window: MainWindow,
    services: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    assert shown_ids(page) == [four[k].id for k in ("chloe", "lukasz", "zoe", "ana")]
    assert column(page, SessionColumn.CMS) == ["Not entered"] * 4
    select_rows_from_the_keyboard(qtbot, page, 1, 3)
    assert ids(page.selected_sessions()) == {four[k].id for k in ("lukasz", "zoe", "ana")}
    assert page.cms_button.text() == "Mark 3 entered in &CMS…"
    assert not page.duplicate_button.isEnabled()

    asked: list[date] = []

    def ask(parent: Any, title: str, label: str, default: date) -> date | None:
        asked.append(default)
        return None  # Cancel first

    monkeypatch.setattr(date_dialog, "ask_date", ask)
    qtbot.mouseClick(page.cms_button, Qt.MouseButton.LeftButton)
    assert asked == [TODAY]
    assert all(services.sessions.get(s.id).cms_entered_on is None for s in four.values())

    monkeypatch.setattr(date_dialog, "ask_date", lambda *a: date(2026, 12, 2))
    qtbot.mouseClick(page.cms_button, Qt.MouseButton.LeftButton)

    entered = {key: services.sessions.get(s.id).cms_entered_on for key, s in four.items()}
    assert entered == {
        "ana": date(2026, 12, 2),
        "zoe": date(2026, 12, 2),
        "lukasz": date(2026, 12, 3),  # never before the session itself
        "chloe": None,
    }
    assert column(page, SessionColumn.CMS) == [
        "Not entered",
        "Entered Dec 3",
        "Entered Dec 2",
        "Entered Dec 2",
    ]
    assert page.summary.text().endswith("· 1 not in CMS")
    assert len(page.selected_sessions()) == 3  # the selection survives the refresh


def test_duplicate_as_planned(
    four: dict[str, Any],
    window: MainWindow,
    services: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    source = four["zoe"]
    page.table.selectRow(row_of(page, source.id))
    asked: list[date] = []

    def ask(parent: Any, title: str, label: str, default: date) -> date | None:
        asked.append(default)
        return date(2026, 12, 18)

    monkeypatch.setattr(date_dialog, "ask_date", ask)
    qtbot.mouseClick(page.duplicate_button, Qt.MouseButton.LeftButton)

    assert asked == [source.day + timedelta(days=28)]  # four weeks on, a likely next visit
    (new,) = [
        s
        for s in services.sessions.find(SessionQuery(provider_id=source.provider_id))
        if s.id != source.id
    ]
    record = services.sessions.get(new.id)
    assert record.day == date(2026, 12, 18)
    assert record.status is SessionStatus.PLANNED
    assert (record.start_time, record.minutes, record.mode, record.focus) == (
        time(13, 0),
        45,
        Mode.VIRTUAL,
        "Visual schedules",
    )
    assert (record.joint_plan, record.coach_notes) == ("", "")  # notes are not copied
    assert [s.id for s in page.selected_sessions()] == [new.id]
    assert page.proxy.index(row_of(page, new.id), SessionColumn.STATUS).data() == "Planned"


def test_delete_asks_first(
    four: dict[str, Any],
    window: MainWindow,
    services: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    page.table.selectRow(row_of(page, four["zoe"].id))
    questions: list[str] = []

    def answer(button: Any) -> None:
        def question(parent: Any, title: str, text: str, *args: Any) -> Any:
            questions.append(text)
            return button

        monkeypatch.setattr(QMessageBox, "question", question)

    answer(Button.Cancel)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert questions[0].startswith("Delete the session with Zoë Martínez on Wed Dec 2, 2026?")
    assert "cannot be undone" in questions[0]
    assert services.sessions.get(four["zoe"].id).focus == "Visual schedules"
    assert page.proxy.rowCount() == 4

    answer(Button.Yes)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    remaining = services.sessions.find(SessionQuery())
    assert ids(remaining) == {four[k].id for k in ("ana", "lukasz", "chloe")}
    assert four["zoe"].id not in shown_ids(page)

    select_rows_from_the_keyboard(qtbot, page, 0, 2)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert questions[-1].startswith("Delete 2 sessions?")
    assert ids(services.sessions.find(SessionQuery())) == {four["ana"].id}


# -- opening sessions -----------------------------------------------------------------------


def test_enter_or_double_click_opens_one_window_per_session(
    four: dict[str, Any], window: MainWindow, qtbot: Any
) -> None:
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    row = row_of(page, four["zoe"].id)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    (opened,) = window.session_windows
    assert opened.session_id == four["zoe"].id
    assert opened.isVisible()
    assert opened.form.field_boxes["focus"].toPlainText() == "Visual schedules"

    double_click(qtbot, page, row)
    assert window.session_windows == [opened]  # raised again, not a second window
    assert window.open_session(session_id=four["zoe"].id) is opened

    double_click(qtbot, page, row_of(page, four["ana"].id))
    assert [w.session_id for w in window.session_windows] == [four["zoe"].id, four["ana"].id]

    assert opened.close()  # nothing typed: closes without asking
    qtbot.waitUntil(lambda: len(window.session_windows) == 1)
    page.table.selectRow(row)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert len(window.session_windows) == 2  # closed, so a fresh window opens
    assert window.session_windows[-1].session_id == four["zoe"].id


# -- sorting --------------------------------------------------------------------------------


def test_sorting_by_date_and_by_provider(
    four: dict[str, Any], window: MainWindow, services: Any, qtbot: Any
) -> None:
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    (ana,) = [p for p in services.providers.all() if p.name == "Ana Lopez"]
    session(services, ana, date(2026, 12, 2), start=time(8, 0))  # same day, earlier
    emilie = add(services, "Émilie Roy")
    session(services, emilie, date(2026, 12, 10), status=SessionStatus.PLANNED)

    def days() -> list[tuple[date, time | None]]:
        return [(item.day, item.start_time) for item in shown_items(page)]

    newest_first = days()
    assert newest_first == sorted(newest_first, key=lambda d: (d[0], d[1] or time()), reverse=True)
    click_header(qtbot, page, SessionColumn.DATE)
    oldest_first = days()
    assert oldest_first == list(reversed(newest_first))
    assert oldest_first[:3] == [
        (date(2026, 12, 1), time(9, 0)),
        (date(2026, 12, 2), time(8, 0)),
        (date(2026, 12, 2), time(13, 0)),
    ]

    click_header(qtbot, page, SessionColumn.PROVIDER)
    assert column(page, SessionColumn.PROVIDER) == [
        "Ana Lopez",
        "Ana Lopez",
        "Chloé Dubois",
        "Émilie Roy",
        "Łukasz Kowalczyk",
        "Zoë Martínez",
    ]


def test_selection_enables_the_right_buttons(four: dict[str, Any], window: MainWindow) -> None:
    page = window.sessions_page
    window.show_page(window.pages.index(page))
    buttons = (page.open_button, page.duplicate_button, page.cms_button, page.delete_button)
    page.table.clearSelection()
    assert [b.isEnabled() for b in buttons] == [False, False, False, False]
    page.table.selectRow(0)
    assert [b.isEnabled() for b in buttons] == [True, True, True, True]
    assert page.cms_button.text() == "Mark entered in &CMS…"
