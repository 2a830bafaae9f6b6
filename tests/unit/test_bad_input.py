"""Bad input never becomes a traceback or half an import (issue 6, item 6).

Hypothesis throws at the real import services what coaches' files really hold — random
bytes, UTF-16 and latin-1, BOMs, huge cells, formula-like values, blank and ragged lines,
mangled exports — and every form's validation gets arbitrary text and numbers. The
property: a file imports, or it is refused with a UserError naming the file (and the line,
for a CSV) and the store's row counts are exactly what they were.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import re
import shutil
import typing
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from rooted_desktop.core import action_plans, program, providers, requirements, sessions
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import FieldProblem, ProviderInput
from rooted_desktop.core.session_csv import guard_cell, unguard_cell
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.services.container import Services
from rooted_desktop.services.sessions import SessionQuery
from rooted_desktop.store.archive import count_rows, data_tables
from rooted_desktop.store.schema import HEAD_REVISION
from tests.fixtures.make_stores import store_file

TODAY = date(2026, 12, 4)
PROVIDERS = ("Ana López", "=Zoë Nguyễn", "Łukasz")  # one a spreadsheet would call a formula
FORMULAS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.org","x")',
    "+1+1",
    "-2",
    "- first point",
    "@SUM(A1:A3)",
    "'=already guarded",
    "''+twice",
    "\t=tab",
    "\r=cr",
)
LINE_PROBLEM = re.compile(r"line \d+: ")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- stores ---------------------------------------------------------------------------------


def open_services(folder: Path) -> Services:
    folder.mkdir(parents=True, exist_ok=True)
    return Services.open(folder / "rooted.sqlite3", clock=lambda: TODAY)


@pytest.fixture(scope="module")
def caseload(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """A store with three providers, shared by the CSV examples (each compares before/after)."""
    services = open_services(tmp_path_factory.mktemp("caseload"))
    for name in PROVIDERS:
        services.providers.add(ProviderInput(name=name, setting="center", age_group="preschool"))
    yield services
    services.close()


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """An empty store for JSON imports; emptied again after each one that succeeds."""
    services = open_services(tmp_path_factory.mktemp("empty"))
    yield services
    services.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("files")


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real export with a row in every table (the migration fixture, exported)."""
    folder = tmp_path_factory.mktemp("export")
    shutil.copyfile(store_file(HEAD_REVISION), folder / "rooted.sqlite3")
    services = open_services(folder)
    try:
        services.archive.export_json(folder / "export.json")
    finally:
        services.close()
    loaded: dict[str, Any] = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    return loaded


def counts(services: Services) -> dict[str, int]:
    with services.store.reading() as session:
        return count_rows(session)


def _count(outcome: str) -> None:
    """Tally outcomes for --hypothesis-show-statistics (both must occur for a fair test)."""
    with contextlib.suppress(InvalidArgument):  # outside @given there is nothing to tally
        event(outcome)


def refused_or_imported(
    services: Services, path: Path, run: Callable[[Path], Any], *, lines: bool
) -> tuple[dict[str, int], Any] | None:
    """Run an import; on a UserError check the message and that nothing changed.

    Returns (counts before, the import's result) on success, None on a refusal.
    """
    before = counts(services)
    try:
        result = run(path)
    except UserError as error:
        _count("refused")
        assert path.name in error.message, error.message
        if lines:
            assert all(LINE_PROBLEM.match(d) for d in error.details), error.details
        assert counts(services) == before, "a refused import changed the store"
        return None
    _count("imported")
    return before, result


# -- files as spreadsheets save them, and not --------------------------------------------

_SMALL_TEXT = st.text(max_size=24)
_HUGE = st.sampled_from([2_001, 20_001, 140_000]).map(lambda n: "é" * n)


def _wild_cell(valid: st.SearchStrategy[str], bad: st.SearchStrategy[str]) -> Any:
    return st.one_of(valid, valid, bad, st.just(""), _SMALL_TEXT, st.sampled_from(FORMULAS), _HUGE)


@st.composite
def csv_files(draw: st.DrawFn, columns: dict[str, st.SearchStrategy[str]]) -> bytes:
    """A CSV as a person or a program might save it, as bytes in some encoding.

    Half are tidy (every column, valid values, UTF-8) so that imports do succeed, with
    formula-like and Unicode notes; half are wild (random bytes, missing or shuffled
    columns, ragged rows, bad values, huge cells, hand-made quoting, other encodings).
    """
    wild = draw(st.booleans())
    if wild and draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=300))
    names = list(draw(st.permutations(list(columns))))
    if wild and draw(st.booleans()):
        names = names[: draw(st.integers(0, len(names)))]
    if draw(st.booleans()):
        names.insert(draw(st.integers(0, len(names))), draw(st.sampled_from(["extra", "=x"])))
    header = [draw(st.sampled_from([n, n.upper(), n.replace("_", " ")])) for n in names]
    rows: list[list[str]] = [header]
    for _ in range(draw(st.integers(0 if wild else 1, 5))):
        if draw(st.integers(0, 5)) == 0:
            rows.append([])  # a blank line, as spreadsheets leave them
        row = []
        for name in names:
            valid = columns.get(name, _SMALL_TEXT)
            row.append(draw(_wild_cell(valid, _BAD.get(name, valid)) if wild else valid))
        if wild and draw(st.integers(0, 3)) == 0:  # ragged: too short or too long
            row = row[: draw(st.integers(0, len(row)))] + draw(st.lists(_SMALL_TEXT, max_size=2))
        rows.append(row)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if not wild or draw(st.booleans()):
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator=ending).writerows(rows)
        text = out.getvalue()
    else:  # written by hand: commas and quotes inside cells break the columns
        text = "".join(",".join(row) + ending for row in rows)
    if draw(st.booleans()):
        text = "\ufeff" + text
    encodings = ["utf-8", "utf-16", "latin-1", "cp1252"] if wild else ["utf-8"]
    return text.encode(draw(st.sampled_from(encodings)), errors="replace")


_NOTE = st.one_of(_SMALL_TEXT, st.sampled_from(FORMULAS), st.just("Nguyễn «ok» ✓\n2nd line"))
_ROSTER = {
    # Unique names, so a tidy roster does not clash with the providers already imported.
    "name": st.uuids().map(lambda u: f"Ōtani {u.hex[:10]}"),
    "site": _NOTE,
    "setting": st.sampled_from(["center", "fcch", "Center", "family child care home"]),
    "age_group": st.sampled_from(["preschool", "infant-toddler", "Infant/Toddler"]),
    "email": st.sampled_from(["", "a@example.org"]),
    "phone": st.sampled_from(["", "308-555-0100", "+1 308 555 0100"]),
}
_SESSIONS = {
    "provider": st.sampled_from([*PROVIDERS, "ana lópez", "'=Zoë Nguyễn"]),
    "date": st.sampled_from(["2026-11-03", "11/3/2026"]),
    "start_time": st.sampled_from(["", "09:30", "2:15 PM"]),
    "minutes": st.sampled_from(["45", "480", "1", "60.0"]),
    "mode": st.sampled_from(["in-person", "Virtual", "phone"]),
    "status": st.sampled_from(["completed", "planned", "Canceled"]),
    "focus": _NOTE,
    "strengths": _NOTE,
    "next_steps": _NOTE,
    "joint_plan": _NOTE,
    "coach_notes": _NOTE,
    "cms_entered_on": st.sampled_from(["", "2026-11-04"]),
}
# What wild files put in those columns besides: values the importers must refuse.
_BAD = {
    "name": st.sampled_from(["", "  ", "x" * 201]),
    "setting": st.sampled_from(["", "school"]),
    "age_group": st.sampled_from(["teen"]),
    "email": st.sampled_from(["not an address"]),
    "provider": st.sampled_from(["Nobody", ""]),
    "date": st.sampled_from(["2026-02-30", "3/4/26", "tomorrow", ""]),
    "start_time": st.sampled_from(["25:00", "noon"]),
    "minutes": st.sampled_from(["481", "0", "-5", "4.5", "9" * 5000, ""]),
    "mode": st.sampled_from(["carrier pigeon"]),
    "status": st.sampled_from(["done"]),
    "cms_entered_on": st.sampled_from(["2026-10-01", "yesterday"]),
}


@SETTINGS
@given(data=csv_files(_ROSTER))
@example(data=b"name,setting,age_group\n" + b"x" * 200_000 + b",center,preschool\n")
@example(data="name,setting,age_group\r\nZoë,center,preschool\r\n".encode("utf-16"))
def test_a_roster_imports_whole_or_is_refused_naming_the_line(
    caseload: Services, files: Path, data: bytes
) -> None:
    path = files / "roster.csv"
    path.write_bytes(data)
    outcome = refused_or_imported(caseload, path, caseload.providers.import_roster, lines=True)
    if outcome is not None:
        before, records = outcome
        assert counts(caseload)["provider"] == before["provider"] + len(records) > 0


@SETTINGS
@given(data=csv_files(_SESSIONS))
@example(data=b"provider,date,minutes,mode,status\nAna L\xf3pez,2026-11-03,45,phone,planned\n")
@example(data=b"\xef\xbb\xbfprovider,date,minutes,mode,status\n\n,,,,\n\n")
def test_a_session_log_imports_whole_or_is_refused_naming_the_line(
    caseload: Services, files: Path, data: bytes
) -> None:
    path = files / "sessions.csv"
    path.write_bytes(data)
    outcome = refused_or_imported(caseload, path, caseload.session_log.import_csv, lines=True)
    if outcome is not None:
        before, count = outcome
        assert counts(caseload)["coaching_session"] == before["coaching_session"] + count > 0


# -- JSON: a real export, mangled ------------------------------------------------------------

# Values that look almost right to a parser: lone surrogates (JSON can escape them), dates
# and times out of range, a naive date and time where the column wants an offset.
_NEAR_MISSES = st.sampled_from(
    ["\ud800", "x\udfff\u00e9", "2026-13-45", "25:61:00", "2026-12-04T10:00:00", "", "=cmd"]
)
_JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=2**63),
    st.floats(),
    _SMALL_TEXT,
    _NEAR_MISSES,
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_SMALL_TEXT, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mangled_exports(draw: st.DrawFn, export: dict[str, Any]) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    document = json.loads(json.dumps(export))
    tables = document["tables"]
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(sorted(tables)))
        rows = tables[name]
        how = draw(st.sampled_from(["value"] * 4 + ["drop", "add", "dup", "table", "top", "rows"]))
        if how in ("value", "drop", "add", "dup") and isinstance(rows, list) and rows:
            row = draw(st.sampled_from(rows))
            if not isinstance(row, dict):
                continue
            column = draw(st.sampled_from(sorted(row) or ["id"]))
            if how == "value":
                row[column] = draw(st.one_of(_NEAR_MISSES, _JSON_VALUES))
            elif how == "drop":
                row.pop(column, None)
            elif how == "add":
                row[draw(_SMALL_TEXT)] = draw(_JSON_VALUES)
            else:
                rows.append(dict(row))
        elif how == "table":
            tables[draw(_SMALL_TEXT)] = draw(_JSON_VALUES)
        elif how == "rows":
            tables[name] = draw(_JSON_VALUES)
        else:
            key = draw(st.sampled_from(["format", "format_version", "schema", "tables"]))
            document[key] = draw(_JSON_VALUES)
    # Mostly escaped to ASCII, as a lone surrogate can only travel through a file escaped.
    text = json.dumps(document, ensure_ascii=draw(st.integers(0, 3)) > 0)
    encoding = draw(st.sampled_from(["utf-8"] * 4 + ["utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


def _nasty_export(text: str) -> bytes:
    head = '{"format": "rooted-desktop", "format_version": 1, "schema": "' + HEAD_REVISION
    return (head + '", "tables": ' + text + "}").encode()


@pytest.mark.parametrize(
    "data",
    [
        _nasty_export("[" * 100_000 + "]" * 100_000),  # nested past the recursion limit
        _nasty_export('{"provider": [{"id": 1' + "0" * 5_000 + "}]}"),  # a 5,000-digit number
        _nasty_export('{"provider": [{"id": 9, "name": "\\ud800"}]}'),  # a lone surrogate
        _nasty_export('{"provider": [{"id": NaN, "name": "x"}]}'),
        b"",
    ],
    ids=["deep", "long-number", "surrogate", "nan", "empty"],
)
def test_json_a_parser_chokes_on_is_refused(
    empty_store: Services, files: Path, data: bytes
) -> None:
    path = files / "nasty.json"
    path.write_bytes(data)
    refused = refused_or_imported(empty_store, path, empty_store.archive.import_json, lines=False)
    assert refused is None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_json_import_is_all_or_nothing(
    empty_store: Services, files: Path, export: dict[str, Any], data: st.DataObject
) -> None:
    path = files / "everything.json"
    path.write_bytes(data.draw(mangled_exports(export)))
    outcome = refused_or_imported(empty_store, path, empty_store.archive.import_json, lines=False)
    if outcome is None:
        return
    _, imported = outcome
    assert sum(counts(empty_store).values()) == imported
    with empty_store.store.transaction() as session:  # empty again for the next example
        for table in reversed(data_tables()):
            session.connection().execute(table.delete())


# -- the CSV injection guard -----------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), st.sampled_from(FORMULAS), st.text().map(lambda t: "'" + t)))
def test_the_formula_guard_is_undone_exactly(text: str) -> None:
    guarded = guard_cell(text)
    assert unguard_cell(guarded) == text
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_exported_notes_cannot_run_as_formulas_and_come_back_exact(
    caseload: Services, tmp_path: Path
) -> None:
    provider = next(p for p in caseload.providers.all() if p.name.startswith("="))
    caseload.sessions.create(
        SessionInput(
            provider_id=provider.id,
            day=date(2031, 1, 6),
            start_time=None,
            minutes=30,
            mode=Mode.PHONE,
            status=SessionStatus.COMPLETED,
            focus=FORMULAS[0],
            strengths=FORMULAS[1],
            next_steps=FORMULAS[2],
            joint_plan=FORMULAS[3],
            coach_notes=FORMULAS[-3],
        )
    )
    notes = dict(zip(sessions.SESSION_TEXT_FIELDS, FORMULAS, strict=False))
    exported = tmp_path / "log.csv"
    assert caseload.session_log.export_csv(exported, date(2031, 1, 1), date(2031, 1, 31)) == 1
    (row,) = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    texts = [row["provider"], *(row[name] for name in (*notes, "coach_notes"))]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in texts), texts

    elsewhere = open_services(tmp_path / "elsewhere")
    try:
        elsewhere.providers.add(
            ProviderInput(name=provider.name, setting="center", age_group="preschool")
        )
        assert elsewhere.session_log.import_csv(exported) == 1
        (item,) = elsewhere.sessions.find(SessionQuery())
        record = elsewhere.sessions.get(item.id)
    finally:
        elsewhere.close()
    assert record.provider_name == provider.name
    assert {name: getattr(record, name) for name in notes} == notes
    assert record.coach_notes == FORMULAS[-3]


# -- every form's validation -----------------------------------------------------------------

_FORM_TEXT = st.one_of(st.text(), _HUGE, st.sampled_from(FORMULAS))


def form_inputs(cls: type) -> st.SearchStrategy[Any]:
    """Any value of the form's input: arbitrary text (huge too) in every text field."""
    hints = typing.get_type_hints(cls)
    overrides = {f.name: _FORM_TEXT for f in dataclasses.fields(cls) if hints[f.name] is str}
    return st.builds(cls, **{n: st.from_type(hints[n]) for n in hints} | overrides)


def _problems_only(problems: object) -> None:
    assert isinstance(problems, list)
    assert all(isinstance(p, FieldProblem) and p.field and p.message for p in problems)


FORMS: list[tuple[str, type, Callable[[Any, date], object]]] = [
    ("provider", ProviderInput, lambda d, _t: providers.validate_provider(d)),
    ("session", SessionInput, lambda d, _t: sessions.validate_session(d)),
    ("meeting", program.MeetingInput, lambda d, t: program.validate_meeting(d, today=t)),
    (
        "consultation",
        program.ConsultationInput,
        lambda d, t: program.validate_consultation(d, today=t),
    ),
    (
        "training",
        program.TrainingInput,
        lambda d, t: program.validate_training(d, ("3A", "3B", "PPP"), today=t),
    ),
    (
        "requirement",
        requirements.RequirementInput,
        lambda d, t: requirements.validate_requirement(d, counts=t.day % 2 == 0, today=t),
    ),
    (
        "observation",
        requirements.ObservationInput,
        lambda d, t: requirements.validate_observation(d, today=t),
    ),
    ("step", action_plans.StepInput, lambda d, _t: action_plans.validate_step(d)),
]


@pytest.mark.parametrize(("cls", "validate"), [f[1:] for f in FORMS], ids=[f[0] for f in FORMS])
def test_form_validation_names_problems_and_never_raises(
    cls: type, validate: Callable[[Any, date], object]
) -> None:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(value=form_inputs(cls), today=st.dates())
    def check(value: Any, today: date) -> None:
        _problems_only(validate(value, today))
        if hasattr(value, "cleaned"):  # what the services validate
            clean = value.cleaned
            wanted = typing.get_type_hints(clean)
            _problems_only(validate(clean(today) if "today" in wanted else clean(), today))

    check()


@settings(max_examples=100, deadline=None)
@given(text=_FORM_TEXT)
def test_goal_validation_never_raises(text: str) -> None:
    _problems_only(action_plans.validate_goal(text))
