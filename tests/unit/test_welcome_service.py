"""First run is remembered in the store: shown to an empty store once, never after."""

from __future__ import annotations

from typing import Any

from rooted_desktop.core.providers import ProviderInput
from rooted_desktop.core.records import CoachRecord
from rooted_desktop.services.demo import build_demo_store
from rooted_desktop.services.welcome import WelcomeOutcome
from tests.conftest import TODAY


def test_an_empty_store_is_greeted_until_an_answer_is_recorded(services: Any) -> None:
    assert services.welcome.needed()
    assert services.welcome.outcome() is None
    services.welcome.record(WelcomeOutcome.SKIPPED)
    assert not services.welcome.needed()
    assert services.welcome.outcome() is WelcomeOutcome.SKIPPED


def test_a_store_with_a_provider_or_a_profile_is_not_greeted(services: Any) -> None:
    services.providers.add(ProviderInput(name="Ana", setting="center", age_group="preschool"))
    assert not services.welcome.needed()


def test_a_profile_alone_is_enough(services: Any) -> None:
    services.profile.save(CoachRecord(name="Dana Coach"))
    assert not services.welcome.needed()


def test_the_demo_store_is_not_greeted(services: Any) -> None:
    build_demo_store(services.store, providers=3, years=1, today=TODAY)
    assert not services.welcome.needed()
