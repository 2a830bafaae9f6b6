"""The command line: the GUI's actions, headless, over the same services.

Exit 0 on success, 2 on bad usage (argparse), 1 for anything else with the reason on
stderr: one line, plus one ``line N: reason`` line per bad row of an import. Never a
traceback: unexpected errors go to the log file with theirs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rooted_desktop import identity
from rooted_desktop.core.calendar import Month
from rooted_desktop.core.errors import UserError
from rooted_desktop.paths import Paths

if TYPE_CHECKING:
    from rooted_desktop.services.container import Services

log = logging.getLogger(__name__)

COMMANDS = ("demo", "import", "export", "backup", "restore", "check")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=identity.APP_ID,
        description=f"{identity.APP_NAME}: planning and coaching documentation, offline.",
    )
    parser.add_argument("--version", action="version", version=identity.version())
    _data_dir_option(parser, default=None)
    parser.add_argument("--demo", action="store_true", help="open the app on a separate demo store")
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="open the window, wait until the first page has painted with its data, print "
        "'ready in N ms' and exit 0; N counts from process creation (Linux), elsewhere "
        "from the start of the app's start-up",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation on a temporary store (window, documents, backup), "
        "print one line and exit 0, or 1 naming the step that failed",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="create a demo (or stress) store")
    _data_dir_option(demo)
    demo.add_argument("--providers", type=_positive_int, default=12, metavar="N")
    demo.add_argument("--years", type=_positive_int, default=2, metavar="N")
    demo.add_argument(
        "--as-of",
        type=_date,
        default=None,
        metavar="DATE",
        help="build the demo as if today were DATE (for reproducible stores)",
    )

    imports = commands.add_parser("import", help="import a roster CSV or a full JSON export")
    _data_dir_option(imports)
    imports.add_argument("kind", choices=("roster", "sessions", "json"))
    imports.add_argument("file", type=Path, metavar="FILE")

    export = commands.add_parser(
        "export",
        help="agendas and CMS entry sheets (PDF), sessions (CSV), calendar (ICS), all (JSON)",
    )
    _data_dir_option(export)
    export.add_argument("kind", choices=("monthly", "agenda", "sessions", "csv", "ics", "json"))
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    span = export.add_mutually_exclusive_group()
    span.add_argument("--month", type=_month, metavar="YYYY-MM")
    span.add_argument("--from", dest="first", type=_date, metavar="DATE")
    export.add_argument("--to", dest="last", type=_date, metavar="DATE")

    backup = commands.add_parser(
        "backup", help="a verified backup, into the backups folder or to -o FILE"
    )
    _data_dir_option(backup)
    backup.add_argument("-o", "--output", type=Path, default=None, metavar="FILE")

    restore = commands.add_parser(
        "restore", help="replace the store with a backup (the current store is backed up first)"
    )
    _data_dir_option(restore)
    restore.add_argument("file", type=Path, metavar="FILE")

    check = commands.add_parser("check", help="check the store: 'ok', or why it is damaged")
    _data_dir_option(check)
    return parser


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _date(text: str) -> date:
    from rooted_desktop.core.session_csv import parse_date  # not on the GUI's way in

    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def date_range(args: argparse.Namespace) -> tuple[date, date]:
    """The export's range from --month, or --from and --to; a bad combination is bad usage."""
    if args.month is not None:
        if args.last is not None:
            raise _Usage("--to goes with --from, not with --month")
        return args.month.first_day, args.month.last_day
    if args.first is None or args.last is None:
        raise _Usage("give --month YYYY-MM, or both --from DATE and --to DATE")
    if args.last < args.first:
        raise _Usage(f"--to {args.last} is before --from {args.first}")
    return args.first, args.last


class _Usage(Exception):
    """Bad usage found after parsing: exit 2 like argparse."""


def _data_dir_option(parser: argparse.ArgumentParser, **kwargs: object) -> None:
    # Accepted before or after the command word: the subcommand's copy only overrides
    # the main one when it is actually given.
    default = kwargs.get("default", argparse.SUPPRESS)
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", default=default, help="use the store in DIR"
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


def run(args: argparse.Namespace) -> int:
    from rooted_desktop.logs import configure_logging

    paths = Paths.resolve(args.data_dir)
    paths.ensure()
    configure_logging(paths)
    handler = _HANDLERS[args.command]
    try:
        return handler(args, paths)
    except _Usage as error:
        print(f"{identity.APP_ID} {args.command}: {error}", file=sys.stderr)
        return 2
    except UserError as error:
        print(f"{identity.APP_ID}: {error.message}", file=sys.stderr)
        for line in error.details:
            print(line, file=sys.stderr)
        return 1
    except Exception as error:  # a bug: keep the traceback in the log, not on the screen
        log.exception("command %s failed", args.command)
        print(
            f"{identity.APP_ID}: internal error ({type(error).__name__}: {error}); "
            f"details are in {paths.log_file}",
            file=sys.stderr,
        )
        return 1


def _open_services(paths: Paths) -> Services:
    from rooted_desktop.services.container import Services
    from rooted_desktop.services.recovery import recover_if_damaged

    recovery = recover_if_damaged(paths.store_file, backup_dir=paths.backup_dir)
    if recovery is not None:
        print(f"{identity.APP_ID}: {recovery.message}", file=sys.stderr)
    return Services.open(paths.store_file)


def _demo(args: argparse.Namespace, paths: Paths) -> int:
    from rooted_desktop.services.demo import build_demo_store

    services = _open_services(paths)
    try:
        summary = build_demo_store(
            services.store, providers=args.providers, years=args.years, today=args.as_of
        )
    finally:
        services.close()
    print(f"Demo store written to {paths.store_file}: {summary}")
    return 0


def _import(args: argparse.Namespace, paths: Paths) -> int:
    services = _open_services(paths)
    try:
        if args.kind == "roster":
            records = services.providers.import_roster(args.file)
            print(f"Imported {len(records)} providers from {args.file}.")
        elif args.kind == "sessions":
            count = services.session_log.import_csv(args.file)
            print(f"Imported {count} sessions from {args.file}.")
        else:
            rows = services.archive.import_json(args.file)
            print(f"Imported {rows} records from {args.file}.")
    finally:
        services.close()
    return 0


def _export(args: argparse.Namespace, paths: Paths) -> int:
    span = date_range(args) if args.kind != "json" else None
    services = _open_services(paths)
    try:
        if args.kind == "monthly":
            if args.month is None:
                raise _Usage("the monthly summary takes --month YYYY-MM")
            job = services.documents.monthly_job(args.output, args.month)
            job.run()
            print(f"Wrote the {args.month.label} summary ({job.count} providers) to {args.output}.")
        elif span is not None and args.kind == "agenda":
            rows = services.documents.export_agendas(args.output, *span)
            print(f"Wrote agendas for {rows} planned visits to {args.output}.")
        elif span is not None and args.kind == "sessions":
            rows = services.documents.export_cms(args.output, *span)
            print(f"Wrote CMS entry sheets for {rows} sessions to {args.output}.")
        elif span is not None and args.kind == "ics":
            rows = services.calendar.export_ics(args.output, *span)
            print(f"Exported {rows} calendar events ({span[0]} to {span[1]}) to {args.output}.")
        elif span is not None:
            rows = services.session_log.export_csv(args.output, *span)
            print(f"Exported {rows} sessions ({span[0]} to {span[1]}) to {args.output}.")
        else:
            rows = services.archive.export_json(args.output)
            print(f"Exported {rows} records to {args.output}.")
    finally:
        services.close()
    return 0


def _backup(args: argparse.Namespace, paths: Paths) -> int:
    services = _open_services(paths)
    try:
        result = services.backups.make("manual", target=args.output)
    finally:
        services.close()
    print(result.backup.path)
    if result.second_copy_problem is not None:
        print(f"{identity.APP_ID}: no second copy: {result.second_copy_problem}", file=sys.stderr)
    return 0


def _restore(args: argparse.Namespace, paths: Paths) -> int:
    from rooted_desktop.services.recovery import restore_store

    report = restore_store(paths.store_file, args.file, backup_dir=paths.backup_dir)
    print(report.message)
    return 0


def _check(args: argparse.Namespace, paths: Paths) -> int:
    from rooted_desktop.services.recovery import check_store

    check_store(paths.store_file)
    print("ok")
    return 0


_HANDLERS: dict[str, Callable[[argparse.Namespace, Paths], int]] = {
    "demo": _demo,
    "import": _import,
    "export": _export,
    "backup": _backup,
    "restore": _restore,
    "check": _check,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Headless entry point (the GUI is started by ``__main__`` when no command is given)."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().error("a command is needed: " + ", ".join(COMMANDS))
    return run(args)
