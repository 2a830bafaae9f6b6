"""Feedback to a provider after a session, built from shareable fields only.

``ShareableSession`` has no coach-only fields at all, so a provider-facing text cannot
include one by mistake: privacy by construction, not by care.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from urllib.parse import quote

from rooted_desktop.core.records import SessionRecord


@dataclass(frozen=True)
class ShareableSection:
    title: str
    text: str


@dataclass(frozen=True)
class ShareableSession:
    provider_name: str
    day: date
    start_time: time | None
    minutes: int
    mode_label: str
    focus: str
    strengths: str
    next_steps: str
    joint_plan: str
    other_sections: tuple[ShareableSection, ...]  # free-note sections marked shareable


def shareable_session(record: SessionRecord) -> ShareableSession:
    """The one place that decides which session fields a provider may see."""
    return ShareableSession(
        provider_name=record.provider_name,
        day=record.day,
        start_time=record.start_time,
        minutes=record.minutes,
        mode_label=record.mode.label,
        focus=record.focus,
        strengths=record.strengths,
        next_steps=record.next_steps,
        joint_plan=record.joint_plan,
        other_sections=tuple(
            ShareableSection(note.title, note.text)
            for note in record.sections
            if note.shareable and not note.field and note.text.strip()
        ),
    )


def feedback_message(session: ShareableSession, *, coach_name: str = "") -> tuple[str, str]:
    """(subject, body) of the feedback email."""
    when = f"{session.day:%B} {session.day.day}, {session.day.year}"
    subject = f"Coaching visit {when} — notes and our plan"
    first_name = session.provider_name.split()[0] if session.provider_name.strip() else ""
    parts = [f"Hi {first_name}," if first_name else "Hello,", ""]
    parts.append(f"Thank you for our coaching conversation on {when}. Here is what we shared.")
    for title, text in (
        ("Focus practice", session.focus),
        ("Strengths I noticed", session.strengths),
        ("Suggestions and next steps", session.next_steps),
        ("Our joint plan until the next visit", session.joint_plan),
        *((section.title, section.text) for section in session.other_sections),
    ):
        if text.strip():
            parts += ["", f"{title}:", text.strip()]
    parts += ["", "Warmly,", coach_name] if coach_name else ["", "Warmly"]
    return subject, "\n".join(parts).rstrip() + "\n"


def mailto_url(address: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068): spaces as %20 and line breaks as %0D%0A."""
    body_crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(address, safe='@.+-_')}"
        f"?subject={quote(subject, safe='')}&body={quote(body_crlf, safe='')}"
    )
