"""The command line as a real subprocess: exit codes, messages, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rooted_desktop.store.schema import HEAD_REVISION


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "rooted_desktop", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env=full_env,
    )


def make_demo(data: Path, providers: int) -> None:
    """A one-year demo store as of 2026-12-04, so tests do not depend on today's date."""
    result = run("demo", "--data-dir", data, "--providers", str(providers), "--years", "1",
                 "--as-of", "2026-12-04")  # fmt: skip
    assert result.returncode == 0, result.stderr


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


ROSTER = (
    "\ufeffname,site,setting,age_group,email,phone\n"
    "Nguyễn Thị Ánh,Sunrise Learning Center,center,preschool,anh@example.org,402-555-0101\n"
    "Łukasz Kowalczyk,Busy Bees FCCH,fcch,infant-toddler,,\n"
)


def test_import_roster_then_export_json(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    data = tmp_path / "data"
    result = run("--data-dir", data, "import", "roster", roster)
    assert result.returncode == 0, result.stderr
    assert "Imported 2 providers" in result.stdout
    assert (data / "rooted.sqlite3").stat().st_mode & 0o777 == 0o600
    assert data.stat().st_mode & 0o777 == 0o700
    assert (data / "logs" / "rooted-desktop.log").exists()

    # --data-dir after the command word works too
    out = tmp_path / "all.json"
    result = run("export", "json", "-o", out, "--data-dir", data)
    assert result.returncode == 0, result.stderr
    assert "Nguyễn Thị Ánh" in out.read_text(encoding="utf-8")


def test_bad_roster_exits_1_with_one_line_per_bad_row(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,setting,age_group\nAna,center,preschool\nBo,school,preschool\n,fcch,toddler\n",
        encoding="utf-8",
    )
    result = run("--data-dir", tmp_path / "d", "import", "roster", roster)
    assert result.returncode == 1
    no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert "2 row(s) have problems; nothing was imported" in lines[0]
    assert lines[1].startswith("line 3: setting is 'school'")
    assert lines[2].startswith("line 4: name is missing")
    assert len(lines) == 3
    check = run("--data-dir", tmp_path / "d", "export", "json", "-o", tmp_path / "x.json")
    assert '"provider": []' in (tmp_path / "x.json").read_text(encoding="utf-8"), check.stderr


def test_environment_variable_chooses_the_store(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    data = tmp_path / "env-data"
    result = run("import", "roster", roster, env={"ROOTED_DESKTOP_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert (data / "rooted.sqlite3").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("import", "spreadsheet", "x.csv"),
        ("export", "json"),
        ("demo", "--providers", "zero"),
        ("frobnicate",),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run("--data-dir", tmp_path, *args)
    assert result.returncode == 2
    no_traceback(result)


def test_missing_file_exits_1_with_the_reason(tmp_path: Path) -> None:
    result = run("--data-dir", tmp_path / "d", "import", "roster", tmp_path / "nope.csv")
    assert result.returncode == 1
    no_traceback(result)
    assert "nope.csv: no such file" in result.stderr


def test_json_round_trip_through_the_cli(tmp_path: Path) -> None:
    first = tmp_path / "first"
    make_demo(first, 4)
    one = tmp_path / "one.json"
    two = tmp_path / "two.json"
    assert run("--data-dir", first, "export", "json", "-o", one).returncode == 0
    second = tmp_path / "second"
    result = run("--data-dir", second, "import", "json", one)
    assert result.returncode == 0, result.stderr
    assert run("--data-dir", second, "export", "json", "-o", two).returncode == 0
    assert one.read_bytes() == two.read_bytes()
    # importing into a store that has data is refused, and says why
    again = run("--data-dir", second, "import", "json", one)
    assert again.returncode == 1
    no_traceback(again)
    assert "empty store" in again.stderr


def test_demo_refuses_a_store_that_has_providers(tmp_path: Path) -> None:
    data = tmp_path / "d"
    make_demo(data, 2)
    again = run(
        "demo", "--data-dir", data, "--providers", "2", "--years", "1", "--as-of", "2026-12-04"
    )
    assert again.returncode == 1
    no_traceback(again)


def test_newer_store_is_refused_on_the_command_line(tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "d"
    make_demo(data, 2)
    conn = sqlite3.connect(data / "rooted.sqlite3")
    conn.execute("UPDATE alembic_version SET version_num = '0042'")
    conn.commit()
    conn.close()
    result = run("--data-dir", data, "export", "json", "-o", tmp_path / "x.json")
    assert result.returncode == 1
    no_traceback(result)
    assert "0042" in result.stderr and HEAD_REVISION in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_sessions_csv_round_trip_through_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "d"
    make_demo(data, 3)
    out = tmp_path / "nov.csv"
    result = run("--data-dir", data, "export", "csv", "--month", "2026-11", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "sessions (2026-11-01 to 2026-11-30)" in result.stdout
    text = out.read_text(encoding="utf-8-sig")
    assert text.startswith("provider,date,start_time,minutes,mode,status,focus,")
    assert all(",2026-11-" in line for line in text.splitlines()[1:] if line.count(",") > 5)

    ranged = tmp_path / "range.csv"
    result = run("--data-dir", data, "export", "csv", "--from", "11/1/2026", "--to",
                 "2026-11-30", "-o", ranged)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert ranged.read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    "span",
    [
        (),
        ("--from", "2026-11-01"),
        ("--month", "2026-11", "--to", "2026-11-30"),
        ("--from", "2026-11-30", "--to", "2026-11-01"),
        ("--month", "November"),
        ("--from", "2/30/2026", "--to", "2026-03-01"),
    ],
)
def test_bad_ranges_are_usage_errors(tmp_path: Path, span: tuple[str, ...]) -> None:
    result = run("--data-dir", tmp_path, "export", "csv", *span, "-o", tmp_path / "x.csv")
    assert result.returncode == 2
    no_traceback(result)
    assert not (tmp_path / "x.csv").exists()


def test_import_sessions_reports_bad_rows(tmp_path: Path) -> None:
    data = tmp_path / "d"
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert run("--data-dir", data, "import", "roster", roster).returncode == 0
    log = tmp_path / "log.csv"
    log.write_text(
        "\ufeffprovider,date,start_time,minutes,mode,status,joint_plan\n"
        'Nguyễn Thị Ánh,11/3/2026,9:30 AM,60,in-person,completed,"Line one\nline two"\n'
        "Łukasz Kowalczyk,2026-11-04,14:00,ninety,phone,completed,\n",
        encoding="utf-8",
    )
    result = run("--data-dir", data, "import", "sessions", log)
    assert result.returncode == 1
    no_traceback(result)
    assert result.stderr.splitlines()[1].startswith("line 4: minutes 'ninety'")
    log.write_text(log.read_text(encoding="utf-8").replace("ninety", "90"), encoding="utf-8")
    result = run("--data-dir", data, "import", "sessions", log)
    assert result.returncode == 0, result.stderr
    assert "Imported 2 sessions" in result.stdout


def test_export_ics_through_the_cli(tmp_path: Path) -> None:
    data = tmp_path / "d"
    make_demo(data, 3)
    out = tmp_path / "dec.ics"
    result = run("--data-dir", data, "export", "ics", "--month", "2026-12", "-o", out)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in text
    again = tmp_path / "again.ics"
    assert (
        run("--data-dir", data, "export", "ics", "--month", "2026-12", "-o", again).returncode == 0
    )
    uids = [line for line in text.splitlines() if line.startswith("UID:")]
    assert uids == [line for line in again.read_text().splitlines() if line.startswith("UID:")]


def test_export_agendas_and_cms_sheets_through_the_cli(tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader

    data = tmp_path / "d"
    make_demo(data, 3)
    agendas = tmp_path / "agendas.pdf"
    result = run("--data-dir", data, "export", "agenda", "--month", "2026-12", "-o", agendas)
    assert result.returncode == 0, result.stderr
    pages = PdfReader(io.BytesIO(agendas.read_bytes())).pages
    assert "Coaching visit agenda" in pages[0].extract_text()
    sheets = tmp_path / "cms.pdf"
    result = run("--data-dir", data, "export", "sessions", "--month", "2026-11", "-o", sheets)
    assert result.returncode == 0, result.stderr
    assert "CMS entry sheet" in PdfReader(io.BytesIO(sheets.read_bytes())).pages[0].extract_text()
    empty = run("--data-dir", data, "export", "agenda", "--from", "2020-01-01", "--to",
                "2020-01-31", "-o", tmp_path / "none.pdf")  # fmt: skip
    assert empty.returncode == 1 and "no planned visits" in empty.stderr
    no_traceback(empty)
    assert not (tmp_path / "none.pdf").exists()


def test_export_monthly_summary_through_the_cli(tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader

    data = tmp_path / "d"
    make_demo(data, 3)
    out = tmp_path / "summary.pdf"
    result = run("--data-dir", data, "export", "monthly", "--month", "2026-11", "-o", out)
    assert result.returncode == 0, result.stderr
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "November 2026" in text
    wrong = run("--data-dir", data, "export", "monthly", "--from", "2026-11-01", "--to",
                "2026-11-30", "-o", tmp_path / "x.pdf")  # fmt: skip
    assert wrong.returncode == 2 and "takes --month" in wrong.stderr
