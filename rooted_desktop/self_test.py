"""``rooted-desktop --self-test``: the smoke test every build must pass, frozen or not.

Everything happens in a fresh temporary folder, never the coach's store: a small demo
year, the real main window built offscreen with every page painted, each kind of document
rendered and its file checked, the Alembic migrations run on a scratch store (they are
only imported on an upgrade, so a bundle could miss them unnoticed), a backup made and
verified and the store checked. It prints one line, ``self-test ok: ...`` and exits 0, or
``self-test failed at <step>: <reason>`` and exits 1 (the traceback goes to stderr, for
whoever is fixing the build).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rooted_desktop import identity
from rooted_desktop.core.calendar import Month
from rooted_desktop.logs import configure_logging
from rooted_desktop.paths import Paths

if TYPE_CHECKING:
    from rooted_desktop.services.container import Services

# The demo's "today": visits done in November, more planned for the rest of December.
AS_OF = date(2026, 12, 4)
DEMO_PROVIDERS = 3


class SelfTest:
    """The steps, in order, over one temporary folder; ``close`` releases the store."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.paths = Paths.for_data_dir(root / "data")
        self._services: Services | None = None
        self.documents: list[Path] = []
        self.pages = 0
        self.month = Month.of(AS_OF)
        self.done = self.month.previous()

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("store", self.open_store),
            ("demo data", self.demo_data),
            ("main window", self.main_window),
            ("agenda PDF", self.agenda_pdf),
            ("CMS sheets PDF", self.cms_pdf),
            ("monthly summary PDF", self.monthly_pdf),
            ("sessions CSV", self.sessions_csv),
            ("calendar ICS", self.calendar_ics),
            ("JSON export", self.json_export),
            ("migrations", self.migrations),
            ("backup", self.backup),
            ("store check", self.store_check),
        ]

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("the store is not open")
        return self._services

    def open_store(self) -> None:
        # Imported here, so the time printed at the end includes loading the app's code.
        from rooted_desktop.services.container import Services

        self.paths.ensure()
        configure_logging(self.paths)  # the log goes to the temporary folder too
        self._services = Services.open(self.paths.store_file, clock=lambda: AS_OF)

    def demo_data(self) -> None:
        from rooted_desktop.services.demo import build_demo_store

        build_demo_store(self.services.store, providers=DEMO_PROVIDERS, years=1, today=AS_OF)

    def main_window(self) -> None:
        from rooted_desktop.ui.application import check_main_window

        self.pages = check_main_window(self.services, self.paths)

    def agenda_pdf(self) -> None:
        path = self._document("agendas.pdf")
        count = self.services.documents.export_agendas(
            path, self.month.first_day, self.month.last_day
        )
        _check(count > 0, "no planned visit to make an agenda for")
        _check_pdf(path)

    def cms_pdf(self) -> None:
        path = self._document("cms-sheets.pdf")
        count = self.services.documents.export_cms(path, self.done.first_day, self.done.last_day)
        _check(count > 0, "no session to make a CMS entry sheet for")
        _check_pdf(path)

    def monthly_pdf(self) -> None:
        path = self._document("monthly-summary.pdf")
        count = self.services.documents.export_monthly(path, self.done)
        _check(count > 0, "the monthly summary lists no provider")
        _check_pdf(path)

    def sessions_csv(self) -> None:
        path = self._document("sessions.csv")
        count = self.services.session_log.export_csv(path, self.done.first_day, self.done.last_day)
        _check(count > 0, "no session exported")
        header = path.read_text(encoding="utf-8-sig").splitlines()[0]
        _check(header.startswith("provider,date,"), f"unexpected CSV header {header!r}")

    def calendar_ics(self) -> None:
        path = self._document("calendar.ics")
        count = self.services.calendar.export_ics(path, self.month.first_day, self.month.last_day)
        _check(count > 0, "no calendar event exported")
        text = path.read_text(encoding="utf-8")
        _check(text.startswith("BEGIN:VCALENDAR"), "the .ics file does not start a calendar")

    def json_export(self) -> None:
        path = self._document("export.json")
        rows = self.services.archive.export_json(path)
        tables = json.loads(path.read_text(encoding="utf-8"))["tables"]
        _check(rows > 0 and len(tables["provider"]) == DEMO_PROVIDERS, "the export is incomplete")

    def migrations(self) -> None:
        from rooted_desktop.store.migrate import upgrade_to_head
        from rooted_desktop.store.schema import HEAD_REVISION, read_revision

        scratch = self.root / "migrated.sqlite3"
        upgrade_to_head(scratch)
        revision = read_revision(scratch)
        _check(revision == HEAD_REVISION, f"migrations stopped at {revision}, not {HEAD_REVISION}")

    def backup(self) -> None:
        # make() verifies the copy (quick_check) before naming it; check it again as a
        # restore would, so a backup that could not be put back fails here.
        made = self.services.backups.make("manual").backup
        problem = self.services.backups.problem(made.path)
        _check(problem is None, f"the backup {made.path.name} cannot be restored: {problem}")

    def store_check(self) -> None:
        from rooted_desktop.services.recovery import check_store

        self.close()  # the check opens the file on its own: the store must be closed
        check_store(self.paths.store_file)

    def summary(self) -> str:
        return (
            f"{self.pages} pages, {len(self.documents)} documents, migrations, "
            "backup verified, store checked"
        )

    def _document(self, name: str) -> Path:
        path = self.root / "documents" / name
        path.parent.mkdir(exist_ok=True)
        self.documents.append(path)
        return path

    def close(self) -> None:
        if self._services is not None:
            self._services.close()
            self._services = None
        # Let go of the log file, or Windows cannot delete the temporary folder.
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "_rooted", False):
                root.removeHandler(handler)
                handler.close()


class SelfTestFailure(Exception):
    """A step ran but its result is wrong."""


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise SelfTestFailure(reason)


def _check_pdf(path: Path) -> None:
    data = path.read_bytes()
    _check(data.startswith(b"%PDF-") and b"%%EOF" in data[-64:], f"{path.name} is not a PDF")


def run_self_test(out: TextIO | None = None) -> int:
    """Run every step; print one line; 0 when all passed, 1 at the first failure."""
    started = time.perf_counter()
    # No display is needed (or wanted): a build machine or CI has none.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    step = "start"
    try:
        with tempfile.TemporaryDirectory(prefix=f"{identity.APP_ID}-self-test-") as folder:
            test = SelfTest(Path(folder))
            try:
                for name, action in test.steps():
                    step = name
                    action()
            finally:
                test.close()
    except Exception as error:
        reason = str(error) or type(error).__name__
        _say(out, f"self-test failed at {step}: {reason}")
        if sys.stderr is not None:  # a windowed Windows build has no stderr
            traceback.print_exc()
        return 1
    seconds = time.perf_counter() - started
    _say(
        out,
        f"self-test ok: {identity.APP_NAME} {identity.version()}, {test.summary()}, "
        f"{seconds:.1f} s",
    )
    return 0


def _say(out: TextIO | None, line: str) -> None:
    stream = out if out is not None else sys.stdout
    if stream is not None:  # a windowed Windows build has no stdout; the exit code remains
        print(line, file=stream, flush=True)
