from datetime import date

from rooted_desktop.core.deadlines import DueState, due_state
from rooted_desktop.core.instruments import benchmarks_tool, observation_tool
from rooted_desktop.core.vocab import AgeGroup, Setting

DUE = date(2025, 9, 30)


def test_due_states() -> None:
    assert due_state(DUE, completed_on=None, today=date(2025, 8, 1)) is DueState.UPCOMING
    assert due_state(DUE, completed_on=None, today=date(2025, 9, 1)) is DueState.DUE_SOON
    assert due_state(DUE, completed_on=None, today=DUE) is DueState.DUE_SOON
    assert due_state(DUE, completed_on=None, today=date(2025, 10, 1)) is DueState.OVERDUE
    late = due_state(DUE, completed_on=date(2025, 10, 5), today=date(2025, 11, 1))
    assert late is DueState.DONE
    na = due_state(DUE, completed_on=None, today=date(2025, 10, 1), not_applicable=True)
    assert na is DueState.NOT_APPLICABLE


def test_instruments_by_setting_and_age_group() -> None:
    assert observation_tool(AgeGroup.PRESCHOOL) == "TPOT"
    assert observation_tool(AgeGroup.INFANT_TODDLER) == "TPITOS"
    assert benchmarks_tool(Setting.CENTER) == "BOQ"
    assert benchmarks_tool(Setting.FCCH) == "FCCH BOQ"
