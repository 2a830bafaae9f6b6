"""Writer processes for the SIGKILL test, forked from one process that has already imported.

    python tests/e2e/crash_writer.py

reads commands on stdin, one per line, and for each one forks a fresh writer:

    sessions STORE SEED PROVIDER
                          open STORE with the real services and save sessions (of
                          PROVIDER) and drafts until killed, announcing each save before
                          it starts ("B ...") and once the service call returned, i.e.
                          after its COMMIT ("A ...")
    import STORE JSON     open the empty STORE and import JSON with the real archive
                          service, announcing each table the import has inserted (its
                          transaction still open) and "done" once it returned

For each command it prints ``pid N`` before the writer starts and ``ended STATUS`` once the
writer is gone, so every line the writer printed comes before ``ended``. Forking skips the
half-second of imports per start, which 50 kills would otherwise pay 50 times; each writer
still opens the store from scratch, recovering whatever the previous one left.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
from datetime import date, time
from pathlib import Path

from rooted_desktop.core.records import SectionNote
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.services.archive import ArchiveService
from rooted_desktop.services.changes import ChangeBus
from rooted_desktop.services.drafts import DraftService
from rooted_desktop.services.sessions import SessionQuery, SessionService
from rooted_desktop.store import archive as archive_rows
from rooted_desktop.store.store import Store

TODAY = date(2026, 12, 4)
TEXT_FIELDS = ("focus", "strengths", "next_steps", "joint_plan", "coach_notes")
# Long enough that some saves span several database pages (a torn write would show).
_FILLER = "Zoë tried the first-then card; Nguyễn Thị Ánh modelled it. Łódź ✓ — «calm» "


def texts(tag: str) -> dict[str, str]:
    """The exact text of every field for the save named ``tag`` (both sides compute it)."""
    digest = hashlib.sha256(tag.encode()).digest()
    repeat = digest[0] % 4 * 40  # 0 to 120 copies: up to ~9,000 characters
    return {
        name: f"{tag} {name} {_FILLER * (repeat if i == 0 else 1)}{digest[i]:03d}"
        for i, name in enumerate((*TEXT_FIELDS, "section"))
    }


def session_input(provider_id: int, tag: str) -> SessionInput:
    text = texts(tag)
    return SessionInput(
        provider_id=provider_id,
        day=TODAY,
        start_time=time(9, 30),
        minutes=45,
        mode=Mode.IN_PERSON,
        status=SessionStatus.COMPLETED,
        sections=(SectionNote("free", "Free notes", "", None, False, text["section"]),),
        focus=text["focus"],
        strengths=text["strengths"],
        next_steps=text["next_steps"],
        joint_plan=text["joint_plan"],
        coach_notes=text["coach_notes"],
    )


def say(*words: object) -> None:
    # One write() of a short line is atomic on a pipe: a kill never leaves half of one.
    os.write(1, (" ".join(str(word) for word in words) + "\n").encode())


def write_sessions(store_file: Path, seed: int, provider_id: int) -> None:
    rng = random.Random(seed)
    store = Store(store_file)
    bus = ChangeBus()
    sessions = SessionService(store, bus, lambda: TODAY, target_minutes=90)
    drafts = DraftService(store, bus)
    known = sessions.find(SessionQuery())
    ids = [item.id for item in known]
    say("ready")
    for step in range(1_000_000):
        tag = f"s{seed}-{step}"
        roll = rng.random()
        if roll < 0.55 or not ids:
            say("B create", tag)
            record = sessions.create(session_input(provider_id, tag))
            ids.append(record.id)
            say("A create", record.id, tag)
        elif roll < 0.8:
            target = rng.choice(ids)
            say("B update", target, tag)
            sessions.update(target, session_input(provider_id, tag))
            say("A update", target, tag)
        else:
            key = f"crash:{rng.randrange(5)}"
            say("B draft", key, tag)
            drafts.save(key, tag, {"text": texts(tag)["coach_notes"]})
            say("A draft", key, tag)


def import_json(store_file: Path, source: Path) -> None:
    store = Store(store_file)
    archive = ArchiveService(store, ChangeBus())
    real_insert = archive_rows._insert

    def announced_insert(session: object, table: object, rows: object) -> None:
        real_insert(session, table, rows)  # type: ignore[arg-type]
        say("T", getattr(table, "name", "?"))

    archive_rows._insert = announced_insert  # a probe: the import itself is the real one
    say("ready")
    count = archive.import_json(source)
    say("done", count)


def serve() -> None:
    for line in sys.stdin:
        command, *args = line.split()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                if command == "sessions":
                    write_sessions(Path(args[0]), int(args[1]), int(args[2]))
                else:
                    import_json(Path(args[0]), Path(args[1]))
            except BaseException as error:  # report, so the test shows why a writer stopped
                say("error", type(error).__name__, json.dumps(str(error)))
                code = 1
            finally:
                os._exit(code)
        say("pid", pid)
        _, status = os.waitpid(pid, 0)
        say("ended", status)


if __name__ == "__main__":
    serve()
