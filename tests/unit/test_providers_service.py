"""Providers through the real service on a real store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.vocab import AgeGroup, Setting
from rooted_desktop.services.changes import Change

ANA = ProviderInput(
    name="  Nguyễn  Thị Ánh ",
    site="Sunrise",
    setting="center",
    age_group="preschool",
    email="anh@example.org",
)


def test_add_edit_deactivate(services: Any) -> None:
    seen: list[frozenset[Change]] = []
    services.bus.subscribe(seen.append)
    record = services.providers.add(ANA)
    assert record.name == "Nguyễn Thị Ánh"  # whitespace folded
    assert (record.setting, record.age_group) == (Setting.CENTER, AgeGroup.PRESCHOOL)
    updated = services.providers.update(
        record.id, ProviderInput(name="Nguyễn Thị Ánh", setting="fcch", age_group="infant-toddler")
    )
    assert updated.setting is Setting.FCCH
    services.providers.set_active(record.id, False)
    assert services.providers.all(active_only=True) == []
    assert services.providers.get(record.id).active is False
    services.providers.set_active(record.id, True)
    assert [p.id for p in services.providers.all(active_only=True)] == [record.id]
    assert seen and all(Change.PROVIDERS in changes for changes in seen)


def test_a_new_provider_is_enrolled_in_the_current_year(services: Any) -> None:
    services.providers.add(ANA)
    assert [year.label for year in services.years.years()] == ["2026-27"]


def test_invalid_and_duplicate_providers_are_refused(services: Any) -> None:
    with pytest.raises(UserError) as caught:
        services.providers.add(ProviderInput(name="", setting="school", age_group="preschool"))
    assert "name: name is missing" in caught.value.details
    services.providers.add(ANA)
    with pytest.raises(UserError, match="already in the app"):
        services.providers.add(
            ProviderInput(name="nguyễn thị ánh", setting="center", age_group="preschool")
        )
    assert len(services.providers.all()) == 1


def test_roster_import_all_or_nothing(services: Any, tmp_path: Path) -> None:
    good = tmp_path / "roster.csv"
    good.write_text(
        "\ufeffname,site,setting,age_group,email,phone,county\n"
        "Zoë Martínez,Little Sprouts,center,preschool,zoe@example.org,402-555-0100,Hall\n"
        "Łukasz Kowalczyk,Busy Bees,fcch,infant-toddler,,,Hall\n",
        encoding="utf-8",
    )
    records = services.providers.import_roster(good)
    assert [r.name for r in records] == ["Zoë Martínez", "Łukasz Kowalczyk"]

    again = tmp_path / "again.csv"
    again.write_text(
        "name,setting,age_group\nNew Person,center,preschool\nZOË MARTÍNEZ,center,preschool\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as caught:
        services.providers.import_roster(again)
    assert caught.value.details == (
        "line 3: a provider named 'ZOË MARTÍNEZ' is already in the app",
    )
    assert len(services.providers.all()) == 2  # New Person was not written either


def test_roster_in_a_wrong_encoding_is_explained(services: Any, tmp_path: Path) -> None:
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("name,setting,age_group\nZoë,center,preschool\n".encode("latin-1"))
    with pytest.raises(UserError, match="not UTF-8"):
        services.providers.import_roster(latin)
    with pytest.raises(UserError, match="no such file"):
        services.providers.import_roster(tmp_path / "missing.csv")


def test_providers_are_listed_alphabetically_across_alphabets(services: Any) -> None:
    for name in ("Zoë Martínez", "Łukasz Kowalczyk", "Émilie Roy", "Ana Lopez"):
        services.providers.add(ProviderInput(name=name, setting="center", age_group="preschool"))
    names = [p.name for p in services.providers.all()]
    assert names == ["Ana Lopez", "Émilie Roy", "Łukasz Kowalczyk", "Zoë Martínez"]
