from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.session_csv import (
    SESSION_COLUMNS,
    SessionRow,
    parse_date,
    parse_session_log,
    parse_time,
    write_session_log,
)
from rooted_desktop.core.vocab import Mode, SessionStatus

HEADER = ",".join(SESSION_COLUMNS)
NAMES = ("Nguyễn Thị Ánh", "Łukasz Kowalczyk", "Zoë Martínez")
KNOWN = {name.casefold(): name for name in NAMES}


def parse(text: str) -> list[SessionRow]:
    return parse_session_log(text, known_providers=KNOWN, source="sessions.csv")


def problems(text: str) -> tuple[str, ...]:
    with pytest.raises(UserError) as caught:
        parse(text)
    return caught.value.details


def one_bad_row(**cells: str) -> str:
    good = {
        "provider": "Zoë Martínez",
        "date": "2025-03-04",
        "minutes": "60",
        "mode": "virtual",
        "status": "completed",
    }
    good.update(cells)
    columns = list(good)
    row = ",".join(good[name] for name in columns)
    return f"{','.join(columns)}\nZoë Martínez,2025-03-03,45,phone,planned\n{row}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-04", date(2025, 3, 4)),
        ("3/4/2025", date(2025, 3, 4)),
        ("03/04/2025", date(2025, 3, 4)),
        ("12/31/2024", date(2024, 12, 31)),
        (" 2/29/2024 ", date(2024, 2, 29)),
    ],
)
def test_accepted_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2/30/2025", "date '2/30/2025' is not a real date"),
        ("2/29/2025", "date '2/29/2025' is not a real date"),
        ("13/1/2025", "date '13/1/2025' is not a real date (dates are month/day/year)"),
        ("2025-13-01", "date '2025-13-01' is not a real date"),
        ("3/4/25", "date '3/4/25' needs a four-digit year"),
        ("March 4", "date 'March 4' is not a date; use YYYY-MM-DD or M/D/YYYY"),
        ("4.3.2025", "date '4.3.2025' is not a date; use YYYY-MM-DD or M/D/YYYY"),
    ],
)
def test_rejected_dates(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30", time(9, 30)),
        ("9:30", time(9, 30)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("14:05", time(14, 5)),
        ("9:30 AM", time(9, 30)),
        ("9:30 am", time(9, 30)),
        ("9:30am", time(9, 30)),
        ("2:15 PM", time(14, 15)),
        ("2:15pm", time(14, 15)),
        ("2:15 Pm", time(14, 15)),
        ("12:00 PM", time(12, 0)),
        ("12:10 AM", time(0, 10)),
        ("9:30:00 AM", time(9, 30)),
        ("14:05:00", time(14, 5)),
        ("9 AM", time(9, 0)),
        ("9:30 a.m.", time(9, 30)),
    ],
)
def test_accepted_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("25:00", "time '25:00' is not a time of day"),
        ("24:00", "time '24:00' is not a time of day"),
        ("9:60", "time '9:60' is not a time of day"),
        ("13:00 PM", "time '13:00 PM' is not a time of day"),
        ("0:30 AM", "time '0:30 AM' is not a time of day"),
        ("noon", "time 'noon' is not a time; use HH:MM or h:mm AM"),
        ("930", "time '930' is not a time; use HH:MM or h:mm AM"),
    ],
)
def test_rejected_times(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_time(text)
    assert str(caught.value) == reason


def test_reads_a_full_log() -> None:
    text = (
        f"{HEADER}\n"
        "zoë   martínez,3/4/2025,9:30 AM,60,In Person,Completed,Routines,Warm,"
        "Try visuals,Plan A,,2025-03-05\n"
        "Łukasz Kowalczyk,2025-03-06,,30,virtual,planned,,,,,,\n"
        "NGUYỄN THỊ ÁNH,2025-03-07,14:00,45,PHONE,canceled,,,,,sick child,\n"
    )
    first, second, third = parse(text)
    assert first == SessionRow(
        provider="Zoë Martínez",
        date=date(2025, 3, 4),
        start_time=time(9, 30),
        minutes=60,
        mode=Mode.IN_PERSON,
        status=SessionStatus.COMPLETED,
        focus="Routines",
        strengths="Warm",
        next_steps="Try visuals",
        joint_plan="Plan A",
        coach_notes="",
        cms_entered_on=date(2025, 3, 5),
    )
    assert [r.line for r in (first, second, third)] == [2, 3, 4]
    assert second.start_time is None and second.cms_entered_on is None
    assert second.mode is Mode.VIRTUAL and second.status is SessionStatus.PLANNED
    assert third.provider == "Nguyễn Thị Ánh"
    assert third.status is SessionStatus.CANCELLED and third.coach_notes == "sick child"


def test_only_required_columns_in_any_order_with_extra_columns() -> None:
    text = (
        "Status,Notes to self,Minutes,Mode,Provider,Date,Start Time\n"
        "completed,ignore me,90,phone,Łukasz Kowalczyk,2025-01-02,8:00\n"
    )
    (row,) = parse(text)
    assert (row.provider, row.minutes, row.mode, row.start_time) == (
        "Łukasz Kowalczyk",
        90,
        Mode.PHONE,
        time(8, 0),
    )
    assert row.focus == row.coach_notes == "" and row.cms_entered_on is None


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ({"provider": "Ana Smith"}, "unknown provider 'Ana Smith'"),
        ({"provider": " "}, "provider is missing"),
        ({"date": "2/30/2025"}, "date '2/30/2025' is not a real date"),
        ({"date": "13/1/2025"}, "date '13/1/2025' is not a real date (dates are month/day/year)"),
        ({"date": ""}, "date is missing"),
        ({"minutes": "0"}, "minutes 0 is not between 1 and 480"),
        ({"minutes": "481"}, "minutes 481 is not between 1 and 480"),
        ({"minutes": "90.5"}, "minutes '90.5' is not a whole number"),
        ({"minutes": "ninety"}, "minutes 'ninety' is not a whole number"),
        ({"minutes": ""}, "minutes are missing"),
        ({"mode": "zoom"}, "mode is 'zoom'; use 'in-person', 'virtual' or 'phone'"),
        ({"mode": ""}, "mode is missing; use 'in-person', 'virtual' or 'phone'"),
        ({"status": "done"}, "status is 'done'; use 'planned', 'completed' or 'cancelled'"),
        ({"start_time": "25:00"}, "time '25:00' is not a time of day"),
        (
            {"cms_entered_on": "2025-03-01"},
            "entered in CMS on 2025-03-01, before the session date 2025-03-04",
        ),
        ({"cms_entered_on": "2/30/2025"}, "CMS entry date '2/30/2025' is not a real date"),
        ({"focus": "x" * 20_001}, "focus is longer than 20000 characters"),
    ],
)
def test_each_problem_is_reported_with_its_line(cells: dict[str, str], reason: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(one_bad_row(**cells))
    assert caught.value.message == "sessions.csv: 1 row(s) have problems; nothing was imported"
    assert caught.value.details == (f"line 3: {reason}",)


def test_minutes_edges_and_whole_number_spellings() -> None:
    rows = parse(
        "provider,date,minutes,mode,status\n"
        "Zoë Martínez,2025-03-04,1,phone,planned\n"
        "Zoë Martínez,2025-03-04,480,phone,planned\n"
        "Zoë Martínez,2025-03-04, 090 ,phone,planned\n"
        "Zoë Martínez,2025-03-04,45.0,phone,planned\n"
    )
    assert [r.minutes for r in rows] == [1, 480, 90, 45]


def test_cms_entry_on_the_session_day_or_on_a_planned_session_is_allowed() -> None:
    rows = parse(
        "provider,date,minutes,mode,status,cms_entered_on\n"
        "Zoë Martínez,2025-03-04,30,phone,completed,3/4/2025\n"
        "Zoë Martínez,2025-03-04,30,phone,planned,2025-04-01\n"
    )
    assert [r.cms_entered_on for r in rows] == [date(2025, 3, 4), date(2025, 4, 1)]


def test_several_bad_rows_are_reported_together_and_nothing_is_returned() -> None:
    text = (
        f"{HEADER}\n"
        "Zoë Martínez,2025-03-04,,60,virtual,completed,,,,,,\n"
        "Ana Smith,2/30/2025,,0,zoom,done,,,,,,\n"
        "Zoë Martínez,2025-03-05,,45,phone,planned,,,,,,\n"
        "Łukasz Kowalczyk,2025-03-06,,ninety,virtual,completed,,,,,,2025-03-01\n"
    )
    details = problems(text)
    assert details == (
        "line 3: unknown provider 'Ana Smith'; date '2/30/2025' is not a real date; "
        "minutes 0 is not between 1 and 480; "
        "mode is 'zoom'; use 'in-person', 'virtual' or 'phone'; "
        "status is 'done'; use 'planned', 'completed' or 'cancelled'",
        "line 5: minutes 'ninety' is not a whole number; "
        "entered in CMS on 2025-03-01, before the session date 2025-03-06",
    )


def test_bom_blank_lines_and_multiline_quoted_cells_keep_line_numbers_right() -> None:
    text = (
        "\ufeffprovider,date,minutes,mode,status,coach_notes\n"
        '"Zoë Martínez",2025-03-04,60,virtual,completed,"first line\nsecond, with comma\n'
        'and ""quotes"""\n'
        "\n"
        ",,,,,\n"
        'Łukasz Kowalczyk,2025-03-05,481,virtual,completed,"a\r\nb"\r\n'
        "Zoë Martínez,2025-03-06,30,chat,planned,x\u2028y\n"
    )
    details = problems(text)
    assert details == (
        "line 7: minutes 481 is not between 1 and 480",
        "line 9: mode is 'chat'; use 'in-person', 'virtual' or 'phone'",
    )
    fixed = text.replace("481", "48").replace("chat", "phone")
    rows = parse(fixed)
    assert [r.line for r in rows] == [2, 7, 9]
    assert rows[0].coach_notes == 'first line\nsecond, with comma\nand "quotes"'
    assert rows[1].coach_notes == "a\r\nb"
    assert rows[2].coach_notes == "x\u2028y"


def test_formula_like_text_is_kept_as_text() -> None:
    text = "provider,date,minutes,mode,status,focus,strengths\n"
    text += 'Zoë Martínez,2025-03-04,60,virtual,completed,=SUM(A1:A3),"-calm, +warm"\n'
    (row,) = parse(text)
    assert (row.focus, row.strengths) == ("=SUM(A1:A3)", "-calm, +warm")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "sessions.csv: the file is empty; expected a header row"),
        ("\ufeff", "sessions.csv: the file is empty; expected a header row"),
        (
            "provider,date,mode\nZoë Martínez,2025-03-04,phone\n",
            r"sessions.csv: line 1: the header lacks the column\(s\) minutes, status; "
            "expected provider,date,start_time,",
        ),
        (f"{HEADER}\n\n,,,,,,,,,,,\n", "sessions.csv: no sessions found below the header"),
    ],
)
def test_unusable_files(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse(text)


def test_write_produces_bom_exact_header_iso_dates_and_24_hour_times() -> None:
    row = SessionRow(
        provider="Nguyễn Thị Ánh",
        date=date(2025, 3, 4),
        start_time=time(14, 5),
        minutes=60,
        mode=Mode.IN_PERSON,
        status=SessionStatus.COMPLETED,
        focus="=1+1",
        coach_notes="line one\nline two",
        cms_entered_on=date(2025, 3, 10),
    )
    blank = SessionRow(
        provider="Zoë Martínez",
        date=date(2025, 3, 5),
        start_time=None,
        minutes=30,
        mode=Mode.PHONE,
        status=SessionStatus.PLANNED,
    )
    data = write_session_log([row, blank])
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    assert data.decode("utf-8-sig").split("\r\n")[1:] == [
        # A formula-like cell goes out with a ' before it (CSV injection guard).
        'Nguyễn Thị Ánh,2025-03-04,14:05,60,in-person,completed,\'=1+1,,,,"line one\nline two",'
        "2025-03-10",
        "Zoë Martínez,2025-03-05,,30,phone,planned,,,,,,",
        "",
    ]
    assert write_session_log([]) == b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n"


def test_importing_a_file_and_exporting_it_again_gives_the_same_rows() -> None:
    text = (
        "Provider,Date,Start time,Minutes,Mode,Status,Coach notes\n"
        'zoë martínez,3/4/2025,2:15 PM,60,In person,Canceled,"a\nb"\n'
    )
    rows = parse(text)
    exported = write_session_log(rows)
    again = parse(exported.decode("utf-8-sig"))
    assert again == rows
    assert write_session_log(again) == exported


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    max_size=40,
)
_NOTE = st.one_of(
    _TEXT,
    st.builds("".join, st.lists(st.sampled_from(['"', ",", "\n", "\r\n", "=", " ", "é", "x"]))),
    _TEXT.map(lambda text: "=" + text),
)
_NAME = _TEXT.map(lambda text: " ".join(text.split())).filter(bool)


@st.composite
def _rows(draw: st.DrawFn) -> tuple[list[SessionRow], dict[str, str]]:
    names = draw(st.lists(st.one_of(st.sampled_from(NAMES), _NAME), min_size=1, max_size=4))
    known: dict[str, str] = {}
    for name in names:
        known.setdefault(name.casefold(), name)
    rows = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
        entered = draw(st.one_of(st.none(), st.dates(min_value=day, max_value=date(2300, 1, 1))))
        rows.append(
            SessionRow(
                provider=known[draw(st.sampled_from(names)).casefold()],
                date=day,
                start_time=draw(
                    st.one_of(st.none(), st.times().map(lambda t: time(t.hour, t.minute)))
                ),
                minutes=draw(st.integers(min_value=1, max_value=480)),
                mode=draw(st.sampled_from(Mode)),
                status=draw(st.sampled_from(SessionStatus)),
                focus=draw(_NOTE),
                strengths=draw(_NOTE),
                next_steps=draw(_NOTE),
                joint_plan=draw(_NOTE),
                coach_notes=draw(_NOTE),
                cms_entered_on=entered,
            )
        )
    return rows, known


@settings(max_examples=300, deadline=None)
@given(_rows())
def test_write_then_parse_round_trips_exactly(
    case: tuple[list[SessionRow], dict[str, str]],
) -> None:
    rows, known = case
    exported = write_session_log(rows)
    again = parse_session_log(exported.decode("utf-8-sig"), known_providers=known)
    assert again == rows
    assert [r.line for r in again] == sorted({r.line for r in again})  # rising, after newlines
    assert write_session_log(again) == exported
