"""The bundled Year 2 guide, held against the program's own guide text, and the loader's checks."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from rooted_desktop.core.calendar import ProgramYear
from rooted_desktop.core.errors import UserError
from rooted_desktop.core.vocab import AgeGroup, Setting
from rooted_desktop.guide import (
    Component,
    Guide,
    GuideDataError,
    GuideError,
    Level,
    default_guide_path,
    load_default_guide,
    load_guide,
)

SEED = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "seed"
    / "rooted-year2-coaching-implementation-guide.txt"
)
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_default_guide()


# --- the seed: the guide as the program publishes it -------------------------------------


def _seed_months(field: str) -> frozenset[int] | None:
    """'November/December' -> {11, 12}; None if the field does not name months."""
    names = [name.strip() for name in field.split("/")]
    if not all(name in MONTHS for name in names):
        return None
    return frozenset(MONTHS[name] for name in names)


def _seed_lines() -> list[list[str]]:
    if not SEED.is_file():
        pytest.skip(f"the seed guide is not at {SEED}")
    return [line.split("\t") for line in SEED.read_text(encoding="utf-8").splitlines()]


def _seed_rows() -> list[tuple[frozenset[int], str]]:
    """(months, component) of every timeline row, in the seed's order."""
    rows = []
    for fields in _seed_lines():
        if len(fields) != 4 or fields[0].strip() == "Timeline":
            continue
        months = _seed_months(fields[0])
        component = fields[1].strip().rstrip("*").strip()
        if months is not None and component:
            rows.append((months, component))
    return rows


def _seed_periods() -> list[frozenset[int]]:
    """The months of each period heading ('July-August', 'September'), in order."""
    periods = []
    for fields in _seed_lines():
        if len(fields) == 4 and not any(field.strip() for field in fields[1:]):
            first, _, last = fields[0].strip().partition("-")
            if first in MONTHS and (not last or last in MONTHS):
                periods.append(frozenset(range(MONTHS[first], MONTHS[last or first] + 1)))
    return periods


def test_seed_parser_sees_the_whole_timeline() -> None:
    rows = _seed_rows()
    assert len(rows) == 29
    assert Counter(min(months) for months, _ in rows)[9] == 6  # September has 6 rows
    assert (frozenset({11, 12}), "Observation Debrief") in rows


def test_every_seed_row_is_in_the_guide(guide: Guide) -> None:
    seed = Counter(_seed_rows())
    ours = Counter((frozenset(row.months), row.component.value) for row in guide.rows)
    assert ours == seed


def test_rows_keep_the_seed_order(guide: Guide) -> None:
    assert [(frozenset(row.months), row.component.value) for row in guide.rows] == _seed_rows()


def test_periods_match_the_seed_headings(guide: Guide) -> None:
    assert [frozenset(period.months) for period in guide.periods] == _seed_periods()


def test_texts_spell_tpitos_right(guide: Guide) -> None:
    text = default_guide_path().read_text(encoding="utf-8")
    assert "TIPITOS" not in text
    assert "TPITOS" in guide.period_for_month(7).main_goal


# --- rules, trainings, periods -----------------------------------------------------------


def test_metadata(guide: Guide) -> None:
    assert guide.id == "rooted-year2-2025-07"
    assert guide.program_year == 2
    assert (guide.revision, guide.revision_label) == ("2025-07", "Updated July 2025")
    assert default_guide_path().name == "rooted-year2-2025-07.toml"


def test_rules(guide: Guide) -> None:
    rules = guide.rules
    assert rules.dosage_minutes_per_provider_per_month == 90
    assert (rules.pcm_min, rules.pcm_max) == (6, 12)
    assert rules.rc_per_month == 1
    assert rules.agenda_every_conversation
    assert rules.cms_entry_every_conversation
    assert "communit" in rules.scheduling_note


def test_observation_scores_are_never_shared(guide: Guide) -> None:
    assert guide.rules.observation_scores_shared is False
    note = guide.rules.observation_scores_note
    assert "TPOT" in note and "TPITOS" in note and "score" in note
    debrief = [row for row in guide.rows if row.component is Component.OBSERVATION_DEBRIEF]
    assert [row.months for row in debrief] == [(11, 12)]


def test_trainings(guide: Guide) -> None:
    trainings = {t.key: (t.name, t.suggested_months) for t in guide.trainings}
    assert trainings == {
        "3A": ("Pyramid Module 3A", (9,)),
        "3B": ("Pyramid Module 3B", (1,)),
        "PPP": ("Practice, Practice, Practice", (4,)),
    }
    training_rows = [row for row in guide.rows if row.component is Component.TRAINING]
    assert [(row.training, row.months) for row in training_rows] == [
        ("3A", (9,)),
        ("3B", (1,)),
        ("PPP", (4,)),
    ]


def test_pcm_rows_are_marked(guide: Guide) -> None:
    pcm_rows = [row for row in guide.rows if row.component is Component.PCM]
    assert len(pcm_rows) == 6  # July, September, November, January, March, May/June
    assert all(row.pcm for row in pcm_rows)
    assert not any(row.pcm for row in guide.rows if row.component is not Component.PCM)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_a_period_goal_and_rows(guide: Guide, month: int) -> None:
    period = guide.period_for_month(month)
    assert month in period.months
    assert len(period.main_goal) > 50
    assert guide.rows_for_month(month)


def test_periods(guide: Guide) -> None:
    titles = [(p.key, p.title, p.months) for p in guide.periods]
    assert titles == [
        ("jul-aug", "July–August", (7, 8)),
        ("sep", "September", (9,)),
        ("oct-dec", "October–December", (10, 11, 12)),
        ("jan-apr", "January–April", (1, 2, 3, 4)),
        ("may-jun", "May–June", (5, 6)),
    ]
    assert "3B" in guide.period_for_month(11).main_goal
    assert "December 31" in guide.period_for_month(9).main_goal


def test_rows_for_month_includes_shared_months(guide: Guide) -> None:
    november = [row.key for row in guide.rows_for_month(11)]
    assert november == ["nov-pcm", "nov-coaching", "novdec-observation-debrief", "novdec-data-boq"]
    december = [row.key for row in guide.rows_for_month(12)]
    assert december[:2] == ["novdec-observation-debrief", "novdec-data-boq"]
    assert len(december) == 5
    assert {row.key for row in guide.rows_for_month(6)} == {"mayjun-coaching", "mayjun-pcm"}


def test_month_out_of_range_is_refused(guide: Guide) -> None:
    with pytest.raises(ValueError):
        guide.period_for_month(13)
    with pytest.raises(ValueError):
        guide.rows_for_month(0)


def test_row_keys_are_unique_and_links_resolve(guide: Guide) -> None:
    keys = [row.key for row in guide.rows]
    assert len(keys) == len(set(keys)) == 29
    for row in guide.rows:
        for key in row.requirements + row.prepares_for:
            guide.requirement(key)
        if row.training:
            guide.training(row.training)
    assert guide.rows_for_month(9)[0].requirements == ("asq_se2",)


# --- data requirements -------------------------------------------------------------------


def test_due_dates_fall_in_the_program_year(guide: Guide) -> None:
    year = ProgramYear(2025)
    due = {spec.key: spec.due_date(year) for spec in guide.requirements}
    assert due["demographic_survey"] == due["asq_se2"] == date(2025, 9, 30)
    for key in ("boq", "fcch_boq", "satisfaction_survey", "tpot", "tpitos", "rc_survey"):
        assert due[key] == date(2025, 12, 31), key
    assert due["ci_survey"] == date(2026, 5, 31)


def test_requirement_flags(guide: Guide) -> None:
    asq = guide.requirement("asq_se2")
    assert asq.counts and asq.short_name == "ASQ-SE2"
    assert guide.requirement("tpot").observation and guide.requirement("tpitos").observation
    assert guide.requirement("ci_survey").optional
    assert guide.requirement("satisfaction_survey").name == (
        "Provider Satisfaction and Skill Evaluation Survey"
    )
    assert guide.requirement("demographic_survey").cms
    assert not any(s.counts for s in guide.requirements if s.key != "asq_se2")


def test_center_preschool_requirements(guide: Guide) -> None:
    keys = {s.key for s in guide.requirements_for(Setting.CENTER, AgeGroup.PRESCHOOL)}
    assert {"boq", "tpot", "demographic_survey", "asq_se2", "satisfaction_survey"} <= keys
    assert not keys & {"fcch_boq", "tpitos", "rc_survey"}


def test_fcch_infant_toddler_requirements(guide: Guide) -> None:
    keys = {s.key for s in guide.requirements_for(Setting.FCCH, AgeGroup.INFANT_TODDLER)}
    assert {"fcch_boq", "tpitos", "demographic_survey", "asq_se2"} <= keys
    assert not keys & {"boq", "tpot", "rc_survey"}


def test_coach_requirements(guide: Guide) -> None:
    (rc_survey,) = guide.coach_requirements()
    assert rc_survey.key == "rc_survey"
    assert rc_survey.level is Level.COACH
    assert not any(rc_survey.applies_to(setting, age) for setting in Setting for age in AgeGroup)


def test_unknown_keys_raise_key_error(guide: Guide) -> None:
    with pytest.raises(KeyError):
        guide.requirement("nope")
    with pytest.raises(KeyError):
        guide.training("3C")


def test_default_guide_is_cached() -> None:
    assert load_default_guide() is load_default_guide()


# --- malformed files ---------------------------------------------------------------------

Edit = Callable[[str], str]


def _replace(old: str, new: str) -> Edit:
    """Replace the first occurrence of old (which the real guide must contain)."""

    def edit(text: str) -> str:
        assert old in text, f"the guide no longer contains {old!r}"
        return text.replace(old, new, 1)

    return edit


def _drop_line(start: str) -> Edit:
    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        return "".join(lines[:index] + lines[index + 1 :])

    return edit


BAD_FILES = [
    pytest.param(
        lambda text: text + "\nthis is = = not toml\n",
        "is not valid TOML",
        id="syntax",
    ),
    pytest.param(
        _drop_line("dosage_minutes"),
        "rules.dosage_minutes_per_provider_per_month: missing",
        id="missing key",
    ),
    pytest.param(
        _drop_line('follow_up = "Upload the data to CMS."'),
        "periods[1].rows[1].follow_up: missing",
        id="missing row key",
    ),
    pytest.param(
        _replace('follow_up = "Upload the data to CMS."', 'folow_up = "Upload the data to CMS."'),
        "periods[1].rows[1].follow_up: missing (is 'folow_up' a typo?)",
        id="misspelt required key",
    ),
    pytest.param(
        _replace('prepares_for = ["demographic_survey"', 'prepare_for = ["demographic_survey"'),
        "periods[0].rows[3].prepare_for: unknown key",
        id="misspelt optional key",
    ),
    pytest.param(
        _replace("months = [10]", "months = [13]"),
        "periods[2].rows[0].months: 13 is not a month (1-12)",
        id="month 13",
    ),
    pytest.param(
        _replace("months = [10]", 'months = ["October"]'),
        "periods[2].rows[0].months[0]: should be a whole number, not text",
        id="month not a number",
    ),
    pytest.param(
        _replace('component = "Data/Evaluation"', 'component = "Data"'),
        "periods[0].rows[3].component: 'Data' is not one of",
        id="unknown component",
    ),
    pytest.param(
        _replace('key = "sep-data-demographic"', 'key = "sep-data-asq"'),
        "periods[1].rows[1].key: duplicate row key 'sep-data-asq'",
        id="duplicate row key",
    ),
    pytest.param(
        _replace('key = "oct-coaching"', 'key = "sep-coaching"'),
        "periods[2].rows[0].key: duplicate row key 'sep-coaching'",
        id="duplicate key across periods",
    ),
    pytest.param(
        _replace('requirements = ["asq_se2"]', 'requirements = ["asq"]'),
        "periods[1].rows[0].requirements[0]: unknown requirement 'asq'",
        id="unknown requirement link",
    ),
    pytest.param(
        _replace('training = "3A"', 'training = "3C"'),
        "periods[1].rows[5].training: unknown training '3C'",
        id="unknown training link",
    ),
    pytest.param(
        _replace("pcm_min = 6", 'pcm_min = "6"'),
        "rules.pcm_min: should be a whole number, not text",
        id="wrong type",
    ),
    pytest.param(
        _replace("pcm_max = 12", "pcm_max = true"),
        "rules.pcm_max: should be a whole number, not true/false",
        id="true for a number",
    ),
    pytest.param(
        _replace("pcm_min = 6", "pcm_min = 13"),
        "rules.pcm_max: 12 is less than pcm_min",
        id="pcm range",
    ),
    pytest.param(
        _replace("months = [10, 11, 12]", "months = [10, 11, 12, 9]"),
        "periods[2].months: 9 is also in periods[1]",
        id="month in two periods",
    ),
    pytest.param(
        _replace("months = [1, 2, 3, 4]", "months = [1, 2, 4]"),
        "periods: no period covers March",
        id="month in no period",
    ),
    pytest.param(
        _replace("months = [10]", "months = [9]"),
        "periods[2].rows[0].months: 9 is not a month of this period",
        id="row outside its period",
    ),
    pytest.param(
        _replace('settings = ["fcch"]', 'settings = ["home"]'),
        "requirements[3].settings: 'home' is not one of: center, fcch",
        id="unknown setting",
    ),
    pytest.param(
        _replace("due = { month = 9, day = 30 }", "due = { month = 9, day = 31 }"),
        "requirements[0].due.day: 31 is out of range (1-30)",
        id="bad due day",
    ),
    pytest.param(
        _replace('key = "fcch_boq"', 'key = "boq"'),
        "requirements[3].key: duplicate requirement key 'boq'",
        id="duplicate requirement",
    ),
    pytest.param(
        _replace('level = "coach"', 'level = "coach"\nsettings = ["center"]'),
        "requirements[8]: a coach-level requirement cannot name",
        id="coach-level narrowed",
    ),
    pytest.param(
        _replace('name = "Pyramid Module 3B"', 'name = "  "'),
        "trainings[1].name: is empty",
        id="empty text",
    ),
    pytest.param(
        _replace("format_version = 1", "format_version = 2"),
        "format_version: 2 is not supported",
        id="format version",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), BAD_FILES)
def test_malformed_guide_is_refused(tmp_path: Path, edit: Edit, expected: str) -> None:
    path = tmp_path / "broken-guide.toml"
    path.write_text(edit(default_guide_path().read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    message = str(caught.value)
    assert message.startswith("broken-guide.toml: ")
    assert expected in message
    assert isinstance(caught.value, UserError)
    assert caught.value.details == (str(path),)


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "guide.toml"
    path.write_text('format_version = 1\n[guide]\nid = "x\n', encoding="utf-8")
    with pytest.raises(GuideError, match=r"^guide\.toml: is not valid TOML: .*line 3"):
        load_guide(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match=r"^absent\.toml: cannot be read"):
        load_guide(tmp_path / "absent.toml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "Zoë"'.encode("latin-1"))
    with pytest.raises(GuideError, match="not UTF-8"):
        load_guide(path)


def test_byte_order_mark_is_accepted(tmp_path: Path, guide: Guide) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + default_guide_path().read_bytes())
    assert load_guide(path) == guide


def test_a_hand_built_guide_is_checked_too(guide: Guide) -> None:
    with pytest.raises(GuideDataError, match=r"^periods: no period covers September"):
        replace(guide, periods=tuple(p for p in guide.periods if p.key != "sep"))
