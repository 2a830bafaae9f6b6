"""The coach's own profile: the name that signs feedback and heads documents."""

from __future__ import annotations

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.providers import EMAIL_PATTERN
from rooted_desktop.core.records import CoachRecord
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.store import profile as profile_rows
from rooted_desktop.store.store import Store


class ProfileService:
    def __init__(self, store: Store, bus: ChangeBus) -> None:
        self._store = store
        self._bus = bus

    def get(self) -> CoachRecord:
        with self._store.reading() as session:
            return profile_rows.get_profile(session)

    def save(self, profile: CoachRecord) -> None:
        if profile.email.strip() and not EMAIL_PATTERN.match(profile.email.strip()):
            raise UserError(
                f"Your email '{profile.email}' is not an address.",
                details=(f"email: '{profile.email}' is not an address",),
            )
        with self._store.transaction() as session:
            profile_rows.put_profile(session, profile)
        self._bus.publish(Change.SETTINGS)
