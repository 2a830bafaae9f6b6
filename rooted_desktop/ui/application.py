"""The QApplication's identity (names, desktop file, icon) and the self-test's window check."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from rooted_desktop import identity
from rooted_desktop.paths import Paths
from rooted_desktop.resources import icon_files
from rooted_desktop.services.container import Services


def application() -> QApplication:
    """The running QApplication (made if there is none yet) with the app's identity."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    identify(app)
    return app


def identify(app: QGuiApplication) -> None:
    """Name, version, organisation, desktop file and icon, all from ``identity``."""
    app.setApplicationName(identity.APP_NAME)
    app.setApplicationVersion(identity.version())
    app.setOrganizationName(identity.ORGANIZATION)
    app.setOrganizationDomain(identity.ORGANIZATION_DOMAIN)
    app.setDesktopFileName(identity.DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())


def app_icon() -> QIcon:
    """Every size we ship, so each place (title bar, task switcher, dock) picks a sharp one."""
    icon = QIcon()
    for _size, path in icon_files():
        icon.addFile(str(path))
    return icon


def check_main_window(services: Services, paths: Paths) -> int:
    """Build the real main window on ``services``, paint every page, close it.

    Returns the number of pages painted; raises if the icon or a page cannot be drawn.
    """
    from rooted_desktop.ui.main_window import MainWindow

    app = application()
    if app.windowIcon().isNull():
        raise RuntimeError("the application icon did not load")
    window = MainWindow(services, paths)
    try:
        window.show()
        count = window.stack.count()
        for number in range(count):
            window.show_page(number)  # built as it is first shown, as for a coach
            app.processEvents()
            if window.grab().isNull():
                raise RuntimeError(f"page {number + 1} of the main window painted nothing")
        return count
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
