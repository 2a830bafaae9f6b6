from datetime import date, time
from urllib.parse import unquote

from rooted_desktop.core.feedback import feedback_message, mailto_url, shareable_session
from rooted_desktop.core.records import SectionNote, SessionRecord
from rooted_desktop.core.vocab import Mode, SessionStatus

SECRET = "COACH-ONLY-SENTINEL"


def record() -> SessionRecord:
    return SessionRecord(
        id=1, uid="u", provider_id=1, provider_name="Nguyễn Thị Ánh", day=date(2026, 11, 12),
        start_time=time(9, 30), minutes=60, mode=Mode.IN_PERSON, status=SessionStatus.COMPLETED,
        sections=(
            SectionNote("check-in", "Connect", "", None, False, f"check-in {SECRET}"),
            SectionNote("focus", "Focus", "", "focus", True, "Visual schedule"),
            SectionNote("next-visit", "Next visit", "", None, True, "Dec 3 at 9:30"),
        ),
        strategies=("obs-modelling",), focus="Visual schedule", strengths="Warm greetings",
        next_steps="Add pictures", joint_plan="Try the schedule daily", coach_notes=SECRET,
        feedback_sent_on=None, cms_entered_on=None,
    )  # fmt: skip


def test_feedback_has_shareable_fields_and_no_coach_only_text() -> None:
    subject, body = feedback_message(shareable_session(record()), coach_name="Maya")
    assert subject == "Coaching visit November 12, 2026 — notes and our plan"
    assert body.startswith("Hi Nguyễn,")
    for text in ("Visual schedule", "Warm greetings", "Add pictures", "Try the schedule daily",
                 "Next visit:\nDec 3 at 9:30", "Maya"):  # fmt: skip
        assert text in body
    assert SECRET not in body and SECRET not in subject


def test_mailto_encodes_unicode_and_line_breaks() -> None:
    url = mailto_url("anh@example.org", "Hi there", "Línea 1\nŁine 2")
    assert url.startswith("mailto:anh@example.org?subject=Hi%20there&body=")
    assert "%0D%0A" in url and " " not in url
    assert unquote(url.split("body=")[1]) == "Línea 1\r\nŁine 2"
