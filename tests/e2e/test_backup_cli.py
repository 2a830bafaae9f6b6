"""backup, restore and check as real processes, on real stores damaged on disk."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from rooted_desktop.core.backup_rotation import parse_name
from rooted_desktop.store.backup import quick_check
from rooted_desktop.store.store import Store

from .test_cli import make_demo, no_traceback, run

ROSTER = "name,setting,age_group\nAna Ruiz,center,preschool\nBo Chen,fcch,infant-toddler\n"


def corrupt(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 3)
        handle.write(random.Random(6).randbytes(size // 3))


def provider_count(store: Path) -> int:
    conn = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM provider").fetchone()[0])
    finally:
        conn.close()


def one_line_error(result: object) -> str:
    import subprocess

    assert isinstance(result, subprocess.CompletedProcess)
    assert result.returncode == 1, result.stdout + result.stderr
    no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_check_backup_and_restore_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = data / "rooted.sqlite3"
    make_demo(data, providers=3)

    result = run("check", "--data-dir", data)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok\n"

    result = run("--data-dir", data, "backup")
    assert result.returncode == 0, result.stderr
    made = Path(result.stdout.strip())
    assert made.parent == data / "backups"
    name = parse_name(made.name)
    assert name is not None and name.reason == "manual"
    assert made.stat().st_mode & 0o777 == 0o600
    assert quick_check(made) is None

    snapshot = tmp_path / "before-roster.sqlite3"
    result = run("backup", "-o", snapshot, "--data-dir", data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(snapshot)
    assert provider_count(snapshot) == 3

    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert run("--data-dir", data, "import", "roster", roster).returncode == 0
    assert provider_count(store) == 5
    reasons = sorted(parse_name(p.name).reason for p in (data / "backups").iterdir())  # type: ignore[union-attr]
    assert reasons == ["before-import", "manual"]

    result = run("--data-dir", data, "restore", snapshot)
    assert result.returncode == 0, result.stderr
    assert f"Restored {snapshot}" in result.stdout
    assert provider_count(store) == 3
    safety = [p for p in (data / "backups").iterdir() if "before-restore" in p.name]
    assert len(safety) == 1 and provider_count(safety[0]) == 5
    assert str(safety[0]) in result.stdout
    assert run("check", "--data-dir", data).stdout == "ok\n"


def test_check_names_the_damage_in_one_line_and_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_demo(data, providers=3)
    store = data / "rooted.sqlite3"
    corrupt(store)
    damaged = store.read_bytes()

    line = one_line_error(run("check", "--data-dir", data))
    assert (
        line == f"rooted-desktop: The store {store} is damaged: database disk image is malformed."
    )
    assert store.read_bytes() == damaged

    store.write_bytes(b"not a database" * 300)
    line = one_line_error(run("check", "--data-dir", data))
    assert line.endswith("is damaged: it is not a database file.")

    line = one_line_error(run("check", "--data-dir", tmp_path / "empty"))
    assert "There is no store at" in line


def test_a_command_on_a_damaged_store_puts_the_newest_good_backup_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_demo(data, providers=3)
    backup = Path(run("backup", "--data-dir", data).stdout.strip())
    store = data / "rooted.sqlite3"
    corrupt(store)

    result = run("export", "json", "-o", tmp_path / "all.json", "--data-dir", data)

    assert result.returncode == 0, result.stderr
    no_traceback(result)
    name = parse_name(backup.name)
    assert name is not None
    assert f"{name.taken_at:%H:%M}" in result.stderr and "was put back" in result.stderr
    assert (data / "rooted.sqlite3.damaged").exists()
    assert run("check", "--data-dir", data).stdout == "ok\n"
    assert provider_count(store) == 3


def test_a_damaged_store_without_a_good_backup_is_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_demo(data, providers=2)
    store = data / "rooted.sqlite3"
    corrupt(store)
    damaged = store.read_bytes()
    line = one_line_error(run("export", "json", "-o", tmp_path / "x.json", "--data-dir", data))
    assert "is damaged" in line and "no good backup" in line
    assert store.read_bytes() == damaged
    assert not (data / "rooted.sqlite3.damaged").exists()
    assert not (tmp_path / "x.json").exists()


def test_restore_refuses_what_is_not_a_store_with_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_demo(data, providers=2)
    garbage = tmp_path / "photo.jpg"
    garbage.write_bytes(b"\xff\xd8\xff\xe0 not a store" * 50)
    line = one_line_error(run("restore", garbage, "--data-dir", data))
    assert line == f"rooted-desktop: {garbage} cannot be restored: it is not a database file."

    line = one_line_error(run("restore", tmp_path / "nothing.sqlite3", "--data-dir", data))
    assert "cannot be restored: the file is not there" in line
    assert provider_count(data / "rooted.sqlite3") == 2
    assert list((data / "backups").iterdir()) == []


def test_a_store_held_by_the_app_is_not_called_damaged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_demo(data, providers=2)
    backup = Path(run("backup", "--data-dir", data).stdout.strip())
    held = Store(data / "rooted.sqlite3")  # as the open app holds it
    try:
        for args in (("check",), ("backup",), ("restore", backup)):
            line = one_line_error(run(*args, "--data-dir", data))
            assert "is open in another Rooted Desktop window or command" in line, args
    finally:
        held.close()
    assert run("check", "--data-dir", data).stdout == "ok\n"


def test_backup_to_a_folder_that_is_not_there(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_demo(data, providers=1)
    line = one_line_error(run("backup", "-o", tmp_path / "stick" / "b.sqlite3", "--data-dir", data))
    assert "is not there" in line
