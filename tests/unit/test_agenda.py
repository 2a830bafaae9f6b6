"""The built-in agenda template, its JSON round trips, the Settings edit helpers and the checks."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.sessions import SESSION_TEXT_FIELDS
from rooted_desktop.guide.agenda import (
    KEY_MAX,
    STRATEGY_PHASES,
    AgendaError,
    AgendaSection,
    AgendaTemplate,
    derive_key,
    load_agenda,
    load_default_agenda,
    sections_from_json,
    sections_to_json,
    with_section_added,
    with_section_moved,
    with_section_removed,
    with_section_renamed,
)
from rooted_desktop.resources import resource

DOMAIN = Path(__file__).resolve().parents[3] / "shared" / "DOMAIN.md"
BUILT_IN = resource("agenda", "pbc-agenda.toml")
PBC_KEYS = [
    "check-in",
    "review",
    "data-observation",
    "focus",
    "strengths",
    "next-steps",
    "joint-plan",
    "next-visit",
]
# DOMAIN.md's coaching-strategies checklist, by phase, in its order.
STRATEGIES = {
    "observation": [
        "observing",
        "modelling",
        "side-by-side verbal support",
        "side-by-side gestural support",
        "problem-solving discussion",
        "reflective conversation",
        "help with environmental arrangements",
        "other help in the classroom",
        "other",
    ],
    "meeting": [
        "problem solving",
        "reflective conversation",
        "environmental arrangements",
        "role play",
        "video feedback",
        "graphic feedback",
        "goal setting / action planning",
        "performance feedback",
        "material provision",
        "demonstration",
        "other",
    ],
    "follow-up": ["email", "phone", "in person", "none"],
}


@pytest.fixture(scope="module")
def agenda() -> AgendaTemplate:
    return load_default_agenda()


# --- the built-in template ----------------------------------------------------------------


def test_built_in_follows_the_pbc_steps_in_order(agenda: AgendaTemplate) -> None:
    assert [section.key for section in agenda.sections] == PBC_KEYS
    titles = [section.title.lower() for section in agenda.sections]
    # The seven PBC steps; "reflection and feedback" is two sections: strengths, suggestions.
    steps = ["check in", "review", "observation", "focus", "strengths", "suggestions"]
    steps += ["joint plan", "next visit"]
    assert all(step in title for step, title in zip(steps, titles, strict=True))
    assert "reflection and feedback" in titles[4]
    assert "last joint plan" in titles[1]


def test_every_section_has_a_short_prompt(agenda: AgendaTemplate) -> None:
    for section in agenda.sections:
        assert section.title and section.prompt, section.key
        assert len(section.prompt) < 200, section.key
        assert section.prompt.count(".") <= 2, section.key


def test_every_section_speaks_to_the_provider_on_the_printed_agenda(
    agenda: AgendaTemplate,
) -> None:
    for section in agenda.sections:
        line = section.agenda_prompt
        assert line and line != section.prompt and len(line) < 120, section.key
        # Addressed to the provider: no coaching jargon or instrument talk.
        assert not re.search(r"\b(provider|TPOT|TPITOS|scores?)\b", line), section.key


def test_the_four_session_fields_are_bound_exactly_once(agenda: AgendaTemplate) -> None:
    bound = agenda.bound_fields()
    assert sorted(bound) == sorted(SESSION_TEXT_FIELDS)
    assert {field: section.key for field, section in bound.items()} == {
        "focus": "focus",
        "strengths": "strengths",
        "next_steps": "next-steps",
        "joint_plan": "joint-plan",
    }
    assert [s.field for s in agenda.sections].count(None) == 4


def test_privacy_of_the_built_in_sections(agenda: AgendaTemplate) -> None:
    shareable = {section.key for section in agenda.sections if section.shareable}
    # Bound fields are shareable by nature; of the free notes only the next visit is.
    assert shareable == {"focus", "strengths", "next-steps", "joint-plan", "next-visit"}
    assert agenda.section("data-observation").shareable is False


def test_metadata_and_lookup(agenda: AgendaTemplate) -> None:
    assert agenda.id == "pbc-conversation"
    assert agenda.title
    assert agenda.section("review").title == agenda.sections[1].title
    assert agenda.index("next-visit") == 7
    with pytest.raises(KeyError):
        agenda.section("summary")
    assert load_default_agenda() is agenda  # cached


def test_strategies_match_the_domain_checklist(agenda: AgendaTemplate) -> None:
    assert {strategy.phase for strategy in agenda.strategies} == set(STRATEGY_PHASES)
    by_phase = {
        phase: [s.label.lower() for s in agenda.strategies if s.phase == phase]
        for phase in STRATEGY_PHASES
    }
    assert by_phase == STRATEGIES
    prefixes = {"observation": "obs-", "meeting": "meet-", "follow-up": "fu-"}
    assert all(s.key.startswith(prefixes[s.phase]) for s in agenda.strategies)
    assert {"obs-modelling", "meet-role-play", "fu-email"} <= {s.key for s in agenda.strategies}


def test_domain_md_still_lists_these_strategies() -> None:
    if not DOMAIN.is_file():
        pytest.skip(f"DOMAIN.md is not at {DOMAIN}")
    text = " ".join(DOMAIN.read_text(encoding="utf-8").split())
    found = re.search(
        r"during observation: (.*?); - during the meeting/debrief: (.*?); - follow-up: (.*?)\.",
        text,
    )
    assert found, "DOMAIN.md's checklist changed shape"
    lists = [[item.strip() for item in group.split(";")] for group in found.groups()]
    assert dict(zip(STRATEGY_PHASES, lists, strict=True)) == STRATEGIES


# --- JSON round trips ---------------------------------------------------------------------


def test_template_round_trips_through_json(agenda: AgendaTemplate) -> None:
    text = json.dumps(agenda.to_dict())
    assert AgendaTemplate.from_dict(json.loads(text), source="settings") == agenda


def test_sections_round_trip_alone(agenda: AgendaTemplate) -> None:
    items = json.loads(json.dumps(sections_to_json(agenda.sections)))
    assert items[0] == {
        "key": "check-in",
        "title": agenda.sections[0].title,
        "prompt": agenda.sections[0].prompt,
        "field": None,
        "shareable": False,
        "agenda_prompt": agenda.sections[0].agenda_prompt,
    }
    assert sections_from_json(items, source="session 7") == agenda.sections


def test_edited_template_round_trips(agenda: AgendaTemplate) -> None:
    edited = with_section_moved(with_section_added(agenda, "Family news", "Any news?"), "focus", 2)
    assert AgendaTemplate.from_dict(json.loads(json.dumps(edited.to_dict())), source="x") == edited


def test_field_may_be_left_out_and_shareable_defaults_by_binding() -> None:
    items = [
        {"key": "notes", "title": "Notes"},
        {"key": "plan", "title": "Plan", "prompt": "What next?", "field": "joint_plan"},
    ]
    notes, plan = sections_from_json(items, source="session 1")
    assert notes == AgendaSection("notes", "Notes", "", None, False)
    assert plan == AgendaSection("plan", "Plan", "What next?", "joint_plan", True)


# --- edits from Settings ------------------------------------------------------------------


def test_add_derives_a_key_and_appends_coach_only_notes(agenda: AgendaTemplate) -> None:
    edited = with_section_added(agenda, "  Family news! ", " Anything new at home? ")
    assert [s.key for s in edited.sections] == [*PBC_KEYS, "family-news"]
    assert edited.sections[-1] == AgendaSection(
        "family-news", "Family news!", "Anything new at home?", None, False
    )
    assert [s.key for s in agenda.sections] == PBC_KEYS  # the original is untouched


def test_add_makes_duplicate_titles_unique(agenda: AgendaTemplate) -> None:
    once = with_section_added(agenda, "Next visit")
    twice = with_section_added(once, "Next visit")
    assert [s.key for s in twice.sections][-2:] == ["next-visit-2", "next-visit-3"]
    assert with_section_added(agenda, "Check-in").sections[-1].key == "check-in-2"


def test_derive_key() -> None:
    assert derive_key("Zoë’s Room — Łódź", set()) == "zoes-room-odz"
    assert derive_key("!!!", set()) == "section"
    assert derive_key("!!!", {"section", "section-2"}) == "section-3"
    long = derive_key("word " * 30, set())
    assert len(long) <= KEY_MAX - 4 and not long.endswith("-")


def test_add_bound_to_a_field(agenda: AgendaTemplate) -> None:
    without = with_section_removed(agenda, "focus")
    again = with_section_added(without, "Practice focus", field="focus")
    assert again.bound_fields()["focus"].key == "practice-focus"
    assert again.bound_fields()["focus"].shareable
    with pytest.raises(AgendaError, match=r"^agenda template: sections\[8\]\.field: 'focus' is"):
        with_section_added(agenda, "Second focus", field="focus")


def test_add_with_an_empty_title_is_refused(agenda: AgendaTemplate) -> None:
    with pytest.raises(AgendaError, match=r"^agenda template: sections\[8\]\.title: is empty$"):
        with_section_added(agenda, "   ")


def test_rename_keeps_the_key_and_optionally_the_prompt(agenda: AgendaTemplate) -> None:
    renamed = with_section_renamed(agenda, "check-in", " Hello again ")
    section = renamed.section("check-in")
    assert (section.title, section.prompt) == ("Hello again", agenda.sections[0].prompt)
    reprompted = with_section_renamed(agenda, "check-in", "Hello", "How are you?")
    assert reprompted.section("check-in").prompt == "How are you?"
    assert reprompted.section("check-in").agenda_prompt == agenda.sections[0].agenda_prompt
    printed = with_section_renamed(agenda, "check-in", "Hello", None, " What's new? ")
    assert printed.section("check-in").agenda_prompt == "What's new?"
    assert printed.section("check-in").prompt == agenda.sections[0].prompt
    assert reprompted.section("check-in").field is None
    with pytest.raises(AgendaError, match=r"^agenda template: sections\[0\]\.title: is empty$"):
        with_section_renamed(agenda, "check-in", "")
    with pytest.raises(KeyError):
        with_section_renamed(agenda, "nope", "Title")


def test_move(agenda: AgendaTemplate) -> None:
    down = with_section_moved(agenda, "check-in", 1)
    assert [s.key for s in down.sections][:3] == ["review", "check-in", "data-observation"]
    up = with_section_moved(agenda, "next-visit", -2)
    assert [s.key for s in up.sections][-3:] == ["next-visit", "next-steps", "joint-plan"]
    assert with_section_moved(agenda, "focus", 0) == agenda


def test_moving_past_the_ends_stops_there(agenda: AgendaTemplate) -> None:
    assert with_section_moved(agenda, "check-in", -1) == agenda
    assert with_section_moved(agenda, "next-visit", 5) == agenda
    to_top = with_section_moved(agenda, "joint-plan", -100)
    assert to_top.sections[0].key == "joint-plan"
    to_end = with_section_moved(agenda, "review", 100)
    assert to_end.sections[-1].key == "review"
    with pytest.raises(KeyError):
        with_section_moved(agenda, "nope", 1)


def test_remove(agenda: AgendaTemplate) -> None:
    edited = with_section_removed(agenda, "data-observation")
    assert [s.key for s in edited.sections] == [k for k in PBC_KEYS if k != "data-observation"]
    assert "focus" in with_section_removed(agenda, "next-visit").bound_fields()
    assert "focus" not in with_section_removed(agenda, "focus").bound_fields()
    with pytest.raises(KeyError):
        with_section_removed(agenda, "nope")


def test_removing_the_last_section_is_refused(agenda: AgendaTemplate) -> None:
    one = agenda
    for key in PBC_KEYS[1:]:
        one = with_section_removed(one, key)
    assert [s.key for s in one.sections] == ["check-in"]
    with pytest.raises(AgendaError, match=r"^agenda template: sections: needs at least one"):
        with_section_removed(one, "check-in")


# --- checks: every problem names the source and the key path ------------------------------

Edit = Callable[[dict[str, Any]], None]


def _set(path: str, value: object) -> Edit:
    """An edit that sets data[...] at a dotted path like 'sections.3.field'."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return edit


def _delete(path: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return edit


def _bind_check_in_to_focus(data: dict[str, Any]) -> None:
    data["sections"][0].update(field="focus", shareable=True)


FIELDS = "focus, strengths, next_steps, joint_plan"
CASES: list[tuple[Edit, str]] = [
    (_set("sections.3.field", "summary"), f"sections[3].field: 'summary' is not one of {FIELDS}"),
    (_delete("sections.0.title"), "sections[0].title: missing"),
    (_delete("sections.2.key"), "sections[2].key: missing"),
    (_set("sections.1.shareable", "yes"), "sections[1].shareable: should be true/false, not text"),
    (_set("sections.1.prompt", 3), "sections[1].prompt: should be text, not a whole number"),
    (_set("sections.2.colour", "red"), "sections[2].colour: unknown key; this table takes: "),
    (_set("sections.3.key", "check-in"), "sections[3].key: 'check-in' is already used by sect"),
    (_bind_check_in_to_focus, "sections[3].field: 'focus' is already stored by sections[0]"),
    (_set("sections.4.shareable", False), "sections[4].shareable: a section stored in the sess"),
    (_set("sections.5.title", "  "), "sections[5].title: is empty"),
    (_set("sections", []), "sections: needs at least one section"),
    (_set("sections", "all"), "sections: should be a list, not text"),
    (_set("sections.0", 1), "sections[0]: should be a table, not a whole number"),
    (_set("sections.6.key", "Joint Plan"), "sections[6].key: 'Joint Plan' is not a key"),
    (_set("sections.6.key", "joint_plan"), "sections[6].key: 'joint_plan' is not a key"),
    (_set("sections.6.key", "-plan"), "sections[6].key: '-plan' is not a key"),
    (_set("sections.6.key", "a" * (KEY_MAX + 1)), "sections[6].key: 'aaaa"),
    (_delete("id"), "id: missing"),
    (_set("id", "PBC visit"), "id: 'PBC visit' is not a key"),
    (_set("title", ""), "title: is empty"),
    (_set("format_version", 2), "format_version: 2 is not supported"),
    (_set("format_version", True), "format_version: should be a whole number, not true/false"),
    (_set("colour", "red"), "colour: unknown key"),
    (_delete("strategies"), "strategies: missing"),
    (_set("strategies.0.phase", "debrief"), "strategies[0].phase: 'debrief' is not one of obs"),
    (_set("strategies.5.key", "obs-observing"), "strategies[5].key: 'obs-observing' is already"),
    (_set("strategies.2.label", ""), "strategies[2].label: is empty"),
    (_set("strategies.3.key", "Obs"), "strategies[3].key: 'Obs' is not a key"),
    (_set("strategies.1.note", "x"), "strategies[1].note: unknown key"),
]


@pytest.mark.parametrize(("edit", "expected"), CASES)
def test_from_dict_names_source_and_key_path(
    agenda: AgendaTemplate, edit: Edit, expected: str
) -> None:
    data = agenda.to_dict()
    edit(data)
    with pytest.raises(AgendaError) as caught:
        AgendaTemplate.from_dict(data, source="saved agenda")
    assert str(caught.value).startswith(f"saved agenda: {expected}")
    assert isinstance(caught.value, UserError)


@pytest.mark.parametrize(
    ("edit", "expected"), [case for case in CASES if case[1].startswith("sections")]
)
def test_sections_from_json_names_source_and_key_path(
    agenda: AgendaTemplate, edit: Edit, expected: str
) -> None:
    data = agenda.to_dict()
    edit(data)
    with pytest.raises(AgendaError) as caught:
        sections_from_json(data["sections"], source="session 12")
    assert str(caught.value).startswith(f"session 12: {expected}")


def test_top_level_must_be_a_table() -> None:
    with pytest.raises(AgendaError, match=r"^x: \(top level\): should be a table, not a list$"):
        AgendaTemplate.from_dict([], source="x")


def test_template_checks_itself_on_creation(agenda: AgendaTemplate) -> None:
    with pytest.raises(ValueError, match=r"^sections: needs at least one section$"):
        AgendaTemplate(agenda.id, agenda.title, (), agenda.strategies)


# --- the TOML file ------------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = BUILT_IN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "pbc-agenda.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'field = "focus"',
            'field = "summary"',
            f"pbc-agenda.toml: sections[3].field: 'summary' is not one of {FIELDS}",
        ),
        ("prompt = ", "promt = ", "pbc-agenda.toml: sections[0].promt: unknown key; this"),
        ('field = "strengths"', 'field = "focus"', "pbc-agenda.toml: sections[4].field: 'focus'"),
        ('key = "review"', 'key = "check-in"', "pbc-agenda.toml: sections[1].key: 'check-in' is"),
        ('phase = "meeting"', 'phase = "debrief"', "pbc-agenda.toml: strategies[9].phase: 'deb"),
        ("format_version = 1", "format_version = 2", "pbc-agenda.toml: format_version: 2 is"),
    ],
)
def test_a_broken_file_names_file_and_key(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(AgendaError) as caught:
        load_agenda(path)
    assert str(caught.value).startswith(expected)
    assert caught.value.details == (str(path),)


def test_malformed_toml(tmp_path: Path) -> None:
    path = _broken(tmp_path, "[[strategies]]", "[[strategies]")
    with pytest.raises(AgendaError, match=r"^pbc-agenda\.toml: is not valid TOML: "):
        load_agenda(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AgendaError, match=r"^absent\.toml: cannot be read"):
        load_agenda(tmp_path / "absent.toml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "Café"'.encode("latin-1"))
    with pytest.raises(AgendaError, match=r"^latin1\.toml: is not UTF-8 text$"):
        load_agenda(path)


def test_byte_order_mark_is_accepted(tmp_path: Path, agenda: AgendaTemplate) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BUILT_IN.read_bytes())
    assert load_agenda(path) == agenda
