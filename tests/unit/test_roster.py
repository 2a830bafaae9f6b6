import pytest

from rooted_desktop.core.errors import UserError
from rooted_desktop.core.roster import parse_roster


def test_reads_a_roster_in_any_column_order_with_extra_columns() -> None:
    text = (
        "phone,Age Group,name,setting,notes,email,site\n"
        "402-555-0101,preschool,Nguyễn Thị Ánh,center,x,anh@example.org,Sunrise\n"
        "\n"
        "402-555-0102,Infant-Toddler,Łukasz Kowalczyk,FCCH,,,Home\n"
    )
    rows = parse_roster(text)
    assert [r.line for r in rows] == [2, 4]
    first, second = (r.provider for r in rows)
    assert first.name == "Nguyễn Thị Ánh"
    assert (first.setting, first.age_group, first.site) == ("center", "preschool", "Sunrise")
    assert (second.setting, second.age_group) == ("fcch", "infant-toddler")
    assert second.email == ""


def test_every_bad_row_is_reported_with_its_line() -> None:
    text = (
        "name,site,setting,age_group,email,phone\n"
        "Zoë Martínez,Site A,center,preschool,zoe@example.org,\n"
        ",Site B,center,preschool,,\n"
        "Ngozi,Site C,school,toddlers,not-an-email,\n"
        "zoë martínez,Site D,fcch,preschool,,\n"
    )
    with pytest.raises(UserError) as caught:
        parse_roster(text, source="roster.csv")
    error = caught.value
    assert "3 row(s)" in error.message and "nothing was imported" in error.message
    assert error.details[0] == "line 3: name is missing"
    assert error.details[1].startswith("line 4: setting is 'school'")
    assert "age group is 'toddlers'" in error.details[1]
    assert "email 'not-an-email'" in error.details[1]
    assert error.details[2] == "line 5: 'zoë martínez' is already on line 2"


def test_multiline_quoted_cells_keep_line_numbers_right() -> None:
    text = (
        'name,site,setting,age_group\n"Ana","Main St\nSuite 2",center,preschool\n'
        "Bo,,center,kindergarten\n"
    )
    with pytest.raises(UserError) as caught:
        parse_roster(text)
    assert caught.value.details == (
        "line 4: age group is 'kindergarten'; use 'infant-toddler' or 'preschool'",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("name,site\nAna,x\n", r"lacks the column\(s\) setting, age_group"),
        ("name,setting,age_group\n\n\n", "no providers"),
    ],
)
def test_unusable_files(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_roster(text)
