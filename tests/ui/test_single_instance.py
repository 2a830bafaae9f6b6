"""One app per data folder: a second start raises the first; a crash leaves nothing stuck."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

from rooted_desktop.ui.single_instance import LOCK_FILE_NAME, SingleInstance

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_start_asks_the_first_to_come_forward(qtbot: Any, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    first.listen()
    try:
        second = SingleInstance(tmp_path)
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert not second.acquire()
    finally:
        first.release()
    # Once the first has gone, the next start owns the folder.
    third = SingleInstance(tmp_path)
    assert third.acquire()
    third.release()


def test_each_data_folder_has_its_own_instance(tmp_path: Path) -> None:
    real, demo = SingleInstance(tmp_path / "real"), SingleInstance(tmp_path / "demo")
    for folder in (tmp_path / "real", tmp_path / "demo"):
        folder.mkdir()
    try:
        assert real.acquire() and demo.acquire()
    finally:
        real.release()
        demo.release()


def test_a_lock_left_by_a_killed_app_does_not_block_the_next_start(tmp_path: Path) -> None:
    owner = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        sys.path.insert(0, {str(ROOT)!r})
        from rooted_desktop.ui.single_instance import SingleInstance
        app = QCoreApplication([])
        instance = SingleInstance(Path({str(tmp_path)!r}))
        assert instance.acquire()
        print("owned", flush=True)
        time.sleep(60)
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen([sys.executable, "-c", owner], stdout=subprocess.PIPE, env=env)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"owned"
        assert (tmp_path / LOCK_FILE_NAME).exists()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert (tmp_path / LOCK_FILE_NAME).exists()  # the crash left its lock behind
    after = SingleInstance(tmp_path)
    assert after.acquire()  # ...and Qt sees its owner is gone
    after.release()


def test_starting_the_app_twice_brings_the_first_forward(tmp_path: Path) -> None:
    """Two real app processes on one data folder: the second exits at once, the first stays."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "rooted_desktop", "--data-dir", str(tmp_path)]
    first = subprocess.Popen(command, env=env, cwd=ROOT)
    log_file = tmp_path / "logs" / "rooted-desktop.log"
    try:
        deadline = time.monotonic() + 60
        listening = "listening for later starts"  # once its window has painted
        while listening not in (log_file.read_text() if log_file.exists() else ""):
            assert first.poll() is None and time.monotonic() < deadline, "the app did not start"
            time.sleep(0.1)
        second = subprocess.run(command, env=env, cwd=ROOT, timeout=60, capture_output=True)
        assert second.returncode == 0, second.stderr
        while "come forward" not in log_file.read_text():
            assert time.monotonic() < deadline, "the first window was not asked forward"
            time.sleep(0.1)
        assert first.poll() is None  # still running: one window, the first one
    finally:
        first.terminate()
        first.wait(timeout=30)
