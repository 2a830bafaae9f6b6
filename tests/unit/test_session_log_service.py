"""Session-log CSV through the real service: round trip, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rooted_desktop.core.errors import UserError
from rooted_desktop.services.container import Services
from rooted_desktop.services.demo import build_demo_store
from rooted_desktop.services.sessions import SessionQuery

TODAY = date(2026, 12, 4)
YEAR = (date(2026, 7, 1), date(2027, 6, 30))


def test_export_import_export_gives_the_same_rows(services: Any, tmp_path: Path) -> None:
    build_demo_store(services.store, providers=5, years=1, today=TODAY)
    first = tmp_path / "one.csv"
    count = services.session_log.export_csv(first, *YEAR)
    assert count > 20
    data = first.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfprovider,date,start_time,minutes,mode,status,")

    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,setting,age_group\n"
        + "".join(f"{p.name},{p.setting},{p.age_group}\n" for p in services.providers.all()),
        encoding="utf-8",
    )
    other = Services.open(tmp_path / "other" / "rooted.sqlite3", clock=lambda: TODAY)
    try:
        other.providers.import_roster(roster)
        assert other.session_log.import_csv(first) == count
        second = tmp_path / "two.csv"
        other.session_log.export_csv(second, *YEAR)
        assert second.read_bytes() == data
    finally:
        other.close()


def test_a_bad_row_imports_nothing(services: Any, tmp_path: Path) -> None:
    services.providers.add(
        __import__("rooted_desktop.core.providers", fromlist=["ProviderInput"]).ProviderInput(
            name="Zoë Martínez", setting="fcch", age_group="infant-toddler"
        )
    )
    log = tmp_path / "log.csv"
    log.write_text(
        "provider,date,start_time,minutes,mode,status\n"
        "Zoë Martínez,2026-11-03,9:30 AM,60,in-person,completed\n"
        "Zoë Martínez,2/30/2026,09:30,60,in-person,completed\n"
        "Nobody Known,11/4/2026,09:30,600,zoom,done\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as caught:
        services.session_log.import_csv(log)
    assert caught.value.details[0] == "line 3: date '2/30/2026' is not a real date"
    assert caught.value.details[1].startswith("line 4: unknown provider 'Nobody Known'")
    assert services.sessions.find(SessionQuery()) == []
