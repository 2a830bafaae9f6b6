"""Composition root: Paths -> Store -> services -> MainWindow. Nothing else."""

from __future__ import annotations

import argparse
import gc
import linecache
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rooted_desktop import identity
from rooted_desktop.core.errors import UserError
from rooted_desktop.logs import configure_logging
from rooted_desktop.paths import Paths

if TYPE_CHECKING:
    from rooted_desktop.services.container import Services

log = logging.getLogger(__name__)

DEMO_PROVIDERS = 12
DEMO_YEARS = 2


def run_app(args: argparse.Namespace) -> int:
    started = time.monotonic()  # --measure-startup's origin where process start is unknown
    # Start-up makes a few hundred thousand objects that live as long as the app (modules,
    # classes, tables), and the cyclic collector would walk them again and again (a tenth
    # of start-up). It runs again once the first page has painted; see _settled().
    gc.disable()
    try:
        return _open_and_run(args, started)
    finally:
        gc.enable()  # however the app ended (a refused store returns before any paint)


def _open_and_run(args: argparse.Namespace, started: float) -> int:
    measuring = getattr(args, "measure_startup", False)  # no modal boxes, no drafts offered
    # The store (and with it SQLAlchemy) before Qt: once PySide6 is loaded it reads the
    # source of every module imported after it, looking for its own name (for its
    # __feature__ switches), and SQLAlchemy is some 250 modules. Those loaded before it
    # are never read: 60 ms and 17 MB less at start-up on the 2-core test machine.
    import rooted_desktop.services.container  # noqa: F401  (loaded now for that order)

    from PySide6.QtWidgets import QMessageBox  # isort: skip

    from rooted_desktop.ui.application import application
    from rooted_desktop.ui.errors import install_crash_handler
    from rooted_desktop.ui.main_window import MainWindow

    paths = Paths.resolve(args.data_dir, demo=args.demo)
    paths.ensure()
    configure_logging(paths)

    app = application()  # names, desktop file and icon from identity.py
    install_crash_handler(str(paths.log_file))

    from rooted_desktop.ui.single_instance import SingleInstance

    instance = SingleInstance(paths.data_dir)
    if not instance.acquire():
        log.info("%s is already open: asked its window to come forward", paths.data_dir)
        if measuring:
            print(f"{identity.APP_NAME} is already open on {paths.data_dir}", file=sys.stderr)
            return 1
        return 0

    from rooted_desktop.store.clean_close import closed_cleanly, note_clean_close

    # Told once the window shows: a damaged store that was repaired, a restore that was made.
    notice: tuple[QMessageBox.Icon, str] | None = None
    try:
        # quick_check reads the whole file: skipped when the app itself closed it last.
        if not closed_cleanly(paths.store_file):
            from rooted_desktop.services.recovery import recover_if_damaged

            recovery = recover_if_damaged(paths.store_file, backup_dir=paths.backup_dir)
            if recovery is not None:
                notice = (QMessageBox.Icon.Warning, recovery.message)
        services = _open(paths.store_file)
        if paths.is_demo and not services.providers.all():
            from rooted_desktop.services.demo import build_demo_store

            build_demo_store(services.store, providers=DEMO_PROVIDERS, years=DEMO_YEARS)
    except UserError as error:
        log.warning("could not open the store: %s", error.message)
        if measuring:
            print(error.message, file=sys.stderr)
            return 1
        QMessageBox.critical(None, identity.APP_NAME, error.message)
        return 1

    while True:  # a restore chosen in the window closes it; the app opens again here
        window = MainWindow(services, paths)
        # PySide6 read the source of each module loaded after it (see above) and linecache
        # keeps it all, some 6 MB; a traceback reads a file again when it needs it.
        linecache.clearcache()

        def keep_drafts(_manager: object, window: MainWindow = window) -> None:
            window.keep_drafts()

        app.commitDataRequest.connect(keep_drafts)
        app.aboutToQuit.connect(window.keep_drafts)
        instance.activated.connect(window.bring_forward)  # a second start of the app
        window.settled.connect(instance.listen)
        window.settled.connect(_settled)
        if measuring:
            from rooted_desktop.ui.startup_probe import watch_startup

            watch_startup(window.stack.currentWidget(), started)
            if notice is not None:
                print(notice[1], file=sys.stderr)
        else:
            # Once the coach sees their data, in this order (a question waits for its answer):
            # backups start in the background, then anything to tell or ask.
            window.settled.connect(lambda w=window: w.backup_runner.start_schedule())
            if notice is not None:
                window.settled.connect(lambda w=window, n=notice: _tell(w, *n))
            window.settled.connect(window.offer_drafts)
            window.settled.connect(window.welcome_if_new)  # an empty store: first-run welcome
        window.show()
        try:
            code = app.exec()
        finally:
            window.backup_runner.wait()
            services.close()
        if not services.backups.store_suspect:  # else the next start checks the file
            note_clean_close(paths.store_file)
        app.commitDataRequest.disconnect(keep_drafts)
        app.aboutToQuit.disconnect(window.keep_drafts)
        instance.activated.disconnect(window.bring_forward)
        chosen = window.restore_request
        window.deleteLater()
        if chosen is None:
            return code
        from rooted_desktop.services.recovery import restore_store

        try:
            report = restore_store(paths.store_file, chosen, backup_dir=paths.backup_dir)
            notice = (QMessageBox.Icon.Information, report.message)
        except UserError as error:
            log.warning("restore of %s refused: %s", chosen, error.message)
            notice = (QMessageBox.Icon.Warning, f"Nothing was restored. {error.message}")
        try:
            gc.unfreeze()  # the closed window's objects may be collected again
            services = _open(paths.store_file)
        except UserError as error:
            log.warning("could not open the store after a restore: %s", error.message)
            QMessageBox.critical(None, identity.APP_NAME, error.message)
            return 1


def _open(store_file: Path) -> Services:
    """The services on the store, with the guide read now: a guide file that cannot be read
    is told like a store that cannot be opened, not found while the window is being built."""
    from rooted_desktop.services.container import Services

    services = Services.open(store_file)
    _guide = services.guide
    return services


def _settled() -> None:
    """After the first paint: collect start-up's garbage once, then set aside what is left
    (it lives as long as the app) so later collections skip it; collect as usual from now."""
    if not gc.isenabled():
        gc.collect()
        gc.freeze()
        gc.enable()


def _tell(parent: object, icon: object, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    assert isinstance(parent, QWidget) and isinstance(icon, QMessageBox.Icon)
    box = QMessageBox(icon, identity.APP_NAME, text, QMessageBox.StandardButton.Ok, parent)
    box.exec()
