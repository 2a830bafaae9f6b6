"""Composition root: Paths -> Store -> services -> MainWindow. Nothing else."""

from __future__ import annotations

import argparse
import logging
import sys

from rooted_desktop import identity
from rooted_desktop.core.errors import UserError
from rooted_desktop.logs import configure_logging
from rooted_desktop.paths import Paths

log = logging.getLogger(__name__)

DEMO_PROVIDERS = 12
DEMO_YEARS = 2


def run_app(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from rooted_desktop.services.container import Services
    from rooted_desktop.ui.errors import install_crash_handler
    from rooted_desktop.ui.main_window import MainWindow

    paths = Paths.resolve(args.data_dir, demo=args.demo)
    paths.ensure()
    configure_logging(paths)

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(identity.APP_NAME)
    app.setApplicationVersion(identity.version())
    app.setOrganizationName(identity.ORGANIZATION)
    app.setOrganizationDomain(identity.ORGANIZATION_DOMAIN)
    app.setDesktopFileName(identity.DESKTOP_FILE_NAME)
    install_crash_handler(str(paths.log_file))

    try:
        services = Services.open(paths.store_file)
        if paths.is_demo and not services.providers.all():
            from rooted_desktop.services.demo import build_demo_store

            build_demo_store(services.store, providers=DEMO_PROVIDERS, years=DEMO_YEARS)
    except UserError as error:
        log.warning("could not open the store: %s", error.message)
        QMessageBox.critical(None, identity.APP_NAME, error.message)
        return 1

    window = MainWindow(services, paths)
    app.commitDataRequest.connect(lambda _manager: window.keep_drafts())
    app.aboutToQuit.connect(window.keep_drafts)
    window.show()
    QTimer.singleShot(0, window.offer_drafts)
    try:
        return app.exec()
    finally:
        services.close()
