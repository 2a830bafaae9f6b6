"""Driver for the crash test: the real window, real typing, then SIGKILL after autosave.

    python tests/e2e/autosave_driver.py DATA_DIR

Prints the draft key once the autosave has landed, then kills itself with no chance to
clean up, as a power cut or a crash would.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.services.container import Services
from rooted_desktop.ui.main_window import MainWindow

TYPED_ASCII = "Talked about the clean-up song; she tried it twice."
TYPED_UNICODE = "Nguyễn Thị Ánh: «the first-then card works» — Łódź family, Zoë helped."


def main(data_dir: Path) -> None:
    app = QApplication(sys.argv[:1])
    paths = Paths.for_data_dir(data_dir)
    paths.ensure()
    services = Services.open(paths.store_file)
    provider = services.providers.add(
        ProviderInput(name="Nguyễn Thị Ánh", setting="center", age_group="preschool")
    )
    window = MainWindow(services, paths)
    window.show()
    editor = window.open_session(provider_id=provider.id)
    check_in = editor.form.section_boxes["check-in"]
    check_in.setFocus()
    QTest.keyClicks(check_in, TYPED_ASCII)
    editor.form.field_boxes["joint_plan"].setPlainText(TYPED_UNICODE)

    def kill_once_kept() -> None:
        drafts = services.drafts.all()
        if drafts and TYPED_UNICODE in str(drafts[0].payload):
            print(drafts[0].key, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)

    poll = QTimer()
    poll.timeout.connect(kill_once_kept)
    poll.start(100)
    QTimer.singleShot(20_000, lambda: (print("no autosave", flush=True), app.exit(3)))
    sys.exit(app.exec())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
