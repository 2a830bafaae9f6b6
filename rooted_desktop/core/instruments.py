"""Which instrument the program uses for a provider, by setting and age group."""

from __future__ import annotations

from rooted_desktop.core.vocab import AgeGroup, Setting


def observation_tool(age_group: AgeGroup) -> str:
    """TPOT observes preschool classrooms; TPITOS infant-toddler rooms."""
    return "TPOT" if age_group is AgeGroup.PRESCHOOL else "TPITOS"


def benchmarks_tool(setting: Setting) -> str:
    """Centers complete the center-wide BOQ; family child care homes the FCCH BOQ."""
    return "BOQ" if setting is Setting.CENTER else "FCCH BOQ"
