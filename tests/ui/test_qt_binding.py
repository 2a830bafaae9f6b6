"""Guard against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 drops a reference to ``True`` on every ``emit()`` made from Python; after a
few thousand keystrokes in a session the interpreter aborts (bool_dealloc). pyproject pins
below it; this test fails if an upgrade brings such a build back.
"""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from PySide6.QtCore import QObject, Signal
class Form(QObject):
    edited = Signal()
    changed = Signal(object)
form = Form()
before = sys.getrefcount(True)
for _ in range(30_000):
    form.edited.emit()
    form.changed.emit(frozenset())
print(before - sys.getrefcount(True))
"""


def test_emitting_signals_from_python_keeps_the_interpreter_healthy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
