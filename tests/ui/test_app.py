"""The composition root opens the real window on the right store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from rooted_desktop.app import run_app
from rooted_desktop.ui.main_window import MainWindow


def _run_and_capture(args: argparse.Namespace, qapp: Any) -> tuple[int, list[str]]:
    titles: list[str] = []

    def close_windows() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                titles.append(widget.windowTitle())
                widget.show_page(widget.pages.index(widget.providers_page))  # loads when shown
                titles.append(str(widget.providers_page.proxy.rowCount()))
                widget.close()

    QTimer.singleShot(0, close_windows)
    return run_app(args), titles


def test_demo_opens_a_separate_labelled_store(tmp_path: Path, qapp: Any) -> None:
    args = argparse.Namespace(data_dir=tmp_path, demo=True)
    code, seen = _run_and_capture(args, qapp)
    assert code == 0
    assert seen[0].endswith("— DEMO")
    assert int(seen[1]) >= 10  # the demo caseload is there
    assert (tmp_path / "demo" / "rooted.sqlite3").exists()
    assert not (tmp_path / "rooted.sqlite3").exists()  # the real store was not touched


def test_plain_start_opens_an_empty_store(tmp_path: Path, qapp: Any) -> None:
    args = argparse.Namespace(data_dir=tmp_path, demo=False)
    code, seen = _run_and_capture(args, qapp)
    assert code == 0
    assert seen == ["Rooted Desktop", "0"]
    assert (tmp_path / "rooted.sqlite3").exists()
