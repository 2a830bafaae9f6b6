"""Typed text survives a SIGKILL: the next start offers it back, exactly as typed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from rooted_desktop.paths import Paths
from rooted_desktop.services.container import Services
from rooted_desktop.ui.main_window import MainWindow

DRIVER = Path(__file__).with_name("autosave_driver.py")
sys.path.insert(0, str(DRIVER.parent))
from autosave_driver import TYPED_ASCII, TYPED_UNICODE  # noqa: E402


@pytest.mark.slow
def test_text_typed_before_a_sigkill_is_offered_back(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, str(DRIVER), str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == -signal.SIGKILL, result.stdout + result.stderr
    draft_key = result.stdout.strip()
    assert draft_key.startswith("session:new:")

    # The next start: the store opens cleanly and the main window offers the draft back.
    paths = Paths.for_data_dir(data)
    services = Services.open(paths.store_file)
    try:
        window = MainWindow(services, paths)
        qtbot.addWidget(window)

        offered: list[str] = []

        def choose_open(box: QMessageBox) -> int:
            offered.append(box.text() + box.informativeText())
            open_button = next(
                b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
            )
            open_button.click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", choose_open)
        window.offer_drafts()
        assert offered and "1 session had text that was not saved" in offered[0]
        (editor,) = window.session_windows
        assert editor.draft_key == draft_key
        assert editor.form.section_boxes["check-in"].toPlainText() == TYPED_ASCII
        assert editor.form.field_boxes["joint_plan"].toPlainText() == TYPED_UNICODE
        assert editor.form.provider.currentText() == "Nguyễn Thị Ánh"

        # Saving the restored session files it and clears the draft.
        assert editor.save()
        assert services.drafts.all() == []
        saved = services.sessions.get(editor.session_id)
        assert saved.joint_plan == TYPED_UNICODE
        assert {n.key: n.text for n in saved.sections}["check-in"] == TYPED_ASCII
        editor.close()
    finally:
        services.close()
