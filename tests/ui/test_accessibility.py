"""A screen reader can name every control, and Tab follows reading order, on every page and in
every dialog the app has; and the looks hold up in a dark palette and at large scaling.

Names are read through Qt's own accessibility interface — what Orca, NVDA and VoiceOver are
told — so a label buddy, a QFormLayout row or a button's text count exactly when they reach a
screen reader. Dialogs are opened through the app's own entry points with their event loops
replaced by an inspection. Every module under ``ui/dialogs/`` must have been opened (and
every window or widget class it defines seen), so a new dialog cannot escape these checks.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rooted_desktop import ui as ui_package
from rooted_desktop.paths import Paths
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.ui import dialogs as dialogs_package
from rooted_desktop.ui.dialogs.action_plan_dialog import ActionPlanDialog
from rooted_desktop.ui.dialogs.welcome_dialog import WelcomeDialog
from tests.screenshots import dark_palette

if TYPE_CHECKING:
    from rooted_desktop.ui.main_window import MainWindow

# What a person operates. Qt builds the inner parts of these (a spin box's line edit, a
# table's corner button, a calendar's navigation) and names them itself; the outermost
# control is the one the app must name.
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QCalendarWidget,
    QAbstractSlider,
    QTabBar,
)
NOT_NAMED_BY_APP = (QScrollBar,)  # a bar belongs to the area it scrolls, which is named
ROW_TOLERANCE = 4  # pixels: widgets in one row may sit a few pixels apart


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces: Qt's Name, or the label related to the control.

    On Linux Qt gives a combo box's current value as its Name (its label reaches Orca as a
    "labelled by" relation); a value is not a name, so it only counts through the relation
    or the control's accessible name, which Windows and macOS announce.
    """
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    name = interface.text(QAccessible.Text.Name).strip()
    if name and name != interface.text(QAccessible.Text.Value).strip():
        return name
    labels = [
        other.text(QAccessible.Text.Name).strip()
        for other, _relation in interface.relations(QAccessible.Relation.Label)
    ]
    return widget.accessibleName().strip() or next((label for label in labels if label), "")


def outer_control(widget: QWidget, window: QWidget) -> QWidget | None:
    """The outermost control holding ``widget`` (itself if none holds it), below ``window``."""
    found = widget if isinstance(widget, CONTROLS) else None
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, CONTROLS):
            found = parent
        parent = parent.parentWidget()
    return found


def describe(widget: QWidget) -> str:
    """Enough to find the control in the code: class, objectName and what it shows."""
    hints = [type(widget).__name__, f"objectName={widget.objectName()!r}"]
    for getter in ("text", "placeholderText", "currentText", "toolTip"):
        value = getattr(widget, getter, None)
        text = value() if callable(value) else None
        if isinstance(text, str) and text.strip():
            hints.append(f"{getter}={text.strip()[:40]!r}")
            break
    name = spoken_name(widget)
    if name:
        hints.append(f"name={name[:40]!r}")
    return " ".join(hints)


def has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text.replace("&", ""))


def rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def goes_back(a: QRect, b: QRect) -> bool:
    """Whether Tab from ``a`` to ``b`` goes against reading order (top-down, left-right).

    Up is fine only into a column wholly to the right (columns are read one after the
    other); within one row, Tab may not go left. Down is always forward.
    """
    tol = ROW_TOLERANCE
    above = b.bottom() < a.top() + tol
    right_column = b.left() > a.right() - tol
    if above:
        return not right_column
    same_row = b.top() < a.bottom() - tol and a.top() < b.bottom() - tol
    return same_row and b.right() < a.left() + tol


def focus_chain(window: QWidget) -> list[QWidget]:
    """The visible controls Tab visits in ``window``, in Tab's order (one lap)."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    for _ in range(5000):
        if widget is window or widget is None:
            break
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if (
            takes_tab
            and widget.isVisible()
            and widget.window() is window
            and widget.focusProxy() is None
        ):
            control = outer_control(widget, window) or widget
            if not chain or chain[-1] is not control:
                chain.append(control)
        widget = widget.nextInFocusChain()
    return chain


@dataclass
class Report:
    """What the visit found, by check; and which dialog classes and modules it opened."""

    unnamed: list[str] = field(default_factory=list)
    icon_only: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    hidden_ticks: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    classes_seen: set[type] = field(default_factory=set)
    modules_seen: set[str] = field(default_factory=set)
    controls_checked: int = 0

    def inspect(self, window: QWidget, where: str, opened_from: str = "") -> None:
        """Check ``window`` as shown, and again with each tab of its tab widgets in front."""
        settle()
        self.places.append(where)
        if opened_from:
            self.modules_seen.add(opened_from)
        self._check(window, where)
        for tabs in window.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            shown = tabs.currentIndex()
            for index in range(tabs.count()):
                if index != shown:
                    tabs.setCurrentIndex(index)
                    settle()
                    self._check(window, f"{where} › {tabs.tabText(index).replace('&', '')} tab")
            tabs.setCurrentIndex(shown)

    def _check(self, window: QWidget, where: str) -> None:
        widgets = [window, *window.findChildren(QWidget)]
        for widget in widgets:
            self.classes_seen.add(type(widget))
            self.modules_seen.add(type(widget).__module__)
        for widget in widgets:
            if (
                not isinstance(widget, CONTROLS)
                or isinstance(widget, NOT_NAMED_BY_APP)
                or not widget.isVisible()
                or outer_control(widget, window) is not widget
            ):
                continue
            self.controls_checked += 1
            line = f"{describe(widget)} in “{where}”"
            if (
                isinstance(widget, QAbstractItemView)
                and has_tick_boxes(widget)
                and widget.viewport().backgroundRole() != QPalette.ColorRole.Window
                and line not in self.hidden_ticks
            ):
                self.hidden_ticks.append(line)
            if not spoken_name(widget) and line not in self.unnamed:
                self.unnamed.append(line)
            if (
                isinstance(widget, QAbstractButton)
                and not has_words(widget.text())
                and not widget.toolTip()
                and line not in self.icon_only
            ):
                self.icon_only.append(line)
        chain = focus_chain(window)
        for widget in chain:  # whatever Tab stops on is announced too (a scroll area, a link)
            line = f"{describe(widget)} in “{where}”"
            if not spoken_name(widget) and line not in self.unnamed:
                self.unnamed.append(line)
        backward = [
            f"“{where}”: Tab goes from {describe(a)} at {rect_in(a, window).topLeft().toTuple()} "
            f"back to {describe(b)} at {rect_in(b, window).topLeft().toTuple()}"
            for a, b in zip(chain, chain[1:] + chain[:1], strict=True)
            if goes_back(rect_in(a, window), rect_in(b, window))
        ]
        # Tab goes round: from the last control back to the first is the one step back a
        # lap takes (wherever the window puts the focus first). More than one is disorder.
        if len(backward) > 1:
            self.order.extend(line for line in backward if line not in self.order)


def has_tick_boxes(view: QAbstractItemView) -> bool:
    """Whether any item of the view (a tree's children too) shows a tick box."""
    model = view.model()
    pending, looked = [QModelIndex()], 0
    while model is not None and pending and looked < 500:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            looked += 1
            if index.data(Qt.ItemDataRole.CheckStateRole) is not None:  # a box is drawn
                return True
            if model.rowCount(index):
                pending.append(index)
    return False


def caller_module(depth: int = 2) -> str:
    return str(sys._getframe(depth).f_globals.get("__name__", ""))


@pytest.fixture
def inspector(monkeypatch: pytest.MonkeyPatch) -> Report:
    """Every dialog the app runs is shown, inspected and cancelled instead of waited on."""
    report = Report()

    def inspect_and_cancel(dialog: QDialog) -> int:
        dialog.show()
        report.inspect(dialog, dialog.windowTitle() or type(dialog).__name__, caller_module())
        dialog.hide()
        return 0  # Rejected: each caller's "while dialog.exec()" loop ends

    monkeypatch.setattr(QDialog, "exec", inspect_and_cancel)
    # Qt's own message boxes and file dialogs are named by Qt; here they only must not wait.
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    for name in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Discard)
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, lambda *a, **k: ("", ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    return report


def visit_pages(window: MainWindow, report: Report) -> None:
    for number, page in enumerate(window.pages):
        window.show_page(number)
        report.inspect(window, f"{window.windowTitle()} › {page.windowTitle()} page")


def visit_dialogs(window: MainWindow, services: Any, paths: Paths, report: Report) -> None:
    """Open every dialog the way a coach does: from its page, button or menu."""
    # Session windows: a new one and one with a saved session; the action plan beside it.
    new_session = window.open_session()
    report.inspect(new_session, "New session window")
    sessions = services.sessions.find(SessionQuery())
    existing = window.open_session(session_id=sessions[0].id)
    report.inspect(existing, "Saved session window")
    existing.review_action_plan()
    for editor in list(window.session_windows):
        editor.close()
    settle()

    providers = window.providers_page
    window.show_page(window.pages.index(providers))
    providers.add_provider()
    providers.table.selectRow(0)
    providers.edit_selected()
    providers.plan_button.click()

    # The action plan's own editors: a goal's words and a step.
    with_plans = [p for p in services.providers.all() if services.action_plans.plans(p.id)]
    plan = ActionPlanDialog(window, services.action_plans, with_plans[0])
    plan.show()
    report.inspect(plan, plan.windowTitle())
    plan.new_goal()
    plan.rename_goal()
    plan.add_step()
    plan.edit_step()
    plan.close()

    window.menus.settings_action.trigger()
    window.menus.help_menu.shortcuts_action.trigger()

    program = window.program_page
    window.show_page(window.pages.index(program))
    for section in (program.meetings, program.consultations, program.trainings):
        section.new_requested.emit()
        section.table.selectRow(0)
        section.edit_requested.emit()

    data = window.data_page
    window.show_page(window.pages.index(data))
    model = data.matrix_model
    cell = next(
        (row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if model.record_at(row, column) is not None
    )
    data.matrix.setCurrentIndex(model.index(*cell))
    data.edit_requirement()
    data.coach_table.setCurrentIndex(data.coach_model.index(0, 0))
    data.edit_coach_item()
    data.new_item()
    data.observations.setCurrentIndex(data.obs_model.index(0, 0))
    data.edit_observation()

    sessions_page = window.sessions_page
    window.show_page(window.pages.index(sessions_page))
    sessions_page.table.selectRow(0)
    sessions_page.duplicate_selected()  # asks for the date of the next visit

    backups = window.open_backups()  # window-modal, without an event loop of its own
    report.inspect(backups, backups.windowTitle())
    backups.hide()

    # The first-run welcome opens on an empty store only; built here on the demo's.
    welcome = WelcomeDialog(
        window,
        services,
        paths,
        add_provider=lambda: None,  # its buttons are not pressed here, only named
        import_roster=lambda: None,
        launch=lambda _paths: False,
    )
    welcome.show()
    report.inspect(welcome, welcome.windowTitle())
    welcome.hide()


@pytest.fixture
def visited(demo_window: MainWindow, services: Any, paths: Paths, inspector: Report) -> Report:
    visit_pages(demo_window, inspector)
    visit_dialogs(demo_window, services, paths, inspector)
    return inspector


def dialog_modules() -> Iterator[tuple[str, list[type]]]:
    """Each module under ui/dialogs/ with the QWidget classes it defines."""
    for info in pkgutil.iter_modules(dialogs_package.__path__):
        module = importlib.import_module(f"{dialogs_package.__name__}.{info.name}")
        classes = [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, QWidget)
            and value.__module__ == module.__name__
        ]
        yield module.__name__, classes


def test_a_screen_reader_can_name_every_control(visited: Report) -> None:
    assert visited.controls_checked > 300  # every page and dialog was really looked at
    assert not visited.unnamed, "Controls a screen reader cannot name:\n" + "\n".join(
        visited.unnamed
    )


def test_buttons_without_words_have_a_tooltip(visited: Report) -> None:
    assert not visited.icon_only, "Icon-only buttons without a tooltip:\n" + "\n".join(
        visited.icon_only
    )


def test_tab_follows_reading_order(visited: Report) -> None:
    assert not visited.order, "Tab order against reading order:\n" + "\n".join(visited.order)


def test_every_dialog_module_is_visited(visited: Report) -> None:
    missing = []
    for module, classes in dialog_modules():
        if module not in visited.modules_seen:
            missing.append(f"{module} (no window of it was opened)")
        missing.extend(
            f"{module}.{cls.__name__}"
            for cls in classes
            if not any(issubclass(seen, cls) for seen in visited.classes_seen)  # a base counts
        )
    assert not missing, (
        "Dialogs this test never opens — open them in visit_dialogs():\n" + "\n".join(missing)
    )


# -- looks: dark palettes and large scaling -------------------------------------------
def test_tick_boxes_in_lists_show_in_dark_palettes(visited: Report) -> None:
    """Fusion outlines a tick box in the window colour darkened, which in a dark palette is a
    list's base colour: a checklist drawn on the base hides its boxes (readable.py)."""
    assert not visited.hidden_ticks, (
        "Checklists whose tick boxes vanish in a dark palette — call checks_on_window():\n"
        + "\n".join(visited.hidden_ticks)
    )


HARD_CODED_COLOUR = re.compile(
    r"QColor\s*\(\s*(?:\d|['\"]|Qt\b)"  # QColor(255, …), QColor("#…"), QColor(Qt.red)
    r"|Qt\s*\.\s*GlobalColor"
    r"|\bQt\s*\.\s*(?:red|green|blue|black|white|gray|darkGray|lightGray|yellow)\b"
    r"|#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|\brgba?\s*\("  # in style sheets
    r"|\b(?:color|background(?:-color)?)\s*:\s*(?!palette\()[a-z#]"
)


def test_ui_code_takes_its_colours_from_the_palette() -> None:
    """A colour written into the code is right in one palette and wrong in the other."""
    found = []
    for path in sorted(Path(ui_package.__file__).parent.rglob("*.py")):
        with path.open(encoding="utf-8") as source:
            tokens = tokenize.generate_tokens(source.readline)
            code = " ".join(t.string for t in tokens if t.type != tokenize.COMMENT)
        found += [f"{path.name}: {match.group(0)}" for match in HARD_CODED_COLOUR.finditer(code)]
    assert not found, "Colours not from the palette:\n" + "\n".join(found)


def test_every_table_keeps_rows_in_the_smallest_window(demo_window: MainWindow) -> None:
    """The window's minimum is what a 1366x768 laptop at 150 % leaves it (about 900x500
    logical pixels): every list and table still shows rows, and a tall page scrolls."""
    window = demo_window
    window.resize(window.minimumSize())
    cramped = []
    for number, page in enumerate(window.pages):
        window.show_page(number)
        settle()
        for view in page.findChildren(QAbstractItemView):
            if (
                isinstance(view, QHeaderView)
                or not view.isVisible()
                or outer_control(view, page) is not view
            ):
                continue
            line = (
                view.verticalHeader().defaultSectionSize()
                if isinstance(view, QTableView)
                else view.fontMetrics().lineSpacing()
            )
            if view.viewport().height() < 3 * line:
                cramped.append(
                    f"{describe(view)} on {page.windowTitle()}: {view.viewport().height()}px"
                )
    assert window.width() <= 910 and window.height() <= 500
    assert not cramped, "Views with room for fewer than 3 rows:\n" + "\n".join(cramped)


def test_in_a_dark_palette_pages_paint_dark(demo_window: MainWindow) -> None:
    """With a dark desktop palette no page paints a light panel of its own."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    app.setPalette(dark_palette())
    try:
        for number, page in enumerate(demo_window.pages):
            demo_window.show_page(number)
            settle()
            image = page.grab().toImage()
            step = 7
            samples = [
                image.pixelColor(x, y).lightnessF()
                for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)
            ]
            light_share = sum(1 for value in samples if value > 0.75) / len(samples)
            # Light text is a few percent; a light panel (a white table, say) is far more.
            assert light_share < 0.25, f"{page.windowTitle()}: {light_share:.0%} light pixels"
    finally:
        app.setPalette(light)


# -- the checks themselves catch what they are meant to ----------------------------------
def _bad_dialog() -> QDialog:
    dialog = QDialog()
    dialog.setWindowTitle("Bad dialog")
    layout = QVBoxLayout(dialog)
    unnamed = QLineEdit()
    unnamed.setObjectName("nameless")
    icon = QToolButton()
    icon.setText("…")
    below = QPushButton("&Below")
    for widget in (unnamed, icon, below):
        layout.addWidget(widget)
    form = QFormLayout()
    named = QLineEdit()
    form.addRow("&Named by its row:", named)
    checklist = QListWidget()
    checklist.setAccessibleName("Checklist")
    QListWidgetItem("Tick me", checklist).setCheckState(Qt.CheckState.Unchecked)
    form.addRow(checklist)
    layout.addLayout(form)
    QWidget.setTabOrder(unnamed, below)  # skips the button in between...
    QWidget.setTabOrder(below, icon)  # ...and comes back up to it
    QWidget.setTabOrder(icon, named)
    return dialog


def test_the_checks_find_unnamed_controls_and_tab_going_back(qtbot: Any) -> None:
    dialog = _bad_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    report = Report()
    report.inspect(dialog, "Bad dialog")
    assert any("objectName='nameless'" in line for line in report.unnamed)
    assert not any("Named by its row" in line for line in report.unnamed)
    assert [line for line in report.icon_only if "QToolButton" in line]
    assert any("back to QToolButton" in line for line in report.order)
    assert [line for line in report.hidden_ticks if "Checklist" in line]


def test_reading_order_allows_columns_and_rows() -> None:
    left, right_top = QRect(0, 0, 100, 300), QRect(120, 0, 100, 30)
    assert not goes_back(left, right_top)  # up into the next column
    assert goes_back(right_top, left)  # left within the row the tall list spans
    assert not goes_back(QRect(0, 0, 50, 20), QRect(60, 2, 50, 24))  # rightwards in a row
    assert goes_back(QRect(0, 40, 50, 20), QRect(0, 0, 50, 20))  # up in one column
