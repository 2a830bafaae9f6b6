"""Full JSON export / import: the round trip is byte-identical and a bad file changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import SQLModel

from rooted_desktop.core.errors import UserError
from rooted_desktop.services.archive import ArchiveService
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.store import models as m
from rooted_desktop.store.archive import count_rows, dump_tables, is_empty
from rooted_desktop.store.schema import HEAD_REVISION
from rooted_desktop.store.store import Store

NOW = dt.datetime.now(dt.UTC)
MULTILINE = "Line one.\nLine two — with “quotes”.\n\n  Indented line 4."


def fill_every_table(store: Store) -> None:
    """At least one realistic row in every table; a new table must be added here too."""
    with store.transaction() as s:
        s.add(
            m.CoachProfile(
                id=1,
                name="Zoë Ortega",
                email="zoe@example.org",
                organization="Panhandle Partnership",
                region="West",
            )
        )
        s.add(
            m.ProgramYearRow(
                id=1,
                start_year=2025,
                guide_id="rooted-year2-2025-07",
                started_on=dt.date(2025, 7, 1),
            )
        )
        s.add(m.ProgramYearRow(id=2, start_year=2026, guide_id="rooted-year2-2025-07"))
        s.add_all(
            [
                m.Provider(
                    id=1,
                    name="Nguyễn Thị Ánh",
                    site="Sunflower Center",
                    setting="center",
                    age_group="preschool",
                    email="anh@example.org",
                    notes=MULTILINE,
                    created_on=dt.date(2025, 7, 2),
                ),
                m.Provider(
                    id=2,
                    name="Łukasz Nowak",
                    setting="fcch",
                    age_group="infant-toddler",
                    active=False,
                    phone="402-555-0100",
                ),
                m.Provider(id=3, name="Zoë Brooks", setting="center", age_group="infant-toddler"),
            ]
        )
        s.flush()
        s.add_all([m.Enrollment(program_year_id=1, provider_id=p) for p in (1, 2, 3)])
        s.add(
            m.CoachingSession(
                id=1,
                uid="session-1@rooted",
                provider_id=1,
                date=dt.date(2025, 9, 3),
                start_time=dt.time(9, 30),
                minutes=90,
                mode="in-person",
                status="completed",
                sections_json=json.dumps(
                    [{"key": "check-in", "title": "Check-in", "text": "Bien"}]
                ),
                strategies_json='["modeling", "reflective-conversation"]',
                focus="Transitions",
                strengths="Warm greetings at the door.",
                next_steps=MULTILINE,
                joint_plan="Try the visual schedule daily.",
                coach_notes="Coach only: tired.",
                feedback_sent_on=NOW,
                cms_entered_on=dt.date(2025, 9, 4),
                created_at=NOW,
                updated_at=NOW + dt.timedelta(minutes=5),
            )
        )
        s.add(
            m.CoachingSession(
                id=2,
                provider_id=2,
                date=dt.date(2025, 9, 10),
                minutes=60,
                mode="phone",
                status="planned",
            )
        )
        s.add(
            m.ActionPlan(
                id=1, provider_id=1, goal="Consistent routines", created_on=dt.date(2025, 9, 3)
            )
        )
        s.flush()
        s.add(
            m.ActionStep(
                id=1,
                plan_id=1,
                position=1,
                step="Post a visual schedule",
                resources="Pyramid Model visual schedule cards",
                who="Ánh",
                done_looks_like="Children point to the next activity",
                target_date=dt.date(2025, 9, 30),
                status="in-progress",
            )
        )
        s.flush()
        s.add(
            m.ActionStepStatus(
                id=1, step_id=1, changed_on=dt.date(2025, 9, 3), status="in-progress", session_id=1
            )
        )
        s.add(
            m.ActionStepStatus(
                id=2,
                step_id=1,
                changed_on=dt.date(2025, 9, 10),
                status="in-progress",
                session_id=None,
            )
        )
        s.add(
            m.CollaborationMeeting(
                id=1,
                uid="pcm-1",
                date=dt.date(2025, 10, 8),
                start_time=dt.time(18, 0),
                minutes=75,
                held=True,
                topic="Problem solving",
                facilitator="Łukasz",
                debrief_notes=MULTILINE,
            )
        )
        s.flush()
        s.add(m.MeetingAttendee(pcm_id=1, provider_id=1))
        s.add(m.MeetingAttendee(pcm_id=1, provider_id=2))
        s.add(
            m.ReflectiveConsultation(
                id=1,
                date=dt.date(2025, 9, 15),
                attended=True,
                minutes=60,
                notes="Talked about boundaries.",
            )
        )
        s.add(
            m.Training(
                id=1,
                kind="3A",
                date=dt.date(2025, 9, 20),
                start_time=dt.time(8, 15),
                role="trained",
                held=True,
                location="Scottsbluff",
            )
        )
        s.flush()
        s.add(m.TrainingAttendee(training_id=1, provider_id=3))
        s.add(
            m.Observation(
                id=1,
                provider_id=1,
                program_year_id=1,
                tool="TPOT",
                observer="Zoë",
                scheduled_on=dt.date(2025, 11, 5),
                debrief_strengths="Clear expectations",
                debrief_next_steps=MULTILINE,
            )
        )
        s.add(
            m.DataRequirement(
                id=1,
                program_year_id=1,
                provider_id=1,
                kind="asq-se2",
                due_on=dt.date(2025, 9, 30),
                asq_distributed=12,
                asq_returned=9,
                asq_scored=0,
                notes="Two families away.",
            )
        )
        s.add(
            m.DataRequirement(
                id=2,
                program_year_id=1,
                provider_id=None,
                kind="rc-survey",
                due_on=dt.date(2025, 12, 31),
            )
        )
        s.add(
            m.MonthChecklistItem(
                program_year_id=1,
                month="2025-09",
                item_key="asq-send",
                done_on=dt.date(2025, 9, 12),
            )
        )
        s.add(
            m.Draft(
                key="session:new:1234",
                title="Visit with Ánh",
                payload_json='{"focus": "Zoë"}',
                updated_at=NOW,
            )
        )
        s.add(m.SettingRow(key="theme", value_json='"system"'))


def data_table_names() -> set[str]:
    return {t.name for t in SQLModel.metadata.sorted_tables} - {"alembic_version"}


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "source.sqlite")
    fill_every_table(store)
    yield store
    store.close()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    store = Store(tmp_path / "target.sqlite")
    yield store
    store.close()


def test_the_fixture_fills_every_table(filled: Store) -> None:
    with filled.reading() as s:
        counts = count_rows(s)
    assert set(counts) == data_table_names()
    assert [name for name, n in counts.items() if n == 0] == []


def test_round_trip_is_byte_identical(
    filled: Store, empty: Store, bus: ChangeBus, tmp_path: Path
) -> None:
    seen: list[frozenset[Change]] = []
    bus.subscribe(seen.append)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    written = ArchiveService(filled, bus).export_json(first)
    assert ArchiveService(empty, bus).import_json(first) == written
    assert ArchiveService(empty, bus).export_json(second) == written
    assert first.read_bytes() == second.read_bytes()
    assert seen == [frozenset({Change.EVERYTHING})]
    text = first.read_text(encoding="utf-8")
    assert "Nguyễn Thị Ánh" in text and "Łukasz" in text and text.endswith("}\n")
    assert stat.S_IMODE(first.stat().st_mode) == 0o600  # coach-only notes inside
    # Same store, same bytes: nothing time-dependent is written.
    ArchiveService(filled, bus).export_json(second)
    assert first.read_bytes() == second.read_bytes()


def test_export_has_every_table_and_json_values(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    ArchiveService(filled, ChangeBus()).export_json(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "rooted-desktop" and doc["format_version"] == 1
    assert doc["schema"] == HEAD_REVISION
    assert set(doc["tables"]) == data_table_names()
    session = doc["tables"]["coaching_session"][0]
    assert session["date"] == "2025-09-03" and session["start_time"] == "09:30:00"
    assert dt.datetime.fromisoformat(session["created_at"]) == NOW
    assert session["created_at"].endswith("+00:00")
    assert doc["tables"]["coaching_session"][1]["start_time"] is None
    assert doc["tables"]["provider"][1]["active"] is False
    assert [r["id"] for r in doc["tables"]["provider"]] == [1, 2, 3]


def test_imported_values_equal_the_originals(filled: Store, empty: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    ArchiveService(filled, ChangeBus()).export_json(path)
    ArchiveService(empty, ChangeBus()).import_json(path)
    with empty.reading() as s:
        session = s.get(m.CoachingSession, 1)
        assert session is not None and session.updated_at == NOW + dt.timedelta(minutes=5)
        assert session.start_time == dt.time(9, 30) and session.next_steps == MULTILINE
        provider = s.get(m.Provider, 2)
        assert provider is not None and provider.active is False and provider.name == "Łukasz Nowak"
        with filled.reading() as original:
            assert dump_tables(s) == dump_tables(original)


def test_refuses_a_store_that_is_not_empty(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    service = ArchiveService(filled, ChangeBus())
    service.export_json(path)
    with filled.reading() as s:
        before = dump_tables(s)
    with pytest.raises(UserError, match=r"empty store.*already has 3 providers"):
        service.import_json(path)
    with filled.reading() as s:
        assert dump_tables(s) == before


def write_export(path: Path, tables: dict[str, Any], **top: Any) -> Path:
    doc = {"format": "rooted-desktop", "format_version": 1, "schema": HEAD_REVISION}
    doc.update(top)
    doc["tables"] = tables
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def assert_still_empty(store: Store) -> None:
    with store.reading() as s:
        assert is_empty(s)


def test_bad_json_names_line_and_column(empty: Store, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "rooted-desktop",\n  "tables": {,}}\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"not valid JSON \(line 2, column 14"):
        ArchiveService(empty, ChangeBus()).import_json(path)
    assert_still_empty(empty)


@pytest.mark.parametrize(
    ("top", "message"),
    [
        ({"format": "something-else"}, "not a Rooted Desktop export"),
        ({"format_version": 2}, "format version 2.*reads format version 1"),
        ({"schema": "9999"}, f"schema revision 9999, newer than this version's {HEAD_REVISION}"),
    ],
)
def test_refuses_other_formats_and_newer_schemas(
    empty: Store, tmp_path: Path, top: dict[str, Any], message: str
) -> None:
    path = write_export(tmp_path / "x.json", {}, **top)
    with pytest.raises(UserError, match=message):
        ArchiveService(empty, ChangeBus()).import_json(path)
    assert_still_empty(empty)


def test_bad_value_in_row_3_names_table_row_column_and_writes_nothing(
    filled: Store, empty: Store, tmp_path: Path
) -> None:
    path = tmp_path / "out.json"
    ArchiveService(filled, ChangeBus()).export_json(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["tables"]["provider"][2]["active"] = "yes"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(UserError) as caught:
        ArchiveService(empty, ChangeBus()).import_json(path)
    assert """provider row 3, column 'active': expected true or false, got "yes\"""" in str(
        caught.value
    )
    assert_still_empty(empty)


@pytest.mark.parametrize(
    ("table", "row", "message"),
    [
        ("coaching_session", {"minutes": "ninety"}, "column 'minutes': expected a whole number"),
        ("coaching_session", {"date": "2025-13-01"}, "column 'date': expected a date like"),
        ("coaching_session", {"created_at": "2025-09-03T10:00:00"}, "with a UTC offset"),
        ("coaching_session", {"start_time": "9h30"}, "column 'start_time': expected a time"),
        ("coaching_session", {"focus": 42}, "column 'focus': expected text, got 42"),
        ("coaching_session", {"mood": "good"}, "unknown column 'mood'"),
        ("coaching_session", {"mode": None}, "column 'mode': a value is required, got null"),
        # Text the readers could not read back: a word outside the vocabulary, broken JSON.
        ("coaching_session", {"mode": "zoom"},
         'column \'mode\': expected one of "in-person", "virtual", "phone", got "zoom"'),
        ("coaching_session", {"status": "Completed"}, "column 'status': expected one of"),
        ("provider", {"age_group": "toddler"}, "column 'age_group': expected one of"),
        ("action_step", {"status": "finished"}, "column 'status': expected one of"),
        ("training", {"role": "watched"}, "column 'role': expected one of"),
        ("data_requirement", {"status": "late"}, "column 'status': expected one of"),
        ("coaching_session", {"sections_json": "[{"},
         "column 'sections_json': expected JSON text, got"),
        ("coaching_session", {"strategies_json": '{"a": 1}'},
         "column 'strategies_json': expected JSON text holding a list"),
        ("draft", {"payload_json": "[]"},
         "column 'payload_json': expected JSON text holding an object"),
        ("setting", {"value_json": "not json"}, "column 'value_json': expected JSON text"),
    ],
)  # fmt: skip
def test_each_kind_of_bad_value_is_named(
    filled: Store, empty: Store, tmp_path: Path, table: str, row: dict[str, Any], message: str
) -> None:
    with filled.reading() as s:
        tables = dump_tables(s)
    tables[table][0].update(row)
    path = write_export(tmp_path / "x.json", tables)
    with pytest.raises(UserError, match=f"{table} row 1.*{message}"):
        ArchiveService(empty, ChangeBus()).import_json(path)
    assert_still_empty(empty)


def test_unknown_table_and_missing_required_column(empty: Store, tmp_path: Path) -> None:
    path = write_export(tmp_path / "x.json", {"children": []})
    with pytest.raises(UserError, match="unknown table 'children'"):
        ArchiveService(empty, ChangeBus()).import_json(path)
    row = {"id": 1, "name": "Zoë", "setting": "center"}  # no age_group
    path = write_export(tmp_path / "y.json", {"provider": [row]})
    with pytest.raises(UserError, match="provider row 1: missing column 'age_group'"):
        ArchiveService(empty, ChangeBus()).import_json(path)
    assert_still_empty(empty)


def test_omitted_columns_with_defaults_are_filled(empty: Store, tmp_path: Path) -> None:
    rows = [
        {"name": "Zoë", "setting": "center", "age_group": "preschool"},
        {"id": 7, "name": "Ánh", "setting": "fcch", "age_group": "preschool", "active": False},
    ]
    path = write_export(tmp_path / "x.json", {"provider": rows})
    assert ArchiveService(empty, ChangeBus()).import_json(path) == 2
    with empty.reading() as s:
        providers = dump_tables(s)["provider"]
    assert [(p["id"], p["active"], p["site"]) for p in providers] == [(1, True, ""), (7, False, "")]


def test_missing_parent_row_is_explained_and_nothing_is_written(
    filled: Store, empty: Store, tmp_path: Path
) -> None:
    with filled.reading() as s:
        tables = dump_tables(s)
    tables["coaching_session"][1]["provider_id"] = 99
    path = write_export(tmp_path / "x.json", tables)
    with pytest.raises(UserError, match=r"coaching_session row 2, column 'provider_id'.*id 99"):
        ArchiveService(empty, ChangeBus()).import_json(path)
    assert_still_empty(empty)


def test_duplicate_unique_value_is_refused(filled: Store, empty: Store, tmp_path: Path) -> None:
    with filled.reading() as s:
        tables = dump_tables(s)
    tables["program_year"][1]["start_year"] = 2025
    path = write_export(tmp_path / "x.json", tables)
    with pytest.raises(UserError, match=r"program_year row 2: .*UNIQUE.*start_year"):
        ArchiveService(empty, ChangeBus()).import_json(path)
    assert_still_empty(empty)


def test_export_to_a_missing_folder_writes_nothing(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    with pytest.raises(UserError, match="does not exist"):
        ArchiveService(filled, ChangeBus()).export_json(target)
    assert not target.exists()
    assert not list(tmp_path.rglob("*.part"))


def test_import_replaces_what_the_app_made_on_its_own(tmp_path: Path) -> None:
    """A fresh store the app has opened (program year, coach-level rows) still takes an import."""
    from datetime import date as _date

    from rooted_desktop.services.container import Services
    from rooted_desktop.services.demo import build_demo_store

    source = Services.open(tmp_path / "a" / "s.sqlite3", clock=lambda: _date(2026, 12, 4))
    build_demo_store(source.store, providers=3, years=1, today=_date(2026, 12, 4))
    first = tmp_path / "one.json"
    source.archive.export_json(first)
    source.close()

    fresh = Services.open(tmp_path / "b" / "s.sqlite3", clock=lambda: _date(2026, 12, 4))
    try:
        fresh.requirements.ensure_year(fresh.years.current())  # what opening the app does
        fresh.archive.import_json(first)
        second = tmp_path / "two.json"
        fresh.archive.export_json(second)
        assert second.read_bytes() == first.read_bytes()
    finally:
        fresh.close()
