"""Read models: what services hand to the UI, the command line and the reports."""

from __future__ import annotations

from dataclasses import dataclass

from rooted_desktop.core.vocab import AgeGroup, Setting


@dataclass(frozen=True)
class ProviderRecord:
    id: int
    name: str
    site: str
    setting: Setting
    age_group: AgeGroup
    email: str
    phone: str
    active: bool
    notes: str  # coach-only
