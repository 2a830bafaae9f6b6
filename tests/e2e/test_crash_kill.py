"""SIGKILL a writer at random points: the store stays whole and keeps every save it reported.

A writer process saves sessions and drafts through the real services and prints a line
before each save and another once the service call has returned (the COMMIT is done). The
test kills it at a random moment — while it opens the store and recovers the last writer's
WAL, mid-transaction, mid-COMMIT, between COMMIT and the line — 50 times over the same store.
After each kill it copies the store's files exactly as the kill left them and opens the copy
with plain sqlite3: ``quick_check`` is ok, foreign keys hold, and every save the writer
reported is there with its exact text; the one save in flight is there whole or not at all.
The next writer then recovers the real files itself, as the app would at its next start.

Set CRASH_SEED to replay a run; the seed is printed and named in every failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.paths import Paths
from rooted_desktop.services.container import Services
from rooted_desktop.services.demo import build_demo_store
from rooted_desktop.store.store import Store

WRITER = Path(__file__).with_name("crash_writer.py")
sys.path.insert(0, str(WRITER.parent))
from crash_writer import TEXT_FIELDS, texts  # noqa: E402

KILLS = 50
TODAY = date(2026, 12, 4)
LINE_TIMEOUT = 60  # seconds to wait for a writer's next line before calling it hung

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)"),
]


class Writers:
    """The fork server: one command in, one fresh writer process out, its lines in a queue."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("closed")

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            raise AssertionError(f"no line from the writer in {LINE_TIMEOUT} s") from None

    def start(self, *command: object) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(" ".join(str(part) for part in command) + "\n")
        self.process.stdin.flush()
        word, pid = self.next_line().split()
        assert word == "pid", word
        return int(pid)

    def rest_until_ended(self) -> tuple[list[str], int]:
        """The writer's remaining lines, and its wait status, once it is gone."""
        lines = []
        while not (line := self.next_line()).startswith("ended "):
            assert line != "closed", "the fork server stopped"
            lines.append(line)
        return lines, int(line.split()[1])

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def writers() -> Iterator[Writers]:
    server = Writers()
    yield server
    server.close()


def snapshot(store_file: Path, into: Path) -> Path:
    """Copy the store's files (database and WAL) exactly as the kill left them."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir()
    for part in store_file.parent.glob(store_file.name + "*"):
        shutil.copyfile(part, into / part.name)
    return into / store_file.name


def open_checked(copy: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


@dataclass
class Acknowledged:
    """What the writers reported as saved, and the one save in flight when a writer died."""

    sessions: dict[int, str] = field(default_factory=dict)  # id -> tag of the last save
    drafts: dict[str, str] = field(default_factory=dict)  # key -> tag
    in_flight: tuple[str, ...] | None = None
    saves: int = 0

    def read(self, line: str) -> None:
        kind, *words = line.split()
        assert kind != "error", f"the writer failed by itself: {line}"
        if kind == "B":
            self.in_flight = tuple(words)
        elif kind == "A":
            what, target, tag = words
            assert self.in_flight is not None and self.in_flight[-1] == tag, line
            self.in_flight = None
            self.saves += 1
            if what == "draft":
                self.drafts[target] = tag
            else:
                self.sessions[int(target)] = tag

    def check(self, conn: sqlite3.Connection) -> None:
        """Every reported save is there, exactly; the save in flight is whole or absent."""
        flight = self.in_flight or ("",)
        columns = ", ".join(TEXT_FIELDS)
        found = {
            row[0]: session_tag(row[1:])
            for row in conn.execute(f"SELECT id, {columns}, sections_json FROM coaching_session")
        }
        new = {i: tag for i, tag in found.items() if i not in self.sessions}
        if flight[0] == "create" and new:
            assert list(new.values()) == [flight[1]], f"unexpected new sessions {new}"
            self.sessions.update(new)
        assert not set(new) - set(self.sessions), f"sessions nobody reported: {new}"
        for session_id, tag in self.sessions.items():
            assert session_id in found, f"session {session_id} ({tag}) was reported, then lost"
            if flight[:2] == ("update", str(session_id)) and found[session_id] == flight[2]:
                self.sessions[session_id] = flight[2]
            assert found[session_id] == self.sessions[session_id], (
                f"session {session_id} holds {found[session_id]}, reported {tag}"
            )
        stored = {
            key: draft_tag(title, payload)
            for key, title, payload in conn.execute(
                "SELECT key, title, payload_json FROM draft WHERE key LIKE 'crash:%'"
            )
        }
        if flight[0] == "draft" and stored.get(flight[1]) == flight[2]:
            self.drafts[flight[1]] = flight[2]
        assert stored == self.drafts
        self.in_flight = None


def session_tag(values: tuple[str, ...]) -> str:
    """The tag a stored session was saved with, after checking every text is exactly its own."""
    tag = values[0].split(" ", 1)[0]
    expected = texts(tag)
    (section,) = json.loads(values[-1])
    stored = dict(zip((*TEXT_FIELDS, "section"), (*values[:-1], section["text"]), strict=True))
    assert stored == expected, f"session saved as {tag} holds other text"
    return tag


def draft_tag(title: str, payload: str) -> str:
    assert json.loads(payload) == {"text": texts(title)["coach_notes"]}, title
    return title


def run_seed() -> int:
    seed = int(os.environ.get("CRASH_SEED", random.SystemRandom().randrange(2**32)))
    print(f"crash test seed: {seed} (set CRASH_SEED={seed} to replay)")
    return seed


def test_random_sigkills_lose_no_reported_save(
    writers: Writers, services: Services, paths: Paths, tmp_path: Path
) -> None:
    provider = services.providers.add(
        ProviderInput(name="Nguyễn Thị Ánh", setting="center", age_group="preschool")
    )
    services.close()  # one writer at a time: from here on, the killed ones
    seed = run_seed()
    rng = random.Random(seed)
    acknowledged = Acknowledged()
    for kill in range(1, KILLS + 1):
        try:
            pid = writers.start("sessions", paths.store_file, rng.randrange(2**31), provider.id)
            point = rng.random()
            # One kill in ten at once, while the writer opens the store and recovers the WAL
            # the last one left; one after it is ready; the rest after 1 to 11 saves.
            if point >= 0.1:
                wanted = 0 if point < 0.2 else rng.randrange(1, 12)
                while (line := writers.next_line()) != "ready":
                    acknowledged.read(line)
                while wanted:
                    line = writers.next_line()
                    acknowledged.read(line)
                    wanted -= line.startswith("A ")
                # A few milliseconds more, so the kill lands anywhere in the next save.
                threading.Event().wait(rng.uniform(0, 0.004))
            os.kill(pid, signal.SIGKILL)
            rest, status = writers.rest_until_ended()
            for line in rest:
                acknowledged.read(line)
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status
            conn = open_checked(snapshot(paths.store_file, tmp_path / "after-kill"))
            try:
                acknowledged.check(conn)
            finally:
                conn.close()
        except AssertionError as error:
            raise AssertionError(f"seed {seed}, kill {kill}: {error}") from error
    assert acknowledged.saves > KILLS, "the writers saved too little to prove anything"

    # The app opens the store the last kill left, and reads every session as reported.
    services = Services.open(paths.store_file, clock=lambda: TODAY)
    try:
        for session_id, tag in acknowledged.sessions.items():
            record = services.sessions.get(session_id)
            assert {name: getattr(record, name) for name in TEXT_FIELDS} == {
                name: texts(tag)[name] for name in TEXT_FIELDS
            }, f"seed {seed}: session {session_id}"
    finally:
        services.close()


def row_counts(store_file: Path, names: list[str]) -> dict[str, int]:
    conn = open_checked(store_file)
    try:
        return {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
        }
    finally:
        conn.close()


def test_a_kill_in_the_middle_of_a_large_import_leaves_all_or_nothing(
    writers: Writers, tmp_path: Path
) -> None:
    seed = run_seed()
    rng = random.Random(seed)
    source = Services.open(tmp_path / "source" / "rooted.sqlite3", clock=lambda: TODAY)
    build_demo_store(source.store, providers=80, years=3, today=TODAY, seed=seed)
    export = tmp_path / "everything.json"
    source.archive.export_json(export)
    source.close()
    tables = json.loads(export.read_text(encoding="utf-8"))["tables"]
    after = {name: len(rows) for name, rows in tables.items()}
    filled = [name for name, count in after.items() if count]
    assert sum(after.values()) > 5_000, "a large import"

    store_file = tmp_path / "target" / "rooted.sqlite3"
    Store(store_file).close()
    before = row_counts(store_file, list(tables))
    check = tmp_path / "after-kill"

    # Killed with the import's transaction open, after a random number of its tables.
    pid = writers.start("import", store_file, export)
    inserted = rng.randrange(1, len(filled))
    while inserted:
        line = writers.next_line()
        assert not line.startswith(("error", "done")), f"seed {seed}: {line}"
        inserted -= line.startswith("T ")
    os.kill(pid, signal.SIGKILL)
    rest, status = writers.rest_until_ended()
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, rest
    assert row_counts(snapshot(store_file, check), list(tables)) == before, f"seed {seed}"

    # Killed at a random moment of the next attempt: all of it or none of it.
    pid = writers.start("import", store_file, export)
    assert writers.next_line() == "ready"
    threading.Event().wait(rng.uniform(0, 0.6))
    # A fast machine may finish the import first (the fork server has then reaped it).
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    rest, status = writers.rest_until_ended()
    state = row_counts(snapshot(store_file, check), list(tables))
    assert state in (before, after), f"seed {seed}: a partial import {state}"

    if state == before:  # the next attempt, left alone, imports everything
        writers.start("import", store_file, export)
        rest, status = writers.rest_until_ended()
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, rest
        assert rest[-1] == f"done {sum(after.values())}"
    assert row_counts(store_file, list(tables)) == after
    # And what came in is exactly what went out, through the kills.
    imported = Services.open(store_file, clock=lambda: TODAY)
    try:
        imported.archive.export_json(tmp_path / "again.json")
    finally:
        imported.close()
    assert (tmp_path / "again.json").read_bytes() == export.read_bytes()
