"""The README's screenshots: every main page of the real window on the demo store.

One command regenerates them into docs/screenshots/:

    .venv/bin/python tests/readme_screenshots.py

Without a display it runs itself again under Xvfb (``xvfb-run``, from the xvfb package).
Today is fixed (2026-12-04) and the store sits at a fixed path, so the same code gives the
same pictures; a changed image in a diff is a changed screen. The PNGs are 1280x760,
reduced to 256 colours and optimised with Pillow (which reportlab brings along) to keep
the repository small.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "docs" / "screenshots"
TODAY = date(2026, 12, 4)
SIZE = (1280, 760)
SCREEN = "-screen 0 1366x768x24"
# A fixed place (not a random temp name) because the status bar shows the store's path.
WORK_DIR = Path(tempfile.gettempdir()) / "rooted-desktop-screenshots"


def needs_xvfb() -> bool:
    has_display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    return (
        sys.platform.startswith("linux")
        and not has_display
        and not os.environ.get("QT_QPA_PLATFORM")
    )


def rerun_under_xvfb() -> int:
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        print("No display and no xvfb-run: install xvfb (apt-get install xvfb)", file=sys.stderr)
        return 1
    command = [xvfb, "-a", "-s", SCREEN, sys.executable, __file__, *sys.argv[1:]]
    return subprocess.call(command, cwd=ROOT)


def slug(title: str) -> str:
    """A page title as a file name: "Data & evaluation" -> "data-evaluation"."""
    words = "".join(ch if ch.isalnum() else " " for ch in title.lower()).split()
    return "-".join(words)


def save_png(image: object, path: Path) -> int:
    """Write a QImage as an optimised PNG; returns its size in bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[attr-defined]
    buffer.close()
    raw = bytes(data.data())
    try:
        from PIL import Image
    except ImportError:  # still a valid PNG, only larger
        path.write_bytes(raw)
        return len(raw)
    with Image.open(io.BytesIO(raw)) as opened:
        # A window has a few hundred colours, nearly all anti-aliased text; 256 of them
        # without dithering look the same and make the file about a third of the size.
        paletted = opened.convert("RGB").quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        paletted.save(path, "PNG", optimize=True)
    return path.stat().st_size


def main(out_dir: Path = OUT_DIR) -> list[Path]:

    from rooted_desktop.core.vocab import SessionStatus
    from rooted_desktop.paths import Paths
    from rooted_desktop.services.container import Services
    from rooted_desktop.services.demo import build_demo_store
    from rooted_desktop.services.sessions import SessionQuery
    from rooted_desktop.ui.application import application
    from rooted_desktop.ui.main_window import MainWindow

    app = application()
    written: list[Path] = []

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    def shoot(widget: object, name: str) -> None:
        settle()
        path = out_dir / f"{name}.png"
        size = save_png(widget.grab().toImage(), path)  # type: ignore[attr-defined]
        written.append(path)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {size:,} bytes")

    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(WORK_DIR, ignore_errors=True)
    try:
        # The main pages, on the demo store.
        paths = Paths.for_data_dir(WORK_DIR / "demo", is_demo=True)
        paths.ensure()
        services = Services.open(paths.store_file, clock=lambda: TODAY)
        build_demo_store(services.store, providers=12, years=2, today=TODAY)
        window = MainWindow(services, paths)
        window.resize(*SIZE)
        window.show()
        for number, page in enumerate(window.pages):
            window.show_page(number)
            shoot(window, slug(page.windowTitle()))

        # Documenting a session: the latest completed visit, in its own window.
        done = services.sessions.find(SessionQuery(last_day=TODAY, status=SessionStatus.COMPLETED))
        latest = max(done, key=lambda item: (item.day, item.id))
        editor = window.open_session(session_id=latest.id)
        editor.resize(*SIZE)
        shoot(editor, "session-window")
        editor.close()
        window.close()
        services.close()

        # First run: the welcome on a store nobody has set up.
        first = Paths.for_data_dir(WORK_DIR / "first-run")
        first.ensure()
        fresh = Services.open(first.store_file, clock=lambda: TODAY)
        window = MainWindow(fresh, first)
        window.resize(*SIZE)
        window.show()
        settle()
        welcome = window.welcome_if_new()
        assert welcome is not None, "an empty store should be greeted"
        shoot(welcome, "welcome")
        welcome.hide()  # not reject(): nothing to record in a store about to be deleted
        window.close()
        fresh.close()
    finally:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
    if out_dir == OUT_DIR:  # a renamed or removed page leaves no old picture behind
        for path in sorted(set(out_dir.glob("*.png")) - set(written)):
            path.unlink()
    return written


if __name__ == "__main__":
    if needs_xvfb():
        sys.exit(rerun_under_xvfb())
    sys.path.insert(0, str(ROOT))
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR)
