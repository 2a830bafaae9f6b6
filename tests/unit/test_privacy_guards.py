"""Privacy, proven (issue 6, item 7): no network, files for the coach only, logs without notes.

The suite-wide network guard lives in tests/conftest.py (``network_attempts``); these tests
prove it fires. Folder and store modes are also checked where they are made
(test_paths.py, test_store.py, test_backups.py); here a day of real use through the command
line, under a umask that would otherwise leave files readable by others, is swept whole.
"""

from __future__ import annotations

import logging
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from rooted_desktop.__main__ import main as command_line
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.records import SectionNote
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.logs import configure_logging
from rooted_desktop.paths import Paths
from rooted_desktop.services.container import Services
from tests.conftest import NetworkAccessError

ROOT = Path(__file__).resolve().parents[2]
SECRET = "SECRET-Zoë-bit-her-friend-7f3a"  # what a coach writes, and no log may hold
OTHERS = stat.S_IRWXG | stat.S_IRWXO


# -- the network guard ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("family", "address"),
    [(socket.AF_INET, ("192.0.2.1", 9)), (socket.AF_INET6, ("2001:db8::1", 9))],
    ids=["ipv4", "ipv6"],
)
def test_the_guard_refuses_internet_connections(
    network_attempts: list[str], family: int, address: tuple[str, int]
) -> None:
    # 192.0.2.0/24 and 2001:db8::/32 are documentation ranges: nothing would answer anyway.
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkAccessError):
            sock.connect(address)
        with pytest.raises(NetworkAccessError):
            sock.connect_ex(address)
    with socket.socket(family, socket.SOCK_DGRAM) as sock, pytest.raises(NetworkAccessError):
        sock.sendto(b"x", address)
    with pytest.raises(NetworkAccessError):
        socket.create_connection(("example.org", 443), timeout=1)
    assert len(network_attempts) == 4
    network_attempts.clear()  # proven; the guard would otherwise fail this test at teardown


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no local sockets here")
def test_local_sockets_stay_allowed(tmp_path: Path, network_attempts: list[str]) -> None:
    """Qt's single-instance channel (QLocalSocket) talks over these."""
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
    assert network_attempts == []


def test_code_that_swallows_the_refusal_still_fails_its_test(tmp_path: Path) -> None:
    sneaky = tmp_path / "test_sneaky.py"
    sneaky.write_text(
        "import socket\n\n\n"
        "def test_phones_home():\n"
        "    try:\n"
        "        socket.create_connection(('example.org', 443), timeout=1)\n"
        "    except Exception:\n"
        "        pass  # 'offline? never mind'\n",
        encoding="utf-8",
    )
    plugins = ["-p", "tests.conftest", "-p", "no:cacheprovider", "-p", "no:pytestqt"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *plugins, "--rootdir", str(tmp_path), str(sneaky)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tried to reach the network: ('example.org', 443)" in result.stdout


# -- a day of real use, through the command line ---------------------------------------------


@pytest.fixture
def app_logging() -> Iterator[None]:
    """Undo what configure_logging does to the root logger, for the tests after this one."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "_rooted", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


@pytest.fixture
def everyday_umask() -> Iterator[None]:
    """The usual umask, under which a file made without care is readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def coach_day(paths: Paths, files: Path) -> list[Path]:
    """Import a roster and a session log, back up, export: the files the coach exported."""
    files.mkdir(exist_ok=True)
    (files / "roster.csv").write_text(
        "name,setting,age_group,site\nNguyễn Thị Ánh,center,preschool,Little Sprouts\n",
        encoding="utf-8",
    )
    columns = "provider,date,minutes,mode,status,focus,strengths,next_steps,joint_plan,coach_notes"
    notes = ",".join(f"{name} {SECRET}" for name in columns.split(",")[5:])
    (files / "sessions.csv").write_text(
        f"{columns}\nNguyễn Thị Ánh,2026-11-03,60,in-person,completed,{notes}\n",
        encoding="utf-8",
    )
    # A handled error whose message quotes the file: an unknown provider named like a note.
    (files / "bad.csv").write_text(
        f"{columns}\n{SECRET},2026-11-04,60,phone,completed,{notes}\n", encoding="utf-8"
    )
    where = ["--data-dir", str(paths.data_dir)]
    exported = [files / "sessions-out.csv", files / "everything.json"]
    for args, code in (
        (["import", "roster", str(files / "roster.csv")], 0),
        (["import", "sessions", str(files / "sessions.csv")], 0),
        (["import", "sessions", str(files / "bad.csv")], 1),
        (["backup"], 0),
        (["export", "csv", "--month", "2026-11", "-o", str(exported[0])], 0),
        (["export", "json", "-o", str(exported[1])], 0),
    ):
        assert command_line([*args, *where]) == code, args
    return exported


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.usefixtures("app_logging", "everyday_umask")
def test_everything_the_app_keeps_is_for_the_coach_alone(tmp_path: Path) -> None:
    paths = Paths.for_data_dir(tmp_path / "data")
    exported = coach_day(paths, tmp_path / "files")

    kept = [paths.data_dir, *paths.data_dir.rglob("*")]
    # Not a vacuous sweep: the store, a backup and the log are all among them.
    assert {paths.store_file, paths.log_file} <= set(kept)
    assert any(p.parent == paths.backup_dir and p.is_file() for p in kept)
    for path in kept:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & OTHERS == 0, f"{path} is readable by others ({mode:o})"
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {mode:o}"
    # The session log and the full export carry coach-only notes, wherever they are saved.
    for path in exported:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.usefixtures("app_logging")
def test_the_log_never_holds_what_a_coach_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = Paths.for_data_dir(tmp_path / "data")
    coach_day(paths, tmp_path / "files")
    assert SECRET in capsys.readouterr().err  # the coach was told, on the screen

    # The app's own work, logging at its most talkative.
    configure_logging(paths, level=logging.DEBUG)
    services = Services.open(paths.store_file, clock=lambda: date(2026, 12, 4))
    try:
        (provider,) = services.providers.all()
        session = services.sessions.create(
            SessionInput(
                provider_id=provider.id,
                day=date(2026, 12, 2),
                start_time=None,
                minutes=45,
                mode=Mode.VIRTUAL,
                status=SessionStatus.COMPLETED,
                sections=(SectionNote("free", "Notes", "", None, False, SECRET),),
                focus=SECRET,
                strengths=SECRET,
                next_steps=SECRET,
                joint_plan=SECRET,
                coach_notes=SECRET,
            )
        )
        services.drafts.save("session:1", SECRET, {"text": SECRET})
        # A write the disk refuses: logged as an event, the notes it carried are not.
        with services.store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA query_only=ON")
        with pytest.raises(UserError):
            services.sessions.update(session.id, SessionInput.from_record(session))
        with services.store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA query_only=OFF")
        # A bug: logged with its traceback (as the CLI and the crash handler do), and the
        # database error's message must not quote the row it was writing.
        try:
            with services.store.transaction() as db:
                db.connection().execute(
                    text("INSERT INTO provider (id, name, setting, age_group, site, email,"
                         " phone, active, notes) VALUES (:id, :v, 'center', 'preschool',"
                         " :v, '', '', 1, :v)"),
                    {"id": provider.id, "v": SECRET},
                )  # fmt: skip
        except IntegrityError:
            logging.getLogger("rooted_desktop.cli").exception("command import failed")
    finally:
        services.close()

    for handler in logging.getLogger().handlers:
        handler.flush()
    log = paths.log_file.read_text(encoding="utf-8")
    assert "Could not write to the store" in log and "IntegrityError" in log  # it did log
    assert SECRET not in log
    assert "Zoë" not in log  # not even part of it
