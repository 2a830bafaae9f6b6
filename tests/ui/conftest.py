"""The main window on a small demo store (today fixed at 2026-12-04), shared by page tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from rooted_desktop.paths import Paths
from rooted_desktop.services.demo import build_demo_store
from rooted_desktop.ui.main_window import MainWindow


@pytest.fixture
def demo_window(
    qtbot: Any, services: Any, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    build_demo_store(services.store, providers=6, years=1, today=date(2026, 12, 4))
    win = MainWindow(services, paths)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.settled):  # as a coach finds it: shown, its start-up work done
        win.show()
    yield win
    # Session windows a test opened close without questions.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    for child in list(win.session_windows):
        child.close()
