"""The agenda template in use: the coach's edited copy, or the built-in one."""

from __future__ import annotations

from rooted_desktop.guide.agenda import AgendaTemplate, load_default_agenda
from rooted_desktop.services.changes import Change, ChangeBus
from rooted_desktop.store import years as settings_rows
from rooted_desktop.store.store import Store

AGENDA_KEY = "agenda_template"


class AgendaService:
    def __init__(self, store: Store, bus: ChangeBus) -> None:
        self._store = store
        self._bus = bus

    def builtin(self) -> AgendaTemplate:
        return load_default_agenda()

    def current(self) -> AgendaTemplate:
        with self._store.reading() as session:
            stored = settings_rows.get_setting(session, AGENDA_KEY)
        if stored is None:
            return self.builtin()
        return AgendaTemplate.from_dict(stored, source="your edited agenda")

    def is_customised(self) -> bool:
        with self._store.reading() as session:
            return settings_rows.get_setting(session, AGENDA_KEY) is not None

    def save(self, template: AgendaTemplate) -> None:
        with self._store.transaction() as session:
            settings_rows.put_setting(session, AGENDA_KEY, template.to_dict())
        self._bus.publish(Change.SETTINGS)

    def restore_builtin(self) -> None:
        with self._store.transaction() as session:
            settings_rows.delete_setting(session, AGENDA_KEY)
        self._bus.publish(Change.SETTINGS)
