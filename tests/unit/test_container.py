"""The services are built when first asked for, once, and share what they depend on."""

from __future__ import annotations

from typing import Any

from rooted_desktop.services.container import Services

SERVICES = (
    "guide", "years", "program", "requirements", "backups", "providers", "sessions",
    "action_plans", "session_log", "drafts", "agenda", "profile", "archive", "calendar",
    "dashboard", "year_plan", "welcome", "documents",
)  # fmt: skip


def built(services: Services) -> set[str]:
    return {name for name in SERVICES if name in vars(services)}


def test_opening_the_store_builds_no_service(services: Any) -> None:
    assert built(services) == set()


def test_a_service_is_built_once_with_only_what_it_needs(services: Any) -> None:
    dashboard = services.dashboard
    assert services.dashboard is dashboard
    assert built(services) == {"guide", "program", "requirements", "dashboard"}
    documents = services.documents
    assert services.documents is documents
    assert {"sessions", "providers", "years", "agenda", "profile"} <= built(services)


def test_every_service_shares_the_one_store_bus_and_clock(services: Any) -> None:
    for name in SERVICES[1:]:
        service = getattr(services, name)
        store = getattr(service, "_store", services.store)
        assert store is services.store, name
        bus = getattr(service, "_bus", services.bus)
        assert bus is services.bus, name
