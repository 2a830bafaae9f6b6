"""The Providers page, its dialog and the main window, on real services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.ui import file_actions as file_actions_module
from rooted_desktop.ui.dialogs.provider_dialog import ProviderDialog
from rooted_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: Any, services: Any, paths: Paths) -> MainWindow:
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    win.show()
    return win


def add(services: Any, name: str, **kwargs: str) -> Any:
    fields = {"setting": "center", "age_group": "preschool", **kwargs}
    return services.providers.add(ProviderInput(name=name, **fields))


def test_page_lists_and_filters_providers(window: MainWindow, services: Any, qtbot: Any) -> None:
    add(services, "Zoë Martínez", site="Little Sprouts")
    add(services, "Łukasz Kowalczyk", setting="fcch", age_group="infant-toddler")
    page = window.providers_page
    window.show_page(window.pages.index(page))  # a page loads when shown
    assert page.proxy.rowCount() == 2
    assert page.summary.text() == "2 active, 0 inactive"
    qtbot.keyClicks(page.filter, "sprouts")
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data() == "Zoë Martínez"
    page.filter.clear()
    assert page.proxy.rowCount() == 2


def test_new_provider_from_the_keyboard(
    window: MainWindow, services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill_and_save(dialog: ProviderDialog) -> int:
        qtbot.keyClicks(dialog.name, "Ana Lopez")
        qtbot.keyClicks(dialog.site, "Sunrise Center")
        dialog.age_group.setCurrentIndex(dialog.age_group.findData("infant-toddler"))
        qtbot.keyClicks(dialog.email, "ana@example.org")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProviderDialog, "exec", fill_and_save)
    window.show_page(window.pages.index(window.providers_page))
    action = window.menus.new_action
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert action.text() == "&New provider…"  # Ctrl+N makes what the page lists
    action.trigger()
    (record,) = services.providers.all()
    assert (record.name, record.site, record.age_group.value) == (
        "Ana Lopez",
        "Sunrise Center",
        "infant-toddler",
    )
    selected = window.providers_page.selected_provider()
    assert selected is not None and selected.id == record.id


def test_dialog_names_what_is_wrong_and_stays_open(qtbot: Any) -> None:
    dialog = ProviderDialog(None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.email, "not-an-address")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.problems.isHidden()
    assert "Name is missing" in dialog.problems.text()
    assert "Email 'not-an-address' is not an address" in dialog.problems.text()
    assert dialog.name.hasFocus() or dialog.focusWidget() is dialog.name


def test_duplicate_name_is_reported_in_the_dialog(
    window: MainWindow, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(services, "Zoë Martínez")
    attempts: list[str] = []

    def try_duplicate(dialog: ProviderDialog) -> int:
        if attempts:  # second time round: the coach gives up
            return 0
        dialog.name.setText("zoë martínez")
        dialog.accept()
        attempts.append("tried")
        return dialog.result()

    monkeypatch.setattr(ProviderDialog, "exec", try_duplicate)
    shown: list[list[str]] = []
    monkeypatch.setattr(ProviderDialog, "show_problems", lambda self, p: shown.append(p))
    window.providers_page.add_provider()
    assert shown == [["a provider named 'Zoë Martínez' is already in the app"]]
    assert len(services.providers.all()) == 1


def test_edit_and_deactivate_selected(
    window: MainWindow, services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = add(services, "Chloé Dubois")
    page = window.providers_page
    window.show_page(window.pages.index(page))
    page.select_provider(record.id)

    def rename(dialog: ProviderDialog) -> int:
        assert dialog.name.text() == "Chloé Dubois"
        dialog.site.setText("Maple Street Center")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProviderDialog, "exec", rename)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert services.providers.get(record.id).site == "Maple Street Center"

    assert page.toggle_button.text() == "&Deactivate"
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)
    assert services.providers.get(record.id).active is False
    assert page.toggle_button.text() == "Re&activate"
    assert page.summary.text() == "0 active, 1 inactive"
    page.show_inactive.setChecked(False)
    assert page.proxy.rowCount() == 0


def test_import_roster_from_the_menu_shows_the_report(
    window: MainWindow, services: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,setting,age_group\nAna,center,preschool\nBo,school,x\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    reports: list[Any] = []
    monkeypatch.setattr(
        file_actions_module, "show_user_error", lambda parent, error, **k: reports.append(error)
    )
    window.file_actions.import_roster()
    assert reports[0].details == (
        "line 3: setting is 'school'; use 'center' or 'fcch'; "
        "age group is 'x'; use 'infant-toddler' or 'preschool'",
    )
    assert services.providers.all() == []

    good = tmp_path / "good.csv"
    good.write_text("name,setting,age_group\nAna,center,preschool\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    infos: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: infos.append(a[2]))
    window.file_actions.import_roster()
    assert infos == ["Imported 1 providers from good.csv."]
    assert window.providers_page.proxy.rowCount() == 1


def test_window_geometry_and_page_are_remembered(qtbot: Any, services: Any, paths: Paths) -> None:
    first = MainWindow(services, paths)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 520)  # inside the offscreen 800x600 screen
    first.close()
    second = MainWindow(services, paths)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (760, 520)


def test_status_bar_shows_store_and_year(window: MainWindow, paths: Paths) -> None:
    assert str(paths.store_file) in window.store_label.text()
    assert window.year_label.text() == "Program year 2026-27"
    assert "DEMO" not in window.windowTitle()


def test_demo_window_is_labelled(qtbot: Any, services: Any, tmp_path: Path) -> None:
    demo_paths = Paths.for_data_dir(tmp_path / "demo", is_demo=True)
    demo_paths.ensure()
    win = MainWindow(services, demo_paths)
    qtbot.addWidget(win)
    assert "DEMO" in win.windowTitle()


def test_names_sort_alphabetically_across_alphabets(window: MainWindow, services: Any) -> None:
    for name in ("Zoë Martínez", "Łukasz Kowalczyk", "Ana Lopez"):
        add(services, name)
    page = window.providers_page
    window.show_page(window.pages.index(page))
    shown = [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]
    assert shown == ["Ana Lopez", "Łukasz Kowalczyk", "Zoë Martínez"]


def test_a_double_click_opens_the_editor_once(
    window: MainWindow, services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = add(services, "Chloé Dubois")
    page = window.providers_page
    window.show_page(window.pages.index(page))
    opened: list[str] = []
    monkeypatch.setattr(ProviderDialog, "exec", lambda d: opened.append(d.name.text()) or 0)
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(record.id) or 0, 0)).row()
    pos = page.table.visualRect(page.proxy.index(row, 0)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert opened == ["Chloé Dubois"]
