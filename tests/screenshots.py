"""Screenshots of the real window on a demo store, for the README and for looking.

Run under a display (Xvfb is fine):
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/screenshots.py OUT_DIR
Each page and dialog is saved as a PNG in OUT_DIR.

--dark gives the app a dark palette, as a dark desktop theme does (Xvfb has no theme to
follow); --scale 1.5 (or 1.25, 2) runs at that display scaling, the window sized to what
fits the screen, as on a 1366x768 laptop at 150 %.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from long_notes import long_session


def dark_palette() -> object:
    """The palette Qt itself gives a dark desktop (qt_fusionPalette's dark branch)."""
    from PySide6.QtGui import QColor, QPalette

    role, group = QPalette.ColorRole, QPalette.ColorGroup
    text, window = QColor(240, 240, 240), QColor(50, 50, 50)
    dark = window.darker(150)
    placeholder = QColor(text)
    placeholder.setAlpha(128)
    palette = QPalette()
    for name, colour in (
        ("WindowText", text), ("Window", window), ("Button", window), ("ButtonText", text),
        ("Light", window.lighter(150)), ("Mid", window.darker(130)),
        ("Midlight", window.darker(130).lighter(110)), ("Dark", dark),
        ("Shadow", dark.darker(135)), ("Base", window.darker(140)),
        ("AlternateBase", window.darker(140).darker(110)), ("Text", text),
        ("BrightText", QColor(255, 255, 255)), ("Highlight", QColor(48, 140, 198)),
        ("HighlightedText", text), ("Link", QColor(48, 140, 198)),
        ("LinkVisited", QColor(255, 0, 255)), ("ToolTipBase", QColor(255, 255, 220)),
        ("ToolTipText", QColor(0, 0, 0)), ("PlaceholderText", placeholder),
    ):  # fmt: skip
        palette.setColor(getattr(role, name), colour)
    for name in ("WindowText", "Text", "ButtonText"):
        palette.setColor(group.Disabled, getattr(role, name), QColor(130, 130, 130))
    palette.setColor(group.Disabled, role.Base, window)
    palette.setColor(group.Disabled, role.Highlight, QColor(145, 145, 145))
    return palette


def main(
    out_dir: Path,
    today: date = date(2026, 12, 4),
    *,
    dark: bool = False,
    scale: float | None = None,
) -> None:
    if scale is not None:
        os.environ["QT_SCALE_FACTOR"] = str(scale)  # read when the application starts
    from PySide6.QtWidgets import QApplication, QWidget

    from rooted_desktop.paths import Paths
    from rooted_desktop.services.container import Services
    from rooted_desktop.services.demo import build_demo_store
    from rooted_desktop.ui.dialogs.provider_dialog import ProviderDialog
    from rooted_desktop.ui.main_window import MainWindow

    def scroll_bottom(widget: QWidget) -> None:
        from PySide6.QtWidgets import QScrollArea

        for area in widget.findChildren(QScrollArea):
            area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())

    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if dark:
        app.setPalette(dark_palette())  # type: ignore[arg-type]
    screen = app.primaryScreen().availableGeometry()
    width, height = min(1280, screen.width()), min(760, screen.height())
    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths.for_data_dir(Path(tmp) / "demo", is_demo=True)
        paths.ensure()
        services = Services.open(paths.store_file, clock=lambda: today)
        build_demo_store(services.store, providers=12, years=2, today=today)
        window = MainWindow(services, paths)
        window.resize(width, height)
        window.show()

        def settle() -> None:
            for _ in range(5):
                app.processEvents()

        for number, page in enumerate(window.pages):
            window.show_page(number)
            settle()
            title = page.windowTitle().lower()
            name = "-".join(w for w in title.replace("&", " ").split())
            window.grab().save(str(out_dir / f"{name}.png"))

        providers = window.providers_page
        providers.table.selectRow(0)
        record = providers.selected_provider()
        dialog = ProviderDialog(window, record)
        dialog.show()
        settle()
        dialog.grab().save(str(out_dir / "provider-dialog.png"))
        dialog.name.clear()
        dialog.email.setText("not an address")
        dialog.accept()
        settle()
        dialog.grab().save(str(out_dir / "provider-dialog-problems.png"))
        dialog.close()

        from rooted_desktop.core.errors import UserError
        from rooted_desktop.ui.errors import error_box

        bad = Path(tmp) / "roster.csv"
        bad.write_text(
            "name,site,setting,age_group,email\nAna Ruiz,Main St,center,preschool,ana@x.org\n"
            "Bo Lee,Elm,school,preschool,\n,Oak,fcch,toddler,bad-address\n",
            encoding="utf-8",
        )
        try:
            services.providers.import_roster(bad)
        except UserError as error:
            box = error_box(window, error, title="Roster not imported")
            box.show()
            settle()
            box.grab().save(str(out_dir / "roster-problems.png"))
            box.close()

        # The session form with a long, realistic session and Unicode names.
        provider = next(p for p in services.providers.all() if p.name.startswith("Nguy"))
        longest = services.sessions.create(
            long_session(provider.id, date(2026, 12, 3), services.agenda.current().sections)
        )
        editor = window.open_session(session_id=longest.id)
        editor.resize(width, height)
        settle()
        editor.grab().save(str(out_dir / "session-form.png"))
        editor.form.minutes.setValue(500)
        settle()
        scroll_bottom(editor)
        settle()
        editor.grab().save(str(out_dir / "session-form-bottom.png"))
        editor.form.minutes.setValue(longest.minutes)
        editor.close()

        from rooted_desktop.ui.dialogs.action_plan_dialog import ActionPlanDialog
        from rooted_desktop.ui.dialogs.settings_dialog import SettingsDialog

        plan = ActionPlanDialog(window, services.action_plans, provider)
        plan.show()
        settle()
        plan.grab().save(str(out_dir / "action-plan.png"))
        plan.close()
        settings = SettingsDialog(window, services.agenda, services.profile)
        settings.tabs.setCurrentIndex(1)
        settings.show()
        settle()
        settings.grab().save(str(out_dir / "settings-agenda.png"))
        settings.close()
        window.close()
        services.close()
    print(f"screenshots in {out_dir}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=Path("shots"))
    parser.add_argument("--dark", action="store_true", help="a dark desktop palette")
    parser.add_argument("--scale", type=float, help="display scaling, e.g. 1.5 for 150 %%")
    arguments = parser.parse_args()
    main(arguments.out_dir, dark=arguments.dark, scale=arguments.scale)
