"""A long, realistic coaching session: several paragraphs per section, Unicode names.

Used by the UI tests and the screenshot script to see the form (and later the documents)
with the kind of notes a thorough coach writes.
"""

from __future__ import annotations

from datetime import date, time

from rooted_desktop.core.records import SectionNote
from rooted_desktop.core.sessions import SessionInput
from rooted_desktop.core.vocab import Mode, SessionStatus
from rooted_desktop.guide.agenda import AgendaSection

PARAGRAPHS = {
    "check-in": (
        "Nguyễn Thị Ánh greeted me at the door of the Sunflower room; two new toddlers "
        "started this week and one of them, whose family just moved from Łódź, is still "
        "settling in. Drop-off has been hard for him, and Ánh has been holding him through "
        "the first twenty minutes while her co-teacher, Zoë, runs the morning circle.\n\n"
        "She said the week felt long but that the visual schedule we made last month is "
        '"finally part of the room": the children point to the next picture before she does.'
    ),
    "review": (
        "Last plan: use the visual schedule at every transition and add a first-then card "
        "for clean-up. The schedule is up and used at arrival, snack and outside time; the "
        "first-then card was made but only used twice, because clean-up happens while Ánh "
        "is changing diapers.\n\nWe agreed the card belongs with whoever leads clean-up, "
        "and she will show Zoë how she uses it."
    ),
    "data-observation": (
        "ASQ:SE-2: 9 questionnaires went home, 7 came back, 7 scored; two need the decision "
        "tree follow-up (see coach notes). Demographic survey done in September.\n\n"
        "Observed 9:10–9:55: arrival, free play, the transition to circle. Six of eight "
        "children moved to circle after the song and the picture; two needed an individual "
        'prompt. Ánh used specific praise eleven times ("You put the blocks in the bin — '
        "now there's room to dance!\")."
    ),
}
FIELDS = {
    "focus": (
        "Transitions with a visual schedule and first-then cards; teaching the clean-up "
        "routine as a skill, not a rule.\n\nSecond focus: helping a new child through "
        "separation with a predictable goodbye routine."
    ),
    "strengths": (
        "Warm, unhurried greetings for every child and family; calm voice at transitions; "
        "specific, descriptive praise; the schedule is at the children's eye level.\n\n"
        "She noticed on her own which transitions are hardest and why."
    ),
    "next_steps": (
        "Teach the clean-up song with the first-then card for a week, then fade the prompt. "
        "Try a goodbye ritual with the new child's family (a photo book of his family).\n\n"
        "Review the 'Teaching Routines' handout from Module 3A together."
    ),
    "joint_plan": (
        "Ánh will: use the first-then card at every clean-up; make the family photo book "
        "with Mr. Łukasz Kowalczyk (the new child's father) by Friday.\n\n"
        "Coach will: bring laminated routine cards and a copy of the Module 3A implementation "
        "plan; observe clean-up at the next visit."
    ),
}


def long_session(provider_id: int, day: date, sections: tuple[AgendaSection, ...]) -> SessionInput:
    def text(section: AgendaSection) -> str:
        if section.field:
            return FIELDS[section.field]
        return PARAGRAPHS.get(section.key, "Thursday, December 17 at 9:30, in person.")

    notes = tuple(
        SectionNote(s.key, s.title, s.prompt, s.field, s.shareable, text(s)) for s in sections
    )
    return SessionInput(
        provider_id=provider_id,
        day=day,
        start_time=time(9, 0),
        minutes=75,
        mode=Mode.IN_PERSON,
        status=SessionStatus.COMPLETED,
        sections=notes,
        strategies=("obs-observing", "obs-modelling", "meet-reflective-conversation", "fu-email"),
        coach_notes=(
            "Two ASQ:SE-2 results above the cutoff: talk with the director about referral "
            "steps before the next visit. Ánh seemed tired; ask about staffing."
        ),
        **FIELDS,
    )
