"""First run: whether to greet a new coach, and remembering that they were greeted.

The answer lives in the store's settings table, not in window.ini, so it travels with
the coach's data: a restored or imported store that was set up is never greeted again,
and deleting window settings (or a second laptop's) does not bring the welcome back.
"""

from __future__ import annotations

from enum import StrEnum

from rooted_desktop.services.clock import Clock
from rooted_desktop.store import profile as profile_rows
from rooted_desktop.store import providers as provider_rows
from rooted_desktop.store import years as year_rows
from rooted_desktop.store.store import Store

WELCOME_KEY = "first_run_welcome"


class WelcomeOutcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


class WelcomeService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def needed(self) -> bool:
        """A store nobody has set up: no answer recorded, no providers, no coach profile."""
        with self._store.reading() as session:
            if year_rows.get_setting(session, WELCOME_KEY) is not None:
                return False
            profile = profile_rows.get_profile(session)
            if profile.name.strip() or profile.email.strip():
                return False
            return provider_rows.count_providers(session) == 0

    def outcome(self) -> WelcomeOutcome | None:
        with self._store.reading() as session:
            recorded = year_rows.get_setting(session, WELCOME_KEY)
        if isinstance(recorded, dict) and recorded.get("outcome") in set(WelcomeOutcome):
            return WelcomeOutcome(recorded["outcome"])
        return None

    def record(self, outcome: WelcomeOutcome) -> None:
        """Never greet this store again, whether the coach finished or skipped."""
        with self._store.transaction() as session:
            year_rows.put_setting(
                session, WELCOME_KEY, {"outcome": outcome.value, "on": self._clock().isoformat()}
            )
