"""The program's coaching implementation guide, read from a versioned data file.

The rules, the month-by-month plan and the data requirements are data, not code: a new
program year or revision is a new file under ``resources/guides/``.
"""

from __future__ import annotations

from rooted_desktop.guide.loader import (
    GuideError,
    default_guide_path,
    load_default_guide,
    load_guide,
)
from rooted_desktop.guide.model import (
    Component,
    Guide,
    GuideDataError,
    GuideRow,
    Level,
    Period,
    Phase,
    RequirementSpec,
    Rules,
    Training,
)

__all__ = [
    "Component",
    "Guide",
    "GuideDataError",
    "GuideError",
    "GuideRow",
    "Level",
    "Period",
    "Phase",
    "RequirementSpec",
    "Rules",
    "Training",
    "default_guide_path",
    "load_default_guide",
    "load_guide",
]
