"""A provider as typed or imported, and the one set of rules that validates it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rooted_desktop.core.vocab import AgeGroup, Setting

NAME_MAX = 200
TEXT_MAX = 2000
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# What people type in a spreadsheet for the two settings and age groups.
_SETTING_WORDS = {
    "center": Setting.CENTER,
    "centre": Setting.CENTER,
    "fcch": Setting.FCCH,
    "family child care home": Setting.FCCH,
    "family childcare home": Setting.FCCH,
}
_AGE_GROUP_WORDS = {
    "infant-toddler": AgeGroup.INFANT_TODDLER,
    "infant/toddler": AgeGroup.INFANT_TODDLER,
    "infant toddler": AgeGroup.INFANT_TODDLER,
    "preschool": AgeGroup.PRESCHOOL,
}


@dataclass(frozen=True)
class ProviderInput:
    name: str
    site: str = ""
    setting: str = ""
    age_group: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""

    def cleaned(self) -> ProviderInput:
        return ProviderInput(
            name=" ".join(self.name.split()),
            site=self.site.strip(),
            setting=self.setting.strip(),
            age_group=self.age_group.strip(),
            email=self.email.strip(),
            phone=self.phone.strip(),
            notes=self.notes.strip(),
        )


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return self.message


def parse_setting(text: str) -> Setting | None:
    return _SETTING_WORDS.get(text.strip().lower())


def parse_age_group(text: str) -> AgeGroup | None:
    return _AGE_GROUP_WORDS.get(text.strip().lower())


def validate_provider(provider: ProviderInput) -> list[FieldProblem]:
    """Every problem with a provider, each naming its field in words a coach understands."""
    problems: list[FieldProblem] = []
    if not provider.name.strip():
        problems.append(FieldProblem("name", "name is missing"))
    elif len(provider.name) > NAME_MAX:
        problems.append(FieldProblem("name", f"name is longer than {NAME_MAX} characters"))
    if parse_setting(provider.setting) is None:
        shown = f"'{provider.setting}'" if provider.setting.strip() else "missing"
        problems.append(FieldProblem("setting", f"setting is {shown}; use 'center' or 'fcch'"))
    if parse_age_group(provider.age_group) is None:
        shown = f"'{provider.age_group}'" if provider.age_group.strip() else "missing"
        problems.append(
            FieldProblem("age_group", f"age group is {shown}; use 'infant-toddler' or 'preschool'")
        )
    if provider.email.strip() and not EMAIL_PATTERN.match(provider.email.strip()):
        problems.append(FieldProblem("email", f"email '{provider.email}' is not an address"))
    for field in ("site", "phone", "notes"):
        if len(getattr(provider, field)) > TEXT_MAX:
            problems.append(FieldProblem(field, f"{field} is longer than {TEXT_MAX} characters"))
    return problems
