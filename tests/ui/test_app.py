"""The composition root opens the real window on the right store."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from rooted_desktop.app import run_app
from rooted_desktop.guide import loader
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


def test_a_guide_that_cannot_be_read_is_told_not_raised(
    tmp_path: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "guide.toml"
    broken.write_text("this is = not [valid toml\n", encoding="utf-8")
    monkeypatch.setattr(loader, "default_guide_path", lambda: broken)
    loader.load_default_guide.cache_clear()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    try:
        code = run_app(argparse.Namespace(data_dir=tmp_path / "data", demo=False))
    finally:
        loader.load_default_guide.cache_clear()
    assert code == 1
    assert len(said) == 1 and "guide.toml" in said[0]
    assert gc.isenabled()  # the collector is back on whichever way start-up ended


def test_the_collector_is_back_on_after_a_normal_run(tmp_path: Path, qapp: Any) -> None:
    code, _seen = _run_and_capture(argparse.Namespace(data_dir=tmp_path, demo=False), qapp)
    assert code == 0 and gc.isenabled()
